import datetime

import pytest
from django.core.exceptions import ValidationError

from edusalud.training import services
from edusalud.training.models import Participation, ParticipationStatus
from tests.factories import PersonFactory
from tests.training.conftest import TODAY

pytestmark = pytest.mark.django_db


def _statuses(edition):
    return list(
        edition.participations.order_by("requested_at", "pk").values_list("status", flat=True)
    )


def test_places_are_given_in_order_then_the_waiting_list(edition):
    people = [PersonFactory() for _ in range(4)]

    counts = services.enrol(by=None, edition=edition, people=people, today=TODAY)

    assert counts == {"enrolled": 2, "waiting": 2, "skipped": 0}
    assert _statuses(edition) == ["enrolled", "enrolled", "waiting", "waiting"]


def test_enrolling_someone_twice_leaves_their_place_as_it_was(edition):
    person = PersonFactory()
    services.enrol(by=None, edition=edition, people=[person], today=TODAY)

    counts = services.enrol(by=None, edition=edition, people=[person, person], today=TODAY)

    assert counts == {"enrolled": 0, "waiting": 0, "skipped": 2}
    assert edition.participations.count() == 1


def test_withdrawing_gives_the_place_to_the_first_waiting(edition):
    first, second, third, fourth = (PersonFactory() for _ in range(4))
    services.enrol(by=None, edition=edition, people=[first, second, third, fourth], today=TODAY)
    leaving = edition.participations.get(person=first)

    promoted = services.withdraw(by=None, participation=leaving)

    assert promoted.person == third
    assert dict(edition.participations.values_list("person_id", "status")) == {
        first.pk: "withdrawn",
        second.pk: "enrolled",
        third.pk: "enrolled",
        fourth.pk: "waiting",
    }


def test_withdrawing_from_the_waiting_list_promotes_nobody(edition):
    people = [PersonFactory() for _ in range(3)]
    services.enrol(by=None, edition=edition, people=people, today=TODAY)

    promoted = services.withdraw(
        by=None, participation=edition.participations.get(person=people[2])
    )

    assert promoted is None
    assert _statuses(edition) == ["enrolled", "enrolled", "withdrawn"]


def test_an_ended_edition_takes_nobody(edition):
    with pytest.raises(ValidationError, match="ya terminó"):
        services.enrol(
            by=None,
            edition=edition,
            people=[PersonFactory()],
            today=edition.ends_on + datetime.timedelta(days=1),
        )
    assert not edition.participations.exists()


def test_a_resident_enrols_themselves(edition, world):
    participation = services.enrol_self(user=world.users["resident"], edition=edition, today=TODAY)

    assert participation.person == world.enrolment.person
    assert participation.status == ParticipationStatus.ENROLLED


def test_asking_twice_for_a_place_is_refused(edition, world):
    services.enrol_self(user=world.users["resident"], edition=edition, today=TODAY)

    with pytest.raises(ValidationError, match="Ya solicitaste"):
        services.enrol_self(user=world.users["resident"], edition=edition, today=TODAY)


def test_a_course_for_residents_refuses_a_professor_without_record(edition, world):
    with pytest.raises(ValidationError, match="no tiene un expediente personal"):
        services.enrol_self(user=world.users["professor"], edition=edition, today=TODAY)
    assert not Participation.objects.exists()


def test_a_course_for_another_year_refuses_the_resident(edition, world):
    edition.course.resident_year = world.enrolment.year + 1
    edition.course.save()

    with pytest.raises(ValidationError, match="dirigido a residentes de R"):
        services.enrol_self(user=world.users["resident"], edition=edition, today=TODAY)
    assert not Participation.objects.exists()
