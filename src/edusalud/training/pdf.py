"""The certificate ("Constancia") as a one-page PDF, drawn with ReportLab from `CertificateFacts`.

Always in Spanish: it is an official document, whatever the reader's language.
Landscape Letter, Helvetica (built into every PDF reader, so no font files), a
QR code in the lower right corner that opens the public verification page.

Certificates are issued by the thousand at the end of a course, so everything
that does not depend on the facts (geometry, colours, month names) is computed
once at import; per certificate there remain the text fitting, the QR code and
ReportLab's own work, about 2 ms in all. The QR code is encoded by zxing-cpp
(C++; ReportLab's pure-Python encoder took 12 ms) and drawn as one path of
rectangles filled once (ReportLab's widget drew some 280 shapes, 25 ms).

`draw_certificate()` draws on a canvas the caller owns (several certificates in
one file); `render_certificate()` is one certificate, one file. Output is
byte-for-byte deterministic for the same facts.
"""

import datetime
import io
import math
import re

import zxingcpp
from reportlab.graphics.shapes import Drawing, Path
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from edusalud.training.facts import CertificateFacts

PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE = landscape(letter)
CENTRE_X = PAGE_WIDTH / 2

GREEN_DARK = HexColor("#13322B")
GREEN = HexColor("#285C4D")
GOLD = HexColor("#B38E5D")
INK = HexColor("#231F20")
GREY = HexColor("#5B5B5F")

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"

_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

# Frame: a heavy green line and a thin gold one inside it, then the band.
_OUTER_INSET = 18
_INNER_INSET = 24
_BAND_TOP = PAGE_HEIGHT - _INNER_INSET
_BAND_HEIGHT = 78
_BAND_BOTTOM = _BAND_TOP - _BAND_HEIGHT
_STRIPE_HEIGHT = 4

# Text may use the width between the borders less a generous margin: centred
# lines that run close to a border look cramped.
_TEXT_WIDTH = PAGE_WIDTH - 2 * _INNER_INSET - 2 * 56
_NAME_RULE_WIDTH = 420
_LEADING = 1.25
_BODY_TOP = _BAND_BOTTOM - _STRIPE_HEIGHT - 20
_BODY_BOTTOM = 172

_QR_SIZE = 84
# Four modules of white around the code is what scanners expect; the page
# margin gives that, so the widget draws no border of its own.
_QR_RIGHT = PAGE_WIDTH - _INNER_INSET - 36
_QR_X = _QR_RIGHT - _QR_SIZE
_QR_Y = 74
_QR_CENTRE_X = _QR_X + _QR_SIZE / 2
_BOTTOM_LEFT_X = _INNER_INSET + 44
# The bottom-left block must stop short of the QR code's quiet zone.
_BOTTOM_LEFT_WIDTH = _QR_X - 24 - _BOTTOM_LEFT_X

_QR_FORMAT = zxingcpp.BarcodeFormat.QRCode
_DARK_RUN = re.compile(rb"\x00+")

# A long text stays on one line when that costs at most this much of its size;
# beyond, two lines at a larger size read better.
_ONE_LINE_MIN_RATIO = 0.85

# ReportLab's default. Measured: compressing costs about 0.1 ms a certificate
# (5 % of the rendering) and halves the file, 3.8 KiB, not 7.9.
_COMPRESS_PAGES = 1


def render_certificate(facts: CertificateFacts) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=PAGE_SIZE,
        # Same facts, same bytes: no timestamps or random document id.
        invariant=1,
        pageCompression=_COMPRESS_PAGES,
    )
    canvas.setTitle(f"Constancia {facts.code}")
    canvas.setAuthor(facts.issuer)
    draw_certificate(canvas, facts)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_certificate(canvas: Canvas, facts: CertificateFacts) -> None:
    """Draw the certificate on the canvas's current page; the caller ends the page.

    The canvas must have a landscape Letter page. Its graphics state is restored
    afterwards, so several certificates can follow one another in one file.
    """
    canvas.saveState()
    _draw_frame(canvas)
    _draw_body(canvas, facts)
    _draw_bottom(canvas, facts)
    canvas.restoreState()


