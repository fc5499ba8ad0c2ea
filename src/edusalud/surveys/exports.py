"""A group's aggregated results as files: CSV, XLSX (two sheets) and a PDF report.

Only aggregates ever leave: the summary figures and each question's count per
value. Comments are not exported (they are read on the page, from 10 answers).
The caller passes a shown result; a suppressed group has no file.
"""

import csv
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from edusalud.surveys.results import GroupResult

MAX_VALUE = 10  # the widest scale: value columns 0..10


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{100 * rate:.1f} %"


def summary_rows(result: GroupResult) -> list[list]:
    verdict = result.verdict
    rows = [
        [_("Answers"), verdict.answers],
        [_("Invited"), verdict.targeted],
        [_("Response rate"), _percent(result.response_rate)],
        [_("Satisfied with the course"), _percent(result.satisfaction_rate)],
        [_("Would recommend the site (7 to 10)"), _percent(result.recommendation_rate)],
        [_("Net promoter score"), "" if result.nps is None else round(result.nps, 1)],
    ]
    for code, scales in result.scales.items():
        for scale in scales:
            rows.append(
                [
                    f"{code.upper()} {scale.scale}",
                    f"{scale.mean:.1f} / {scale.maximum}"
                    + (f" — {scale.band_label}" if scale.band else ""),
                ]
            )
    return rows


def item_rows(result: GroupResult) -> list[list]:
    header = [_("Instrument"), _("Number"), _("Question"), _("Answers"), _("Mean")]
    header += [str(v) for v in range(MAX_VALUE + 1)]
    rows = [header]
    for r in result.items:
        if not r.counts:
            continue
        by_value = {v: n for v, _label, n in r.counts}
        rows.append(
            [
                r.item.instrument.code,
                r.item.number,
                r.item.text,
                r.answered,
                "" if r.mean is None else round(r.mean, 2),
                *[by_value.get(v, "") for v in range(MAX_VALUE + 1)],
            ]
        )
    return rows


def as_csv(result: GroupResult, title: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title])
    writer.writerows(summary_rows(result))
    writer.writerow([])
    writer.writerows(item_rows(result))
    # UTF-8 with BOM: Excel opens accented text correctly only with it.
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(result: GroupResult, title: str) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    summary.append([title])
    for row in summary_rows(result):
        summary.append(row)
    items = book.create_sheet(_("Questions")[:31])
    for row in item_rows(result):
        items.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_pdf(result: GroupResult, title: str) -> bytes:
    out = io.BytesIO()
    styles = getSampleStyleSheet()
    document = SimpleDocTemplate(
        out, pagesize=letter, leftMargin=1.5 * cm, rightMargin=1.5 * cm, title=title
    )
    grid = TableStyle(
        [
            ("FONTSIZE", (0, 0), (-1, -1), 7),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c9cfcc")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7f1ee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    cell = styles["BodyText"].clone("cell", fontSize=7, leading=8.5)
    items = item_rows(result)
    items = [items[0]] + [[*row[:2], Paragraph(str(row[2]), cell), *row[3:]] for row in items[1:]]
    widths = [1.6 * cm, 0.9 * cm, 6.4 * cm, 1.3 * cm, 1.1 * cm] + [0.62 * cm] * (MAX_VALUE + 1)
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            _("Generated on %(date)s. Aggregated figures only; no individual answer.")
            % {"date": formats.date_format(timezone.localdate())},
            styles["Italic"],
        ),
        Spacer(1, 0.4 * cm),
        Table(summary_rows(result), style=grid, hAlign="LEFT", colWidths=[7 * cm, 9 * cm]),
        Spacer(1, 0.5 * cm),
        Table(items, style=grid, colWidths=widths, repeatRows=1),
    ]
    document.build(story)
    return out.getvalue()


FORMATS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        as_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": (as_pdf, "application/pdf"),
}
