"""Writes of admission cycles: running the match, keeping its result, publishing it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.admissions import selectors
from edusalud.admissions.matching import Result, blocking_pairs, match
from edusalud.admissions.models import AdmissionCycle, Applicant, Assignment, CycleStatus
from edusalud.residents import services as residents_services
from edusalud.residents.models import Enrolment


@transaction.atomic
def run_match(*, by: User | None, cycle: AdmissionCycle) -> Result:
    """Match the cycle's applicants and keep the result, replacing an earlier unpublished one."""
    cycle = AdmissionCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == CycleStatus.PUBLISHED:
        raise ValidationError(
            _("The %(year)d cycle is published: its assignment is final.") % {"year": cycle.year}
        )
    market = selectors.market_of(cycle)
    result = match(market)
    if blocking_pairs(market, result.assignment):  # never, unless matching.py is broken
        raise RuntimeError("the match is not stable")

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
    return result


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
    placed = Assignment.objects.filter(applicant__cycle=cycle, position__isnull=False).values_list(
        "applicant__person_id", "position__programme_id"
    )
    starts_on = course_start(cycle)
    enrolments = [
        Enrolment(person_id=person_id, programme_id=programme_id, year=1, started_on=starts_on)
        for person_id, programme_id in placed
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
