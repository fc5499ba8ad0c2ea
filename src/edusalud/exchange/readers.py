"""Turn an uploaded CSV or XLSX file into a header and rows of strings, safely.

Files come from office PCs: Excel's CSV is Windows-1252 and often uses `;`,
other tools write UTF-8 with or without a BOM. XLSX files are ZIP archives, so
their uncompressed size is checked before anything is decompressed: a small
file that inflates to gigabytes (a zip bomb) is refused without reading it.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls) and other old Office files
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


class UnreadableFile(Exception):
    """The file cannot be read as a table; the message says why, for the user."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    # (row number as a spreadsheet shows it, the header being row 1; cells), empty rows left out
    rows: list[tuple[int, list[str]]]


def read_table(content: bytes, filename: str = "") -> Table:
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise UnreadableFile(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(len(content)), "limit": _megabytes(limit)}
        )
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    if content.startswith(XLSX_MAGIC):
        table = _read_xlsx(content)
    elif content.startswith(OLE_MAGIC):
        raise UnreadableFile(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV and upload it again.")
        )
    elif b"\0" in content[:4096]:
        raise UnreadableFile(_("The file is neither CSV nor XLSX. Upload a .csv or .xlsx file."))
    else:
        table = _read_csv(content)
    if not any(table.header):
        raise UnreadableFile(_("The first row must hold the column headers."))
    if len(table.rows) > settings.IMPORT_MAX_ROWS:
        raise UnreadableFile(
            _("The file has %(n)d rows; the limit is %(limit)d per file.")
            % {"n": len(table.rows), "limit": settings.IMPORT_MAX_ROWS}
        )
    return table


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes CSV on Windows."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; a file with them is not text at all.
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableFile(
                _("The file is neither CSV nor XLSX. Upload a .csv or .xlsx file.")
            ) from None


def _read_csv(content: bytes) -> Table:
    text = decode_text(content)
    first_line = text.split("\n", 1)[0]
    # Excel in Spanish writes `;` because `,` is the decimal separator.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file is malformed: %(error)s") % {"error": error}) from None
    lines = [[cell.strip() for cell in line] for line in lines]
    return _table(lines)


def _read_xlsx(content: bytes) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableFile(_("The XLSX file is damaged and cannot be opened.")) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(_("The file is a ZIP archive but not an Excel workbook (.xlsx)."))
    inflated = sum(member.file_size for member in members)
    if inflated > settings.IMPORT_MAX_INFLATED_BYTES:
        raise UnreadableFile(
            _(
                "The XLSX file would take %(size)s MB once uncompressed; the limit is "
                "%(limit)s MB. Split it into smaller files."
            )
            % {
                "size": _megabytes(inflated),
                "limit": _megabytes(settings.IMPORT_MAX_INFLATED_BYTES),
            }
        )
    # Imported here: only XLSX uploads pay for loading openpyxl.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a malformed workbook
        raise UnreadableFile(_("The XLSX file is damaged and cannot be opened.")) from None
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for values in sheet.iter_rows(values_only=True):
            lines.append([_cell_text(value) for value in values])
            if len(lines) > settings.IMPORT_MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    return _table(lines)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(lines: list[list[str]]) -> Table:
    # Trailing empty lines and columns are common in sheets edited by hand.
    while lines and not any(lines[-1]):
        lines.pop()
    if not lines:
        raise UnreadableFile(_("The file is empty."))
    header = lines[0]
    while header and not header[-1]:
        header = header[:-1]
    width = len(header)
    rows = [
        (number, (line + [""] * width)[:width])
        for number, line in enumerate(lines[1:], start=2)
        if any(line)
    ]
    return Table(header=header, rows=rows)


def neutralise(value):
    """Make a text cell inert for spreadsheets: a leading quote stops formulas."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo `neutralise`, so an exported file imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
