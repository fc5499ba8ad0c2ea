"""Real headless Chromium (Debian's, never a downloaded one) driven by Playwright's sync API."""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from edusalud.accounts.models import User

# Playwright's sync API keeps an asyncio event loop running in the main thread, and
# Django refuses ORM calls when it sees a running loop (SynchronousOnlyOperation).
# The tests and the live server only ever touch the database synchronously.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "secret-pass-123"  # tests.factories.UserFactory's
VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@dataclass
class BrowserErrors:
    """Console errors and uncaught exceptions of a page, to assert there are none."""

    messages: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        url = message.location.get("url", "")
        # Chromium asks for /favicon.ico on its own, once per browser and not always: the
        # base template links no icon, so the answer is a 404 that says nothing of the page.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            self.messages.append(f"console: {message.text} ({url})")

    def on_page_error(self, error: Exception) -> None:
        self.messages.append(f"pageerror: {error}")


# Module scope, not session: while Playwright runs, the main thread has a running event
# loop, and the rest of the suite (asgiref's async_to_sync, for one) should not see it.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        # CI installs Debian's chromium; a missing browser is a broken machine, not a skip.
        pytest.fail(
            "No `chromium` on PATH: install Debian's package (apt-get install chromium). "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    browser = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser_errors() -> BrowserErrors:
    return BrowserErrors()


@pytest.fixture
def page(browser: Browser, browser_errors: BrowserErrors) -> Iterator[Page]:
    """A fresh context (own cookies) 1280 px wide, in English like many hospital computers."""
    page = browser.new_context(viewport=VIEWPORT, locale="en-US").new_page()
    page.on("console", browser_errors.on_console)
    page.on("pageerror", browser_errors.on_page_error)
    yield page
    page.context.close()


def log_in(page: Page, base_url: str, user: User) -> None:
    """Log in through the real login form, as a person would."""
    page.goto(f"{base_url}/entrar/")
    page.fill("main input[name=username]", user.username)
    page.fill("main input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/entrar/" not in page.url, f"{user.username} could not log in: still on {page.url}"
