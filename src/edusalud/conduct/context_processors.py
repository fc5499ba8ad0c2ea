from django.utils import timezone

from edusalud.conduct import selectors


def pending_codes(request):
    """The current code versions the signed-in user still has to accept, for the banner.

    A lazy queryset: its one query runs only where a template reads it, and
    the scope it needs is the one the navigation already loaded.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"pending_codes": selectors.pending_for(user, timezone.localdate())}
