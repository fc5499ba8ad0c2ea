"""Certificates for a whole edition: issue 16,000 and render them into one ZIP, against a bare loop.

In a fresh database: one course, one national edition with 16,000 places and
16,000 people (foreigners with a passport, so no CURP to build), all enrolled
through services.enrol. Then, in the same run:

1. issue: services.record_results with everyone passed, which issues the
   certificates (one transaction, history for every row): certificates/s;
2. facts: selectors.facts_of for every certificate, as a download would;
3. ours: batch.render_zip(workers=2), every PDF into one ZIP file on disk:
   PDFs/s with both cores (goal >= 200/s);
4. baseline, "a bare ReportLab loop drawing the same page": the same facts in
   the same chunks over the same 2 forked processes, each page drawn with
   plain canvas calls (the same frame, every text at its largest size without
   fitting it, the rule under the name at its shortest, the same QR code
   through pdf.draw_qr), one Canvas and one PDF
   per certificate, the bytes thrown away: no ZIP, nothing sent back. The
   ratio ours/bare (goal <= 1.5) is what fitting the texts, carrying the PDFs
   back and zipping them cost;
5. end to end, issue + facts + ours: certificates/s.

Ours and the baseline run alternately, --repeat times each; each is the best
of its runs (on a shared machine noise only adds), and every run is printed.
Never asserts a time.

    .venv/bin/python bench/certificates.py [--count 16000] [--repeat 3]

With DATABASE_URL set it runs on that database (it must be disposable).
"""

import argparse
import datetime
import io
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

WORKERS = 2
GOAL_PER_SECOND = 200
GOAL_RATIO = 1.5
NATIONALITIES = ("GT", "CO", "VE", "CU", "AR", "PE", "ES", "BO")


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["VAR_DIR"] = var_dir
    import django

    django.setup()


def new_edition(count: int, today: datetime.date):
    from edusalud.training import services
    from edusalud.training.models import Audience, CompetencyArea, Modality

    course = services.create_course(
        by=None,
        title="Buen trato en la atención médica",
        areas=list(CompetencyArea.objects.filter(code__in=["buen-trato", "liderazgo"])),
        hours=40,
        modality=Modality.ONLINE,
        audience=Audience.STAFF,
    )
    return services.create_edition(
        by=None,
        course=course,
        site=None,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=1),
        capacity=count,
    )


def new_people(count: int) -> list:
    """`count` foreigners with a passport, names drawn from the demo's, in one bulk_create."""
    from edusalud.demo.data import FEMALE_NAMES, MALE_NAMES, SURNAMES
    from edusalud.residents.models import Person

    people = []
    for n in range(count):
        female = n % 2 == 0
        names = FEMALE_NAMES if female else MALE_NAMES
        first = names[n % len(names)]
        if n % 3 == 0:  # two given names now and then, as in real lists
            first += " " + names[(n * 7 + 3) % len(names)]
        people.append(
            Person(
                first_names=first,
                last_name=SURNAMES[(n * 13) % len(SURNAMES)],
                second_last_name=SURNAMES[(n * 31 + 5) % len(SURNAMES)],
                nationality=NATIONALITIES[n % len(NATIONALITIES)],
                passport_number=f"P{n:09d}",
                sex="F" if female else "M",
                birth_date=datetime.date(1985 + n % 15, 1 + n % 12, 1 + n % 28),
            )
        )
    return Person.objects.bulk_create(people, batch_size=2_000)


def bare_chunk(chunk: list) -> int:
    """The baseline: every page with plain canvas calls, one PDF each; returns the bytes made."""
    from reportlab.pdfgen.canvas import Canvas

    from edusalud.training import pdf

    made = 0
    for facts in chunk:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=pdf.PAGE_SIZE, invariant=1, pageCompression=1)
        canvas.setTitle(f"Constancia {facts.code}")
        canvas.setAuthor(facts.issuer)
        canvas.setFillColor(pdf.GREEN_DARK)
        canvas.rect(24, 510, 744, 78, stroke=0, fill=1)
        canvas.setFillColor(pdf.GOLD)
        canvas.rect(24, 506, 744, 4, stroke=0, fill=1)
        canvas.setStrokeColor(pdf.GREEN_DARK)
        canvas.setLineWidth(2)
        canvas.rect(18, 18, 756, 576)
        canvas.setStrokeColor(pdf.GOLD)
        canvas.setLineWidth(0.75)
        canvas.rect(24, 24, 744, 564)
        canvas.setFillColor(pdf.white)
        canvas.setFont(pdf.BOLD, 34)
        canvas.drawCentredString(396, 537, "CONSTANCIA", charSpace=8)

        canvas.setFillColor(pdf.INK)
        canvas.setFont(pdf.REGULAR, 13)
        canvas.drawCentredString(
            396,
            428,
            f"El Instituto, a través de la {facts.issuer}, otorga la presente constancia a",
        )
        canvas.setFillColor(pdf.GREEN_DARK)
        canvas.setFont(pdf.BOLD, 30)
        canvas.drawCentredString(396, 380, facts.person_name)
        canvas.setStrokeColor(pdf.GOLD)
        canvas.setLineWidth(1)
        canvas.line(186, 368, 606, 368)
        canvas.setFillColor(pdf.INK)
        canvas.setFont(pdf.REGULAR, 13)
        canvas.drawCentredString(396, 342, "por haber concluido el curso")
        canvas.setFillColor(pdf.GREEN)
        canvas.setFont(pdf.BOLD, 20)
        canvas.drawCentredString(396, 310, facts.course_title)
        canvas.setFillColor(pdf.INK)
        canvas.setFont(pdf.REGULAR, 13)
        dates = pdf.date_range_es(facts.starts_on, facts.ends_on)
        canvas.drawCentredString(396, 272, f"con duración de {facts.hours} horas, {dates}")
        canvas.setFont(pdf.REGULAR, 12)
        canvas.drawCentredString(396, 251, facts.place)
        canvas.setFillColor(pdf.GREY)
        canvas.setFont(pdf.ITALIC, 11)
        canvas.drawCentredString(396, 223, "Competencias transversales: " + ", ".join(facts.areas))

        canvas.setFillColor(pdf.INK)
        canvas.setFont(pdf.REGULAR, 11)
        canvas.drawString(68, 118, f"Expedida el {pdf.date_es(facts.issued_on)}")
        canvas.setFont(pdf.BOLD, 10)
        canvas.drawString(68, 102, facts.issuer)
        canvas.setFillColor(pdf.GREY)
        canvas.setFont(pdf.REGULAR, 8.5)
        canvas.drawString(68, 76, f"Verifique su autenticidad en {facts.verify_url}")
        pdf.draw_qr(canvas, facts.verify_url, 648, 74, 84)
        canvas.setFillColor(pdf.INK)
        canvas.setFont(pdf.BOLD, 9)
        canvas.drawCentredString(690, 58, f"Folio: {facts.code}")
        canvas.showPage()
        canvas.save()
        made += len(buffer.getvalue())
    return made


