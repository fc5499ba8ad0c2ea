"""The certificate PDF (edusalud.training.pdf): what the page says, where it says it, and stability.

No database. pypdf is not a dependency, so the page is read here directly: the
content streams are inflated and every text run is taken with its position,
font and size from ReportLab's operators (`/F2 30 Tf`, `1 0 0 1 x y Tm`,
`(...) Tj`). That is enough to check the words and that no run leaves the page.

The QR code is read back from the page's own operators (one path of `re`
rectangles in module units) and decoded with zxing-cpp's reader, a code path
separate from the encoder: what a phone would scan is the verification address.
"""

import base64
import dataclasses
import datetime
import io
import re
import zlib

import pytest
import zxingcpp
from PIL import Image
from reportlab.graphics.shapes import Path
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from edusalud.training.facts import CertificateFacts
from edusalud.training.pdf import (
    BOLD,
    PAGE_SIZE,
    PAGE_WIDTH,
    date_range_es,
    draw_certificate,
    fit_font_size,
    fit_lines,
    qr_drawing,
    qr_modules,
    render_certificate,
)

FACTS = CertificateFacts(
    code="K7Q2-9XWM-3HTA",
    person_name="María Guadalupe Hernández Ortiz",
    course_title="Buen trato en la atención médica",
    hours=40,
    starts_on=datetime.date(2026, 2, 3),
    ends_on=datetime.date(2026, 3, 28),
    areas=("Buen trato", "Liderazgo"),
    issuer="Coordinación de Educación en Salud",
    place="Hospital General de Zona No. 1",
    issued_on=datetime.date(2026, 3, 30),
    verify_url="https://edusalud.example.gob.mx/constancias/verificar/K7Q2-9XWM-3HTA",
)
LONG_NAME = ("María Guadalupe Hernández de la Fuente y Ortiz Villaseñor " * 3)[:120]
LONG_TITLE = (
    "Atención integral de la persona adulta mayor con enfermedades crónicas no "
    "transmisibles en el primer nivel de atención"
)
# Inside the thin gold border.
BORDER = 24


@dataclasses.dataclass
class TextRun:
    text: str
    font: str
    size: float
    x: float
    y: float
    char_space: float

    @property
    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size) + self.char_space * (len(self.text) - 1)


def test_render_certificate_is_one_landscape_letter_page():
    pdf = render_certificate(FACTS)

    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
    assert re.findall(rb"/MediaBox \[ ([\d. ]+) \]", pdf) == [b"0 0 792 612"]


def test_render_certificate_states_the_facts_in_spanish():
    pdf = render_certificate(FACTS)

    assert [run.text for run in text_runs(pdf)] == [
        "CONSTANCIA",
        "El Instituto, a través de la Coordinación de Educación en Salud, "
        "otorga la presente constancia a",
        "María Guadalupe Hernández Ortiz",
        "por haber concluido el curso",
        "Buen trato en la atención médica",
        "con duración de 40 horas, del 3 de febrero al 28 de marzo de 2026",
        "Sede: Hospital General de Zona No. 1",
        "Competencias transversales: Buen trato, Liderazgo",
        "Expedida el 30 de marzo de 2026",
        "Coordinación de Educación en Salud",
        "Verifique su autenticidad en "
        "https://edusalud.example.gob.mx/constancias/verificar/K7Q2-9XWM-3HTA",
        "Folio: K7Q2-9XWM-3HTA",
    ]


def test_render_certificate_of_a_national_edition_names_no_site():
    facts = dataclasses.replace(FACTS, place="Nacional", areas=(), hours=1, ends_on=FACTS.starts_on)

    texts = [run.text for run in text_runs(render_certificate(facts))]

    assert texts[5:8] == [
        "con duración de 1 hora, el 3 de febrero de 2026",
        "Nacional",
        "Expedida el 30 de marzo de 2026",
    ]


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        ("2026-02-03", "2026-03-28", "del 3 de febrero al 28 de marzo de 2026"),
        ("2026-09-01", "2026-09-30", "del 1 al 30 de septiembre de 2026"),
        ("2025-12-01", "2026-01-31", "del 1 de diciembre de 2025 al 31 de enero de 2026"),
        ("2026-05-15", "2026-05-15", "el 15 de mayo de 2026"),
    ],
)
def test_date_range_es_says_shared_month_and_year_once(starts_on, ends_on, expected):
    dates = datetime.date.fromisoformat(starts_on), datetime.date.fromisoformat(ends_on)

    assert date_range_es(*dates) == expected


