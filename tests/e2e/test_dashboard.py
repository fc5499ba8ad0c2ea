"""The indicators dashboard in a real browser: figures, charts, scope and language."""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from edusalud.residents.enums import IN_TRAINING
from edusalud.residents.models import Enrolment
from tests.e2e.conftest import log_in
from tests.factories import EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PAGE_WIDTH = 1280
TODAY = datetime.date.today()

# The KPIs and tables marked `data-figure` on the page, named as in the API's JSON.
FIGURES = ["residents_in_training", "specialties", "sites", "foreign_residents"]
PNPC_FIGURES = ["pnpc_programmes", "pnpc_specialties"]
CARE_LEVELS = ["1", "2", "3"]


@pytest.fixture
def dashboard_world(world):
    """The world, plus foreign residents at two sites and a PNPC-recognised programme."""
    EnrolmentFactory(
        programme=world.programme,
        person=PersonFactory(curp=None, nationality="HN", passport_number="X123"),
    )
    EnrolmentFactory(
        programme=world.foreign_programme,
        person=PersonFactory(curp=None, nationality="CO", passport_number="X456"),
    )
    world.programme.quality_recognition = "PNPC"
    world.programme.quality_valid_from = TODAY - datetime.timedelta(days=365)
    world.programme.quality_valid_until = TODAY + datetime.timedelta(days=365)
    world.programme.save()
    return world


def open_dashboard(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/tablero/")
    # goto waits for the load event, so the deferred scripts have run: no need to wait long.
    page.wait_for_selector('body[data-charts-drawn="true"]', state="attached", timeout=5_000)


def fetch_indicators(page: Page, base_url: str, query: str = "") -> dict:
    """The API's figures, asked for with the browser's own session cookie."""
    response = page.request.get(f"{base_url}/api/v1/indicators/{query}")
    assert response.status == 200, response.text()
    return response.json()


def as_int(text: str) -> int:
    # intcomma may group thousands with "," or a (non-breaking) space depending on the locale.
    return int(re.sub(r"\D", "", text))


def figures_on_page(page: Page) -> dict:
    figures = {
        name: as_int(page.locator(f'[data-figure="{name}"]').text_content())
        for name in FIGURES + PNPC_FIGURES
    }
    figures["care_levels"] = {
        level: as_int(page.locator(f'[data-figure="care_level_{level}"]').text_content())
        for level in CARE_LEVELS
    }
    figures["states"] = {
        cell.get_attribute("data-state"): as_int(cell.text_content())
        for cell in page.locator("[data-state]").all()
    }
    return figures


def figures_in_api(indicators: dict) -> dict:
    figures = {name: indicators[name] for name in FIGURES + PNPC_FIGURES}
    figures["care_levels"] = indicators["residents_by_care_level"]
    figures["states"] = {row["code"]: row["count"] for row in indicators["residents_by_state"]}
    return figures


def chart_data(page: Page, canvas_id: str) -> list:
    return page.evaluate(
        "id => Chart.getChart(document.getElementById(id)).data.datasets[0].data", canvas_id
    )


def canvas_size(page: Page, canvas_id: str) -> tuple[float, float]:
    box = page.locator(f"#{canvas_id}").bounding_box()
    return (box["width"], box["height"]) if box else (0, 0)


def in_training_at(site) -> int:
    return Enrolment.objects.filter(programme__site=site, status__in=IN_TRAINING).count()


@pytest.mark.parametrize("path", ["vendor/chart.umd.min.js", "js/dashboard.js"])
def test_live_server_serves_the_dashboard_scripts(page, live_server, path):
    response = page.request.get(f"{live_server.url}/static/{path}")

    assert response.status == 200
    assert "javascript" in response.headers["content-type"]


def test_national_dashboard_shows_the_api_figures(
    page, live_server, dashboard_world, browser_errors
):
    log_in(page, live_server.url, dashboard_world.users["national"])

    open_dashboard(page, live_server.url)
    indicators = fetch_indicators(page, live_server.url)

    assert figures_on_page(page) == figures_in_api(indicators)
    assert indicators["foreign_residents"] == 2
    assert indicators["pnpc_programmes"] == 1
    assert browser_errors.messages == []


def test_national_dashboard_draws_the_charts_with_the_api_figures(
    page, live_server, dashboard_world, browser_errors
):
    log_in(page, live_server.url, dashboard_world.users["national"])

    open_dashboard(page, live_server.url)
    indicators = fetch_indicators(page, live_server.url)

    for canvas_id in ["chart-specialties", "chart-foreign-countries"]:
        width, height = canvas_size(page, canvas_id)
        assert width > 0, canvas_id
        assert height > 0, canvas_id
    assert chart_data(page, "chart-specialties") == [
        row["count"] for row in indicators["residents_by_specialty"]
    ]
    assert chart_data(page, "chart-foreign-countries") == list(
        indicators["foreign_countries"].values()
    )
    assert browser_errors.messages == []


def test_site_dashboard_shows_the_site_and_its_api_figures(
    page, live_server, dashboard_world, browser_errors
):
    log_in(page, live_server.url, dashboard_world.users["site"])

    open_dashboard(page, live_server.url)
    indicators = fetch_indicators(page, live_server.url)

    assert page.locator("h1").text_content().strip() == dashboard_world.site.name
    assert figures_on_page(page) == figures_in_api(indicators)
    assert browser_errors.messages == []


def test_site_dashboard_counts_only_the_residents_of_the_site(page, live_server, dashboard_world):
    national_count = Enrolment.objects.filter(status__in=IN_TRAINING).count()
    log_in(page, live_server.url, dashboard_world.users["site"])

    open_dashboard(page, live_server.url)
    shown = figures_on_page(page)["residents_in_training"]

    assert shown == in_training_at(dashboard_world.site)
    assert shown < national_count


def test_site_coordinator_gets_404_for_another_region_site(page, live_server, dashboard_world):
    foreign_clues = dashboard_world.foreign_site.clues
    log_in(page, live_server.url, dashboard_world.users["site"])

    response = page.goto(f"{live_server.url}/tablero/?site={foreign_clues}")
    api_response = page.request.get(f"{live_server.url}/api/v1/indicators/?site={foreign_clues}")

    assert response.status == 404
    assert api_response.status == 404


def test_interface_is_spanish_by_default_even_in_an_english_browser(page, live_server):
    browser_language = page.evaluate("navigator.language")

    page.goto(f"{live_server.url}/entrar/")

    assert browser_language == "en-US"
    assert page.locator("html").get_attribute("lang").startswith("es")
    assert page.locator("main form button[type=submit]").text_content().strip() == "Entrar"


def test_choosing_english_switches_the_page_to_english(page, live_server, dashboard_world):
    log_in(page, live_server.url, dashboard_world.users["national"])
    open_dashboard(page, live_server.url)

    with page.expect_navigation():
        page.select_option("select#language", "en")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == f"{live_server.url}/tablero/"
    assert page.locator("h1").text_content().strip() == "National indicators of health education"


@pytest.mark.parametrize("role", ["national", "site"])
def test_dashboard_fits_1280_px_and_is_saved_as_screenshot(
    page, live_server, dashboard_world, browser_errors, role
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot = SCREENSHOTS / f"dashboard-{role}.png"
    log_in(page, live_server.url, dashboard_world.users[role])

    open_dashboard(page, live_server.url)
    page.screenshot(path=screenshot, full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") <= PAGE_WIDTH
    assert screenshot.stat().st_size > 0
    assert browser_errors.messages == []
