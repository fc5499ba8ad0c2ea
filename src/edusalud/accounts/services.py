import logging

from axes.utils import reset

from edusalud.accounts.models import User

log = logging.getLogger(__name__)


def unlock_account(*, by: User, user: User) -> int:
    """Lift a login lockout before its cool-off ends; returns the attempts cleared.

    The caller has checked that `user` is in `by`'s scope (selectors.users_visible_to).
    """
    cleared = reset(username=user.username)
    log.info("Login lockout of user %s lifted by user %s", user.pk, by.pk)
    return cleared
