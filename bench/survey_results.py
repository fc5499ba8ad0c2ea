"""Survey results: the campaign page and the national JSON against raw SQL, on 640,000 answers.

In a fresh database, without the full demo: the demo's catalog (32 regions,
about 254 sites, specialties, programmes) and 18,000 residents in training, a
national coordinator, one campaign of PHEEM alone (40 items) created through
surveys.services.create_campaign, and 16,000 submitted responses with 40 scores
each, written in bulk by the demo's writer (each site has its learning climate and
its response rate, so sites differ and a few are suppressed).

At two data sizes (after the first 10,000 responses, then after all 16,000),
it times in the same run, p50 of --repeat calls, the Django cache emptied
before every call so that every figure is computed from the rows:

1. page: GET /encuestas/campanas/<pk>/?site=<CLUES> as the national
   coordinator, for the largest site whose results may be shown at both sizes;
2. page baseline: what that page aggregates, one raw SQL query each through
   connection.cursor(): the census (answers and invitations per region, site,
   specialty and year), the site's per-item value distribution and its
   comments, the national distribution (the comparison figures), the ranking's
   distribution per site, item and value, and the participation per site. The
   lookups of a few rows any page makes (session, user, the filter form's
   sites, the items and bands) are left out;
3. json: results.result_of(campaign, Group()).as_json() through json.dumps,
   what `edusalud surveys results --json` prints;
4. json baseline: the national distribution and the census in raw SQL.

Prints each p50, the ratios page/baseline and json/baseline (goal <= 1.5) and
the number of queries of each, which should not change from one size to the
other. Never asserts a time.

The first size is 10,000 rather than 8,000: 8,000 is under half of the 17,820
invited (residents on leave are not asked), so the national group would be
suppressed for its response rate, the page would skip the national figures and
the two sizes would not run the same code.

    .venv/bin/python bench/survey_results.py [--repeat 5]

With DATABASE_URL set it runs on that database (it must be empty and
disposable: the catalog is created without checking).
"""

import argparse
import datetime
import json
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict

RESIDENTS = 18_000
# The demo's share of foreign residents (143 of 15,938), so the people look the same.
FOREIGN = round(RESIDENTS * 143 / 15_938)
SIZES = (10_000, 16_000)  # responses written before each measurement
SEED = 42
GOAL_RATIO = 1.5
# A site stays shown at the first size if its rate then clears the 50 % threshold comfortably.
SHOWN_RATE = 0.55


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["VAR_DIR"] = var_dir
    # The test client calls itself "testserver".
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    # Every measured page signs in again (outside the timing): axes would log each one.
    logging.getLogger("axes").setLevel(logging.WARNING)


def create_population(today: datetime.date) -> None:
    """The demo's catalog and residents in training, nothing else of the demo."""
    from django.db import transaction

    from edusalud.demo.generate.catalog import create_catalog
    from edusalud.demo.generate.dates import academic_year
    from edusalud.demo.generate.people import PeopleMaker, create_residents_in_training

    opened = academic_year(today)
    with transaction.atomic():
        catalog = create_catalog(random.Random(f"{SEED}:catalog"), opened=opened)
    with transaction.atomic():
        create_residents_in_training(
            random.Random(f"{SEED}:training"),
            catalog,
            PeopleMaker(random.Random(f"{SEED}:people")),
            opened=opened,
            n_training=RESIDENTS,
            n_foreign=FOREIGN,
            progress=lambda phase, done, total: None,
        )


def national_coordinator():
    from edusalud.accounts.enums import Role
    from edusalud.accounts.models import RoleAssignment, User

    user = User.objects.create(username="bench-nacional", first_name="Bench")
    RoleAssignment.objects.create(user=user, role=Role.NATIONAL)
    return user


