import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person
from tests.factories import EnrolmentFactory, ProgrammeFactory, make_curp, national_user

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1996, 2, 29)
_CURP = make_curp(birth_date=BIRTH, sex=Sex.FEMALE)
BAD_CHECK_DIGIT = _CURP[:-1] + str((int(_CURP[-1]) + 1) % 10)


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def admission(world, **changes) -> dict:
    data = {
        "first_names": "Lucía",
        "last_name": "Hernández",
        "second_last_name": "Ruiz",
        "curp": make_curp(birth_date=BIRTH, sex=Sex.FEMALE),
        "sex": Sex.FEMALE,
        "birth_date": BIRTH.isoformat(),
        "site": world.site.clues,
        "specialty": world.programme.specialty.code,
        "year": 1,
        "started_on": "2026-03-01",
    }
    return {**data, **changes}


@pytest.mark.parametrize("name", ["api-person-list", "api-enrolment-list"])
@pytest.mark.parametrize("rows", [1, 3])
def test_list_endpoints_make_a_constant_number_of_queries(django_assert_num_queries, name, rows):
    EnrolmentFactory.create_batch(rows)
    client = client_of(national_user())

    # session, user, roles, count, page
    with django_assert_num_queries(5):
        response = client.get(reverse(f"residents:{name}"))

    assert response.json()["count"] == rows


def test_enrolment_list_of_a_site_coordinator_hides_other_sites(world):
    client = client_of(world.users["site"])

    response = client.get(reverse("residents:api-enrolment-list"))

    ids = {e["id"] for e in response.json()["results"]}
    assert ids == {world.enrolment.pk, world.classmate.pk}


def test_resident_sees_only_own_record(world):
    client = client_of(world.users["resident"])

    people = client.get(reverse("residents:api-person-list")).json()["results"]
    enrolments = client.get(reverse("residents:api-enrolment-list")).json()["results"]

    assert [p["id"] for p in people] == [world.enrolment.person_id]
    assert [e["id"] for e in enrolments] == [world.enrolment.pk]


def test_enrolment_list_filters_by_site_and_status(world):
    world.classmate.status = EnrolmentStatus.ON_LEAVE
    world.classmate.save()
    client = client_of(world.users["national"])

    response = client.get(
        reverse("residents:api-enrolment-list"), {"site": world.site.clues, "status": "on_leave"}
    )

    assert [e["id"] for e in response.json()["results"]] == [world.classmate.pk]


def test_in_training_filter_reads_true_and_false_and_refuses_anything_else(world):
    world.classmate.status = EnrolmentStatus.WITHDRAWN
    world.classmate.withdrawal_reason = "Renuncia"
    world.classmate.save()
    client = client_of(world.users["site"])
    url = reverse("residents:api-enrolment-list")

    ended = client.get(url, {"in_training": "false"}).json()["results"]
    refused = client.get(url, {"in_training": "null"})

    assert [e["id"] for e in ended] == [world.classmate.pk]
    assert world.classmate.pk not in {
        e["id"] for e in client.get(url, {"in_training": "true"}).json()["results"]
    }
    # An unknown value used to be dropped silently, answering the whole list.
    assert refused.status_code == 400
    assert "in_training" in refused.json()


