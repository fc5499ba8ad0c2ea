"""The surveys API: instruments, campaigns and aggregated results, within each user's part."""

import pytest
from django.urls import reverse

from edusalud.surveys.models import Campaign, Instrument
from tests.surveys.conftest import TODAY, answer_all
from tests.surveys.test_results import _site_residents


@pytest.fixture
def answered(world, crowd, campaign):
    here = _site_residents(world, crowd)
    answer_all(campaign, [world.classmate, *here[:8]], agree=4, recommend=10)
    return campaign


def test_instruments_carry_items_and_bands_with_their_source(client, world):
    client.force_login(world.users["resident"])
    rows = client.get(reverse("surveys:api-instrument-list")).json()["results"]
    pheem = next(r for r in rows if r["code"] == "pheem")
    assert len(pheem["items"]) == 40
    assert sorted(i["number"] for i in pheem["items"] if i["reverse"]) == [7, 8, 11, 13]
    assert {b["scale"] for b in pheem["bands"]} == {"total", "autonomy", "teaching", "social"}
    assert all("Roff" in b["source"] for b in pheem["bands"])


def test_campaign_list_counts_answers_and_is_for_coordinators(client, world, answered):
    client.force_login(world.users["regional"])
    (row,) = client.get(reverse("surveys:api-campaign-list")).json()["results"]
    assert (row["targeted"], row["answered"]) == (18, 9)
    client.force_login(world.users["resident"])
    assert client.get(reverse("surveys:api-campaign-list")).status_code == 404


def test_results_of_a_group_or_its_suppression(client, world, answered):
    client.force_login(world.users["national"])
    url = reverse("surveys:api-campaign-results", args=[answered.pk])
    shown = client.get(url, {"site": world.site.clues}).json()
    assert (shown["answers"], shown["targeted"], shown["satisfaction_rate"]) == (9, 13, 1.0)
    hidden = client.get(url, {"site": world.foreign_site.clues}).json()
    assert hidden["suppressed"] is True
    assert hidden["reason"].startswith("No hay suficientes respuestas para proteger el anonimato")
    assert "answers" not in hidden


def test_results_stay_inside_the_users_part(client, world, answered):
    url = reverse("surveys:api-campaign-results", args=[answered.pk])
    client.force_login(world.users["other_site"])
    refused = client.get(url, {"site": world.site.clues})
    assert refused.status_code == 404
    assert "DFIMS000001" in refused.json()["detail"]
    client.force_login(world.users["site"])
    own = client.get(url).json()  # no filter: their own site
    assert own["answers"] == 9
    assert client.get(url, {"region": world.region.code}).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [({"year": "9"}, "year"), ({"year": "dos"}, "year"), ({"site": "X" * 12}, "site")],
)
def test_bad_filters_are_a_400_naming_the_field(client, world, answered, query, field):
    client.force_login(world.users["national"])
    response = client.get(reverse("surveys:api-campaign-results", args=[answered.pk]), query)
    assert response.status_code == 400
    assert field in response.json()


def test_a_national_coordinator_creates_a_campaign(client, world, crowd):
    client.force_login(world.users["national"])
    pheem = Instrument.objects.get(code="pheem")
    payload = {
        "name": "PHEEM sede",
        "year": 2026,
        "instruments": [pheem.pk],
        "opens_on": TODAY.isoformat(),
        "closes_on": TODAY.isoformat(),
        "site": world.site.clues,
    }
    created = client.post(
        reverse("surveys:api-campaign-list"), payload, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["targeted"] == 13
    bad = client.post(
        reverse("surveys:api-campaign-list"),
        payload | {"site": "NOEXISTE", "closes_on": "2020-01-01"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert Campaign.objects.count() == 1
    client.force_login(world.users["regional"])
    refused = client.post(
        reverse("surveys:api-campaign-list"), payload, content_type="application/json"
    )
    assert refused.status_code == 403
    assert Campaign.objects.count() == 1
