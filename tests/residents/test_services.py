import datetime

import pytest
from django.core.exceptions import ValidationError

from edusalud.catalog.enums import EntryKind
from edusalud.residents import services
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person
from tests.factories import (
    EnrolmentFactory,
    PersonFactory,
    ProgrammeFactory,
    SiteFactory,
    SpecialtyFactory,
    UserFactory,
    make_curp,
)

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1996, 7, 9)


def person_fields(**overrides):
    fields = {
        "first_names": "María José",
        "last_name": "Hernández",
        "second_last_name": "Ruiz",
        "curp": make_curp(birth_date=BIRTH, sex=Sex.FEMALE),
        "sex": Sex.FEMALE,
        "birth_date": BIRTH,
    }
    return fields | overrides


def test_register_person_rejects_a_curp_that_disagrees_with_the_birth_date():
    fields = person_fields(birth_date=datetime.date(1990, 1, 1))

    with pytest.raises(ValidationError) as error:
        services.register_person(by=None, **fields)

    assert list(error.value.message_dict) == ["birth_date"]
    assert Person.objects.count() == 0


def test_register_person_rejects_a_curp_with_a_wrong_check_digit():
    curp = person_fields()["curp"]
    fields = person_fields(curp=curp[:-1] + str((int(curp[-1]) + 3) % 10))

    with pytest.raises(ValidationError) as error:
        services.register_person(by=None, **fields)

    assert "curp" in error.value.message_dict
    assert Person.objects.count() == 0


def test_register_person_accepts_a_foreigner_with_passport_and_no_curp():
    fields = person_fields(curp=None, nationality="HN", passport_number="C1234567")

    person = services.register_person(by=None, **fields)

    assert person.curp is None
    assert person.is_foreign


def test_register_person_refuses_a_foreigner_without_curp_or_passport():
    with pytest.raises(ValidationError) as error:
        services.register_person(by=None, **person_fields(curp=None, nationality="CO"))

    assert list(error.value.message_dict) == ["passport_number"]


def test_admit_resident_beyond_the_duration_saves_nothing():
    programme = ProgrammeFactory(specialty__duration_years=3)

    with pytest.raises(ValidationError) as error:
        services.admit_resident(
            by=None,
            programme=programme,
            year=4,
            started_on=datetime.date(2026, 3, 1),
            **person_fields(),
        )

    assert list(error.value.message_dict) == ["year"]
    assert Person.objects.count() == 0
    assert Enrolment.objects.count() == 0


def test_enroll_in_a_branch_specialty_requires_the_prerequisite():
    internal_medicine = SpecialtyFactory(name_es="Medicina Interna")
    cardiology = SpecialtyFactory(
        name_es="Cardiología", entry=EntryKind.BRANCH, prerequisite=internal_medicine
    )
    programme = ProgrammeFactory(specialty=cardiology)
    person = PersonFactory()

    with pytest.raises(ValidationError) as error:
        services.enroll_resident(
            by=None,
            person=person,
            programme=programme,
            year=1,
            started_on=datetime.date(2026, 3, 1),
        )

    assert list(error.value.message_dict) == ["prerequisite_evidence"]
    assert "Medicina Interna" in error.value.message_dict["prerequisite_evidence"][0]
    assert not Enrolment.objects.exists()


def test_enroll_in_a_branch_specialty_after_graduating_the_prerequisite():
    internal_medicine = SpecialtyFactory()
    cardiology = SpecialtyFactory(entry=EntryKind.BRANCH, prerequisite=internal_medicine)
    earlier = EnrolmentFactory(
        programme__specialty=internal_medicine, status=EnrolmentStatus.GRADUATED, year=4
    )

    enrolment = services.enroll_resident(
        by=None,
        person=earlier.person,
        programme=ProgrammeFactory(specialty=cardiology),
        year=1,
        started_on=datetime.date(2026, 3, 1),
    )

    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_enroll_refuses_a_second_current_enrolment():
    current = EnrolmentFactory()

    with pytest.raises(ValidationError) as error:
        services.enroll_resident(
            by=None,
            person=current.person,
            programme=ProgrammeFactory(),
            year=1,
            started_on=datetime.date(2026, 3, 1),
        )

    assert list(error.value.message_dict) == ["programme"]


