"""Indicators: the API against hand-written SQL, and how latency grows with data.

For each scale, loads the demo into a fresh database, then times in the same
run GET /api/v1/indicators/ as the national coordinator, cold (cache emptied
before each call: every figure computed from the rows, as after a write) and
warm (no write since the last read: the cached figures behind a data-version
check), against the same figures computed with one raw SQL query per figure.
Prints the ratios (goal <= 1.5), the query counts, and the growth from the
first scale to the last (goal <= 3x from scale 1 to 10). Never asserts a time.

    .venv/bin/python bench/indicators.py [--scales 1,10] [--repeat 15]

With DATABASE_URL set it runs on that database (it must be empty or disposable:
the demo is loaded with --force).
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["VAR_DIR"] = var_dir
    # The test client calls itself "testserver".
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


RAW = {
    "in_training_by_level": """
        SELECT s.care_level, COUNT(*) FROM residents_enrolment e
        JOIN catalog_programme p ON p.id = e.programme_id JOIN catalog_site s ON s.id = p.site_id
        WHERE e.status IN ('active', 'on_leave') GROUP BY s.care_level""",
    "foreign_by_country": """
        SELECT pe.nationality, COUNT(*) FROM residents_enrolment e
        JOIN residents_person pe ON pe.id = e.person_id
        WHERE e.status IN ('active', 'on_leave') AND pe.nationality <> 'MX'
        GROUP BY pe.nationality""",
    "foreign_by_specialty": """
        SELECT sp.code, sp.name_es, sp.name_en, COUNT(*) FROM residents_enrolment e
        JOIN residents_person pe ON pe.id = e.person_id
        JOIN catalog_programme p ON p.id = e.programme_id
        JOIN catalog_specialty sp ON sp.id = p.specialty_id
        WHERE e.status IN ('active', 'on_leave') AND pe.nationality <> 'MX'
        GROUP BY sp.code, sp.name_es, sp.name_en""",
    "by_specialty": """
        SELECT sp.code, sp.name_es, sp.name_en, COUNT(*) FROM residents_enrolment e
        JOIN catalog_programme p ON p.id = e.programme_id
        JOIN catalog_specialty sp ON sp.id = p.specialty_id
        WHERE e.status IN ('active', 'on_leave') GROUP BY sp.code, sp.name_es, sp.name_en""",
    "by_state": """
        SELECT r.code, r.name, COUNT(*) FROM residents_enrolment e
        JOIN catalog_programme p ON p.id = e.programme_id JOIN catalog_site s ON s.id = p.site_id
        JOIN catalog_region r ON r.id = s.region_id
        WHERE e.status IN ('active', 'on_leave') GROUP BY r.code, r.name""",
    "offer": """
        SELECT COUNT(DISTINCT specialty_id), COUNT(DISTINCT site_id) FROM catalog_programme""",
    "pnpc": """
        SELECT sp.code, COUNT(*) FROM catalog_programme p
        JOIN catalog_specialty sp ON sp.id = p.specialty_id
        WHERE p.quality_recognition <> ''
          AND (p.quality_valid_from IS NULL OR p.quality_valid_from <= %(today)s)
          AND (p.quality_valid_until IS NULL OR p.quality_valid_until >= %(today)s)
        GROUP BY sp.code""",
    "last_graduation": """
        SELECT MAX(ended_on) FROM residents_enrolment WHERE status = 'graduated'""",
    "cohort": """
        SELECT COUNT(*),
               SUM(CASE WHEN is_hired_by_institute THEN 1 ELSE 0 END),
               SUM(CASE WHEN is_hired_by_institute IS NULL THEN 1 ELSE 0 END)
        FROM residents_enrolment
        WHERE status = 'graduated' AND ended_on >= %(start)s AND ended_on < %(end)s""",
}


def raw_figures() -> dict:
    """The headline figures with one hand-written query each: the baseline."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    def rows(name, **params):
        with connection.cursor() as cursor:
            cursor.execute(RAW[name], params or None)
            return cursor.fetchall()

    levels = dict(rows("in_training_by_level"))
    countries = dict(rows("foreign_by_country"))
    foreign_specialties = rows("foreign_by_specialty")
    by_specialty = rows("by_specialty")
    by_state = rows("by_state")
    specialties, sites = rows("offer")[0]
    pnpc = rows("pnpc", today=timezone.localdate())
    last = rows("last_graduation")[0][0]
    rate = None
    if last:
        year = (last if isinstance(last, datetime.date) else datetime.date.fromisoformat(last)).year
        total, hired, pending = rows(
            "cohort", start=datetime.date(year, 1, 1), end=datetime.date(year + 1, 1, 1)
        )[0]
        rate = round(hired / (total - pending), 4) if total - pending else None
    figures = {
        "residents_in_training": sum(levels.values()),
        "specialties": specialties,
        "sites": sites,
        "residents_by_care_level": {str(k): levels.get(k, 0) for k in (1, 2, 3)},
        "foreign_residents": sum(countries.values()),
        "foreign_countries": countries,
        "foreign_by_specialty": foreign_specialties,
        "pnpc_programmes": sum(n for _, n in pnpc),
        "pnpc_specialties": len(pnpc),
        "graduate_hiring_rate": rate,
        "residents_by_specialty": by_specialty,
        "residents_by_state": by_state,
    }
    json.dumps(figures, default=str)
    return figures


