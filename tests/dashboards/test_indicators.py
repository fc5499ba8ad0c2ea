import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from edusalud.accounts.selectors import scope_of
from edusalud.dashboards.indicators import IndicatorFilters, compute_indicators, indicators_for
from edusalud.residents import services
from edusalud.residents.enums import EnrolmentStatus
from tests.factories import EnrolmentFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def foreigner(country="HN"):
    return PersonFactory(curp=None, nationality=country, passport_number=f"P{country}123")


@pytest.fixture
def rich_world(world):
    """The world, plus foreigners, a recognised programme and a graduated cohort."""
    EnrolmentFactory(programme=world.programme, person=foreigner("HN"))
    EnrolmentFactory(programme=world.foreign_programme, person=foreigner("CO"))
    EnrolmentFactory(programme=world.programme, status=EnrolmentStatus.ON_LEAVE, year=2)
    EnrolmentFactory(
        programme=world.programme, status=EnrolmentStatus.WITHDRAWN, withdrawal_reason="x"
    )
    world.programme.quality_recognition = "PNPC"
    world.programme.quality_valid_from = TODAY - datetime.timedelta(days=400)
    world.programme.quality_valid_until = TODAY + datetime.timedelta(days=400)
    world.programme.save()
    # An expired recognition does not count.
    world.foreign_programme.quality_recognition = "SNP"
    world.foreign_programme.quality_valid_until = TODAY - datetime.timedelta(days=1)
    world.foreign_programme.save()
    for year, hired in [(2025, [True, False]), (2026, [True, True, True, False, None])]:
        for is_hired in hired:
            EnrolmentFactory(
                programme=world.programme,
                year=3,
                status=EnrolmentStatus.GRADUATED,
                ended_on=datetime.date(year, 2, 28),
                is_hired_by_institute=is_hired,
            )
    return world


def test_national_figures_are_computed_from_rows(rich_world):
    figures = indicators_for(rich_world.users["national"])

    assert figures["residents_in_training"] == 7  # 4 of the world + 2 foreigners + 1 on leave
    assert figures["residents_by_care_level"] == {"1": 0, "2": 3, "3": 4}
    assert figures["foreign_residents"] == 2
    assert figures["foreign_countries"] == {"CO": 1, "HN": 1}
    assert figures["specialties"] == 2
    assert figures["sites"] == 3
    assert (figures["pnpc_programmes"], figures["pnpc_specialties"]) == (1, 1)
    # Cohort 2026: 3 hired of 4 with a known outcome; one still pending.
    assert figures["graduate_cohort_year"] == 2026
    assert figures["graduate_hiring_rate"] == 0.75
    assert figures["graduates_outcome_pending"] == 1


def test_changing_a_row_changes_the_figure(rich_world):
    before = indicators_for(rich_world.users["national"])["residents_in_training"]

    rich_world.classmate.status = EnrolmentStatus.WITHDRAWN
    rich_world.classmate.withdrawal_reason = "Cambio de residencia"
    rich_world.classmate.save()

    assert indicators_for(rich_world.users["national"])["residents_in_training"] == before - 1


def test_site_coordinator_figures_cover_only_their_site(rich_world):
    figures = indicators_for(rich_world.users["site"])

    assert figures["residents_in_training"] == 4  # enrolment, classmate, HN, on leave
    assert figures["sites"] == 1
    assert figures["foreign_countries"] == {"HN": 1}


def test_filters_narrow_the_figures(rich_world):
    user = rich_world.users["national"]

    by_region = indicators_for(user, IndicatorFilters(region=rich_world.other_region.code))
    by_year = indicators_for(user, IndicatorFilters(year=2))

    assert by_region["residents_in_training"] == 2
    assert by_year["residents_in_training"] == 1


@pytest.mark.parametrize("extra_rows", [0, 5])
def test_indicators_make_a_constant_number_of_queries(
    rich_world, django_assert_num_queries, extra_rows
):
    for _ in range(extra_rows):
        EnrolmentFactory(programme=ProgrammeFactory(), person=foreigner("BO"))
    user = rich_world.users["national"]
    scope_of(user)  # the role rows are read once per request, before this

    # the data version, nine aggregates, the required-training rules (none here),
    # the survey campaign reported (none here)
    with django_assert_num_queries(12):
        indicators_for(user)


