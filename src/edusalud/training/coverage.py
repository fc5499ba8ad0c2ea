"""Who complies with each required-training rule, computed from rows (reads only).

A rule targets the residents in training (active, of one year or all) or the
professors, within the viewer's coordination. Each person is compliant (done),
pending (not yet due) or overdue:

- a course rule is done once the person passed an edition of the course; it is
  due `days` after the start of their current year of residency (for
  professors, after 1 January);
- an hours rule counts the hours of courses passed (of its area, if any) in
  editions that ended this calendar year; it is due on 31 December.

Every function makes a fixed number of queries, whatever the number of people.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Site
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import Enrolment
from edusalud.residents.selectors import manageable_sites
from edusalud.training.models import (
    Audience,
    Edition,
    Participation,
    ParticipationStatus,
    RuleKind,
    TrainingRule,
)

DONE, PENDING, OVERDUE = "done", "pending", "overdue"


@dataclass(frozen=True)
class Target:
    person_id: int
    name: str
    email: str
    site_id: int
    specialty: str
    year: int | None  # residents' R-year; None for professors
    starts_on: datetime.date  # when the period the rule counts from began


@dataclass(frozen=True)
class Standing:
    target: Target
    status: str
    due_on: datetime.date
    progress: int  # hours done (hours rules); 1 or 0 (course rules)


@dataclass
class SiteCoverage:
    site: Site
    counts: Counter = field(default_factory=Counter)

    @property
    def targeted(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> float | None:
        return self.counts[DONE] * 100 / self.targeted if self.targeted else None


def rules_visible_to(user: User) -> QuerySet[TrainingRule]:
    """Every rule, for coordinators (each reads its coverage in their own sites)."""
    if not scope_of(user).is_coordinator:
        return TrainingRule.objects.none()
    return TrainingRule.objects.select_related("course", "area")


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year + years, day=28)


def targets_of(
    rule: TrainingRule,
    *,
    sites: QuerySet[Site],
    today: datetime.date,
    specialty: str = "",
    year: int | None = None,
) -> list[Target]:
    """The people the rule applies to at these sites (one query)."""
    if rule.audience == Audience.RESIDENTS:
        enrolments = Enrolment.objects.filter(
            status=EnrolmentStatus.ACTIVE, programme__site__in=sites.values("pk")
        )
        if rule.resident_year:
            enrolments = enrolments.filter(year=rule.resident_year)
        if specialty:
            enrolments = enrolments.filter(programme__specialty__code=specialty)
        if year:
            enrolments = enrolments.filter(year=year)
        rows = enrolments.values_list(
            "person_id",
            "person__first_names",
            "person__last_name",
            "person__second_last_name",
            "person__email",
            "programme__site_id",
            "programme__specialty__name_es",
            "year",
            "started_on",
        ).order_by("person__last_name", "person__second_last_name", "person__first_names")
        return [
            Target(
                person_id=pk,
                name=" ".join(part for part in (first, last, second) if part),
                email=email,
                site_id=site_id,
                specialty=specialty_name,
                year=r_year,
                starts_on=_shift_years(started_on, r_year - 1),
            )
            for pk, first, last, second, email, site_id, specialty_name, r_year, started_on in rows
        ]
    if year:
        return []  # professors have no R-year
    roles = RoleAssignment.objects.filter(
        role=Role.PROFESSOR,
        programme__site__in=sites.values("pk"),
        user__person__isnull=False,
        user__is_active=True,
    )
    if specialty:
        roles = roles.filter(programme__specialty__code=specialty)
    rows = roles.values_list(
        "user__person__id",
        "user__person__first_names",
        "user__person__last_name",
        "user__person__second_last_name",
        "user__person__email",
        "programme__site_id",
        "programme__specialty__name_es",
    ).order_by("user__person__last_name", "user__person__first_names", "user__person__id")
    seen, targets = set(), []
    for pk, first, last, second, email, site_id, specialty_name in rows:
        if pk in seen:  # a professor of two programmes counts once, at the first
            continue
        seen.add(pk)
        targets.append(
            Target(
                person_id=pk,
                name=" ".join(part for part in (first, last, second) if part),
                email=email,
                site_id=site_id,
                specialty=specialty_name,
                year=None,
                starts_on=datetime.date(today.year, 1, 1),
            )
        )
    return targets


def standings(rule: TrainingRule, targets: list[Target], *, today: datetime.date) -> list[Standing]:
    """Each target's status under the rule (one query)."""
    people = [t.person_id for t in targets]
    passed = Participation.objects.filter(status=ParticipationStatus.PASSED, person_id__in=people)
    if rule.kind == RuleKind.COURSE:
        done = set(
            passed.filter(edition__course_id=rule.course_id).values_list("person_id", flat=True)
        )
        progress = dict.fromkeys(done, 1)
    else:
        passed = passed.filter(edition__ends_on__year=today.year)
        if rule.area_id:
            passed = passed.filter(edition__course__areas=rule.area_id)
        progress = defaultdict(int)
        for pk, hours in passed.values_list("person_id", "edition__course__hours"):
            progress[pk] += hours
        done = {pk for pk, hours in progress.items() if hours >= rule.hours}
    result = []
    for target in targets:
        if rule.kind == RuleKind.COURSE:
            due = target.starts_on + datetime.timedelta(days=rule.days)
        else:
            due = datetime.date(today.year, 12, 31)
        status = DONE if target.person_id in done else OVERDUE if today > due else PENDING
        result.append(Standing(target, status, due, progress.get(target.person_id, 0)))
    return result


def standings_in(
    rule: TrainingRule, user: User, *, today: datetime.date, **filters
) -> list[Standing]:
    """Everyone the rule applies to in the user's sites, with their status (two queries).

    `filters`: region (code), site (CLUES), specialty (code), year (R-year).
    """
    sites = manageable_sites(user)
    if filters.get("region"):
        sites = sites.filter(region__code=filters["region"])
    if filters.get("site"):
        sites = sites.filter(clues=filters["site"])
    targets = targets_of(
        rule,
        sites=sites,
        today=today,
        specialty=filters.get("specialty", ""),
        year=filters.get("year"),
    )
    return standings(rule, targets, today=today)


def by_site(rows: list[Standing]) -> list[SiteCoverage]:
    """The standings counted per site, the least covered first (one query for the sites)."""
    sites = Site.objects.select_related("region").in_bulk({r.target.site_id for r in rows})
    coverage: dict[int, SiteCoverage] = {}
    for row in rows:
        entry = coverage.setdefault(row.target.site_id, SiteCoverage(sites[row.target.site_id]))
        entry.counts[row.status] += 1
    return sorted(coverage.values(), key=lambda c: (c.rate or 0, c.site.name))


def totals(rows: list[SiteCoverage]) -> Counter:
    total = Counter()
    for row in rows:
        total.update(row.counts)
    return total


def summary(rule: TrainingRule, user: User, *, today: datetime.date, **filters) -> dict:
    """The rule's totals in the user's sites (and filters), as the list and dashboard show them."""
    total = totals(by_site(standings_in(rule, user, today=today, **filters)))
    targeted = sum(total.values())
    return {
        "rule": rule.pk,
        "name": rule.name,
        "targeted": targeted,
        "done": total[DONE],
        "pending": total[PENDING],
        "overdue": total[OVERDUE],
        "rate": round(total[DONE] / targeted, 4) if targeted else None,
    }


def history_models() -> tuple:
    """The history tables whose rows the coverage reads, for caches keyed by data version."""
    return (Participation.history.model, TrainingRule.history.model, Edition.history.model)
