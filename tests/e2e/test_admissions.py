"""A national coordinator matches and publishes a cycle in a real browser."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from edusalud.residents.models import Enrolment
from tests.admissions.conftest import small_cycle
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_match_review_and_publish(page: Page, live_server, world, browser_errors):
    cycle = small_cycle()
    log_in(page, live_server.url, world.users["national"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/admisiones/")
    with page.expect_navigation():
        page.click(f"a[href='/admisiones/{cycle.year}/']")
    with page.expect_navigation():
        page.click("form[action$='/asignar/'] button")

    page.wait_for_selector("body[data-charts-drawn='true']", timeout=10_000)
    assert page.inner_text("[data-figure='matched']") == "4"
    assert page.inner_text("[data-figure='unmatched']") == "1"
    page.screenshot(path=SCREENSHOTS / "admissions-review.png", full_page=True)

    page.check("input[name='confirm']")
    with page.expect_navigation():
        page.click("form[action$='/publicar/'] button")

    assert Enrolment.objects.filter(person__applications__cycle=cycle, year=1).count() == 4
    # Published: final, so neither the match nor the publication can be run again.
    assert page.locator("form[action$='/publicar/'], form[action$='/asignar/']").count() == 0
    assert "publicado" in page.inner_text(".pagehead .badge").lower()
    assert browser_errors.messages == []
