"""The admissions API: cycles and results for national coordinators, the applicant's own list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from edusalud.admissions import services
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    CycleStatus,
    Preference,
    RankingPeriod,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def applicant_user(cycle):
    """F001's account, with ranking open today."""
    AdmissionCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.OPEN)
    today = timezone.localdate()
    RankingPeriod.objects.create(
        cycle=cycle,
        number=1,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=3),
    )
    user = UserFactory()
    user.save()
    person = Applicant.objects.get(folio="F001").person
    person.user = user
    person.save()
    return user


def test_national_coordinators_read_cycles_and_results(world, cycle):
    services.run_match(by=None, cycle=cycle)
    client = client_of(world.users["national"])
    umae = cycle.positions_in_order[0]
    umae_key = f"{umae.programme.site.clues}-{umae.programme.specialty.code}"

    cycles = client.get(reverse("admissions:api-cycle-list")).json()
    results = client.get(reverse("admissions:api-result-list", args=[2027])).json()

    assert [c["year"] for c in cycles["results"]] == [2027]
    assert results["count"] == 5
    assert {"applicant": "F003", "programme": umae_key, "rank_obtained": 1} in results["results"]
    assert {"applicant": "F005", "programme": None, "rank_obtained": None} in results["results"]


@pytest.mark.parametrize("role", ["regional", "site", "professor", "resident"])
def test_nobody_else_sees_cycles_or_results(world, cycle, role):
    client = client_of(world.users[role])

    assert client.get(reverse("admissions:api-cycle-list")).json()["count"] == 0
    assert client.get(reverse("admissions:api-cycle-detail", args=[2027])).status_code == 404
    assert client.get(reverse("admissions:api-result-list", args=[2027])).status_code == 404
    for name, args in (
        ("admissions:api-position-list", [2027]),
        ("admissions:api-applicant-list", [2027]),
        ("admissions:api-applicant-detail", [2027, "F001"]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404


def test_national_coordinators_read_positions_and_applicants_with_their_lists(
    world, cycle, django_assert_max_num_queries
):
    client = client_of(world.users["national"])
    umae, hgz, hgr = cycle.positions_in_order
    Applicant.objects.filter(folio="F002").update(category=ApplicantCategory.FOREIGN)

    positions = client.get(reverse("admissions:api-position-list", args=[2027])).json()
    with django_assert_max_num_queries(8):
        applicants = client.get(reverse("admissions:api-applicant-list", args=[2027])).json()
    foreign = client.get(
        reverse("admissions:api-applicant-list", args=[2027]), {"category": "foreign"}
    ).json()
    detail = client.get(reverse("admissions:api-applicant-detail", args=[2027, "F001"])).json()

    assert positions["count"] == 3
    assert {
        "id": hgz.pk,
        "programme": f"{hgz.programme.site.clues}-{hgz.programme.specialty.code}",
        "site": hgz.programme.site.clues,
        "specialty": hgz.programme.specialty.code,
        "places": 2,
        "foreign_places": 0,
    } in positions["results"]
    # Best score first; the tie at 90 goes to the smaller folio.
    assert [a["folio"] for a in applicants["results"]] == ["F003", "F004", "F001", "F002", "F005"]
    assert applicants["results"][0] == {
        "folio": "F003",
        "score": "90.00",
        "category": "mexican",
        "specialty": umae.programme.specialty.code,
        "ranked": 3,
    }
    assert [a["folio"] for a in foreign["results"]] == ["F002"]
    assert detail["preferences"] == [p.programme.site.clues for p in (hgr, umae, hgz)]
    assert "curp" not in str(detail).lower()


def test_an_unknown_category_filter_is_a_400(world, cycle):
    client = client_of(world.users["national"])

    for value in ("", "martian"):
        response = client.get(
            reverse("admissions:api-applicant-list", args=[2027]), {"category": value}
        )
        assert response.status_code == 400


def test_the_applicant_reads_and_replaces_their_list(cycle, applicant_user):
    umae, hgz, hgr = cycle.positions_in_order
    client = client_of(applicant_user)
    url = reverse("admissions:api-my-application")

    before = client.get(url).json()
    after = client.put(url, {"order": [umae.pk, hgz.pk, hgr.pk]}, format="json")

    assert [s["position"] for s in before["ranking"]] == [hgr.pk, umae.pk, hgz.pk]
    assert before["ranking_open"] is True
    assert after.status_code == 200
    assert [s["position"] for s in after.json()["ranking"]] == [umae.pk, hgz.pk, hgr.pk]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"order": []}, "order"),
        ({"order": ["uno"]}, "order"),
        ({"orden": [1]}, "order"),
    ],
)
def test_a_malformed_list_is_a_400_and_changes_nothing(cycle, applicant_user, body, field):
    client = client_of(applicant_user)
    before = list(Preference.objects.values_list("applicant", "position", "rank"))

    response = client.put(reverse("admissions:api-my-application"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert list(Preference.objects.values_list("applicant", "position", "rank")) == before


def test_an_incomplete_list_is_refused_in_spanish(cycle, applicant_user):
    umae = cycle.positions_in_order[0]
    client = client_of(applicant_user)

    response = client.put(
        reverse("admissions:api-my-application"),
        {"order": [umae.pk]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es-mx",
    )

    assert response.status_code == 400
    assert "faltan 2" in response.json()["non_field_errors"][0]


def test_someone_without_an_application_gets_a_404(world):
    client = client_of(world.users["resident"])

    assert client.get(reverse("admissions:api-my-application")).status_code == 404


def test_bad_items_in_the_list_get_one_message_for_the_field(cycle, applicant_user):
    client = client_of(applicant_user)

    response = client.put(
        reverse("admissions:api-my-application"), {"order": [1, None, "x"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "order": ["Envíe los ids de las plazas, la mejor primero: una lista de números enteros."]
    }
