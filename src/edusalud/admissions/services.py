"""Writes of admission cycles: running the match, keeping its result, publishing it."""

import datetime
from collections.abc import Callable

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from edusalud.accounts import services as accounts_services
from edusalud.accounts.models import User
from edusalud.admissions import selectors
from edusalud.admissions.matching import Result, blocking_pairs, match
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    Assignment,
    CycleStatus,
    MatchRun,
    MatchRunStatus,
    Position,
    Preference,
    ProgrammeRanking,
    RankingPeriod,
)
from edusalud.core.bulk import save_with_history
from edusalud.residents import services as residents_services
from edusalud.residents.models import Enrolment, Person

IMPORTED = "imported"
# What a file may change of an applicant already loaded.
APPLICANT_FIELDS = ["score", "category", "specialty", "prerequisite_evidence"]


# How far ahead a cycle may be prepared, in years.
CYCLE_YEARS_AHEAD = 5


def create_cycle(
    *, by: User | None, year: int, requires_complete_lists: bool, today: datetime.date
) -> AdmissionCycle:
    """A new cycle, as a draft: periods, places and applicants come next."""
    if not today.year <= year <= today.year + CYCLE_YEARS_AHEAD:
        raise ValidationError(
            {
                "year": _("The cycle's year must be between %(first)d and %(last)d.")
                % {"first": today.year, "last": today.year + CYCLE_YEARS_AHEAD}
            }
        )
    if AdmissionCycle.objects.filter(year=year).exists():
        raise ValidationError({"year": _("There is already a %(year)d cycle.") % {"year": year}})
    cycle = AdmissionCycle(year=year, requires_complete_lists=requires_complete_lists)
    cycle._history_user = by
    cycle._change_reason = "created"
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:  # created by someone else since the check above
        raise ValidationError(
            {"year": _("There is already a %(year)d cycle.") % {"year": year}}
        ) from None
    return cycle


@transaction.atomic
def add_period(
    *,
    by: User | None,
    cycle: AdmissionCycle,
    opens_on: datetime.date,
    closes_on: datetime.date,
    today: datetime.date,
) -> RankingPeriod:
    """Add the cycle's next ranking period: days in which applicants may change their lists."""
    cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
    _require_unpublished(cycle)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("A period cannot close before it opens.")})
    if closes_on < today:
        raise ValidationError(
            {"closes_on": _("This period would already be over: choose dates from today on.")}
        )
    for period in cycle.periods.all():
        if opens_on <= period.closes_on and period.opens_on <= closes_on:
            raise ValidationError(
                {
                    "opens_on": _("It overlaps period %(number)d (%(opens)s to %(closes)s).")
                    % {
                        "number": period.number,
                        "opens": date_format(period.opens_on, "SHORT_DATE_FORMAT"),
                        "closes": date_format(period.closes_on, "SHORT_DATE_FORMAT"),
                    }
                }
            )
    number = (cycle.periods.aggregate(last=Max("number"))["last"] or 0) + 1
    return RankingPeriod.objects.create(
        cycle=cycle, number=number, opens_on=opens_on, closes_on=closes_on
    )


@transaction.atomic
def open_for_ranking(*, by: User | None, cycle: AdmissionCycle) -> AdmissionCycle:
    """Let applicants rank sites during the cycle's periods: draft -> open for ranking."""
    cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.DRAFT:
        raise ValidationError(_("Only a draft cycle can be opened for ranking."), code="not_draft")
    missing = [
        message
        for exists, message in (
            (cycle.periods.exists(), _("a ranking period")),
            (cycle.positions.exists(), _("places")),
            (cycle.applicants.exists(), _("applicants")),
        )
        if not exists
    ]
    if missing:
        raise ValidationError(
            _("Before opening it, the cycle needs %(missing)s.")
            % {"missing": _(", ").join(str(m) for m in missing)},
            code="incomplete",
        )
    cycle.status = CycleStatus.OPEN
    cycle._history_user = by
    cycle._change_reason = "opened for ranking"
    cycle.save(update_fields=["status"])
    return cycle


def request_match(*, by: User | None, cycle: AdmissionCycle) -> MatchRun:
    """Queue a run of the cycle's match; the caller hands it to the background task."""
    with transaction.atomic():
        cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
        _require_unpublished(cycle)
        if not (cycle.positions.exists() and cycle.applicants.exists()):
            raise ValidationError(
                _("Load the cycle's places and applicants before running the match."),
                code="empty",
            )
        if cycle.runs.filter(status__in=(MatchRunStatus.QUEUED, MatchRunStatus.RUNNING)).exists():
            raise ValidationError(
                _("The match of this cycle is already running."), code="already_running"
            )
        return MatchRun.objects.create(cycle=cycle, requested_by=by)


