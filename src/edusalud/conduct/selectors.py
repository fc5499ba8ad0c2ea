"""Reads of the codes, their versions and who accepted them, scoped to a user.

Every signed-in user reads the codes; every active user with a role must
accept their current versions. Coverage is for coordinators, over the sites
they manage: a site answers for its site coordinators, the professors of its
programmes and its residents in training (linked to an account with the
resident role). National and regional coordinators belong to no site, so they
count in no site's coverage.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, F, OuterRef, QuerySet, Subquery, Value

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Site
from edusalud.conduct.models import Acknowledgement, Code, CodeVersion
from edusalud.residents.enums import IN_TRAINING
from edusalud.residents.models import Enrolment
from edusalud.residents.selectors import manageable_sites


def codes_visible_to(user: User) -> QuerySet[Code]:
    return Code.objects.all() if user.is_authenticated else Code.objects.none()


def can_publish_versions(user: User) -> bool:
    return user.is_authenticated and scope_of(user).is_national


def coverage_sites(user: User) -> QuerySet[Site]:
    """The sites whose coverage the user reads: those they manage; none for non-coordinators."""
    if not user.is_authenticated or not scope_of(user).is_coordinator:
        return Site.objects.none()
    return manageable_sites(user).select_related("region")


def current_versions(today: datetime.date) -> QuerySet[CodeVersion]:
    """The version in force of each code: the highest number published on or before `today`."""
    latest = (
        CodeVersion.objects.filter(code=OuterRef("code"), published_on__lte=today)
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        CodeVersion.objects.filter(published_on__lte=today, number=Subquery(latest))
        .select_related("code")
        .order_by("code__title")
    )


def current_version_of(code: Code, today: datetime.date) -> CodeVersion | None:
    return code.versions.filter(published_on__lte=today).order_by("-number").first()


def versions_of(code: Code, user: User, today: datetime.date) -> QuerySet[CodeVersion]:
    """A code's versions, newest first; those scheduled for later only for who publishes them."""
    versions = code.versions.order_by("-number")
    if can_publish_versions(user):
        return versions
    return versions.filter(published_on__lte=today)


def latest_version_of(code: Code) -> CodeVersion | None:
    """The last version published or scheduled: the base of the next one."""
    return code.versions.order_by("-number").first()


def acknowledgement_of(user: User, version: CodeVersion) -> Acknowledgement | None:
    return Acknowledgement.objects.filter(user_id=user.pk, version=version).first()


def pending_for(user: User, today: datetime.date) -> QuerySet[CodeVersion]:
    """Current versions the user must accept and has not (one query once the scope is known)."""
    if not user.is_authenticated or scope_of(user).is_empty:
        return CodeVersion.objects.none()
    return current_versions(today).exclude(acknowledgements__user_id=user.pk)


def my_codes(user: User, today: datetime.date) -> QuerySet[CodeVersion]:
    """Each current version with when the user accepted it and the last version they accepted."""
    mine = Acknowledgement.objects.filter(user_id=user.pk)
    return current_versions(today).annotate(
        accepted_at=Subquery(mine.filter(version=OuterRef("pk")).values("acknowledged_at")[:1]),
        last_accepted=Subquery(
            mine.filter(version__code=OuterRef("code"))
            .order_by("-version__number")
            .values("version__number")[:1]
        ),
    )


# Each source of "people a site answers for": the role, the model, and the paths to the
# site, the account and its names.
_SOURCES = [
    (
        Role.SITE,
        lambda sites: RoleAssignment.objects.filter(
            role=Role.SITE, site__in=sites, user__is_active=True
        ),
        "site_id",
        "user",
    ),
    (
        Role.PROFESSOR,
        lambda sites: RoleAssignment.objects.filter(
            role=Role.PROFESSOR, programme__site__in=sites, user__is_active=True
        ),
        "programme__site_id",
        "user",
    ),
    (
        Role.RESIDENT,
        lambda sites: Enrolment.objects.filter(
            status__in=IN_TRAINING,
            programme__site__in=sites,
            person__user__is_active=True,
            person__user__role_assignments__role=Role.RESIDENT,
        ),
        "programme__site_id",
        "person__user",
    ),
]


@dataclass(frozen=True)
class _Member:
    site_id: int
    user_id: int
    role: str
    name: str
    sort_key: tuple  # surname first, as lists of people are read
    accepted: tuple  # when each current version was accepted, None where it was not


