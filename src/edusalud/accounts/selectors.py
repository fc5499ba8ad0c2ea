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
