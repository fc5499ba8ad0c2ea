"""Certificates by the thousand (edusalud.training.batch): one ZIP, one PDF per certificate.

No database. CHUNK is made small so that a few certificates already take
several chunks, and so two worker processes.
"""

import dataclasses
import io
import zipfile

import pytest

from edusalud.training import batch
from edusalud.training.facts import CertificateFacts
from edusalud.training.pdf import render_certificate
from tests.training.test_pdf import FACTS as PAGE_FACTS

FACTS = dataclasses.replace(PAGE_FACTS, place="Nacional")


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(batch, "CHUNK", 2)


def many(count: int) -> list[CertificateFacts]:
    codes = [f"K7Q2-9XWM-{n:04d}" for n in range(count)]
    return [
        dataclasses.replace(
            FACTS,
            code=code,
            person_name=f"Persona {n}",
            verify_url=FACTS.verify_url.replace(FACTS.code, code),
        )
        for n, code in enumerate(codes)
    ]


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_render_zip_holds_each_certificate_pdf_under_its_code_in_order():
    facts = many(5)
    out = io.BytesIO()

    count = batch.render_zip(facts, out, workers=2)

    assert count == 5
    assert members(out.getvalue()) == {
        f"constancia-{f.code}.pdf": render_certificate(f) for f in facts
    }
    assert list(members(out.getvalue())) == [f"constancia-{f.code}.pdf" for f in facts]


def test_render_zip_reports_progress_after_each_chunk_up_to_the_total():
    calls = []

    batch.render_zip(many(5), io.BytesIO(), workers=2, on_progress=lambda *a: calls.append(a))

    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_render_zip_gives_the_same_bytes_with_one_or_two_workers():
    facts = many(7)
    one, two = io.BytesIO(), io.BytesIO()

    batch.render_zip(facts, one, workers=1)
    batch.render_zip(facts, two, workers=2)

    assert members(one.getvalue()) == members(two.getvalue())
    assert one.getvalue() == two.getvalue()


def test_render_zip_dates_each_member_the_day_it_was_issued(tmp_path):
    path = tmp_path / "constancias.zip"

    batch.render_zip(many(3), path, workers=1)

    with zipfile.ZipFile(path) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2026, 3, 30)}


def test_render_zip_of_nothing_is_an_empty_archive():
    out = io.BytesIO()

    assert batch.render_zip([], out) == 0
    assert members(out.getvalue()) == {}


def test_render_zip_refuses_two_certificates_with_one_code():
    with pytest.raises(ValueError, match="share a code"):
        batch.render_zip([FACTS, dataclasses.replace(FACTS, person_name="Ana Ruiz")], io.BytesIO())