def median_seconds(fn, repeat: int) -> float:
    fn()  # warm caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(scale: float, repeat: int) -> dict:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from edusalud.accounts.models import User

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("demo", scale=scale, seed=42, force=True, stdout=io.StringIO())
    load_seconds = time.perf_counter() - start

    client = Client()
    client.force_login(User.objects.get(username="nacional"))

    def api():
        response = client.get("/api/v1/indicators/")
        assert response.status_code == 200, response.status_code
        return response.json()

    figures = api()
    baseline = raw_figures()
    for key in (
        "residents_in_training",
        "specialties",
        "sites",
        "foreign_residents",
        "pnpc_programmes",
        "pnpc_specialties",
        "graduate_hiring_rate",
    ):
        if figures[key] != baseline[key]:
            sys.exit(f"figures differ on {key}: api {figures[key]} != raw {baseline[key]}")

    def cold_api():
        cache.clear()
        return api()

    with CaptureQueriesContext(connection) as cold_queries:
        cold_api()
    with CaptureQueriesContext(connection) as warm_queries:
        api()
    with CaptureQueriesContext(connection) as raw_queries:
        raw_figures()
    return {
        "scale": scale,
        "residents": figures["residents_in_training"],
        "load_s": load_seconds,
        "cold_s": median_seconds(cold_api, repeat),
        "warm_s": median_seconds(api, repeat),
        "raw_s": median_seconds(raw_figures, repeat),
        "cold_queries": len(cold_queries),
        "warm_queries": len(warm_queries),
        "raw_queries": len(raw_queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

    with tempfile.TemporaryDirectory(prefix="edusalud-bench-") as var_dir:
        setup_django(var_dir)
        from django.db import connection

        print(f"database: {connection.vendor}")
        results = []
        for scale in [float(s) for s in args.scales.split(",")]:
            r = measure(scale, args.repeat)
            results.append(r)
            print(
                f"scale {r['scale']:>4}: {r['residents']:>7,} residents in training, "
                f"demo load {r['load_s']:.1f} s\n"
                f"  raw SQL   {r['raw_s'] * 1000:8.1f} ms ({r['raw_queries']} queries)\n"
                f"  api cold  {r['cold_s'] * 1000:8.1f} ms ({r['cold_queries']} queries), "
                f"ratio to raw {r['cold_s'] / r['raw_s']:.2f} (goal <= 1.5)\n"
                f"  api warm  {r['warm_s'] * 1000:8.1f} ms ({r['warm_queries']} queries), "
                f"ratio to raw {r['warm_s'] / r['raw_s']:.2f}"
            )
        if len(results) > 1:
            first, last = results[0], results[-1]
            for kind in ("raw", "cold", "warm"):
                print(
                    f"growth {first['scale']} -> {last['scale']}, {kind}: "
                    f"{last[kind + '_s'] / first[kind + '_s']:.2f}x (goal for the api <= 3x); "
                    f"queries {first[kind + '_queries']} -> {last[kind + '_queries']}"
                )


if __name__ == "__main__":
    main()