def run_match(
    *, by: User | None, cycle: AdmissionCycle, progress: Callable[[int], None] = lambda n: None
) -> Result:
    """Match the cycle's applicants and keep the result, replacing an earlier unpublished one.

    `progress(n)` hears each step done (MatchRun.STEPS). Reading and matching
    take no lock; the result is written in one transaction.
    """
    _require_unpublished(cycle)
    market = selectors.market_of(cycle)
    progress(1)
    result = match(market)
    progress(2)
    if blocking_pairs(market, result.assignment):  # never, unless matching.py is broken
        raise RuntimeError("the match is not stable")
    progress(3)
    with transaction.atomic():
        cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
        _require_unpublished(cycle)
        positions = {key: pk for pk, key in selectors.position_keys(cycle).items()}
        applicants = dict(Applicant.objects.filter(cycle=cycle).values_list("folio", "pk"))
        Assignment.objects.filter(applicant__cycle=cycle).delete()
        Assignment.objects.bulk_create(
            Assignment(
                applicant_id=applicants[folio],
                position_id=positions[programme] if programme else None,
                rank_obtained=result.rank_obtained[folio],
            )
            for folio, programme in result.assignment.items()
        )
        cycle.status = CycleStatus.MATCHED
        cycle._history_user = by
        cycle._change_reason = "matched"
        cycle.save(update_fields=["status"])
    progress(4)
    return result


def _locked_for_import(cycle: AdmissionCycle, by: User | None) -> AdmissionCycle:
    """Lock an unpublished cycle for an import's writes and drop its now outdated result.

    A matched but unpublished result no longer describes the cycle once its
    places, applicants or lists change: it goes, and the match is run again.
    """
    cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
    _require_unpublished(cycle)
    if cycle.status == CycleStatus.MATCHED:
        Assignment.objects.filter(applicant__cycle=cycle).delete()
        cycle.status = CycleStatus.OPEN if cycle.periods.exists() else CycleStatus.DRAFT
        cycle._history_user = by
        cycle._change_reason = "result dropped: imported"
        cycle.save(update_fields=["status"])
    return cycle


@transaction.atomic
def save_positions(
    *, by: User | None, cycle: AdmissionCycle, created: list[Position], changed: list[Position]
) -> None:
    """Write checked positions of a file (exchange's import checked every rule)."""
    _locked_for_import(cycle, by)
    save_with_history(
        Position,
        created=created,
        changed=changed,
        fields=["places", "foreign_places"],
        by=by,
        reason=IMPORTED,
    )


@transaction.atomic
def save_applicants(
    *,
    by: User | None,
    cycle: AdmissionCycle,
    created: list[Applicant],
    changed: list[Applicant],
) -> None:
    """Write checked applicants of a file; new applicants may carry new (unsaved) people."""
    _locked_for_import(cycle, by)
    new_people = [applicant.person for applicant in created if applicant.person.pk is None]
    residents_services.create_people(by=by, people=new_people, reason=IMPORTED)
    save_with_history(
        Applicant,
        created=created,
        changed=changed,
        fields=APPLICANT_FIELDS,
        by=by,
        reason=IMPORTED,
    )
    # Applicants sign in to rank sites: each gets an account, without a password yet.
    residents_services.give_accounts(
        by=by,
        people=list(
            Person.objects.filter(applications__cycle=cycle, user__isnull=True).exclude(email="")
        ),
        reason="account for an applicant",
    )


@transaction.atomic
def replace_rank_lists(
    *,
    by: User | None,
    cycle: AdmissionCycle,
    preferences: dict[int, list[int]] | None = None,
    rankings: dict[int, list[int]] | None = None,
) -> None:
    """Replace whole rank lists from a checked file: applicants' or programmes' (by id)."""
    _locked_for_import(cycle, by)
    if preferences:
        Preference.objects.filter(applicant_id__in=list(preferences)).delete()
        Preference.objects.bulk_create(
            (
                Preference(applicant_id=applicant, position_id=position, rank=rank)
                for applicant, positions in preferences.items()
                for rank, position in enumerate(positions, start=1)
            ),
            batch_size=5_000,
        )
    if rankings:
        ProgrammeRanking.objects.filter(position_id__in=list(rankings)).delete()
        ProgrammeRanking.objects.bulk_create(
            (
                ProgrammeRanking(position_id=position, applicant_id=applicant, rank=rank)
                for position, applicants in rankings.items()
                for rank, applicant in enumerate(applicants, start=1)
            ),
            batch_size=5_000,
        )


