from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.utils import timezone

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.core.scope import Scope

_CACHE_ATTR = "_edusalud_scope"


def scope_of(user: User) -> Scope:
    """The union of the user's role assignments, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = RoleAssignment.objects.filter(user=user).values_list(
        "role", "region_id", "site_id", "programme_id"
    )
    is_national = False
    regions, sites, programmes = set(), set(), set()
    self_user_id = None
    for role, region_id, site_id, programme_id in rows:
        if role == Role.NATIONAL:
            is_national = True
        elif role == Role.REGIONAL:
            regions.add(region_id)
        elif role == Role.SITE:
            sites.add(site_id)
        elif role == Role.PROFESSOR:
            programmes.add(programme_id)
        elif role == Role.RESIDENT:
            self_user_id = user.pk
    scope = Scope(
        is_national=is_national,
        region_ids=frozenset(regions),
        site_ids=frozenset(sites),
        programme_ids=frozenset(programmes),
        self_user_id=self_user_id,
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def roles_of(user: User) -> list[RoleAssignment]:
    return list(
        RoleAssignment.objects.filter(user=user).select_related(
            "region", "site", "programme__specialty", "programme__site"
        )
    )


class SystemActor:
    """The actor of command-line tools run by operators with database access: national scope."""

    is_authenticated = True
    is_active = True
    pk = None
    username = "system"

    def __init__(self):
        setattr(self, _CACHE_ATTR, Scope(is_national=True))


SYSTEM = SystemActor()


def users_visible_to(viewer: User):
    """The accounts a coordinator looks after: those whose roles or residency lie in their scope.

    Relations are named as strings: accounts sits below catalog and residents
    and must not import them.
    """
    scope = scope_of(viewer)
    if scope.is_national:
        return User.objects.all()
    if not (scope.region_ids or scope.site_ids):
        return User.objects.none()
    sites = Q(pk__in=[])
    for prefix in ("role_assignments__site", "role_assignments__programme__site"):
        sites |= Q(**{f"{prefix}_id__in": scope.site_ids})
        sites |= Q(**{f"{prefix}__region_id__in": scope.region_ids})
    sites |= Q(role_assignments__region_id__in=scope.region_ids)
    sites |= Q(person__enrolments__programme__site_id__in=scope.site_ids)
    sites |= Q(person__enrolments__programme__site__region_id__in=scope.region_ids)
    return User.objects.filter(pk__in=User.objects.filter(sites).values("pk"))


def locked_accounts_visible_to(viewer: User) -> list[dict]:
    """Accounts locked out now (failed logins within the cool-off), in the viewer's scope."""
    limit = settings.AXES_FAILURE_LIMIT
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=limit)
    )
    by_username = {row["username"]: row for row in rows}
    users = users_visible_to(viewer).filter(username__in=by_username).order_by("username")
    cooloff = timedelta(hours=settings.AXES_COOLOFF_TIME)
    return [
        {
            "user": user,
            "failures": by_username[user.username]["failures"],
            "last_attempt": by_username[user.username]["last_attempt"],
            "unlocks_at": by_username[user.username]["last_attempt"] + cooloff,
        }
        for user in users
    ]
