"""A locked-out professor in a real browser, and the site coordinator who unlocks them."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import PASSWORD, log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def try_password(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/entrar/")
    page.fill("main input[name=username]", username)
    page.fill("main input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_a_locked_professor_is_unlocked_by_the_site_coordinator(page, live_server, world):
    professor = world.users["professor"]
    for _ in range(5):
        try_password(page, live_server.url, professor.username, "wrong-password")
    try_password(page, live_server.url, professor.username, PASSWORD)
    assert "Demasiados intentos fallidos" in page.inner_text("main")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "locked-out.png", full_page=True)
    page.context.clear_cookies()

    log_in(page, live_server.url, world.users["site"])
    page.click("nav >> text=Cuentas bloqueadas")
    assert professor.username in page.inner_text("table.list")
    page.screenshot(path=SCREENSHOTS / "locked-accounts.png", full_page=True)
    with page.expect_navigation():
        page.click("table.list button[type=submit]")
    assert "puede volver a entrar" in page.inner_text("main")
    assert "Ninguna cuenta de su ámbito está bloqueada" in page.inner_text("table.list")
    page.context.clear_cookies()

    log_in(page, live_server.url, professor)
