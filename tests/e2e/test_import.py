"""A site coordinator brings a sheet in through a real browser: errors first, then the import."""

from pathlib import Path

import pytest

from edusalud.residents.models import Person
from tests.e2e.conftest import log_in
from tests.exchange.test_resident_import import csv_bytes, curp_for, row

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def upload(page, base_url, path: Path) -> None:
    page.goto(f"{base_url}/importaciones/")
    page.set_input_files("input[type=file]", str(path))
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_a_coordinator_fixes_a_bad_sheet_and_imports_it(page, live_server, world, tmp_path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    good, bad = curp_for(), curp_for()
    bad_row = row(bad[:-1] + ("0" if bad[-1] != "0" else "1"), first="Luisa")
    sheet = tmp_path / "residentes.csv"
    sheet.write_bytes(csv_bytes(row(good), bad_row, encoding="cp1252").replace(b",", b";"))
    log_in(page, live_server.url, world.users["site"])
    page.click("nav >> text=Importaciones")
    page.screenshot(path=SCREENSHOTS / "import-upload.png", full_page=True)

    upload(page, live_server.url, sheet)
    assert "El archivo tiene 1 error; no se guardó nada." in page.inner_text("main")
    assert "Fila 3, columna CURP: El dígito verificador" in page.inner_text("main")
    page.screenshot(path=SCREENSHOTS / "import-errors.png", full_page=True)

    sheet.write_bytes(csv_bytes(row(good), row(curp_for(), first="Luisa")))
    upload(page, live_server.url, sheet)
    assert "María José Peña Núñez" in page.inner_text("main")
    page.screenshot(path=SCREENSHOTS / "import-preview.png", full_page=True)
    with page.expect_navigation():
        page.click("text=Importar: crear 2 y actualizar 0")

    assert "Importado: 2 creados, 0 actualizados, 0 sin cambios." in page.inner_text("main")
    assert Person.objects.filter(curp=good).exists()
    page.screenshot(path=SCREENSHOTS / "import-done.png", full_page=True)
