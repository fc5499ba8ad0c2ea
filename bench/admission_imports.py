"""Loading an admission cycle from files: rows per second, against a bare bulk_create.

Loads the scale-1 demo into a fresh database and writes its admission cycle
out as the import files of a new cycle: places (about 1,100 rows), applicants
(about 4,300, real names and CURPs or passports) and whole rank lists (up to
the 100,000 rows a file may hold). Then, in the same run and for each file:

1. baseline: the same rows written with bare bulk_create (no rules, no
   history; for applicants, their accounts too), then erased;
2. the import itself (read, checked, all-or-nothing; history for places and
   applicants; an account for each applicant without one): rows/s and the
   ratio to the baseline.

Never asserts a time.

    .venv/bin/python bench/admission_imports.py [--repeat 3]

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

# A file holds at most this many rows (settings.IMPORT_MAX_ROWS).
PREFERENCE_ROWS = 100_000
APPLICANT_HEADER = (
    "Folio ENARM",
    "Puntaje ENARM",
    "Especialidad",
    "Nombre(s)",
    "Primer apellido",
    "Segundo apellido",
    "CURP",
    "Pasaporte",
    "Nacionalidad",
    "Sexo",
    "Fecha de nacimiento",
    "Correo electrónico",
)


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["VAR_DIR"] = var_dir
    import django

    django.setup()


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def files_of(cycle) -> dict[str, tuple[bytes, list]]:
    """kind -> (the file, the rows as bare model instances for the baseline)."""
    from edusalud.admissions.models import Applicant, Position, Preference

    positions = list(
        Position.objects.filter(cycle=cycle).select_related(
            "programme__site", "programme__specialty"
        )
    )
    applicants = list(Applicant.objects.filter(cycle=cycle).select_related("person", "specialty"))
    folios = {a.pk: "N" + a.folio for a in applicants}
    rows = list(
        Preference.objects.filter(applicant__cycle=cycle)
        .order_by("applicant__folio", "rank")
        .values_list("applicant_id", "rank", "position_id", "position__programme__site__clues")[
            : PREFERENCE_ROWS + 1
        ]
    )
    last = rows[-1][0]
    rows = [row for row in rows if row[0] != last]  # whole lists only
    return {
        "positions": (
            csv_bytes(
                ("Sede (CLUES)", "Especialidad", "Plazas", "Plazas para extranjeros"),
                (
                    (p.programme.site.clues, p.programme.specialty.code, p.places, p.foreign_places)
                    for p in positions
                ),
            ),
            [
                Position(programme_id=p.programme_id, places=p.places, foreign_places=0)
                for p in positions
            ],
        ),
        "applicants": (
            csv_bytes(
                APPLICANT_HEADER,
                (
                    (
                        folios[a.pk],
                        a.score,
                        a.specialty.code,
                        a.person.first_names,
                        a.person.last_name,
                        a.person.second_last_name,
                        a.person.curp or "",
                        a.person.passport_number,
                        a.person.nationality.code,
                        a.person.get_sex_display(),
                        a.person.birth_date.isoformat(),
                        a.person.email,
                    )
                    for a in applicants
                ),
            ),
            [
                Applicant(
                    folio=folios[a.pk],
                    score=a.score,
                    category=a.category,
                    specialty_id=a.specialty_id,
                    person_id=a.person_id,
                )
                for a in applicants
            ],
        ),
        "preferences": (
            csv_bytes(
                ("Folio ENARM", "Lugar", "Sede (CLUES)"),
                ((folios[applicant], rank, clues) for applicant, rank, _, clues in rows),
            ),
            rows,
        ),
    }


def baseline(kind: str, instances: list, cycle) -> float:
    """The floor: the same rows inserted with bulk_create into `cycle`, then erased."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from edusalud.accounts.models import User
    from edusalud.admissions.models import Applicant, Position, Preference
    from edusalud.residents.models import Person

    started = time.perf_counter()
    with transaction.atomic():
        if kind == "preferences":
            applicants = {a.folio: a.pk for a in Applicant.objects.filter(cycle=cycle)}
            positions = {p.programme_id: p.pk for p in Position.objects.filter(cycle=cycle)}
            old = dict(Position.objects.values_list("pk", "programme_id"))
            old_folios = dict(Applicant.objects.values_list("pk", "folio"))
            Preference.objects.bulk_create(
                (
                    Preference(
                        applicant_id=applicants["N" + old_folios[applicant]],
                        position_id=positions[old[position]],
                        rank=rank,
                    )
                    for applicant, rank, position, _ in instances
                ),
                batch_size=5_000,
            )
        else:
            for instance in instances:
                instance.pk, instance.cycle = None, cycle
            model = Position if kind == "positions" else Applicant
            model.objects.bulk_create(instances, batch_size=500)
        if kind == "applicants":
            # The import also gives each applicant without one an account, no password.
            unusable = make_password(None)
            people = list(Person.objects.filter(applications__cycle=cycle, user__isnull=True))
            users = User.objects.bulk_create(
                (
                    User(username=p.email.lower(), email=p.email.lower(), password=unusable)
                    for p in people
                ),
                batch_size=500,
            )
            for person, user in zip(people, users, strict=True):
                person.user = user
            Person.objects.bulk_update(people, ["user"], batch_size=500)
    elapsed = time.perf_counter() - started
    erase(kind, cycle)
    return elapsed