@pytest.mark.parametrize(
    ("method", "name", "target", "body"),
    [
        ("get", "api-person-detail", lambda w: w.foreign_enrolment.person_id, None),
        ("patch", "api-person-detail", lambda w: w.foreign_enrolment.person_id, {"email": ""}),
        ("get", "api-enrolment-detail", lambda w: w.foreign_enrolment.pk, None),
        ("patch", "api-enrolment-detail", lambda w: w.foreign_enrolment.pk, {"year": 2}),
        ("post", "api-enrolment-promote", lambda w: w.foreign_enrolment.pk, None),
        ("post", "api-enrolment-leave", lambda w: w.foreign_enrolment.pk, None),
        ("post", "api-enrolment-return", lambda w: w.foreign_enrolment.pk, None),
        ("post", "api-enrolment-withdraw", lambda w: w.foreign_enrolment.pk, {"reason": "x"}),
        ("post", "api-enrolment-graduate", lambda w: w.foreign_enrolment.pk, {"on": "2026-03-01"}),
        ("post", "api-enrolment-hiring", lambda w: w.foreign_enrolment.pk, {"is_hired": False}),
        (
            "post",
            "api-enrolment-transfer",
            lambda w: w.foreign_enrolment.pk,
            {"site": "DFIMS000002"},
        ),
    ],
)
def test_foreign_people_and_enrolments_are_404(world, method, name, target, body):
    client = client_of(world.users["regional"])
    before = Enrolment.history.count()

    response = getattr(client, method)(
        reverse(f"residents:{name}", args=[target(world)]), body, format="json"
    )

    assert response.status_code == 404
    assert Enrolment.history.count() == before


def test_professor_may_read_but_not_change_their_residents(world):
    client = client_of(world.users["professor"])
    url = reverse("residents:api-enrolment-detail", args=[world.enrolment.pk])

    read = client.get(url)
    change = client.patch(url, {"year": 2}, format="json")
    promote = client.post(reverse("residents:api-enrolment-promote", args=[world.enrolment.pk]))
    admit = client.post(reverse("residents:api-person-list"), admission(world), format="json")

    assert read.status_code == 200
    assert (change.status_code, promote.status_code, admit.status_code) == (404, 404, 403)


def test_site_coordinator_admits_a_resident_with_history(world):
    user = world.users["site"]
    client = client_of(user)

    response = client.post(reverse("residents:api-person-list"), admission(world), format="json")

    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["id"])
    assert person.history.get().history_user == user
    assert person.enrolments.get().history.get().history_user == user


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"curp": BAD_CHECK_DIGIT},
            "curp",
            "El dígito verificador de la CURP no coincide.",
        ),
        (
            {"year": 4},
            "year",
            "Anestesiología dura 3 años: el grado debe estar entre R1 y R3.",
        ),
        ({"site": "DFIMS999999"}, "site", "No existe una sede con la CLUES «DFIMS999999»."),
        (
            {"site": "JCIMS000003"},
            "site",
            "No puede registrar residentes en HGR 46: está fuera de su ámbito.",
        ),
    ],
)
def test_bad_admission_is_a_400_in_spanish_and_saves_nothing(world, changes, field, message):
    client = client_of(world.users["site"])
    before = Person.objects.count()

    response = client.post(
        reverse("residents:api-person-list"), admission(world, **changes), format="json"
    )

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert Person.objects.count() == before


def test_transitions_leave_history_with_the_acting_user(world):
    user = world.users["site"]
    client = client_of(user)
    enrolment = world.classmate

    leave = client.post(reverse("residents:api-enrolment-leave", args=[enrolment.pk]))
    back = client.post(reverse("residents:api-enrolment-return", args=[enrolment.pk]))
    promote = client.post(reverse("residents:api-enrolment-promote", args=[enrolment.pk]))

    assert [r.status_code for r in (leave, back, promote)] == [200, 200, 200]
    assert promote.json()["year"] == 2
    rows = enrolment.history.order_by("history_date")[1:]
    assert [(r.history_change_reason, r.history_user) for r in rows] == [
        ("put on leave", user),
        ("returned from leave", user),
        ("promoted", user),
    ]


