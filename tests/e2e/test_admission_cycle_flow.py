"""A national coordinator takes an admission cycle from nothing to published, page by page.

Everything goes through the real pages in a headless Chromium, in Spanish: the new
cycle, its ranking period, its places, applicants and rank lists loaded from CSV files
on the import page, the opening, the match, its review and the publication.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from edusalud.admissions.models import AdmissionCycle, Assignment, CycleStatus
from edusalud.residents.enums import Sex
from edusalud.residents.models import Enrolment
from tests.e2e.conftest import log_in
from tests.factories import make_curp

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

UMAE, HGZ, HGR = "DFIMS000001", "DFIMS000002", "JCIMS000003"  # Anesthesiology at all three
BORN = datetime.date(1997, 11, 23)

POSITIONS = (
    "Sede (CLUES),Especialidad,Plazas,Plazas para extranjeros\n"
    f"{UMAE},ANES,1,0\n"
    f"{HGZ},ANES,1,0\n"
    f"{HGR},ANES,1,0\n"
)
APPLICANTS_HEADER = (
    "Folio ENARM,Puntaje ENARM,Especialidad,Nombre(s),Primer apellido,Segundo apellido,"
    "CURP,Pasaporte,Nacionalidad,Sexo,Fecha de nacimiento,Correo electrónico\n"
)
# Folio, score (Spanish decimal comma), first name, rank list best first.
APPLICANTS = [
    ("E001", "91,5", "Ana", [HGR, UMAE, HGZ]),
    ("E002", "85", "Berta", [UMAE, HGZ, HGR]),
    ("E003", "80,25", "Carla", [UMAE, HGR, HGZ]),
    ("E004", "70", "Diana", [UMAE, HGZ, HGR]),
]
# Deferred acceptance with one place per site and programmes ordering by score:
# E001 gets HGR (1st choice), E002 UMAE (1st), E003 is turned away by both and gets
# HGZ (3rd); E004 is left without a place.
EXPECTED = {"E001": HGR, "E002": UMAE, "E003": HGZ, "E004": None}


def applicants_csv() -> bytes:
    rows = [
        f'{folio},"{score}",ANES,{first},Ruiz,Paz,'
        f"{make_curp(birth_date=BORN, sex=Sex.FEMALE)},,MX,Mujer,{BORN:%d/%m/%Y},"
        f"{folio.lower()}@example.mx\n"
        for folio, score, first, _ in APPLICANTS
    ]
    return (APPLICANTS_HEADER + "".join(rows)).encode("utf-8")


def preferences_csv() -> bytes:
    rows = [
        f"{folio},{place},{clues}\n"
        for folio, _, _, ranked in APPLICANTS
        for place, clues in enumerate(ranked, start=1)
    ]
    return ("Folio ENARM,Lugar,Sede (CLUES)\n" + "".join(rows)).encode("utf-8")


def load_file(page: Page, year: int, kind: str, name: str, content: bytes, created: int) -> None:
    """From the cycle page: follow its link for `kind`, upload, check the preview, confirm.

    `created`: what the preview counts, rows for places and applicants, whole lists for
    rank lists.
    """
    with page.expect_navigation():
        page.click(f"#loaded a[href='/importaciones/?kind={kind}&cycle={year}']")
    assert page.url.endswith(f"/importaciones/?kind={kind}&cycle={year}")
    # The link preselects what the file holds and the cycle it goes into.
    expect(page.locator("main select[name='kind']")).to_have_value(kind)
    expect(page.locator("main select[name='cycle']")).to_have_value(str(year))

    page.set_input_files(
        "main input[type=file][name='file']",
        {"name": name, "mimeType": "text/csv", "buffer": content},
    )
    with page.expect_navigation():
        page.click("main form[enctype='multipart/form-data'] button[type=submit]")

    # The preview (htmx reloads the page if the check were still running).
    confirm = page.locator("main form[action$='/confirmar/'] button[type=submit]")
    expect(confirm).to_have_text(f"Importar: crear {created} y actualizar 0", timeout=10_000)
    assert page.locator("main .errorbox").count() == 0, page.inner_text("main")
    with page.expect_navigation():
        confirm.click()

    expect(page.locator("main .message[role=status]")).to_contain_text(
        f"Importado: {created} creados, 0 actualizados, 0 sin cambios.", timeout=10_000
    )
    # "Ver la lista" leads back to the cycle's page.
    with page.expect_navigation():
        page.click(f"main .message a[href='/admisiones/{year}/']")


def test_a_cycle_goes_from_empty_to_published_through_the_pages(
    page: Page, live_server, world, browser_errors
):
    today = timezone.localdate()
    year = today.year + 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server.url, world.users["national"])

    # 1. A new cycle, as a draft.
    page.goto(f"{live_server.url}/admisiones/")
    form = page.locator("main form:has(input[name='year'])")
    page.fill("main input[name='year']", str(year))
    expect(form.locator("input[name='requires_complete_lists']")).to_be_checked()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == f"{live_server.url}/admisiones/{year}/"
    cycle = AdmissionCycle.objects.get(year=year)
    assert (cycle.status, cycle.requires_complete_lists) == (CycleStatus.DRAFT, True)

    # 2. A ranking period open from today for a week.
    period = page.locator(f"main form[action='/admisiones/{year}/periodos/']")
    period.locator("input[name='opens_on']").fill(today.isoformat())
    period.locator("input[name='closes_on']").fill((today + datetime.timedelta(days=7)).isoformat())
    with page.expect_navigation():
        period.locator("button[type=submit]").click()
    assert page.url == f"{live_server.url}/admisiones/{year}/"
    expect(page.locator("#periods tbody tr")).to_have_count(1)
    expect(page.locator("#periods tbody tr td").first).to_have_text("1")

    # 3-5. Places, applicants and rank lists, each from its link on the cycle page.
    load_file(page, year, "positions", "plazas.csv", POSITIONS.encode("utf-8"), created=3)
    expect(page.locator("[data-figure='places']")).to_have_text("3")
    load_file(page, year, "applicants", "aspirantes.csv", applicants_csv(), created=4)
    expect(page.locator("[data-figure='applicants']")).to_have_text("4")
    load_file(page, year, "preferences", "listas.csv", preferences_csv(), created=4)
    expect(page.locator("[data-figure='ranked_pairs']")).to_have_text("12")

    # 6. Open for ranking, run the match, review it and publish it.
    with page.expect_navigation():
        page.click(f"main form[action='/admisiones/{year}/abrir/'] button[type=submit]")
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN
    assert page.locator(f"main form[action='/admisiones/{year}/abrir/']").count() == 0

    with page.expect_navigation():
        page.click(f"main form[action='/admisiones/{year}/asignar/'] button[type=submit]")
    page.wait_for_selector("body[data-charts-drawn='true']", timeout=10_000)
    assert page.inner_text("[data-figure='matched']") == "3"
    assert page.inner_text("[data-figure='unmatched']") == "1"
    expect(page.locator("#unmatched tbody tr td:first-child")).to_have_text(["E004"])
    assert page.inner_text("[data-rank='1']") == "2"
    assert page.inner_text("[data-rank='3']") == "1"
    placed = dict(
        Assignment.objects.filter(applicant__cycle=cycle).values_list(
            "applicant__folio", "position__programme__site__clues"
        )
    )
    assert placed == EXPECTED

    page.check("input[name='confirm']")
    with page.expect_navigation():
        page.click(f"main form[action='/admisiones/{year}/publicar/'] button[type=submit]")

    # 7. Final: the R1 enrolments of exactly the placed applicants, and nothing left to run.
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED
    enrolments = Enrolment.objects.filter(person__applications__cycle__year=year, year=1)
    assert sorted(
        enrolments.values_list("person__applications__folio", "programme__site__clues")
    ) == sorted((folio, clues) for folio, clues in EXPECTED.items() if clues)
    assert page.locator("form[action$='/publicar/'], form[action$='/asignar/']").count() == 0
    assert "publicado" in page.inner_text(".pagehead .badge").lower()
    page.screenshot(path=SCREENSHOTS / "admissions-from-empty.png", full_page=True)
    assert browser_errors.messages == []