def erase(kind: str, cycle) -> None:
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
    from django.db import transaction

    from edusalud.accounts.models import User
    from edusalud.admissions.models import Applicant, Position, Preference

    model = {"positions": Position, "applicants": Applicant, "preferences": Preference}[kind]
    rows = model.objects.filter(
        **({"applicant__cycle": cycle} if kind == "preferences" else {"cycle": cycle})
    )
    with transaction.atomic():
        if kind == "applicants":
            # Their new accounts (never signed in with); the demo's own stay.
            User.objects.filter(
                person__applications__cycle=cycle,
                password__startswith=UNUSABLE_PASSWORD_PREFIX,
            ).delete()
        if kind != "preferences":
            model.history.filter(cycle_id=cycle.pk).delete()
        rows.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="edusalud-bench-") as var_dir:
        setup_django(var_dir)
        from django.core.management import call_command
        from django.db import connection

        from edusalud.accounts.selectors import SYSTEM
        from edusalud.admissions.models import AdmissionCycle
        from edusalud.exchange import services

        print("loading the scale-1 demo…", file=sys.stderr)
        call_command("migrate", verbosity=0)
        call_command("demo", scale=1.0, seed=42, force=True, stdout=io.StringIO())
        demo = AdmissionCycle.objects.get()
        files = files_of(demo)
        cycle = AdmissionCycle.objects.create(year=demo.year + 1)

        print(f"database: {connection.vendor}; median of {args.repeat} runs")
        # In this order: each file refers to the rows of the one before.
        for kind in ("positions", "applicants", "preferences"):
            content, instances = files[kind]
            bases, imports = [], []
            for attempt in range(args.repeat):
                bases.append(baseline(kind, instances, cycle))
                started = time.perf_counter()
                plan = services.plan_file(kind, content, SYSTEM, options={"cycle": cycle.year})
                if not plan.is_valid:
                    sys.exit(f"{kind}: " + "; ".join(map(str, plan.errors[:5])))
                services.apply_plan(plan)
                imports.append(time.perf_counter() - started)
                if attempt < args.repeat - 1:
                    erase(kind, cycle)
            rows = plan.total
            base, imp = statistics.median(bases), statistics.median(imports)
            print(
                f"{kind}: {rows:,} rows; bare bulk_create {base:.2f} s; import {imp:.2f} s "
                f"({rows / imp:,.0f} rows/s); ratio {imp / base:.2f}"
            )


if __name__ == "__main__":
    main()