def _members(sites: QuerySet[Site], versions: list[CodeVersion]) -> list[_Member]:
    """Everyone the sites answer for, with their acceptances, in one query whatever the size."""
    site_ids = sites.order_by().values("pk")
    parts = []
    for role, rows, site_path, user_path in _SOURCES:
        # Annotated in the same order in every part: a UNION matches columns by position.
        part = rows(site_ids).annotate(
            m_site=F(site_path),
            m_user=F(f"{user_path}_id"),
            m_role=Value(str(role), output_field=CharField()),
            m_first=F(f"{user_path}__first_name"),
            m_last=F(f"{user_path}__last_name"),
            m_username=F(f"{user_path}__username"),
        )
        accepted = {
            f"v{v.pk}": Subquery(
                Acknowledgement.objects.filter(version_id=v.pk, user_id=OuterRef("m_user")).values(
                    "acknowledged_at"
                )[:1]
            )
            for v in versions
        }
        part = part.annotate(**accepted).order_by()
        columns = ["m_site", "m_user", "m_role", "m_first", "m_last", "m_username", *accepted]
        parts.append(part.values_list(*columns))
    rows = parts[0].union(*parts[1:])
    return [
        _Member(
            site_id=site_id,
            user_id=user_id,
            role=role,
            name=f"{first} {last}".strip() or username,
            sort_key=(last.casefold(), first.casefold(), username),
            accepted=tuple(accepted),
        )
        for site_id, user_id, role, first, last, username, *accepted in rows
    ]


@dataclass(frozen=True)
class Cell:
    """One code's coverage over a group of people."""

    version: CodeVersion
    expected: int
    accepted: int

    @property
    def pending(self) -> int:
        return self.expected - self.accepted

    @property
    def percent(self) -> int | None:
        # Rounded down: a site with one person pending must not read 100 %.
        return self.accepted * 100 // self.expected if self.expected else None


@dataclass(frozen=True)
class Row:
    label: str
    site: Site | None
    people: int
    cells: list[Cell]


def _row(label: str, site: Site | None, versions, members: list[_Member]) -> Row:
    # Someone tied to a site twice (coordinator and professor) counts once.
    accepted_by_user = {m.user_id: m.accepted for m in members}
    cells = [
        Cell(
            version=v,
            expected=len(accepted_by_user),
            accepted=sum(1 for a in accepted_by_user.values() if a[i] is not None),
        )
        for i, v in enumerate(versions)
    ]
    return Row(label=label, site=site, people=len(accepted_by_user), cells=cells)


@dataclass(frozen=True)
class Coverage:
    versions: list[CodeVersion]
    total: Row  # everyone in the viewer's scope, once
    regions: list[Row]
    sites: list[Row]


def coverage(user: User, today: datetime.date) -> Coverage:
    """Who accepted each current version, per site, region and in all, over the user's sites.

    A fixed number of queries whatever the number of sites and people.
    """
    sites_qs = coverage_sites(user)
    sites = list(sites_qs.order_by("region__name", "name"))
    versions = list(current_versions(today))
    by_site = defaultdict(list)
    for member in _members(sites_qs, versions) if sites else []:
        by_site[member.site_id].append(member)
    site_rows = [_row(s.name, s, versions, by_site[s.pk]) for s in sites]
    by_region = defaultdict(list)
    for site in sites:
        by_region[site.region].extend(by_site[site.pk])
    region_rows = [_row(r.name, None, versions, m) for r, m in by_region.items()]
    everyone = [m for members in by_site.values() for m in members]
    return Coverage(
        versions=versions,
        total=_row("", None, versions, everyone),
        regions=region_rows,
        sites=site_rows,
    )


@dataclass(frozen=True)
class PersonStatus:
    user_id: int
    name: str
    sort_key: tuple
    roles: list[str]  # role labels, as the page shows them
    accepted: list  # per current version: when it was accepted, or None

    @property
    def is_pending(self) -> bool:
        return any(a is None for a in self.accepted)


@dataclass(frozen=True)
class SiteCoverage:
    site: Site
    versions: list[CodeVersion]
    row: Row
    pending: list[PersonStatus]  # people with a current version still to accept


def site_coverage(site: Site, today: datetime.date) -> SiteCoverage:
    """One site's coverage and who is pending there (three queries).

    The caller took `site` from coverage_sites(user).
    """
    versions = list(current_versions(today))
    members = _members(Site.objects.filter(pk=site.pk), versions)
    people: dict[int, PersonStatus] = {}
    for m in members:
        if m.user_id not in people:
            people[m.user_id] = PersonStatus(
                user_id=m.user_id,
                name=m.name,
                sort_key=m.sort_key,
                roles=[],
                accepted=list(m.accepted),
            )
        people[m.user_id].roles.append(str(Role(m.role).label))
    pending = sorted((p for p in people.values() if p.is_pending), key=lambda p: p.sort_key)
    return SiteCoverage(
        site=site,
        versions=versions,
        row=_row(site.name, site, versions, members),
        pending=pending,
    )