def test_a_second_read_without_writes_costs_two_queries(rich_world, django_assert_num_queries):
    user = rich_world.users["national"]
    first = indicators_for(user)

    # the data version, and the survey campaign (its results have their own cache)
    with django_assert_num_queries(2):
        second = indicators_for(user)

    assert second == first


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda w: services.promote_resident(by=None, enrolment=w.classmate), id="service"
        ),
        pytest.param(lambda w: EnrolmentFactory(programme=w.programme), id="new row"),
        pytest.param(lambda w: w.foreign_enrolment.delete(), id="delete"),
        pytest.param(
            lambda w: setattr(w.site, "care_level", 2) or w.site.save(), id="catalog change"
        ),
    ],
)
def test_any_audited_write_refreshes_the_cached_figures(rich_world, write):
    user = rich_world.users["national"]
    indicators_for(user)

    write(rich_world)

    assert indicators_for(user) == compute_indicators(user)


def test_cached_figures_are_not_shared_across_scopes(rich_world):
    national = indicators_for(rich_world.users["national"])

    site = indicators_for(rich_world.users["site"])

    assert site["residents_in_training"] < national["residents_in_training"]


def test_api_returns_the_same_figures_as_the_selector(client, rich_world):
    client.force_login(rich_world.users["regional"])

    response = client.get(reverse("dashboards:api_indicators"))

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(indicators_for(rich_world.users["regional"])))


def test_api_filter_on_a_foreign_site_is_404(client, rich_world):
    client.force_login(rich_world.users["site"])

    response = client.get(
        reverse("dashboards:api_indicators"), {"site": rich_world.foreign_site.clues}
    )

    assert response.status_code == 404


def test_api_malformed_filter_is_400_with_a_spanish_message(client, rich_world):
    client.force_login(rich_world.users["national"])

    response = client.get(reverse("dashboards:api_indicators"), {"year": "9"})

    assert response.status_code == 400
    assert "year" in response.json()
    assert "Seleccione una opción válida" in response.json()["year"][0]


def test_dashboard_page_shows_the_figures(client, rich_world):
    client.force_login(rich_world.users["national"])

    response = client.get(reverse("dashboards:national"))

    assert response.status_code == 200
    assert 'data-figure="residents_in_training">7<' in response.content.decode()


def test_dashboard_page_of_a_site_coordinator_is_titled_with_their_site(client, rich_world):
    client.force_login(rich_world.users["site"])

    response = client.get(reverse("dashboards:national"))

    assert response.context["site"] == rich_world.site
    assert response.context["figures"]["residents_in_training"] == 4


def test_command_prints_the_figures_as_json(rich_world):
    out = io.StringIO()

    call_command("indicators", "--json", stdout=out)

    figures = json.loads(out.getvalue())
    assert figures["residents_in_training"] == 7
    assert figures["foreign_countries"] == {"CO": 1, "HN": 1}


def test_command_for_one_site(rich_world):
    out = io.StringIO()

    call_command("indicators", "--json", "--site", rich_world.foreign_site.clues, stdout=out)

    assert json.loads(out.getvalue())["residents_in_training"] == 2


def test_command_with_an_unknown_site_says_so(rich_world):
    with pytest.raises(CommandError):
        call_command("indicators", "--json", "--site", "DFIMS999999", stdout=io.StringIO())


@pytest.mark.parametrize("extra_rows", [0, 5])
def test_api_read_without_writes_makes_a_constant_number_of_queries(
    client, rich_world, django_assert_num_queries, extra_rows
):
    for _ in range(extra_rows):
        EnrolmentFactory(programme=ProgrammeFactory(), person=foreigner("BO"))
    client.force_login(rich_world.users["national"])
    client.get(reverse("dashboards:api_indicators"))

    # session, user, roles, then the data version and the survey campaign
    # reported: the filter choices are not queried when no filter is given
    with django_assert_num_queries(5):
        response = client.get(reverse("dashboards:api_indicators"))

    assert response.status_code == 200


def test_api_unknown_specialty_is_400(client, rich_world):
    client.force_login(rich_world.users["national"])

    response = client.get(reverse("dashboards:api_indicators"), {"specialty": "NOPE"})

    assert response.status_code == 400
    assert "specialty" in response.json()
