import datetime

import pytest
from django.urls import reverse

from edusalud.residents.enums import Sex
from edusalud.residents.models import Person
from tests.factories import make_curp

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1995, 3, 14)


def person_form(**overrides):
    data = {
        "first_names": "Ana",
        "last_name": "López",
        "second_last_name": "",
        "curp": make_curp(birth_date=BIRTH, sex=Sex.FEMALE).lower(),
        "nationality": "MX",
        "passport_number": "",
        "sex": Sex.FEMALE,
        "birth_date": BIRTH.isoformat(),
        "email": "",
        "user": "",
        # the enrolments inline
        "enrolments-TOTAL_FORMS": "0",
        "enrolments-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_admin_adds_a_person_with_a_consistent_curp(admin_client):
    data = person_form()

    response = admin_client.post(reverse("admin:residents_person_add"), data)

    assert response.status_code == 302
    assert Person.objects.get().curp == data["curp"].upper()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"birth_date": "1995-03-15"}, "birth_date", "no coincide con la de la CURP"),
        ({"sex": Sex.MALE}, "sex", "no coincide con el de la CURP"),
        ({"curp": ""}, "curp", "necesita CURP"),
        ({"curp": "", "nationality": "CO"}, "passport_number", "número de pasaporte"),
    ],
)
def test_admin_refuses_a_person_the_residents_pages_would_refuse(
    admin_client, overrides, field, message
):
    response = admin_client.post(reverse("admin:residents_person_add"), person_form(**overrides))

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    assert not Person.objects.exists()


def test_the_admin_does_not_search_by_curp_because_searches_go_in_the_url(admin_client):
    from edusalud.residents.admin import EnrolmentAdmin, PersonAdmin

    for admin_class in (PersonAdmin, EnrolmentAdmin):
        assert not [f for f in admin_class.search_fields if "curp" in f or "passport" in f]
