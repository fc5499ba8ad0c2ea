"""A coordinator creates an API token in the browser, another system uses it, then it is revoked."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def api_status(url: str, secret: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_token_is_shown_once_works_and_stops_working_when_revoked(
    page: Page, live_server, world, browser_errors
):
    log_in(page, live_server.url, world.users["site"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/perfil/")
    page.screenshot(path=SCREENSHOTS / "profile-coordinator.png", full_page=True)
    with page.expect_navigation():
        page.click("a[href='/perfil/tokens/']")
    page.fill("input[name='name']", "Sistema del hospital")
    with page.expect_navigation():
        page.click("form.card button[type='submit']")

    secret = page.input_value("#new-token")
    page.screenshot(path=SCREENSHOTS / "api-tokens.png", full_page=True)
    enrolments = f"{live_server.url}/api/v1/enrolments/"
    assert secret.startswith("eds_")
    assert api_status(enrolments, secret) == 200

    page.goto(f"{live_server.url}/perfil/tokens/")
    assert secret not in page.content()  # shown once only
    with page.expect_navigation():
        page.click("button.danger")

    assert api_status(enrolments, secret) == 401
    assert browser_errors.messages == []