def test_promote_moves_to_the_next_year_and_records_who():
    user = UserFactory()
    enrolment = EnrolmentFactory(year=1, programme__specialty__duration_years=3)

    services.promote_resident(by=user, enrolment=enrolment)

    enrolment.refresh_from_db()
    assert enrolment.year == 2
    latest = enrolment.history.latest()
    assert (latest.history_user, latest.history_change_reason, latest.year) == (user, "promoted", 2)


def test_promote_in_the_last_year_is_refused():
    enrolment = EnrolmentFactory(year=3, programme__specialty__duration_years=3)

    with pytest.raises(ValidationError):
        services.promote_resident(by=None, enrolment=enrolment)

    enrolment.refresh_from_db()
    assert enrolment.year == 3


def test_graduate_only_in_the_last_year():
    early = EnrolmentFactory(year=2, programme__specialty__duration_years=3)
    last = EnrolmentFactory(year=3, programme__specialty__duration_years=3)

    with pytest.raises(ValidationError):
        services.graduate_resident(by=None, enrolment=early)
    services.graduate_resident(by=None, enrolment=last, on=datetime.date(2027, 2, 28))

    early.refresh_from_db()
    last.refresh_from_db()
    assert early.status == EnrolmentStatus.ACTIVE
    assert (last.status, last.ended_on) == (EnrolmentStatus.GRADUATED, datetime.date(2027, 2, 28))


def test_leave_and_return():
    enrolment = EnrolmentFactory()

    services.put_on_leave(by=None, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ON_LEAVE
    with pytest.raises(ValidationError):
        services.promote_resident(by=None, enrolment=enrolment)
    services.return_from_leave(by=None, enrolment=enrolment)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_withdraw_requires_a_reason_and_keeps_it():
    enrolment = EnrolmentFactory()

    with pytest.raises(ValidationError):
        services.withdraw_resident(by=None, enrolment=enrolment, reason="  ")
    services.withdraw_resident(by=None, enrolment=enrolment, reason="Motivos personales")

    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.withdrawal_reason) == (
        EnrolmentStatus.WITHDRAWN,
        "Motivos personales",
    )


def test_transfer_moves_to_the_same_specialty_at_the_other_site():
    enrolment = EnrolmentFactory()
    target = ProgrammeFactory(specialty=enrolment.programme.specialty)

    services.transfer_resident(by=None, enrolment=enrolment, to_site=target.site)

    enrolment.refresh_from_db()
    assert enrolment.programme == target
    assert enrolment.history.count() == 2


def test_transfer_to_a_site_without_the_specialty_is_refused():
    enrolment = EnrolmentFactory()
    before = enrolment.programme_id

    with pytest.raises(ValidationError) as error:
        services.transfer_resident(by=None, enrolment=enrolment, to_site=SiteFactory())

    assert list(error.value.message_dict) == ["site"]
    enrolment.refresh_from_db()
    assert enrolment.programme_id == before


def test_hiring_outcome_only_for_graduates_and_with_a_date_when_hired():
    active = EnrolmentFactory()
    graduate = EnrolmentFactory(
        status=EnrolmentStatus.GRADUATED, ended_on=datetime.date(2026, 2, 28)
    )

    with pytest.raises(ValidationError):
        services.record_hiring_outcome(by=None, enrolment=active, is_hired=True, hired_on=None)
    with pytest.raises(ValidationError) as error:
        services.record_hiring_outcome(by=None, enrolment=graduate, is_hired=True, hired_on=None)
    assert list(error.value.message_dict) == ["hired_on"]
    services.record_hiring_outcome(
        by=None, enrolment=graduate, is_hired=True, hired_on=datetime.date(2026, 3, 16)
    )

    graduate.refresh_from_db()
    assert (graduate.is_hired_by_institute, graduate.hired_on) == (True, datetime.date(2026, 3, 16))
