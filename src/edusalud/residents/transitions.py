"""The status changes a coordinator can make on an enrolment, as data for the pages.

Each entry names its form and the service it calls; the page offers only the
transitions the enrolment's current state allows.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from edusalud.residents import services
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.forms import EmptyForm, GraduateForm, HiringForm, ReasonForm, TransferForm
from edusalud.residents.models import Enrolment


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    form_class: type
    run: Callable
    allowed: Callable[[Enrolment], bool]
    is_danger: bool = False


def _is_last_year(enrolment: Enrolment) -> bool:
    return enrolment.year >= enrolment.programme.specialty.duration_years


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "promote",
            _("Promote to next year"),
            EmptyForm,
            lambda by, e, data: services.promote_resident(by=by, enrolment=e),
            lambda e: e.status == EnrolmentStatus.ACTIVE and not _is_last_year(e),
        ),
        Transition(
            "graduate",
            _("Graduate"),
            GraduateForm,
            lambda by, e, data: services.graduate_resident(by=by, enrolment=e, on=data["on"]),
            lambda e: e.status == EnrolmentStatus.ACTIVE and _is_last_year(e),
        ),
        Transition(
            "leave",
            _("Put on leave"),
            EmptyForm,
            lambda by, e, data: services.put_on_leave(by=by, enrolment=e),
            lambda e: e.status == EnrolmentStatus.ACTIVE,
        ),
        Transition(
            "return",
            _("Return from leave"),
            EmptyForm,
            lambda by, e, data: services.return_from_leave(by=by, enrolment=e),
            lambda e: e.status == EnrolmentStatus.ON_LEAVE,
        ),
        Transition(
            "transfer",
            _("Transfer to another site"),
            TransferForm,
            lambda by, e, data: services.transfer_resident(
                by=by, enrolment=e, to_site=data["site"]
            ),
            lambda e: e.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.ON_LEAVE),
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            ReasonForm,
            lambda by, e, data: services.withdraw_resident(
                by=by, enrolment=e, reason=data["reason"]
            ),
            lambda e: e.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.ON_LEAVE),
            is_danger=True,
        ),
        Transition(
            "hiring",
            _("Record hiring outcome"),
            HiringForm,
            lambda by, e, data: services.record_hiring_outcome(
                by=by, enrolment=e, is_hired=data["is_hired"], hired_on=data["hired_on"]
            ),
            lambda e: e.status == EnrolmentStatus.GRADUATED,
        ),
    ]
}
