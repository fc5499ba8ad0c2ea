"""A site coordinator runs a course edition; the resident downloads the certificate; a
stranger scans its QR and sees that it is valid.

The QR is read for real: the PDF the browser downloaded is rendered to an image
(poppler's pdftoppm) and decoded (zbar's zbarimg), as a phone would.
"""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from edusalud.training import services
from edusalud.training.models import Audience, Certificate, CompetencyArea, Modality
from tests.e2e.conftest import VIEWPORT, log_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def scan_qr(pdf: Path) -> str:
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            pytest.fail(f"`{tool}` missing: install Debian's poppler-utils and zbar-tools")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(pdf.with_suffix(".png"))],
        check=True,
        capture_output=True,
        text=True,
    )
    return decoded.stdout.strip()


def test_an_edition_from_creation_to_a_verified_certificate(
    page: Page, browser: Browser, live_server, world, browser_errors, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    today = timezone.localdate()
    course = services.create_course(
        by=None,
        title="Buen trato en la atención médica",
        areas=list(CompetencyArea.objects.filter(code="buen-trato")),
        hours=20,
        modality=Modality.ONLINE,
        audience=Audience.RESIDENTS,
    )
    resident = world.enrolment.person

    # The site coordinator creates an edition that started yesterday.
    log_in(page, live_server.url, world.users["site"])
    page.goto(f"{live_server.url}/cursos/{course.pk}/")
    page.select_option("#new-edition select[name=site]", str(world.site.pk))
    page.fill(
        "#new-edition input[name=starts_on]", (today - datetime.timedelta(days=1)).isoformat()
    )
    page.fill("#new-edition input[name=ends_on]", (today + datetime.timedelta(days=5)).isoformat())
    page.fill("#new-edition input[name=capacity]", "30")
    with page.expect_navigation():
        page.click("#new-edition button[type=submit]")
    assert "/cursos/ediciones/" in page.url

    # Enrols the residents of the resident's year at the site.
    page.select_option("#enrol select[name=site]", str(world.site.pk))
    page.select_option("#enrol select[name=year]", str(world.enrolment.year))
    with page.expect_navigation():
        page.click("#enrol button[type=submit]")
    expect(page.locator("#participants")).to_contain_text(resident.full_name)

    # Takes the roll of the first session, then records the results.
    with page.expect_navigation():
        page.click("#sessions a")
    page.check(f"#roll label:has-text('{resident.full_name}')")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator("#participants")).to_contain_text("100 %")
    with page.expect_navigation():
        page.click("#participants a.button")
    participation = resident.participations.get()
    page.check(f"input[name=verdict-{participation.pk}][value=passed]")
    page.fill(f"input[name=grade-{participation.pk}]", "94")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    code = Certificate.objects.get(participation=participation).code
    expect(page.locator("#participants")).to_contain_text(code)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "training-edition.png", full_page=True)

    # The resident downloads the certificate from their training record.
    own = browser.new_context(viewport=VIEWPORT, locale="es-MX").new_page()
    own.on("pageerror", browser_errors.on_page_error)
    log_in(own, live_server.url, world.users["resident"])
    own.goto(f"{live_server.url}/mi-formacion/")
    expect(own.locator("[data-figure=total-hours]")).to_have_text("20")
    with own.expect_download() as download:
        own.click("#my-courses a[href$='.pdf']")
    pdf = tmp_path / "constancia.pdf"
    download.value.save_as(pdf)
    own.context.close()

    # A stranger scans the QR.
    url = scan_qr(pdf)
    assert url == f"{live_server.url}/verificar/{code}/"
    stranger = browser.new_context(viewport=VIEWPORT, locale="es-MX").new_page()
    stranger.goto(url)
    expect(stranger.locator("h1")).to_have_text("Esta constancia es auténtica")
    expect(stranger.locator("main")).to_contain_text(resident.full_name)
    expect(stranger.locator("main")).to_contain_text("Buen trato en la atención médica")
    stranger.screenshot(path=SCREENSHOTS / "training-verified.png", full_page=True)
    stranger.context.close()
    assert browser_errors.messages == []
