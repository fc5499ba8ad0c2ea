"""The demo's admission cycle: open for ranking today, complete rank lists, ready to match."""

import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from edusalud.admissions import selectors, services
from edusalud.admissions.matching import blocking_pairs
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    Assignment,
    CycleStatus,
    Position,
    Preference,
)
from edusalud.demo import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cycle():
    call_command("demo", scale=0.05, seed=42, stdout=io.StringIO())
    return AdmissionCycle.objects.get()


def test_the_cycle_is_open_for_ranking_today(demo_cycle):
    assert demo_cycle.status == CycleStatus.OPEN
    assert selectors.open_period(demo_cycle, timezone.localdate()) is not None
    assert demo_cycle.year == timezone.localdate().year + (
        1 if timezone.localdate() >= timezone.localdate().replace(month=3, day=1) else 0
    )


def test_every_applicant_ranks_every_site_of_their_specialty(demo_cycle):
    sites = defaultdict(set)
    for pk, specialty in Position.objects.values_list("pk", "programme__specialty"):
        sites[specialty].add(pk)
    ranked = defaultdict(list)
    for applicant, position, rank in Preference.objects.values_list(
        "applicant", "position", "rank"
    ):
        ranked[applicant].append((rank, position))

    for applicant in Applicant.objects.all():
        ranks = sorted(ranked[applicant.pk])
        assert [rank for rank, _ in ranks] == list(range(1, len(ranks) + 1))
        assert {position for _, position in ranks} == sites[applicant.specialty_id]


def test_the_cycle_matches_stably(demo_cycle):
    result = services.run_match(by=None, cycle=demo_cycle)

    market = selectors.market_of(demo_cycle)
    assert not blocking_pairs(market, result.assignment)
    # Below scale 1 the applicants are fewer than the places (at scale 1, 4% more).
    assert not result.unmatched
    assert Counter(result.rank_obtained.values())[1] > 0


def test_reserved_places_are_kept_from_mexican_applicants(demo_cycle):
    reserving = Position.objects.filter(cycle=demo_cycle, foreign_places__gt=0)
    assert set(reserving.values_list("programme__specialty__code", flat=True)) <= {
        data.ANESTHESIOLOGY,
        data.ORTHOPEDICS,
    }
    assert reserving.exists()
    assert Applicant.objects.filter(category=ApplicantCategory.FOREIGN).exists()

    services.run_match(by=None, cycle=demo_cycle)

    for position in reserving:
        mexicans = Assignment.objects.filter(
            position=position, applicant__category=ApplicantCategory.MEXICAN
        ).count()
        assert mexicans <= position.places - position.foreign_places


def test_the_demo_applicant_signs_in_and_sees_their_list(client, demo_cycle):
    signed_in = client.post(
        reverse("login"),
        {"username": data.APPLICANT.username, "password": data.DEMO_PASSWORD},
    )
    assert signed_in.status_code == 302

    response = client.get(reverse("admissions:my_application"))

    assert response.status_code == 200
    assert (
        len(response.context["positions"])
        == Position.objects.filter(
            programme__specialty=response.context["applicant"].specialty
        ).count()
    )
