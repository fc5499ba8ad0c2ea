"""Exports: the rows of a list, in the import format, safe to open in a spreadsheet."""

from import_export.formats.base_formats import CSV, XLSX

from edusalud.exchange.readers import neutralise
from edusalud.exchange.resources import FileResource

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_rows(resource: type[FileResource], queryset, file_format: str) -> bytes:
    dataset = resource().export(queryset)
    # Any text cell could start a formula in Excel or LibreOffice (=, +, -, @, tab,
    # CR, NUL); django-import-export only escapes "=", so every cell is neutralised.
    for index, row in enumerate(dataset):
        dataset[index] = tuple(neutralise(value) for value in row)
    if file_format == "xlsx":
        return XLSX().export_data(dataset)
    # The BOM tells Excel the file is UTF-8, so accents and ñ survive.
    return ("\ufeff" + CSV().export_data(dataset)).encode("utf-8")
