"""Results are computed from the answer rows and shown only for groups large enough."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from edusalud.surveys import pheem, results
from edusalud.surveys.models import Item
from tests.surveys.conftest import answer_all


def _site_residents(world, crowd):
    return [world.enrolment] + [e for e in crowd if e.programme == world.programme]


@pytest.fixture
def answered(world, crowd, campaign):
    """Nine of the thirteen at the world's site answer: seven satisfied, two not."""
    here = _site_residents(world, crowd)
    answer_all(campaign, [world.classmate, *here[:6]], agree=4, recommend=10, comment="Bien")
    answer_all(campaign, here[6:8], agree=1, recommend=5)
    return campaign


def test_figures_come_from_the_answers(world, answered):
    group = results.Group(site=world.site.pk)
    result = results.result_of(answered, group)
    assert result.shown
    assert (result.verdict.answers, result.verdict.targeted) == (9, 13)
    assert result.satisfaction_rate == pytest.approx(7 / 9)
    assert result.recommendation_rate == pytest.approx(7 / 9)
    # Promoters 7 (10), detractors 2 (5).
    assert result.nps == pytest.approx(100 * (7 - 2) / 9)
    # PHEEM from each respondent's own scoring, averaged.
    numbers = {i.number for i in Item.objects.filter(instrument__code="pheem")}
    expected = (
        7 * pheem.score(dict.fromkeys(numbers, 4)).total
        + 2 * pheem.score(dict.fromkeys(numbers, 1)).total
    ) / 9
    total = result.pheem_scale(pheem.TOTAL)
    assert total.mean == pytest.approx(expected)
    assert total.band == pheem.band_of(pheem.TOTAL, expected)
    satisfied = next(r for r in result.items if r.item.measure == "satisfaction")
    assert satisfied.distribution == {4: 7, 1: 2}
    # Nine answers: fewer than ten, so no comment is shown.
    assert not result.verdict.comments_shown
    assert result.comments == []


def test_comments_are_shown_from_ten_answers_in_alphabetical_order(world, crowd, answered):
    here = _site_residents(world, crowd)
    answer_all(answered, here[8:9], agree=3, recommend=9, comment="Así es")
    answered.refresh_from_db()
    result = results.result_of(answered, results.Group(site=world.site.pk))
    assert result.comments == ["Así es"] + ["Bien"] * 7


def test_a_small_group_gives_the_reason_and_no_figure(world, answered):
    result = results.result_of(answered, results.Group(site=world.sibling_site.pk))
    assert not result.shown
    assert result.as_json() == {
        "suppressed": True,
        "reason": "No hay suficientes respuestas para proteger el anonimato: "
        "el grupo tiene menos de 5 respuestas.",
        "code": "few_answers",
    }
    assert result.satisfaction_rate is None
    assert result.items == []


def test_a_site_is_hidden_when_its_region_minus_it_would_reveal_a_few(world, crowd, answered):
    answer_all(answered, [world.sibling_enrolment, crowd[-1]], agree=2, recommend=8)
    # Region 11 answers, the site 9: the difference would be the sibling site's two.
    site = results.result_of(answered, results.Group(site=world.site.pk))
    assert not site.shown
    assert site.verdict.reason == "difference"
    assert results.result_of(answered, results.Group(region=world.region.pk)).shown


def test_the_cli_prints_the_aggregate_or_the_suppression(world, answered):
    out = StringIO()
    call_command("surveys", "results", "--json", "--site", world.site.clues, stdout=out)
    figures = json.loads(out.getvalue())
    assert (figures["answers"], figures["targeted"]) == (9, 13)
    assert figures["satisfaction_rate"] == round(7 / 9, 4)
    assert figures["recommendation_rate"] == round(7 / 9, 4)
    assert figures["nps"] == round(500 / 9, 4)
    assert set(figures["pheem_subscales"]) == {"autonomy", "teaching", "social"}
    assert figures["pheem_total"]["max"] == 160

    out = StringIO()
    call_command("surveys", "results", "--json", "--site", world.sibling_site.clues, stdout=out)
    small = json.loads(out.getvalue())
    assert small["suppressed"] is True
    assert "anonimato" in small["reason"]
    assert not {"answers", "satisfaction_rate", "pheem_total"} & set(small)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "NOEXISTE"], "No existe site 'NOEXISTE'"),
        (["--campaign", "9999"], "No existe la campaña 9999"),
        (["--year", "9"], "del 1 al 6"),
    ],
)
def test_the_cli_refuses_unknown_groups(answered, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("surveys", "results", "--json", *args)


# Pages


def test_the_site_coordinator_sees_the_site_and_never_the_small_sibling(client, world, answered):
    client.force_login(world.users["site"])
    url = reverse("surveys:campaign_detail", args=[answered.pk])
    page = client.get(url).content.decode()
    assert 'data-figure="satisfaction">78' in page
    # Asking for a site outside their scope falls back to their own.
    other = client.get(url, {"site": world.sibling_site.clues}).content.decode()
    assert "Seleccione una opción válida" in other
    assert 'data-figure="answers">9<' in other


def test_the_national_coordinator_is_told_a_group_is_too_small(client, world, answered):
    client.force_login(world.users["national"])
    url = reverse("surveys:campaign_detail", args=[answered.pk])
    page = client.get(url, {"site": world.sibling_site.clues}).content.decode()
    assert "No hay suficientes respuestas para proteger el anonimato." in page
    assert 'data-figure="satisfaction"' not in page


def test_professors_and_residents_get_no_results(client, world, answered):
    for role in ("professor", "resident"):
        client.force_login(world.users[role])
        assert client.get(reverse("surveys:campaign_detail", args=[answered.pk])).status_code == 404
        assert client.get(reverse("surveys:campaign_list")).status_code == 404


def test_the_results_page_makes_the_same_queries_whatever_the_answers(
    client, world, crowd, campaign
):
    client.force_login(world.users["national"])
    url = reverse("surveys:campaign_detail", args=[campaign.pk])

    def count() -> int:
        client.get(url)  # warm the session and the cache of other campaigns
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    here = _site_residents(world, crowd)
    # Ten of eighteen: the national group and its comments are shown in both counts.
    answer_all(campaign, here[:10], agree=3, recommend=9, comment="Bien")
    few = count()
    answer_all(campaign, here[10:], agree=2, recommend=6)
    answer_all(campaign, [world.sibling_enrolment, *crowd[-3:]], agree=4, recommend=10)
    assert count() == few