def plan_answers(rng: random.Random, invitations: list) -> list:
    """The invitations that answer, in the order they submit.

    Each site gets a propensity to answer; a weighted sample without
    replacement (Efraimidis-Spirakis keys) then takes exactly the wanted
    number, so busy sites end up near 100 % and reluctant ones under 50 %.
    Shuffled afterwards: at the first size every site has about the same
    share of its final answers.
    """
    propensity = defaultdict(lambda: rng.uniform(0.15, 1.0))
    keyed = [(rng.random() ** (1 / propensity[row[2]]), row) for row in invitations]
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    chosen = [row for _, row in keyed[: SIZES[-1]]]
    rng.shuffle(chosen)
    return chosen


def write_answers(rng, campaign, items, rows, climate, day: datetime.date) -> None:
    """Responses and answers in bulk with the demo's writer, in one transaction."""
    from django.db import transaction

    from edusalud.demo.generate.surveys import write_responses

    with transaction.atomic():
        write_responses(
            rng,
            campaign,
            items,
            rows,
            day=day,
            attitude=lambda site: climate[site] + rng.gauss(0, 0.6),
        )


# The aggregations the page and the JSON need, written by hand: the baselines.
RAW = {
    "distribution": """
        SELECT a.item_id, a.value, COUNT(*) FROM surveys_answer a
        JOIN surveys_response r ON a.response_id = r.id
        WHERE r.campaign_id = %s AND a.value IS NOT NULL
        GROUP BY a.item_id, a.value""",
    "site_distribution": """
        SELECT a.item_id, a.value, COUNT(*) FROM surveys_answer a
        JOIN surveys_response r ON a.response_id = r.id
        WHERE r.campaign_id = %s AND r.site_id = %s AND a.value IS NOT NULL
        GROUP BY a.item_id, a.value""",
    "ranking": """
        SELECT r.site_id, a.item_id, a.value, COUNT(*) FROM surveys_answer a
        JOIN surveys_response r ON a.response_id = r.id
        WHERE r.campaign_id = %s AND a.value IS NOT NULL
        GROUP BY r.site_id, a.item_id, a.value""",
    "census_answers": """
        SELECT region_id, site_id, specialty_id, year, COUNT(*) FROM surveys_response
        WHERE campaign_id = %s GROUP BY region_id, site_id, specialty_id, year""",
    "census_targets": """
        SELECT region_id, site_id, specialty_id, year, COUNT(*) FROM surveys_invitation
        WHERE campaign_id = %s GROUP BY region_id, site_id, specialty_id, year""",
    # The page lists the site's comments; PHEEM has no free-text item, so none come back.
    "site_comments": """
        SELECT a.text FROM surveys_answer a
        JOIN surveys_response r ON a.response_id = r.id JOIN surveys_item i ON i.id = a.item_id
        WHERE r.campaign_id = %s AND r.site_id = %s AND i.kind = 'text' AND a.text <> ''
        ORDER BY a.text""",
    "participation": """
        SELECT i.site_id, s.clues, s.name, g.code, COUNT(*),
               SUM(CASE WHEN i.has_answered THEN 1 ELSE 0 END)
        FROM surveys_invitation i
        JOIN catalog_site s ON s.id = i.site_id JOIN catalog_region g ON g.id = s.region_id
        WHERE i.campaign_id = %s
        GROUP BY i.site_id, s.clues, s.name, g.code ORDER BY s.name""",
}


def raw_rows(name: str, *params) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RAW[name], params)
        return cursor.fetchall()


def raw_census(campaign_pk: int) -> tuple[Counter, Counter]:
    def cells(name):
        return Counter({tuple(row[:4]): row[4] for row in raw_rows(name, campaign_pk)})

    return cells("census_answers"), cells("census_targets")


def raw_distribution(name: str, *params) -> dict:
    found = defaultdict(dict)
    for item_id, value, n in raw_rows(name, *params):
        found[item_id][value] = n
    return found


def raw_json(campaign_pk: int) -> str:
    """The JSON command's aggregations in raw SQL: census and national distribution."""
    answers, targeted = raw_census(campaign_pk)
    found = raw_distribution("distribution", campaign_pk)
    return json.dumps(
        {"answers": sum(answers.values()), "targeted": sum(targeted.values()), "items": found}
    )


