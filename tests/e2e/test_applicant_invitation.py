"""From the applicants file to an applicant ranking sites: invitation, password, first sign-in.

The national coordinator sends the invitations from the cycle page; an applicant
opens the e-mailed link in a real browser, chooses a password, signs in with
their e-mail address and lands on their application.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from edusalud.admissions.models import AdmissionCycle, CycleStatus, RankingPeriod
from tests.e2e.conftest import VIEWPORT, log_in
from tests.exchange.test_admission_import import APPLICANTS, POSITIONS, applicant_row, load

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "Mi-residencia-2027"


def test_an_invited_applicant_chooses_a_password_and_ranks_sites(
    page: Page, browser: Browser, live_server, world, browser_errors, settings
):
    settings.SITE_URL = live_server.url
    today = timezone.localdate()
    cycle = AdmissionCycle.objects.create(year=today.year + 1, status=CycleStatus.OPEN)
    RankingPeriod.objects.create(
        cycle=cycle, number=1, opens_on=today, closes_on=today + datetime.timedelta(days=7)
    )
    national = world.users["national"]
    assert not load(
        "positions", POSITIONS + "DFIMS000001,ANES,1,0\nDFIMS000002,ANES,1,0\n", national, cycle
    )
    assert not load(
        "applicants",
        APPLICANTS + applicant_row("E7", "81") + applicant_row("E8", "77"),
        national,
        cycle,
    )

    # The coordinator sends the invitations from the cycle page.
    log_in(page, live_server.url, national)
    page.goto(f"{live_server.url}/admisiones/{cycle.year}/")
    expect(page.locator("#accounts")).to_contain_text("2 aspirantes pueden entrar; 0 invitados")
    with page.expect_navigation():
        page.click(f"main form[action='/admisiones/{cycle.year}/invitar/'] button[type=submit]")
    expect(page.locator("#accounts")).to_contain_text("2 aspirantes pueden entrar; 2 invitados")
    invitation = next(message for message in mail.outbox if message.to == ["e7@example.mx"])
    link = re.search(r"http://\S+", invitation.body).group(0)

    # The applicant, on their own computer.
    applicant = browser.new_context(viewport=VIEWPORT, locale="es-MX").new_page()
    applicant.on("console", browser_errors.on_console)
    applicant.on("pageerror", browser_errors.on_page_error)
    applicant.goto(link)
    applicant.fill("main input[name='new_password1']", PASSWORD)
    applicant.fill("main input[name='new_password2']", PASSWORD)
    with applicant.expect_navigation():
        applicant.click("main form button[type=submit]")
    with applicant.expect_navigation():
        applicant.click("main a[href='/entrar/']")
    applicant.fill("main input[name=username]", "e7@example.mx")
    applicant.fill("main input[name=password]", PASSWORD)
    with applicant.expect_navigation():
        applicant.click("main form button[type=submit]")

    assert applicant.url == f"{live_server.url}/admisiones/mi-solicitud/"
    expect(applicant.locator("#ranking li")).to_have_count(2)
    # An applicant has no residents to look at: the menu leaves that page out.
    expect(applicant.locator(".mainnav a[href='/residentes/']")).to_have_count(0)
    expect(applicant.locator(".mainnav a[aria-current='page']")).to_have_text("Mi solicitud")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    applicant.screenshot(path=SCREENSHOTS / "admissions-first-sign-in.png", full_page=True)
    applicant.context.close()
    assert browser_errors.messages == []