def test_fit_font_size_shrinks_a_long_name_to_the_width():
    size = fit_font_size(LONG_NAME, BOLD, 30, 600)

    assert len(LONG_NAME) == 120
    assert size < 30
    assert 600 - 10 < stringWidth(LONG_NAME, BOLD, size) <= 600


def test_fit_font_size_keeps_the_size_of_a_text_that_fits():
    assert fit_font_size("Ana Ruiz", BOLD, 30, 600) == 30


def test_fit_lines_wraps_a_long_title_onto_two_balanced_lines():
    lines, size = fit_lines(LONG_TITLE, BOLD, 20, 640)

    widths = [stringWidth(line, BOLD, size) for line in lines]
    assert len(lines) == 2
    assert " ".join(lines) == LONG_TITLE
    assert size == 20
    assert max(widths) <= 640
    assert abs(widths[0] - widths[1]) < stringWidth("transmisibles ", BOLD, size)


def test_fit_lines_shrinks_what_two_lines_cannot_hold():
    title = " ".join([LONG_TITLE] * 3)

    lines, size = fit_lines(title, BOLD, 20, 600)

    assert len(lines) == 2
    assert size < 20
    assert all(stringWidth(line, BOLD, size) <= 600 for line in lines)


def test_render_certificate_with_long_texts_stays_inside_the_border():
    facts = dataclasses.replace(
        FACTS,
        person_name=LONG_NAME,
        course_title=" ".join([LONG_TITLE] * 2),
        issuer="Coordinación de Educación en Salud " * 4,
        areas=("Buen trato", "Liderazgo", "Trabajo en equipo", "Comunicación efectiva") * 3,
        place="Hospital General de Zona No. 1 «Dr. Ignacio García Téllez» " * 3,
    )

    runs = text_runs(render_certificate(facts))

    assert LONG_NAME in [run.text for run in runs]
    assert [
        run.text for run in runs if not BORDER < run.x < run.x + run.width < PAGE_WIDTH - BORDER
    ] == []


def test_render_certificate_draws_a_qr_code_of_the_address_in_the_corner():
    (qr,) = _QR_PATH.findall(b"".join(page_streams(render_certificate(FACTS))))
    scale, x, y, rects = float(qr[0]), float(qr[1]), float(qr[2]), qr[3]
    modules = [tuple(map(int, rect.split())) for rect in rects.split(b" re")[:-1]]
    count = max(column + length for column, _, length, _ in modules)

    assert (x, y) == (PAGE_WIDTH - BORDER - 36 - 84, 74)
    assert scale * count == pytest.approx(84, abs=0.001)
    assert decoded(modules, count) == (FACTS.verify_url, "M")


def test_qr_drawing_encodes_the_address():
    drawing = qr_drawing(FACTS.verify_url, 84)

    (path,) = drawing.contents
    assert isinstance(path, Path)
    assert (drawing.width, drawing.height) == (84, 84)
    assert decoded(drawing_modules(path, 84), 37) == (FACTS.verify_url, "M")


def test_qr_modules_of_different_addresses_differ():
    other = FACTS.verify_url.replace("3HTA", "3HTB")

    assert qr_modules(FACTS.verify_url) != qr_modules(other)


def test_render_certificate_twice_gives_the_same_bytes():
    assert render_certificate(FACTS) == render_certificate(dataclasses.replace(FACTS))


