import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from edusalud.training import services
from edusalud.training.models import Certificate, ParticipationStatus
from tests.factories import PersonFactory
from tests.training.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(edition):
    services.enrol(by=None, edition=edition, people=[PersonFactory(), PersonFactory()], today=TODAY)
    return list(edition.participations.order_by("pk"))


def test_passing_issues_a_certificate_with_the_facts_of_the_day(edition, enrolled):
    passed, failed = enrolled

    issued = services.record_results(
        by=None,
        edition=edition,
        results={passed.pk: (True, 92.5), failed.pk: (False, 40)},
        today=TODAY,
    )

    assert [c.participation_id for c in issued] == [passed.pk]
    certificate = Certificate.objects.get()
    assert certificate.person_name == passed.person.full_name
    assert certificate.course_title == "Buen trato en la atención médica"
    assert certificate.hours == 40
    assert certificate.areas == "Buen trato; Liderazgo"
    assert certificate.place == edition.site.name
    assert certificate.issued_on == TODAY
    assert re.fullmatch(
        r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", certificate.code
    )
    failed.refresh_from_db()
    assert (failed.status, failed.grade) == (ParticipationStatus.FAILED, 40)


def test_renaming_the_course_later_leaves_the_certificate_as_issued(edition, enrolled):
    services.record_results(
        by=None, edition=edition, results={enrolled[0].pk: (True, None)}, today=TODAY
    )

    edition.course.title = "Otro nombre"
    edition.course.save()

    assert Certificate.objects.get().course_title == "Buen trato en la atención médica"


def test_results_before_the_edition_starts_are_refused(edition, enrolled):
    with pytest.raises(ValidationError, match="una vez que haya iniciado"):
        services.record_results(
            by=None,
            edition=edition,
            results={enrolled[0].pk: (True, 90)},
            today=edition.starts_on - datetime.timedelta(days=1),
        )
    assert not Certificate.objects.exists()
    assert {p.status for p in edition.participations.all()} == {"enrolled"}


@pytest.mark.parametrize("grade", [-1, 100.5, 250])
def test_a_grade_out_of_range_saves_nothing(edition, enrolled, grade):
    with pytest.raises(ValidationError, match="entre 0 y 100"):
        services.record_results(
            by=None,
            edition=edition,
            results={enrolled[0].pk: (True, 80), enrolled[1].pk: (True, grade)},
            today=TODAY,
        )
    assert not Certificate.objects.exists()
    assert {p.status for p in edition.participations.all()} == {"enrolled"}


def test_results_are_final(edition, enrolled):
    services.record_results(
        by=None, edition=edition, results={enrolled[0].pk: (True, None)}, today=TODAY
    )

    with pytest.raises(ValidationError, match="personas inscritas"):
        services.record_results(
            by=None, edition=edition, results={enrolled[0].pk: (False, None)}, today=TODAY
        )
    assert Certificate.objects.count() == 1


def test_closing_waits_for_every_result(edition, enrolled):
    services.record_results(
        by=None, edition=edition, results={enrolled[0].pk: (True, None)}, today=TODAY
    )

    with pytest.raises(ValidationError, match="1 persona aún no tiene resultado"):
        services.close_edition(by=None, edition=edition, today=TODAY)

    services.record_results(
        by=None, edition=edition, results={enrolled[1].pk: (False, None)}, today=TODAY
    )
    services.close_edition(by=None, edition=edition, today=TODAY)
    with pytest.raises(ValidationError, match="cerrada"):
        services.enrol(by=None, edition=edition, people=[PersonFactory()], today=TODAY)


def test_attendance_counts_only_people_enrolled(edition, enrolled):
    session = edition.sessions.get()
    services.record_attendance(session=session, present={enrolled[0].pk})

    assert dict(session.attendances.values_list("participation_id", "present")) == {
        enrolled[0].pk: True,
        enrolled[1].pk: False,
    }
    with pytest.raises(ValidationError, match="Solo se toma asistencia"):
        services.record_attendance(session=session, present={enrolled[0].pk + 1000})


def test_revoking_needs_a_reason_and_happens_once(edition, enrolled, world):
    services.record_results(
        by=None, edition=edition, results={enrolled[0].pk: (True, None)}, today=TODAY
    )
    certificate = Certificate.objects.get()

    with pytest.raises(ValidationError):
        services.revoke_certificate(
            by=world.users["site"], certificate=certificate, reason=" ", today=TODAY
        )
    services.revoke_certificate(
        by=world.users["site"],
        certificate=certificate,
        reason="Asistencia no acreditada",
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="ya fue revocada"):
        services.revoke_certificate(
            by=world.users["site"], certificate=certificate, reason="otra vez", today=TODAY
        )
    certificate.refresh_from_db()
    assert certificate.revoked_on == TODAY
    assert certificate.revocation_reason == "Asistencia no acreditada"
