import logging

from axes.utils import reset
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from edusalud.accounts.models import User

log = logging.getLogger(__name__)


def unlock_account(*, by: User, user: User) -> int:
    """Lift a login lockout before its cool-off ends; returns the attempts cleared.

    The caller has checked that `user` is in `by`'s scope (selectors.users_visible_to).
    """
    cleared = reset(username=user.username)
    log.info("Login lockout of user %s lifted by user %s", user.pk, by.pk)
    return cleared


def new_users(people: list[tuple[str, str, str]]) -> list[User]:
    """Unsaved accounts without a password for (e-mail, first name, last name).

    The e-mail is the username; the owner chooses a password through the
    link of `send_password_link` (decision 0013).
    """
    users = []
    for email, first_name, last_name in people:
        user = User(
            username=email.lower(), email=email.lower(), first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        users.append(user)
    return users


def password_link(user: User) -> str:
    """An absolute link to choose a password, valid for settings.PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", args=[uid, token])
    return settings.SITE_URL.rstrip("/") + path


def send_password_link(user: User, *, template: str, context: dict, connection=None) -> None:
    """E-mail `user` a link to choose their password; `template` words the message.

    `template` names a pair "<template>_subject.txt" and "<template>.txt";
    `connection` lets a batch share one connection to the mail server.
    """
    context = {**context, "user": user, "link": password_link(user)}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection)
