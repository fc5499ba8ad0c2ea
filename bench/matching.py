"""Admissions match: a national instance through `edusalud match`, against the package `matching`.

    .venv/bin/python bench/matching.py [--seed 7] [--package-budget 60]

1. Generates a national instance (18,600 applicants, 74 specialties, about
   2,500 programmes, every applicant ranking every site of their specialty)
   as the CLI's CSV files, runs `edusalud match` on them in a subprocess and
   reports its wall time (goal < 5 s) and the match alone (goal < 1 s), next
   to a bare csv.reader pass over the same files (the floor of reading them).
2. Runs the PyPI package `matching` 1.4.3 (create, solve, check stability) on
   growing slices of the instance until one takes longer than the budget, and
   ours on the largest slice it finished: the ratio (goal: ours >= 50x faster).
3. Matches the instance at x1, x2 and x4 (applicants and places multiplied):
   proposals and time per proposal (goal: linear growth).
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Not this folder: this file's name would hide the package `matching` it compares with.
sys.path[0] = str(ROOT / "src")

from edusalud.admissions.matching import Market, Result, blocking_pairs, match  # noqa: E402

REPEATS = 3
APPLICANTS = 18_600
SPECIALTIES = 74
# Eight specialties are taught almost everywhere (family medicine, emergencies,
# internal medicine...); the rest at a few sites each: about 2,500 programmes.
LARGE_SPECIALTIES, LARGE_SITES = 8, 200
SMALL_SITES = (4, 24)


def national_market(seed: int, factor: int = 1) -> Market:
    """Applicants spread over specialties in proportion to their sites; places ~ applicants."""
    rng = random.Random(seed)
    sites = [LARGE_SITES] * LARGE_SPECIALTIES + [
        rng.randint(*SMALL_SITES) for _ in range(SPECIALTIES - LARGE_SPECIALTIES)
    ]
    total_sites = sum(sites)
    preferences, scores, capacities = {}, {}, {}
    for specialty, count in enumerate(sites):
        programmes = [f"E{specialty:02d}-S{site:03d}" for site in range(count)]
        popularity = {programme: rng.random() for programme in programmes}
        applicants = round(APPLICANTS * factor * count / total_sites)
        # A little under one place per applicant, some programmes bigger than others.
        weights = [rng.uniform(0.5, 1.5) for _ in programmes]
        places = applicants * 0.97
        for programme, weight in zip(programmes, weights, strict=True):
            capacities[programme] = max(1, round(places * weight / sum(weights)))
        for n in range(applicants):
            applicant = f"{specialty:02d}{n:06d}"
            scores[applicant] = round(rng.gauss(70, 8), 2)
            # Shared taste for some sites, and personal reasons.
            noise = {programme: popularity[programme] + rng.random() for programme in programmes}
            preferences[applicant] = sorted(programmes, key=noise.__getitem__, reverse=True)
    return Market(preferences=preferences, capacities=capacities, scores=scores)


def write_files(market: Market, folder: Path) -> dict[str, Path]:
    paths = {name: folder / f"{name}.csv" for name in ("positions", "applicants", "preferences")}
    with paths["positions"].open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(("programme", "capacity"))
        writer.writerows(market.capacities.items())
    with paths["applicants"].open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(("applicant", "score"))
        writer.writerows(market.scores.items())
    with paths["preferences"].open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(("applicant", "rank", "programme"))
        for applicant, programmes in market.preferences.items():
            writer.writerows(
                (applicant, rank, programme) for rank, programme in enumerate(programmes, 1)
            )
    return paths


def bare_read(paths: dict[str, Path]) -> float:
    started = time.perf_counter()
    for path in paths.values():
        with path.open(newline="", encoding="utf-8") as file:
            for _ in csv.reader(file):
                pass
    return time.perf_counter() - started


def run_cli(paths: dict[str, Path], out: Path) -> tuple[float, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "edusalud.config.settings", "DEBUG": "true"}
    command = [
        str(ROOT / ".venv" / "bin" / "edusalud"),
        "match",
        "--positions",
        str(paths["positions"]),
        "--applicants",
        str(paths["applicants"]),
        "--preferences",
        str(paths["preferences"]),
        "--out",
        str(out),
    ]
    started = time.perf_counter()
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, finished.stdout.strip()


def sliced(market: Market, share: float) -> Market:
    """A random `share` of the applicants (the same each run), with the places scaled alike."""
    applicants = sorted(market.preferences)
    keep = set(random.Random(0).sample(applicants, max(2, round(len(applicants) * share))))
    programmes = {p for a in keep for p in market.preferences[a]}
    return Market(
        preferences={a: market.preferences[a] for a in keep},
        capacities={p: max(1, round(market.capacities[p] * share)) for p in programmes},
        scores={a: market.scores[a] for a in keep},
    )


def package_run(market: Market) -> tuple[float, float, float]:
    """The package `matching`: seconds to create the game, solve it, check its stability."""
    from matching.games import HospitalResident

    by_score = market.score_order()
    position = {a: i for i, a in enumerate(by_score)}
    hospital_prefs = {p: [] for p in market.capacities}
    for applicant, programmes in market.preferences.items():
        for programme in programmes:
            hospital_prefs[programme].append(applicant)
    for applicants in hospital_prefs.values():
        applicants.sort(key=position.__getitem__)
    resident_prefs = {a: list(p) for a, p in market.preferences.items() if p}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        started = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, dict(market.capacities)
        )
        created = time.perf_counter()
        game.solve(optimal="resident")
        solved = time.perf_counter()
        assert game.check_stability()
        checked = time.perf_counter()
    return created - started, solved - created, checked - solved


def first(pair: tuple) -> float:
    return pair[0]


def timed_match(market: Market) -> tuple[float, Result]:
    started = time.perf_counter()
    result = match(market)
    return time.perf_counter() - started, result


def ours_run(market: Market) -> float:
    started = time.perf_counter()
    result = match(market)
    assert not blocking_pairs(market, result.assignment)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--package-budget", type=float, default=60.0)
    args = parser.parse_args()

    market = national_market(args.seed)
    pairs = sum(map(len, market.preferences.values()))
    print(
        f"national instance: {len(market.preferences):,} applicants, "
        f"{len(market.capacities):,} programmes, {sum(market.capacities.values()):,} places, "
        f"{pairs:,} ranked pairs"
    )

    # Each time is the best of REPEATS runs: on a shared machine, noise only adds.
    with tempfile.TemporaryDirectory(prefix="edusalud-match-") as folder:
        paths = write_files(market, Path(folder))
        floor = min(bare_read(paths) for _ in range(REPEATS))
        wall, report = min(
            (run_cli(paths, Path(folder) / "result.csv") for _ in range(REPEATS)), key=first
        )
    alone, result = min((timed_match(market) for _ in range(REPEATS)), key=first)
    print(f"bare csv.reader over the files: {floor:.2f} s")
    print(
        f"edusalud match, whole run in a subprocess: {wall:.2f} s (goal < 5 s), "
        f"{wall / floor:.1f}x the bare reading"
    )
    for line in report.splitlines():
        print(f"  {line}")
    print(f"match alone, in process: {alone:.2f} s (goal < 1 s), {result.proposals:,} applications")

    sys.setrecursionlimit(100_000)  # the package recurses while it creates players
    largest, package_time = None, 0.0
    for share in (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0):
        piece = sliced(market, share)
        create, solve, check = package_run(piece)
        taken = create + solve + check
        print(
            f"  package `matching` at {share:.1%} of the instance: {taken:.2f} s "
            f"(create {create:.2f}, solve {solve:.2f}, check stability {check:.2f})"
        )
        if taken > args.package_budget:
            break
        largest, package_time = (share, piece), taken
        if taken * 2.5 > args.package_budget:  # the next slice would not finish in time
            break
    if largest:
        share, piece = largest
        ours = min(ours_run(piece) for _ in range(3))
        print(
            f"largest slice the package finished within {args.package_budget:.0f} s: "
            f"{share:.1%} ({len(piece.preferences):,} applicants); package {package_time:.2f} s, "
            f"ours {ours:.3f} s (match and stability check): ours {package_time / ours:,.0f}x "
            f"faster (goal >= 50x)"
        )

    print("growth (applicants and places multiplied):")
    base = None
    for factor in (1, 2, 4):
        grown = market if factor == 1 else national_market(args.seed, factor)
        taken, outcome = min((timed_match(grown) for _ in range(REPEATS)), key=first)
        per = taken / outcome.proposals * 1e9
        base = base or (outcome.proposals, taken)
        print(
            f"  x{factor}: {outcome.proposals:,} applications "
            f"({outcome.proposals / base[0]:.2f}x), {taken:.2f} s ({taken / base[1]:.2f}x), "
            f"{per:,.0f} ns per application"
        )


if __name__ == "__main__":
    main()
