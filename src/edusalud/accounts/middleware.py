import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LOGIN_AT = "edusalud_login_at"
SEEN_AT = "edusalud_seen_at"
# Writing the session on every request would cost a query each; a minute of
# precision on a 30-minute idle limit is enough.
SEEN_PRECISION_SECONDS = 60


def stamp_login(sender, request, user, **kwargs) -> None:
    """Start both clocks at login (connected to user_logged_in in apps.py)."""
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """End a session after SESSION_IDLE_SECONDS idle or SESSION_COOKIE_AGE in all.

    The absolute limit counts from the login, so activity cannot keep a
    session alive for ever on a shared computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = int(time.time())
        # A session from before these clocks existed starts them now.
        login_at = session.setdefault(LOGIN_AT, now)
        seen_at = session.setdefault(SEEN_AT, now)
        if now - seen_at > settings.SESSION_IDLE_SECONDS:
            expired = _("Your session ended after %(minutes)d minutes without activity.") % {
                "minutes": settings.SESSION_IDLE_SECONDS // 60
            }
        elif now - login_at > settings.SESSION_COOKIE_AGE:
            expired = _("Your session ended %(hours)d hours after you signed in.") % {
                "hours": settings.SESSION_COOKIE_AGE // 3600
            }
        else:
            if now - seen_at >= SEEN_PRECISION_SECONDS:
                session[SEEN_AT] = now
            return
        logout(request)
        messages.info(request, expired + " " + _("Please sign in again."))