def bare_loop(facts: list) -> tuple[float, int]:
    from edusalud.training.batch import CHUNK

    chunks = [facts[i : i + CHUNK] for i in range(0, len(facts), CHUNK)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        made = sum(pool.imap(bare_chunk, chunks))
    return time.perf_counter() - started, made


def ours(facts: list, path: Path) -> float:
    from edusalud.training.batch import render_zip

    def progress(done: int, total: int) -> None:
        if done == total or done % (total // 10 or 1) < 100:
            print(f"  {done:,}/{total:,}", end="\r", file=sys.stderr)

    started = time.perf_counter()
    render_zip(facts, path, workers=WORKERS, on_progress=progress)
    elapsed = time.perf_counter() - started
    print(file=sys.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="edusalud-bench-") as var_dir:
        setup_django(var_dir)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.urls import get_resolver
        from django.utils import timezone

        from edusalud.accounts.selectors import SYSTEM
        from edusalud.training import selectors, services

        print("creating the database…", file=sys.stderr)
        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        edition = new_edition(args.count, today)
        people = new_people(args.count)

        started = time.perf_counter()
        enrolled = services.enrol(by=None, edition=edition, people=people, today=today)
        enrol_time = time.perf_counter() - started
        results = dict.fromkeys(edition.participations.values_list("pk", flat=True), (True, 90.0))

        started = time.perf_counter()
        issued = services.record_results(by=None, edition=edition, results=results, today=today)
        issue_time = time.perf_counter() - started

        # Import the URLconf outside the timing, as a running server has: the
        # first reverse() would otherwise take two seconds.
        get_resolver().reverse_dict  # noqa: B018
        started = time.perf_counter()
        certificates = (
            selectors.certificates_visible_to(SYSTEM)
            .filter(participation__edition=edition)
            .order_by("code")
        )
        facts = [selectors.facts_of(c, site_url=settings.SITE_URL) for c in certificates]
        facts_time = time.perf_counter() - started

        print(
            f"database: {connection.vendor}; {os.cpu_count()} cores, {WORKERS} worker processes; "
            f"best of {args.repeat} runs of ours and of the baseline, alternating; "
            f"load average before {os.getloadavg()[0]:.1f}"
        )
        print(
            f"enrol: {enrolled['enrolled']:,} people in {enrol_time:.2f} s "
            f"({enrolled['enrolled'] / enrol_time:,.0f}/s)"
        )
        print(
            f"issue (record_results, everyone passed): {len(issued):,} certificates in "
            f"{issue_time:.2f} s ({len(issued) / issue_time:,.0f} rows/s)"
        )
        print(
            f"facts (selectors.facts_of): {len(facts):,} in {facts_time:.2f} s "
            f"({len(facts) / facts_time:,.0f}/s)"
        )

        zip_path = Path(var_dir) / "constancias.zip"
        renders, bares = [], []
        for _ in range(args.repeat):
            renders.append(ours(facts, zip_path))
            taken, made = bare_loop(facts)
            bares.append(taken)
        render, bare = min(renders), min(bares)
        print(
            "runs (s): ours "
            + ", ".join(f"{t:.2f}" for t in renders)
            + "; bare "
            + ", ".join(f"{t:.2f}" for t in bares)
            + f"; load average after {os.getloadavg()[0]:.1f}"
        )
        count = len(facts)
        size = zip_path.stat().st_size
        print(
            f"bare ReportLab loop, {WORKERS} processes (plain canvas calls, same page, "
            f"same QR path, one PDF each, no ZIP): {bare:.2f} s ({count / bare:,.0f} PDFs/s, "
            f"{made / count / 1024:.1f} KiB a PDF)"
        )
        print(
            f"ours, batch.render_zip(workers={WORKERS}): {render:.2f} s "
            f"({count / render:,.0f} PDFs/s, goal >= {GOAL_PER_SECOND}/s); "
            f"ZIP {size / 2**20:.1f} MiB; ratio ours/bare {render / bare:.2f} "
            f"(goal <= {GOAL_RATIO})"
        )
        total = issue_time + facts_time + render
        print(
            f"end to end, issue + facts + render + zip: {total:.2f} s "
            f"({count / total:,.0f} certificates/s)"
        )


if __name__ == "__main__":
    main()
