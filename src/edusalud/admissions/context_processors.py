from edusalud.accounts.selectors import scope_of
from edusalud.admissions import selectors


def application(request):
    """Whether the menu links to the user's own application.

    Coordinators and professors never apply, so only residents (a branch
    specialty) and users without a role (applicants) cost the one query.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    if scope.is_coordinator or scope.programme_ids:
        return {}
    return {"nav_application": selectors.application_of(user) is not None}
