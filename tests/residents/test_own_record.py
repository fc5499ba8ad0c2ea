"""Professors and coordinators register their own personal record, to take courses."""

import datetime

import pytest
from django.urls import reverse

from edusalud.residents.models import Person
from tests.factories import make_curp

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1978, 5, 17)


def form(**changes):
    return {
        "first_names": "Héctor",
        "last_name": "Villaseñor",
        "second_last_name": "Ruiz",
        "nationality": "MX",
        "curp": make_curp(birth_date=BIRTH, sex="M"),
        "sex": "M",
        "birth_date": BIRTH.isoformat(),
        **changes,
    }


def test_a_professor_registers_their_record_and_can_then_enrol(client, world):
    professor = world.users["professor"]
    client.force_login(professor)

    response = client.post(reverse("residents:own_record"), form())

    person = Person.objects.get(user=professor)
    assert response.url == reverse("training:course_list")
    assert (person.full_name, person.email) == ("Héctor Villaseñor Ruiz", professor.email)
    assert person.history.first().history_user == professor


def test_a_curp_that_disagrees_with_the_birth_date_saves_nothing(client, world):
    client.force_login(world.users["professor"])

    response = client.post(reverse("residents:own_record"), form(birth_date="1979-05-17"))

    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors
    assert not Person.objects.filter(user=world.users["professor"]).exists()


def test_someone_with_a_record_is_sent_to_their_profile(client, world):
    client.force_login(world.users["resident"])

    response = client.get(reverse("residents:own_record"))

    assert response.url == reverse("residents:profile")
