"""The API's documentation pages work in a real browser under the content security policy."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_swagger_ui_renders_the_schema_without_csp_violations(
    page: Page, live_server, world, browser_errors
):
    log_in(page, live_server.url, world.users["site"])

    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector("#swagger-ui .opblock-tag", timeout=15_000)

    assert "/api/v1/enrolments/{id}/promote/" in page.inner_text("#swagger-ui")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "api-docs.png", full_page=False)
    assert browser_errors.messages == []


def test_redoc_renders_the_schema_without_csp_violations(
    page: Page, live_server, world, browser_errors
):
    log_in(page, live_server.url, world.users["national"])

    page.goto(f"{live_server.url}/api/redoc/")
    page.wait_for_selector("text=/api/v1/enrolments/{id}/promote/", timeout=15_000)

    # Redoc always shows Redocly's logo from their CDN; the policy blocks it, on purpose
    # (no request leaves the hospital network), and Redoc hides the broken image.
    errors = [m for m in browser_errors.messages if "cdn.redoc.ly/redoc/logo-mini.svg" not in m]
    assert errors == []
