"""Aggregated tables as CSV, XLSX and PDF: figures of the group, never an answer."""

import csv
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.surveys.conftest import answer_all
from tests.surveys.test_results import _site_residents


@pytest.fixture
def site_client(client, world, crowd, campaign):
    here = _site_residents(world, crowd)
    answer_all(campaign, [world.classmate, *here[:6]], agree=4, recommend=10, comment="Secreto")
    answer_all(campaign, here[6:10], agree=1, recommend=3)
    client.force_login(world.users["site"])
    return client


def _url(campaign, fmt):
    return reverse("surveys:campaign_export", args=[campaign.pk, fmt])


def test_csv_has_the_summary_and_each_questions_counts(site_client, campaign):
    response = site_client.get(_url(campaign, "csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    summary = {row[0]: row[1] for row in rows if len(row) == 2}
    assert summary["Respuestas"] == "11"
    assert summary["Satisfechos con el curso"] == "63.6 %"
    satisfied = next(
        r for r in rows if r[2:3] == ["Estoy satisfecho(a) con mi curso de especialización."]
    )
    # values 0..10 follow the mean: four answered 1, seven answered 4
    assert satisfied[3] == "11"
    assert (satisfied[5 + 1], satisfied[5 + 4]) == ("4", "7")
    assert "Secreto" not in response.content.decode("utf-8-sig")


def test_xlsx_has_a_summary_and_a_questions_sheet(site_client, campaign):
    response = site_client.get(_url(campaign, "xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Resumen", "Preguntas"]
    assert book["Preguntas"].max_row == 1 + 46  # header and every scored question


def test_pdf_report_reads_as_the_sites_results(site_client, campaign, world, tmp_path):
    response = site_client.get(_url(campaign, "pdf"))
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the report")
    path = tmp_path / "r.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert world.site.name in text
    assert "63.6 %" in text


def test_a_hidden_group_has_no_file(site_client, campaign, world, client):
    client.force_login(world.users["national"])
    response = client.get(_url(campaign, "csv"), {"site": world.foreign_site.clues})
    assert response.status_code == 409
    assert "proteger el anonimato" in response.content.decode()


def test_an_unknown_format_is_a_404(site_client, campaign):
    assert site_client.get(_url(campaign, "doc")).status_code == 404
