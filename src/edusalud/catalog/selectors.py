"""Reads of the catalog, always scoped to a user.

Regions and specialties are reference data that every signed-in user may read.
Sites and programmes carry the institution's structure and are scoped:
coordinators see their region or site, professors the programmes they teach
(and their sites), residents the programme and site they are enrolled in.
"""

from django.db.models import Count, Q, QuerySet

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.core.scope import Scope


def regions_visible_to(user: User) -> QuerySet[Region]:
    if scope_of(user).is_empty:
        return Region.objects.none()
    return Region.objects.all()


def specialties_visible_to(user: User) -> QuerySet[Specialty]:
    if scope_of(user).is_empty:
        return Specialty.objects.none()
    return Specialty.objects.select_related("prerequisite")


def programme_scope_q(scope: Scope, *, prefix: str = "") -> Q:
    """Programmes (reached through `prefix`) covered by coordinator and professor roles.

    The resident's own scope is not here: it depends on the rows being read.
    """
    if scope.is_national:
        return Q()
    q = Q(pk__in=[])
    if scope.region_ids:
        q |= Q(**{f"{prefix}site__region_id__in": scope.region_ids})
    if scope.site_ids:
        q |= Q(**{f"{prefix}site_id__in": scope.site_ids})
    if scope.programme_ids:
        q |= Q(**{f"{prefix}id__in": scope.programme_ids})
    return q


def programmes_visible_to(user: User) -> QuerySet[Programme]:
    scope = scope_of(user)
    base = Programme.objects.select_related("specialty", "site__region")
    if scope.is_national:
        return base
    q = programme_scope_q(scope)
    if scope.self_user_id:
        # Through a subquery: the join over enrolments could repeat rows.
        q |= Q(
            pk__in=Programme.objects.filter(enrolments__person__user_id=scope.self_user_id).values(
                "pk"
            )
        )
    return base.filter(q)


def sites_visible_to(user: User) -> QuerySet[Site]:
    scope = scope_of(user)
    base = Site.objects.select_related("region")
    if scope.is_national:
        return base
    q = Q(pk__in=[])
    if scope.region_ids:
        q |= Q(region_id__in=scope.region_ids)
    if scope.site_ids:
        q |= Q(pk__in=scope.site_ids)
    if scope.programme_ids or scope.self_user_id:
        q |= Q(pk__in=programmes_visible_to(user).values("site_id"))
    return base.filter(q)


def site_list(
    user: User, *, search: str = "", region: str = "", kind: str = "", care_level: str = ""
):
    sites = sites_visible_to(user).annotate(programme_count=Count("programmes"))
    if search:
        sites = sites.filter(Q(name__icontains=search) | Q(clues__icontains=search))
    if region:
        sites = sites.filter(region__code=region)
    if kind:
        sites = sites.filter(kind=kind)
    if care_level:
        sites = sites.filter(care_level=care_level)
    return sites.order_by("name")


def specialty_list(user: User, *, search: str = "", entry: str = ""):
    specialties = (
        specialties_visible_to(user)
        .select_related("prerequisite")
        .annotate(programme_count=Count("programmes", distinct=True))
    )
    if search:
        specialties = specialties.filter(
            Q(name_es__icontains=search) | Q(name_en__icontains=search) | Q(code__icontains=search)
        )
    if entry:
        specialties = specialties.filter(entry=entry)
    return specialties.order_by("name_es")


def programme_list(
    user: User, *, search: str = "", specialty: str = "", region: str = "", quality: str = ""
):
    programmes = programmes_visible_to(user)
    if search:
        programmes = programmes.filter(
            Q(specialty__name_es__icontains=search)
            | Q(site__name__icontains=search)
            | Q(site__clues__icontains=search)
        )
    if specialty:
        programmes = programmes.filter(specialty__code=specialty)
    if region:
        programmes = programmes.filter(site__region__code=region)
    if quality == "recognised":
        programmes = programmes.quality_recognised()
    return programmes.order_by("specialty__name_es", "site__name")