# Invitations sent per batch: one connection to the mail server, one update of invited_at.
INVITATIONS_PER_BATCH = 100


def invite_applicants(
    cycle: AdmissionCycle, progress: Callable[[int, int], None] = lambda done, total: None
) -> int:
    """E-mail each applicant not yet invited a link to choose their password; how many.

    Only accounts that never had a password: someone who already signs in
    needs no invitation. Sending again later reaches only the new applicants.
    """
    pending = list(
        Applicant.objects.filter(
            cycle=cycle,
            invited_at__isnull=True,
            person__user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
            person__user__is_active=True,
        )
        .select_related("person__user", "specialty")
        .order_by("folio")
    )
    for start in range(0, len(pending), INVITATIONS_PER_BATCH):
        batch = pending[start : start + INVITATIONS_PER_BATCH]
        with get_connection() as connection:
            for applicant in batch:
                accounts_services.send_password_link(
                    applicant.person.user,
                    template="admissions/email/invitation",
                    context={"applicant": applicant, "cycle": cycle},
                    connection=connection,
                )
        Applicant.objects.filter(pk__in=[a.pk for a in batch]).update(invited_at=timezone.now())
        progress(start + len(batch), len(pending))
    return len(pending)


def _require_unpublished(cycle: AdmissionCycle) -> None:
    if cycle.status == CycleStatus.PUBLISHED:
        raise ValidationError(
            _("The %(year)d cycle is published: its assignment is final.") % {"year": cycle.year},
            code="published",
        )


@transaction.atomic
def publish(*, by: User | None, cycle: AdmissionCycle) -> int:
    """Make the matched assignment final: create the R1 enrolments; returns how many.

    All in one transaction. A cycle is published once; it must be matched first.
    """
    cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == CycleStatus.PUBLISHED:
        raise ValidationError(
            _("The %(year)d cycle was already published; an assignment is published once.")
            % {"year": cycle.year},
            code="already_published",
        )
    if cycle.status != CycleStatus.MATCHED:
        raise ValidationError(_("Run the match before publishing it."), code="not_matched")
    if not Assignment.objects.filter(applicant__cycle=cycle, position__isnull=False).exists():
        raise ValidationError(
            _("Nobody obtained a place: check the rank lists before publishing."),
            code="nobody_placed",
        )
    placed = Assignment.objects.filter(applicant__cycle=cycle, position__isnull=False).values_list(
        "applicant__person_id", "position__programme_id", "applicant__prerequisite_evidence"
    )
    starts_on = course_start(cycle)
    enrolments = [
        Enrolment(
            person_id=person_id,
            programme_id=programme_id,
            year=1,
            started_on=starts_on,
            prerequisite_evidence=evidence,
        )
        for person_id, programme_id, evidence in placed
    ]
    residents_services.enroll_admitted(by=by, enrolments=enrolments)
    cycle.status = CycleStatus.PUBLISHED
    cycle._history_user = by
    cycle._change_reason = "published"
    cycle.save(update_fields=["status"])
    return len(enrolments)


def course_start(cycle: AdmissionCycle) -> datetime.date:
    """Residencies of a cycle's year begin on 1 March."""
    return datetime.date(cycle.year, 3, 1)


@transaction.atomic
def save_ranking(*, applicant: Applicant, order: list[int], today: datetime.date) -> None:
    """Replace the applicant's rank list with `order` (position ids, best first).

    Only while a ranking period is open; only positions of their specialty in
    their cycle, each once; all of them when the cycle requires complete lists.
    """
    cycle = AdmissionCycle.objects.select_for_update().get(pk=applicant.cycle_id)
    if selectors.open_period(cycle, today) is None:
        raise ValidationError(
            _("Ranking is closed: lists can only change while a ranking period is open."),
            code="closed",
        )
    offered = set(selectors.offered_positions(applicant).values_list("pk", flat=True))
    if len(set(order)) != len(order) or not set(order) <= offered:
        raise ValidationError(
            _("The list may hold only the sites offering your specialty, each once."),
            code="unknown_position",
        )
    if cycle.requires_complete_lists and set(order) != offered:
        missing = len(offered - set(order))
        raise ValidationError(
            ngettext(
                "Rank every site that offers your specialty: %(missing)d is missing.",
                "Rank every site that offers your specialty: %(missing)d are missing.",
                missing,
            )
            % {"missing": missing},
            code="incomplete",
        )
    Preference.objects.filter(applicant=applicant).delete()
    Preference.objects.bulk_create(
        Preference(applicant=applicant, position_id=pk, rank=rank)
        for rank, pk in enumerate(order, start=1)
    )
