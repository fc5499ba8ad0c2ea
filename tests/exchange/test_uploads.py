"""Files that are not what they claim, too big or built to explode: refused clearly and quickly."""

import io
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from edusalud.exchange.models import ImportJob
from edusalud.exchange.readers import UnreadableFile, read_table


def message_of(content: bytes) -> str:
    with translation.override("es-mx"), pytest.raises(UnreadableFile) as error:
        read_table(content)
    return str(error.value)


def test_an_xlsx_zip_bomb_is_refused_before_decompression(settings):
    settings.IMPORT_MAX_INFLATED_BYTES = 10_000_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    bomb = buffer.getvalue()
    assert len(bomb) < 100_000

    tracemalloc.start()
    message = message_of(bomb)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert "sin comprimir" in message
    assert "50.0 MB" in message
    assert peak < 5_000_000


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        (b"%PDF-1.7\n\0\0\x01binary", "ni CSV ni XLSX"),
        (b"PK\x03\x04not really a zip", "dañado"),
        (b"   \n  \n", "vacío"),
    ],
)
def test_wrong_types_say_what_to_do(content, fragment):
    assert fragment in message_of(content)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hola.txt", "hola")

    assert "no es un libro de Excel" in message_of(buffer.getvalue())


def test_a_file_over_the_size_limit_is_refused_on_the_page_and_saves_nothing(
    client, world, settings
):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(world.users["site"])
    upload = io.BytesIO(b"CURP,Nombre(s)\n" + b"x,y\n" * 500)
    upload.name = "grande.csv"

    with translation.override("es-mx"):
        response = client.post(
            reverse("exchange:import_list"),
            {"kind": "residents", "file": upload},
            HTTP_ACCEPT_LANGUAGE="es-mx",
        )

    assert response.status_code == 200
    assert (
        "el límite es 0.0 MB" in response.content.decode() or "límite" in response.content.decode()
    )
    assert not ImportJob.objects.exists()


def test_too_many_rows_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 3

    assert "límite" in message_of(b"a,b\n1,2\n3,4\n5,6\n7,8\n")