def qr_modules(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of `url`: its width in modules and its dark runs as (row, column, length).

    Rows count from the top, columns from the left, both from the code's edge
    (no quiet zone).
    """
    # Level M survives a stamp or a fold on a printed copy; it costs a few modules.
    image = zxingcpp.create_barcode(url, _QR_FORMAT, ec_level="M").to_image()
    # One byte a module, 0 for dark. The image has its quiet zone on every
    # side, so no run of dark modules goes on from one row into the next.
    pixels = bytes(image)
    width = image.shape[1]
    # The first dark module is the top left corner of a finder pattern.
    quiet = pixels.index(0) // width
    runs = []
    for match in _DARK_RUN.finditer(pixels):
        row, column = divmod(match.start(), width)
        runs.append((row - quiet, column - quiet, match.end() - match.start()))
    return width - 2 * quiet, runs


def qr_drawing(url: str, size: float) -> Drawing:
    """A square drawing `size` points wide holding the QR code of `url`, without quiet zone."""
    count, runs = qr_modules(url)
    module = size / count
    path = Path(fillColor=black, strokeColor=None, strokeWidth=0)
    for row, column, length in runs:
        path.moveTo(column * module, size - (row + 1) * module)
        path.lineTo((column + length) * module, size - (row + 1) * module)
        path.lineTo((column + length) * module, size - row * module)
        path.lineTo(column * module, size - row * module)
        path.closePath()
    drawing = Drawing(size, size)
    drawing.add(path)
    return drawing


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of `url` as a black square `size` points wide, lower left corner at x, y."""
    count, runs = qr_modules(url)
    last = count - 1
    # One path filled once, in module units, written as PDF operators. Measured:
    # the same path through canvas.beginPath() costs 1 ms more a certificate
    # (ReportLab formats every number on its own), as much as all the text.
    rects = "\n".join(f"{column} {last - row} {length} 1 re" for row, column, length in runs)
    scale = f"{size / count:.6f}"
    canvas.addLiteral(f"q 0 g {scale} 0 0 {scale} {x:g} {y:g} cm\n{rects}\nf Q")


def fit_font_size(text: str, font: str, max_size: float, width: float) -> float:
    """The largest size up to `max_size`, in tenths of a point, at which `text` fits `width`."""
    natural = stringWidth(text, font, max_size)
    if natural <= width:
        return max_size
    # Width is proportional to size; rounding down keeps float error on the safe side.
    return math.floor(max_size * width / natural * 10) / 10


def fit_lines(
    text: str, font: str, max_size: float, width: float, max_lines: int = 2
) -> tuple[tuple[str, ...], float]:
    """Split `text` into at most `max_lines` (1 or 2) lines and the size at which all fit `width`.

    Two lines are balanced: the break goes between the words that make the
    longer line shortest.
    """
    one_line_size = fit_font_size(text, font, max_size, width)
    words = text.split()
    if max_lines < 2 or len(words) < 2 or one_line_size >= max_size * _ONE_LINE_MIN_RATIO:
        return (text,), one_line_size
    best = min(
        ((" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))),
        key=lambda pair: max(stringWidth(line, font, max_size) for line in pair),
    )
    longer = max(best, key=lambda line: stringWidth(line, font, max_size))
    return best, fit_font_size(longer, font, max_size, width)


def date_es(day: datetime.date) -> str:
    return f"{day.day} de {_MONTHS[day.month - 1]} de {day.year}"


def date_range_es(starts_on: datetime.date, ends_on: datetime.date) -> str:
    """The period written out, e.g. "del 3 de febrero al 28 de marzo de 2026".

    A month or year the two dates share is said once, as one would write it.
    """
    if starts_on == ends_on:
        return f"el {date_es(ends_on)}"
    if starts_on.year != ends_on.year:
        return f"del {date_es(starts_on)} al {date_es(ends_on)}"
    if starts_on.month != ends_on.month:
        return f"del {starts_on.day} de {_MONTHS[starts_on.month - 1]} al {date_es(ends_on)}"
    return f"del {starts_on.day} al {date_es(ends_on)}"


def _draw_frame(canvas: Canvas) -> None:
    canvas.setFillColor(GREEN_DARK)
    canvas.rect(
        _INNER_INSET, _BAND_BOTTOM, PAGE_WIDTH - 2 * _INNER_INSET, _BAND_HEIGHT, stroke=0, fill=1
    )
    canvas.setFillColor(GOLD)
    canvas.rect(
        _INNER_INSET,
        _BAND_BOTTOM - _STRIPE_HEIGHT,
        PAGE_WIDTH - 2 * _INNER_INSET,
        _STRIPE_HEIGHT,
        stroke=0,
        fill=1,
    )

    canvas.setStrokeColor(GREEN_DARK)
    canvas.setLineWidth(2)
    canvas.rect(
        _OUTER_INSET, _OUTER_INSET, PAGE_WIDTH - 2 * _OUTER_INSET, PAGE_HEIGHT - 2 * _OUTER_INSET
    )
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.75)
    canvas.rect(
        _INNER_INSET, _INNER_INSET, PAGE_WIDTH - 2 * _INNER_INSET, PAGE_HEIGHT - 2 * _INNER_INSET
    )

    canvas.setFillColor(white)
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(CENTRE_X, _BAND_BOTTOM + 27, "CONSTANCIA", charSpace=8)


def _draw_bottom(canvas: Canvas, facts: CertificateFacts) -> None:
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 11)
    canvas.drawString(_BOTTOM_LEFT_X, 118, f"Expedida el {date_es(facts.issued_on)}")
    size = fit_font_size(facts.issuer, BOLD, 10, _BOTTOM_LEFT_WIDTH)
    canvas.setFont(BOLD, size)
    canvas.drawString(_BOTTOM_LEFT_X, 102, facts.issuer)

    canvas.setFillColor(GREY)
    verify = f"Verifique su autenticidad en {facts.verify_url}"
    canvas.setFont(REGULAR, fit_font_size(verify, REGULAR, 8.5, _BOTTOM_LEFT_WIDTH))
    canvas.drawString(_BOTTOM_LEFT_X, 76, verify)

    draw_qr(canvas, facts.verify_url, _QR_X, _QR_Y, _QR_SIZE)
    canvas.setFillColor(INK)
    folio = f"Folio: {facts.code}"
    canvas.setFont(BOLD, fit_font_size(folio, BOLD, 9, _QR_SIZE + 40))
    canvas.drawCentredString(_QR_CENTRE_X, _QR_Y - 16, folio)


def _draw_body(canvas: Canvas, facts: CertificateFacts) -> None:
    """The statement, as a column centred between the band and the bottom block.

    Centring keeps a certificate with one-line texts from looking top-heavy, and
    one with two-line texts from crowding the QR code.
    """
    lines = []  # (distance from the previous baseline, font, size, colour, text)

    def add(advance, text, font, max_size, colour, max_lines=2):
        texts, size = fit_lines(text, font, max_size, _TEXT_WIDTH, max_lines)
        lines.append((advance, font, size, colour, texts[0]))
        lines.extend((size * _LEADING, font, size, colour, more) for more in texts[1:])

    intro = f"El Instituto, a través de la {facts.issuer}, otorga la presente constancia a"
    add(0, intro, REGULAR, 13, INK)
    add(48, facts.person_name, BOLD, 30, GREEN_DARK, max_lines=1)
    name_index = len(lines) - 1
    add(38, "por haber concluido el curso", REGULAR, 13, INK)
    add(32, facts.course_title, BOLD, 20, GREEN)
    hours = "1 hora" if facts.hours == 1 else f"{facts.hours} horas"
    dates = date_range_es(facts.starts_on, facts.ends_on)
    add(38, f"con duración de {hours}, {dates}", REGULAR, 13, INK, max_lines=1)
    place = "Nacional" if facts.place == "Nacional" else f"Sede: {facts.place}"
    add(21, place, REGULAR, 12, INK, max_lines=1)
    if facts.areas:
        areas = "Competencias transversales: " + ", ".join(facts.areas)
        add(28, areas, ITALIC, 11, GREY)

    # From the first line's cap height to the last line's descender.
    height = sum(line[0] for line in lines) + 0.72 * lines[0][2] + 0.21 * lines[-1][2]
    y = (_BODY_TOP + _BODY_BOTTOM + height) / 2 - 0.72 * lines[0][2]
    for index, (advance, font, size, colour, text) in enumerate(lines):
        y -= advance
        canvas.setFillColor(colour)
        canvas.setFont(font, size)
        canvas.drawCentredString(CENTRE_X, y, text)
        if index == name_index:
            half = min(_TEXT_WIDTH, max(_NAME_RULE_WIDTH, stringWidth(text, font, size) + 40)) / 2
            canvas.setStrokeColor(GOLD)
            canvas.setLineWidth(1)
            canvas.line(CENTRE_X - half, y - 12, CENTRE_X + half, y - 12)
