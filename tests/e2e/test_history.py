"""The history, pseudonymisation and profile pages in a real browser, saved as screenshots."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page

from edusalud.residents import services
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def history_world(world):
    """The classmate went on leave, came back, and was transferred within the region."""
    enrolment = world.classmate
    services.put_on_leave(by=world.users["site"], enrolment=enrolment)
    services.return_from_leave(by=world.users["site"], enrolment=enrolment)
    services.change_person(
        by=world.users["regional"], person=enrolment.person, email="nuevo.correo@example.mx"
    )
    services.change_enrolment(
        by=world.users["regional"], enrolment=enrolment, started_on=datetime.date(2026, 3, 2)
    )
    return world


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=path, full_page=True)
    return path


def test_a_coordinator_reads_the_history_of_a_person(
    page, live_server, history_world, browser_errors
):
    log_in(page, live_server.url, history_world.users["site"])

    page.goto(f"{live_server.url}/residentes/{history_world.classmate.person_id}/")
    with page.expect_navigation():
        page.click("a[href$='/historial/']")

    rows = page.locator("#history tbody tr")
    assert rows.count() >= 5
    assert "nuevo.correo@example.mx" in page.inner_text("#history")
    assert browser_errors.messages == []
    assert screenshot(page, "history.png").stat().st_size > 0


def test_a_national_coordinator_pseudonymises_a_person(
    page, live_server, history_world, browser_errors
):
    person = history_world.classmate.person
    log_in(page, live_server.url, history_world.users["national"])
    page.goto(f"{live_server.url}/residentes/{person.pk}/")
    with page.expect_navigation():
        page.click(f"form[action$='/residentes/{person.pk}/seudonimizar/'] button")
    screenshot(page, "pseudonymise-confirm.png")

    page.fill("input[name=reason]", "ARCO-2026-0042")
    page.check("input[name=is_confirmed]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    assert page.inner_text("h1") == services.PSEUDONYM
    page.goto(f"{live_server.url}/residentes/{person.pk}/historial/")
    assert "ARCO-2026-0042" in page.inner_text("#history")
    assert person.first_names not in page.content()
    assert browser_errors.messages == []
    screenshot(page, "history-pseudonymised.png")


def test_a_resident_downloads_their_data_from_the_profile(
    page, live_server, history_world, browser_errors
):
    log_in(page, live_server.url, history_world.users["resident"])
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.click("header a[href='/perfil/']")
    screenshot(page, "profile.png")

    with page.expect_download() as download:
        page.click("a[href='/perfil/mis-datos.json']")

    path = download.value.path()
    assert download.value.suggested_filename == "mis-datos-edusalud.json"
    assert history_world.enrolment.person.curp in Path(path).read_text(encoding="utf-8")
    assert browser_errors.messages == []