def test_draw_certificate_fills_one_page_of_a_shared_canvas_each():
    other = dataclasses.replace(FACTS, person_name="Ana Ruiz", code="ZZZZ-0000-0001")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, invariant=1)

    for facts in (FACTS, other):
        draw_certificate(canvas, facts)
        canvas.showPage()
    canvas.save()

    pdf = buffer.getvalue()
    texts = [run.text for run in text_runs(pdf)]
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 2
    assert [text for text in texts if text.startswith("Folio")] == [
        "Folio: K7Q2-9XWM-3HTA",
        "Folio: ZZZZ-0000-0001",
    ]
    assert texts.count("CONSTANCIA") == 2


def decoded(modules: list[tuple[int, int, int, int]], count: int) -> tuple[str, str]:
    """What a reader finds in the QR code made of these (column, row, length, 1) rectangles.

    Rows count from the bottom, as in PDF. The code gets its quiet zone of four
    modules and four pixels a module, as a clean scan would.
    """
    side = count + 8
    pixels = bytearray(b"\xff" * side * side)
    for column, row, length, height in modules:
        assert height == 1
        start = (side - 5 - row) * side + 4 + column
        pixels[start : start + length] = b"\x00" * length
    image = Image.frombytes("L", (side, side), bytes(pixels)).resize(
        (side * 4, side * 4), Image.Resampling.NEAREST
    )
    barcode = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert barcode is not None, "no QR code found"
    return barcode.text, barcode.ec_level


def drawing_modules(path: Path, size: float) -> list[tuple[int, int, int, int]]:
    """The rectangles of the drawing's path, in modules of a 37-module code."""
    module = size / 37
    # moveTo and three lineTo per rectangle: its corners, lower left first.
    points = [round(p / module) for p in path.points]
    corners = [points[i : i + 8] for i in range(0, len(points), 8)]
    return [(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, _, _, y1, _, _ in corners]


def text_runs(pdf: bytes) -> list[TextRun]:
    """The text drawn on the pages, in drawing order, as ReportLab writes it."""
    fonts = {
        name.decode(): base.decode()
        for base, name in re.findall(rb"/BaseFont /([\w-]+).*?/Name /(F\d+)", pdf, re.S)
    }
    runs = []
    for content in page_streams(pdf):
        font, size = None, None
        for match in _OPERATOR.finditer(content):
            if match["font"]:
                font, size = fonts[match["font"].decode()], float(match["size"])
            else:
                runs.append(
                    TextRun(
                        text=_unescape(match["text"]).decode("cp1252"),
                        font=font,
                        size=size,
                        x=float(match["x"]),
                        y=float(match["y"]),
                        char_space=float(match["char_space"] or 0),
                    )
                )
    return runs


def page_streams(pdf: bytes) -> list[bytes]:
    streams = []
    for header, data in re.findall(rb"<<([^<>]*)>>\s*stream\r?\n(.*?)endstream", pdf, re.S):
        filters = re.findall(rb"/(\w+Decode)", header)
        for name in filters:
            if name == b"ASCII85Decode":
                data = _ascii85(data)
            elif name == b"FlateDecode":
                data = zlib.decompress(data)
            else:
                raise AssertionError(f"unexpected filter {name!r}")
        streams.append(data)
    return streams


_QR_PATH = re.compile(rb"q 0 g ([\d.]+) 0 0 \1 ([\d.]+) ([\d.]+) cm\n((?:\d+ \d+ \d+ 1 re\n)+)f Q")
_OPERATOR = re.compile(
    rb"/(?P<font>F\d+) (?P<size>[\d.]+) Tf"
    rb"|1 0 0 1 (?P<x>[\d.-]+) (?P<y>[\d.-]+) Tm (?:(?P<char_space>[\d.]+) Tc )?"
    rb"\((?P<text>(?:\\.|[^\\)])*)\) Tj",
    re.S,
)


def _unescape(literal: bytes) -> bytes:
    simple = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

    def replace(match):
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return simple.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, literal, flags=re.S)


def _ascii85(data: bytes) -> bytes:
    data = re.sub(rb"\s", b"", data)
    return base64.a85decode(data.removesuffix(b"~>"), adobe=False)