def raw_page(campaign_pk: int, site_pk: int) -> dict:
    """The page's aggregations in raw SQL, one query each (the baseline, item 2 above)."""
    answers, targeted = raw_census(campaign_pk)
    ranking = defaultdict(lambda: defaultdict(dict))
    for site_id, item_id, value, n in raw_rows("ranking", campaign_pk):
        ranking[site_id][item_id][value] = n
    return {
        "answers": answers,
        "targeted": targeted,
        "site": raw_distribution("site_distribution", campaign_pk, site_pk),
        "comments": [text for (text,) in raw_rows("site_comments", campaign_pk, site_pk)],
        "national": raw_distribution("distribution", campaign_pk),
        "ranking": ranking,
        "participation": raw_rows("participation", campaign_pk),
    }


def measure(campaign, client, user, site, repeat: int) -> dict:
    """p50 of each of the four calls, interleaved so drift hits them alike; queries of each."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from edusalud.surveys import results

    url = f"/encuestas/campanas/{campaign.pk}/?site={site.clues}"

    def page():
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"page answered {response.status_code}")
        return response.content

    def as_json():
        return json.dumps(results.result_of(campaign, results.Group()).as_json())

    calls = {
        "page": page,
        "page_raw": lambda: raw_page(campaign.pk, site.pk),
        "json": as_json,
        "json_raw": lambda: raw_json(campaign.pk),
    }

    def prepare() -> None:
        cache.clear()
        # A request a minute after the session was last stamped writes it again
        # (SessionTimeoutMiddleware: 3 more queries); a fresh login keeps every
        # page call alike, and outside the timing.
        client.force_login(user)

    found = {"output": {}, "queries": {}, "samples": defaultdict(list)}
    for name, call in calls.items():
        prepare()
        with CaptureQueriesContext(connection) as queries:
            # Kept for check(); also warms SQLite's page cache before timing.
            found["output"][name] = call()
        found["queries"][name] = len(queries)
    for _ in range(repeat):
        for name, call in calls.items():
            prepare()
            start = time.perf_counter()
            call()
            found["samples"][name].append(time.perf_counter() - start)
    found["p50"] = {name: statistics.median(s) for name, s in found["samples"].items()}
    return found


def check(found: dict, site, reverse_of: dict) -> dict:
    """The page and the JSON show what the raw rows say; returns the verdicts."""
    from edusalud.surveys import anonymity

    output = found["output"]
    raw = output["page_raw"]
    census = anonymity.Census(raw["answers"], raw["targeted"])
    site_verdict = census.verdict({"site": site.pk})
    national = census.verdict({})
    if not (site_verdict.shown and national.shown):
        sys.exit(f"not shown: site {site_verdict}, national {national}")
    shown = re.search(rb'data-figure="answers">([\d,]+)<', output["page"])
    if not shown or int(shown[1].replace(b",", b"")) != site_verdict.answers:
        sys.exit(f"page shows {shown and shown[1]} answers for the site, raw SQL {site_verdict}")
    figures = json.loads(output["json"])
    if figures["answers"] != national.answers or figures["targeted"] != national.targeted:
        sys.exit(f"json {figures['answers']}/{figures['targeted']}, raw SQL {national}")
    mean = sum(
        (4 - v if reverse else v) * n / national.answers
        for item_id, reverse in reverse_of.items()
        for v, n in raw["national"][item_id].items()
    )
    if abs(mean - figures["pheem_total"]["mean"]) > 0.01:
        sys.exit(f"PHEEM total: json {figures['pheem_total']['mean']}, raw SQL {mean:.2f}")
    return {"site": site_verdict, "national": national, "ranking": len(raw["ranking"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    started = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="edusalud-bench-") as var_dir:
        setup_django(var_dir)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import get_resolver
        from django.utils import timezone

        from edusalud.catalog.models import Site
        from edusalud.surveys import services
        from edusalud.surveys.models import Instrument, Invitation, Item

        print("creating the database…", file=sys.stderr)
        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        create_population(today)
        user = national_coordinator()
        pheem = Instrument.objects.get(code="pheem", version=1)
        campaign = services.create_campaign(
            by=user,
            name="Bench: PHEEM",
            year=today.year,
            instruments=[pheem],
            opens_on=today - datetime.timedelta(days=45),
            closes_on=today - datetime.timedelta(days=15),
        )
        items = list(Item.objects.filter(instrument=pheem).order_by("number"))
        invitations = list(
            Invitation.objects.filter(campaign=campaign)
            .order_by("pk")
            .values_list("pk", "region_id", "site_id", "specialty_id", "year")
        )
        rng = random.Random(f"{SEED}:surveys")
        plan = plan_answers(rng, invitations)

        # The largest site still shown at the first size: a suppressed site's
        # page skips the figures, and the two sizes must run the same code.
        invited = Counter(row[2] for row in invitations)
        early = Counter(row[2] for row in plan[: SIZES[0]])
        site_pk = max(
            (pk for pk in invited if early[pk] / invited[pk] >= SHOWN_RATE),
            key=lambda pk: (invited[pk], pk),
        )
        site = Site.objects.get(pk=site_pk)

        client = Client()
        # Import the URLconf outside the timing, as a running server has.
        get_resolver().reverse_dict  # noqa: B018
        climate = defaultdict(lambda: rng.gauss(0, 0.45))  # site -> learning climate
        final = Counter(row[2] for row in plan)
        rates = sorted(final[pk] / invited[pk] for pk in invited)
        print(
            f"database: {connection.vendor}; {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}; {len(invitations):,} invited at {len(invited)} sites; "
            f"PHEEM, {len(items)} items; catalog, residents and campaign built in "
            f"{time.perf_counter() - started:.0f} s\n"
            f"response rate by site at {SIZES[-1]:,}: min {rates[0]:.0%}, "
            f"median {statistics.median(rates):.0%}, max {rates[-1]:.0%}, "
            f"{sum(r < 0.5 for r in rates)} sites under 50 %\n"
            f"site measured: {site.clues} {site.name}, {invited[site.pk]} invited\n"
            f"p50 of {args.repeat} calls each, interleaved, cache emptied before every call"
        )
        written, by_size = 0, []
        for size in SIZES:
            start = time.perf_counter()
            write_answers(rng, campaign, items, plan[written:size], climate, campaign.closes_on)
            print(
                f"wrote responses {written + 1:,}-{size:,} in {time.perf_counter() - start:.0f} s",
                file=sys.stderr,
            )
            written = size
            found = measure(campaign, client, user, site, args.repeat)
            facts = check(found, site, {item.pk: item.reverse for item in items})
            by_size.append((size, found))
            p50, queries = found["p50"], found["queries"]
            print(
                f"{size:,} responses ({size * len(items):,} answers): site "
                f"{facts['site'].answers}/{facts['site'].targeted} answered, "
                f"{facts['ranking']} sites with answers\n"
                f"  page          {p50['page'] * 1000:8.1f} ms ({queries['page']} queries)\n"
                f"  page raw SQL  {p50['page_raw'] * 1000:8.1f} ms "
                f"({queries['page_raw']} queries), "
                f"ratio page/raw {p50['page'] / p50['page_raw']:.2f} (goal <= {GOAL_RATIO})\n"
                f"  json          {p50['json'] * 1000:8.1f} ms ({queries['json']} queries)\n"
                f"  json raw SQL  {p50['json_raw'] * 1000:8.1f} ms "
                f"({queries['json_raw']} queries), "
                f"ratio json/raw {p50['json'] / p50['json_raw']:.2f} (goal <= {GOAL_RATIO})"
            )
        (first, small), (last, large) = by_size[0], by_size[-1]
        for name in ("page", "json"):
            print(
                f"{name} from {first:,} to {last:,} responses: queries "
                f"{small['queries'][name]} -> {large['queries'][name]}, time "
                f"{large['p50'][name] / small['p50'][name]:.2f}x "
                f"(raw SQL {large['p50'][name + '_raw'] / small['p50'][name + '_raw']:.2f}x)"
            )
        print(
            f"total run time {time.perf_counter() - started:.0f} s; "
            f"load average after {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