def test_transition_refused_by_the_service_is_a_400_in_spanish(world):
    client = client_of(world.users["site"])

    back = client.post(reverse("residents:api-enrolment-return", args=[world.classmate.pk]))
    graduate = client.post(
        reverse("residents:api-enrolment-graduate", args=[world.classmate.pk]),
        {"on": "2026-03-01"},
        format="json",
    )
    transfer = client.post(
        reverse("residents:api-enrolment-transfer", args=[world.classmate.pk]),
        {"site": "ZZIMS000000"},
        format="json",
    )

    assert back.status_code == 400
    assert back.json() == {
        "status": ["No es posible mientras la inscripción está en estado «activo»."]
    }
    assert graduate.json() == {
        "year": ["Solo los residentes del último grado (R4) pueden egresar."]
    }
    assert transfer.json() == {"site": ["No existe una sede con la CLUES «ZZIMS000000»."]}


def test_transfer_withdraw_graduate_and_hiring_through_the_api(world):
    user = world.users["regional"]
    client = client_of(user)
    mover = world.enrolment
    last_year = EnrolmentFactory(programme=world.programme, year=3)

    transfer = client.post(
        reverse("residents:api-enrolment-transfer", args=[mover.pk]),
        {"site": world.sibling_site.clues},
        format="json",
    )
    withdraw = client.post(
        reverse("residents:api-enrolment-withdraw", args=[world.classmate.pk]),
        {"reason": "Renuncia voluntaria"},
        format="json",
    )
    graduate = client.post(
        reverse("residents:api-enrolment-graduate", args=[last_year.pk]),
        {"on": "2029-02-28"},
        format="json",
    )
    hiring = client.post(
        reverse("residents:api-enrolment-hiring", args=[last_year.pk]),
        {"is_hired": True, "hired_on": "2029-03-01"},
        format="json",
    )

    assert transfer.json()["site"] == world.sibling_site.clues
    assert withdraw.json()["status"] == "withdrawn"
    assert graduate.json()["status"] == "graduated"
    assert (hiring.json()["is_hired_by_institute"], hiring.json()["hired_on"]) == (
        True,
        "2029-03-01",
    )
    assert last_year.history.latest().history_user == user


def test_transfer_out_of_the_region_answers_the_result_then_hides_the_enrolment(world):
    client = client_of(world.users["regional"])
    target = ProgrammeFactory(specialty=world.classmate.programme.specialty)
    url = reverse("residents:api-enrolment-transfer", args=[world.classmate.pk])

    response = client.post(url, {"site": target.site.clues}, format="json")

    assert response.status_code == 200
    assert response.json()["site"] == target.site.clues
    detail = reverse("residents:api-enrolment-detail", args=[world.classmate.pk])
    assert client.get(detail).status_code == 404


def test_coordinator_corrects_a_person_and_an_enrolment(world):
    user = world.users["site"]
    client = client_of(user)

    person = client.patch(
        reverse("residents:api-person-detail", args=[world.classmate.person_id]),
        {"email": "nuevo@example.mx"},
        format="json",
    )
    enrolment = client.patch(
        reverse("residents:api-enrolment-detail", args=[world.classmate.pk]),
        {"year": 9},
        format="json",
    )

    assert person.status_code == 200
    assert Person.objects.get(pk=world.classmate.person_id).history.latest().history_user == user
    assert enrolment.status_code == 400


def test_person_change_keeps_the_curp_rules(world):
    client = client_of(world.users["site"])

    response = client.patch(
        reverse("residents:api-person-detail", args=[world.classmate.person_id]),
        {"birth_date": "1990-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["birth_date"]


def test_search_by_curp_finds_only_people_in_scope(world):
    client = client_of(world.users["site"])
    url = reverse("residents:api-person-search")

    own = client.post(url, {"curp": world.classmate.person.curp.lower()}, format="json")
    foreign = client.post(url, {"curp": world.foreign_enrolment.person.curp}, format="json")

    assert [p["id"] for p in own.json()] == [world.classmate.person_id]
    assert foreign.json() == []


def test_curp_filter_in_the_query_string_is_ignored(world):
    client = client_of(world.users["national"])

    response = client.get(
        reverse("residents:api-person-list"), {"curp": world.classmate.person.curp}
    )

    assert response.json()["count"] == 4
