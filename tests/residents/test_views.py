import datetime

import pytest
from django.urls import reverse

from edusalud.catalog.enums import EntryKind
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person
from tests.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SpecialtyFactory,
    make_curp,
    national_user,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 3])
def test_resident_list_makes_a_constant_number_of_queries(client, django_assert_num_queries, rows):
    EnrolmentFactory.create_batch(rows)
    client.force_login(national_user())

    # session, user, roles, import permission (2, for the menu), codes to accept
    # (the banner), site and specialty choices, manageable sites, count, page
    with django_assert_num_queries(11):
        response = client.get(reverse("residents:enrolment_list"))

    assert response.context["page"].paginator.count == rows


def test_resident_list_of_a_site_coordinator_hides_other_sites(client, world):
    client.force_login(world.users["site"])

    response = client.get(reverse("residents:enrolment_list"))

    shown = set(response.context["page"])
    assert shown == {world.enrolment, world.classmate}
    assert world.foreign_enrolment.person.full_name not in response.content.decode()


def test_resident_list_filters_by_year_and_origin(client, world):
    EnrolmentFactory(
        programme=world.programme,
        year=2,
        person__curp=None,
        person__nationality="CU",
        person__passport_number="K998877",
    )
    client.force_login(world.users["national"])

    response = client.get(reverse("residents:enrolment_list"), {"year": "2", "origin": "foreign"})

    assert [e.person.nationality.code for e in response.context["page"]] == ["CU"]


def test_resident_sees_own_record(client, world):
    client.force_login(world.users["resident"])

    response = client.get(reverse("residents:person_detail", args=[world.enrolment.person_id]))

    assert response.status_code == 200
    assert response.context["can_manage"] is False
    assert reverse("residents:person_history", args=[world.enrolment.person_id]) not in (
        response.content.decode()
    )


def _form_data(programme, **overrides):
    birth = datetime.date(1997, 4, 12)
    data = {
        "first_names": "Luis Ángel",
        "last_name": "Ñúñez",
        "second_last_name": "Peña",
        "nationality": "MX",
        "curp": make_curp(birth_date=birth, sex=Sex.MALE),
        "sex": Sex.MALE,
        "birth_date": birth.isoformat(),
        "site": programme.site.clues,
        "specialty": programme.specialty_id,
        "year": "1",
        "started_on": "2026-03-01",
    }
    return data | overrides


def test_register_resident_creates_the_person_and_enrolment(client, world):
    client.force_login(world.users["site"])

    response = client.post(reverse("residents:resident_create"), _form_data(world.programme))

    person = Person.objects.get(last_name="Ñúñez")
    assert response.status_code == 302
    assert response.url == reverse("residents:person_detail", args=[person.pk])
    enrolment = person.enrolments.get()
    assert (enrolment.programme, enrolment.year) == (world.programme, 1)
    assert enrolment.history.get().history_user == world.users["site"]


def _wrong_check_digit(data):
    curp = data["curp"]
    return curp[:-1] + str((int(curp[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d, w: {"curp": _wrong_check_digit(d)}, "curp", "dígito verificador"),
        (lambda d, w: {"year": "4"}, "year", "R1 y R3"),
        (lambda d, w: {"site": "DFIMS999999"}, "site", "No existe una sede con la CLUES"),
        (lambda d, w: {"site": w.foreign_site.clues}, "site", "fuera de su ámbito"),
        (lambda d, w: {"birth_date": "1990-01-01"}, "birth_date", "no coincide"),
    ],
)
def test_register_resident_bad_input_is_explained_on_the_field_and_saves_nothing(
    client, world, change, field, message
):
    client.force_login(world.users["site"])
    data = _form_data(world.programme)
    before = (Person.objects.count(), Enrolment.objects.count())

    response = client.post(reverse("residents:resident_create"), data | change(data, world))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert (Person.objects.count(), Enrolment.objects.count()) == before


def test_register_resident_in_a_branch_specialty_without_prerequisite(client, world):
    branch = SpecialtyFactory(
        name_es="Neonatología",
        entry=EntryKind.BRANCH,
        prerequisite=world.sibling_programme.specialty,
    )
    programme = ProgrammeFactory(specialty=branch, site=world.site)
    client.force_login(world.users["site"])

    response = client.post(reverse("residents:resident_create"), _form_data(programme))

    assert "Pediatría" in " ".join(response.context["form"].errors["prerequisite_evidence"])
    assert not Person.objects.filter(last_name="Ñúñez").exists()


def test_transition_promote_from_the_page(client, world):
    client.force_login(world.users["site"])

    response = client.post(
        reverse("residents:enrolment_transition", args=[world.classmate.pk, "promote"])
    )

    assert response.status_code == 302
    world.classmate.refresh_from_db()
    assert world.classmate.year == 2


def test_transition_withdraw_without_reason_shows_the_error_and_changes_nothing(client, world):
    client.force_login(world.users["site"])
    url = reverse("residents:enrolment_transition", args=[world.classmate.pk, "withdraw"])

    response = client.post(url, {f"withdraw-{world.classmate.pk}-reason": ""})

    assert response.status_code == 400
    assert "Este campo es requerido" in response.content.decode()
    world.classmate.refresh_from_db()
    assert world.classmate.status == EnrolmentStatus.ACTIVE


def test_transfer_out_of_the_region_hides_the_resident_from_the_regional_coordinator(client, world):
    target = ProgrammeFactory(specialty=world.classmate.programme.specialty)
    client.force_login(world.users["regional"])
    url = reverse("residents:enrolment_transition", args=[world.classmate.pk, "transfer"])

    done = client.post(url, {f"transfer-{world.classmate.pk}-site": target.site.clues})

    # Back to the list with an explanation, not to a person page that is now a 404.
    assert done.url == reverse("residents:enrolment_list")
    page = client.get(done.url).content.decode()
    assert "El residente ya no está en su ámbito." in page
    response = client.get(reverse("residents:person_detail", args=[world.classmate.person_id]))
    assert response.status_code == 404


def test_transition_transfer_to_unknown_clues_is_explained(client, world):
    client.force_login(world.users["regional"])
    url = reverse("residents:enrolment_transition", args=[world.classmate.pk, "transfer"])

    response = client.post(url, {f"transfer-{world.classmate.pk}-site": "DFIMS123456"})

    assert response.status_code == 400
    assert "No existe una sede con la CLUES «DFIMS123456»" in response.content.decode()


def test_unknown_transition_is_404(client, world):
    client.force_login(world.users["national"])

    response = client.post(
        reverse("residents:enrolment_transition", args=[world.classmate.pk, "explode"])
    )

    assert response.status_code == 404


def test_person_page_history_names_who_changed_what(client, world):
    target = ProgrammeFactory(specialty=world.classmate.programme.specialty)
    client.force_login(world.users["national"])
    url = reverse("residents:enrolment_transition", args=[world.classmate.pk, "transfer"])
    client.post(url, {f"transfer-{world.classmate.pk}-site": target.site.clues})

    response = client.get(reverse("residents:person_history", args=[world.classmate.person_id]))

    latest = response.context["page"][0]
    assert latest.actor == world.users["national"].get_full_name()
    assert latest.reason == "cambio de sede"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("programa", str(world.classmate.programme), str(target))
    ]
