"""Import of a national residents file: rows per second, against a bare bulk_create.

Loads the scale-1 demo into a fresh database, exports the residents in training
(about 16,000 rows, real names and CURPs) to CSV, empties the residents tables,
and then, in the same run:

1. baseline: the same rows written with bare bulk_create (people, then
   enrolments; no parsing of rules, no history), then erased again;
2. the same file with one bad CURP at line 15,999: checked, nothing written,
   the error names the row (time reported);
3. the import itself (read, checked, all-or-nothing, with a history row per
   change): rows/s (goal >= 5,000 on SQLite) and the ratio to the baseline
   (goal <= 3);
4. the same file again: every row unchanged, nothing written.

Never asserts a time.

    .venv/bin/python bench/import_residents.py [--repeat 3]

With DATABASE_URL set it runs on that database (it must be disposable).
"""

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time

GOAL_ROWS_PER_SECOND = 5_000
GOAL_RATIO = 3.0
BAD_LINE = 15_999
ROWS = 16_000


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["VAR_DIR"] = var_dir
    import django

    django.setup()


def empty_residents() -> None:
    from django.db import connection, transaction

    from edusalud.residents.models import Enrolment, Person

    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Enrolment, Person):
            for table in (model._meta.db_table, model.history.model._meta.db_table):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # nosec B608


def bulk_create_baseline(content: bytes) -> float:
    """The floor: the same rows as model instances, inserted with bulk_create."""
    import datetime

    from django.db import transaction

    from edusalud.catalog.models import Programme
    from edusalud.residents.models import Enrolment, Person

    started = time.perf_counter()
    programmes = {
        (p.site.clues, p.specialty.code): p
        for p in Programme.objects.select_related("site", "specialty")
    }
    people, enrolments = [], []
    for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig"))):
        person = Person(
            curp=row["CURP"] or None,
            first_names=row["Nombre(s)"],
            last_name=row["Primer apellido"],
            second_last_name=row["Segundo apellido"],
            sex=row["Sexo"],
            birth_date=datetime.date.fromisoformat(row["Fecha de nacimiento"]),
            nationality=row["Nacionalidad"],
            passport_number=row["Pasaporte"],
            email=row["Correo electrónico"],
        )
        people.append(person)
        enrolments.append(
            Enrolment(
                person=person,
                programme=programmes[(row["Sede (CLUES)"], row["Especialidad"])],
                year=int(row["Grado"][1:]),
                started_on=datetime.date.fromisoformat(row["Fecha de inicio"]),
                prerequisite_evidence=row["Constancia de especialidad previa"],
            )
        )
    with transaction.atomic():
        Person.objects.bulk_create(people, batch_size=500)
        for enrolment in enrolments:
            enrolment.person_id = enrolment.person.pk
        Enrolment.objects.bulk_create(enrolments, batch_size=500)
    return time.perf_counter() - started


def padded(content: bytes, rows: int) -> bytes:
    """The demo has 15,938 residents in training; namesakes (same row, another
    CURP homoclave) make up the 16,000 rows of a national file."""
    from stdnum.mx import curp as stdnum_curp

    lines = content.decode("utf-8-sig").splitlines()
    extra = []
    mexicans = (line for line in lines[1:] if len(line.split(",", 1)[0]) == 18)
    for line in list(mexicans)[: rows - (len(lines) - 1)]:
        curp, rest = line.split(",", 1)
        homoclave = "9" if curp[16].isdigit() else "Z"
        body = curp[:16] + (homoclave if curp[16] != homoclave else "8")
        extra.append(body + stdnum_curp.calc_check_digit(body) + "," + rest)
    return "\r\n".join(lines + extra).encode("utf-8")


def with_bad_curp(content: bytes, line: int) -> bytes:
    lines = content.decode("utf-8").split("\r\n")
    cells = lines[line - 1].split(",")
    curp = cells[0]
    cells[0] = curp[:-1] + ("0" if curp[-1] != "0" else "1")
    lines[line - 1] = ",".join(cells)
    return "\r\n".join(lines).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="edusalud-bench-") as var_dir:
        setup_django(var_dir)
        from django.core.management import call_command
        from django.db import connection

        from edusalud.accounts.selectors import SYSTEM
        from edusalud.exchange import services
        from edusalud.exchange.exports import export_rows
        from edusalud.exchange.resources import ResidentResource
        from edusalud.residents.models import Enrolment, Person
        from edusalud.residents.selectors import enrolment_list

        print("loading the scale-1 demo…", file=sys.stderr)
        call_command("migrate", verbosity=0)
        call_command("demo", scale=1.0, seed=42, force=True, stdout=io.StringIO())
        content = padded(export_rows(ResidentResource, enrolment_list(SYSTEM), "csv"), ROWS)
        rows = ROWS
        bad = with_bad_curp(content, BAD_LINE)

        baseline, imports, bad_checks, reimports = [], [], [], []
        for _ in range(args.repeat):
            empty_residents()
            baseline.append(bulk_create_baseline(content))
            empty_residents()

            started = time.perf_counter()
            bad_plan = services.plan_file("residents", bad, SYSTEM)
            bad_checks.append(time.perf_counter() - started)
            assert not bad_plan.is_valid
            assert Person.objects.count() == 0

            started = time.perf_counter()
            plan = services.plan_file("residents", content, SYSTEM)
            if not plan.is_valid:
                sys.exit(
                    "the exported file does not import: " + "; ".join(map(str, plan.errors[:5]))
                )
            services.apply_plan(plan)
            imports.append(time.perf_counter() - started)
            assert plan.to_create == rows, (plan.to_create, rows, plan.errors[:3])

            started = time.perf_counter()
            again = services.plan_file("residents", content, SYSTEM)
            services.apply_plan(again)
            reimports.append(time.perf_counter() - started)
            assert again.unchanged == rows

        history_rows = Person.history.count() + Enrolment.history.count()

    base, imp = statistics.median(baseline), statistics.median(imports)
    print(f"database: {connection.vendor}; rows: {rows:,}; median of {args.repeat} runs")
    print(f"bare bulk_create (no rules, no history): {base:.2f} s ({rows / base:,.0f} rows/s)")
    print(
        f"import (checked, all-or-nothing, history): {imp:.2f} s ({rows / imp:,.0f} rows/s; "
        f"goal >= {GOAL_ROWS_PER_SECOND:,})"
    )
    print(f"ratio import / bulk_create: {imp / base:.2f} (goal <= {GOAL_RATIO:g})")
    print(f"history rows written by the last import: {history_rows:,}")
    print(
        f"bad CURP at line {BAD_LINE:,}: refused in {statistics.median(bad_checks):.2f} s, "
        f"nothing written; first error: {bad_plan.errors[0]}"
    )
    print(f"same file again: {statistics.median(reimports):.2f} s, {rows:,} rows unchanged")


if __name__ == "__main__":
    main()
