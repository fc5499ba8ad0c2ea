"""Writes of admission cycles: running the match and keeping its result."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.admissions import selectors
from edusalud.admissions.matching import Result, blocking_pairs, match
from edusalud.admissions.models import AdmissionCycle, Applicant, Assignment, CycleStatus


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
