"""The history page of a person: who changed what and when, for coordinators in scope."""

import datetime

import pytest
from django.urls import reverse

from edusalud.residents import services
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import Enrolment
from edusalud.residents.selectors import history_visible_to
from tests.factories import EnrolmentFactory, ProgrammeFactory, SpecialtyFactory, national_user

pytestmark = pytest.mark.django_db


def history_url(person) -> str:
    return reverse("residents:person_history", args=[person.pk])


def test_history_shows_changes_newest_first_with_actor_and_reason(client, world):
    site_coordinator = world.users["site"]
    services.put_on_leave(by=site_coordinator, enrolment=world.classmate)
    services.return_from_leave(by=world.users["regional"], enrolment=world.classmate)
    client.force_login(world.users["national"])

    response = client.get(history_url(world.classmate.person))

    latest, previous = list(response.context["page"])[:2]
    assert (latest.actor, latest.reason) == (
        world.users["regional"].get_full_name(),
        "regreso de licencia",
    )
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("estado", "con licencia", "activo")
    ]
    assert (previous.actor, previous.reason) == (site_coordinator.get_full_name(), "licencia")
    assert latest.at > previous.at


def test_history_shows_values_as_people_read_them(client, world):
    enrolment = EnrolmentFactory(
        programme=ProgrammeFactory(
            specialty=SpecialtyFactory(name_es="Medicina Interna", duration_years=1),
            site=world.site,
        ),
        status=EnrolmentStatus.ACTIVE,
    )
    user = national_user()
    services.graduate_resident(by=user, enrolment=enrolment, on=datetime.date(2027, 2, 28))
    services.record_hiring_outcome(
        by=user, enrolment=enrolment, is_hired=True, hired_on=datetime.date(2027, 3, 16)
    )
    client.force_login(user)

    response = client.get(history_url(enrolment.person))

    hiring, graduation = list(response.context["page"])[:2]
    assert [(c.label, c.old, c.new) for c in hiring.changes] == [
        ("contratado(a) por el Instituto", "", "Sí"),
        ("fecha de contratación", "", "16/03/2027"),
    ]
    assert [(c.label, c.old, c.new) for c in graduation.changes] == [
        ("estado", "activo", "egresado"),
        ("fecha de término", "", "28/02/2027"),
    ]
    assert hiring.record == f"inscripción · {enrolment.programme}"


def test_history_lists_the_values_a_record_was_created_with(client, world):
    user = world.users["site"]
    person = services.register_person(
        by=user,
        first_names="Rosa",
        last_name="Núñez",
        curp=None,
        nationality="HN",
        passport_number="H1234567",
        sex="F",
        birth_date=datetime.date(1994, 8, 9),
    )
    services.enroll_resident(
        by=user, person=person, programme=world.programme, year=1, started_on=datetime.date.today()
    )
    client.force_login(user)

    response = client.get(history_url(person))

    enrolled, registered = list(response.context["page"])
    assert (registered.kind, registered.reason) == ("+", "registro")
    changes = {c.label: c.new for c in registered.changes}
    assert changes["nacionalidad"] == "Honduras"
    assert changes["sexo"] == "Mujer"
    assert changes["fecha de nacimiento"] == "09/08/1994"
    assert changes["nombre(s)"] == "Rosa"
    assert {c.label: c.new for c in enrolled.changes}["programa"] == str(world.programme)
    page = response.content.decode()
    assert "Núñez" in page
    assert "Honduras" in page


def test_history_hides_enrolments_outside_the_coordinators_scope(client, world):
    # The person graduated in another region, then started a branch at the site.
    person = world.classmate.person
    Enrolment.objects.filter(pk=world.classmate.pk).delete()
    old = EnrolmentFactory(person=person, programme=world.foreign_programme)
    services.withdraw_resident(by=national_user(), enrolment=old, reason="Cambio de ciudad")
    current = EnrolmentFactory(person=person, programme=world.programme)
    services.promote_resident(by=world.users["site"], enrolment=current)
    client.force_login(world.users["site"])

    response = client.get(history_url(person))

    records = {entry.record for entry in response.context["page"]}
    assert records == {"persona", f"inscripción · {current.programme}"}
    assert "Cambio de ciudad" not in response.content.decode()


@pytest.mark.parametrize("role", ["professor", "resident", "other_site"])
def test_history_is_404_outside_the_coordinators(client, world, role):
    services.promote_resident(by=world.users["site"], enrolment=world.enrolment)
    client.force_login(world.users[role])

    response = client.get(history_url(world.enrolment.person))

    assert response.status_code == 404


@pytest.mark.parametrize("changes", [1, 3])
def test_history_page_makes_a_constant_number_of_queries(
    client, world, django_assert_num_queries, changes
):
    user = world.users["national"]
    enrolment = world.classmate
    for _ in range(changes):
        services.put_on_leave(by=user, enrolment=enrolment)
        services.return_from_leave(by=user, enrolment=enrolment)
    client.force_login(user)

    # session, user, roles, import permission (2, for the menu), codes to accept
    # (the banner), person, person history, enrolment history, programme names
    with django_assert_num_queries(10):
        response = client.get(history_url(enrolment.person))

    assert response.context["page"].paginator.count == 2 + 2 * changes


def test_history_page_is_paginated(client, world):
    user = world.users["national"]
    for _ in range(30):
        services.put_on_leave(by=user, enrolment=world.classmate)
        services.return_from_leave(by=user, enrolment=world.classmate)
    client.force_login(user)

    response = client.get(history_url(world.classmate.person), {"page": 2})

    assert response.context["page"].number == 2
    assert response.context["page"].paginator.count == 62
    assert len(response.context["page"]) == 12


def test_history_selector_of_a_person_without_history_is_empty(world):
    Enrolment.history.all().delete()
    world.classmate.person.history.all().delete()

    assert history_visible_to(world.users["national"], world.classmate.person) == []
