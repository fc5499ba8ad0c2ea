"""Regions, specialties, sites and programmes, with their PNPC/SNP recognitions."""

import datetime
import math
import random
from collections import defaultdict

from simple_history.utils import bulk_create_with_history

from edusalud.catalog.enums import (
    EntryKind,
    QualityLevel,
    QualityRecognition,
    SiteKind,
)
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.demo import data
from edusalud.demo.generate.dates import march_first, years_before
from edusalud.demo.generate.figures import (
    HISTORY_REASON,
    RECOGNISED_PROGRAMMES,
    RECOGNISED_SPECIALTIES,
    RESIDENTS_IN_TRAINING,
    SITE_FACTOR,
    SNP_SINCE,
    THIRD_LEVEL_SHARE,
    VACANCY,
)
from edusalud.demo.generate.plans import Catalog, ProgrammePlan, SitePlan


def create_catalog(rng: random.Random, *, opened: int) -> Catalog:
    regions = {
        region.code: region
        for region in Region.objects.bulk_create(
            [Region(code=state.code, name=state.name) for state in data.STATES]
        )
    }
    specialties = create_specialties()
    site_plans = plan_sites(rng)
    sites = bulk_create_with_history(
        [
            Site(
                clues=plan.clues,
                name=plan.name,
                kind=plan.kind,
                care_level=plan.care_level,
                region=regions[plan.state],
                beds=plan.beds,
            )
            for plan in site_plans
        ],
        Site,
        default_change_reason=HISTORY_REASON,
    )
    pairs = plan_programmes(rng, site_plans)
    positions = plan_positions(rng, site_plans, pairs)
    recognised = set(choose_recognised(rng, site_plans, pairs, positions))
    programmes = bulk_create_with_history(
        [
            Programme(
                specialty=specialties[row.code],
                site=sites[site],
                university=site_plans[site].university,
                yearly_positions=positions[n],
                **(recognition(rng, opened=opened) if n in recognised else {}),
            )
            for n, (site, row) in enumerate(pairs)
        ],
        Programme,
        default_change_reason=HISTORY_REASON,
    )
    plans = tuple(
        ProgrammePlan(
            id=programme.pk,
            specialty=row.code,
            years=row.years,
            prior_years=prior_years(row.code),
            state=site_plans[site].state,
            positions=programme.yearly_positions,
        )
        for programme, (site, row) in zip(programmes, pairs, strict=True)
    )
    demo = next(
        n
        for n, (site, row) in enumerate(pairs)
        if site_plans[site].name == data.DEMO_SITE and row.code == data.ANESTHESIOLOGY
    )
    return Catalog(programmes=plans, demo_programme=demo)


def create_specialties() -> dict[str, Specialty]:
    """Direct-entry specialties first, then each branch once its prerequisite exists."""
    created: dict[str, Specialty] = {}
    pending = list(data.SPECIALTIES)
    while pending:
        ready = [row for row in pending if row.prerequisite in (None, *created)]
        saved = bulk_create_with_history(
            [
                Specialty(
                    code=row.code,
                    name_es=row.name_es,
                    name_en=row.name_en,
                    entry=EntryKind.BRANCH if row.prerequisite else EntryKind.DIRECT,
                    prerequisite=created.get(row.prerequisite),
                    duration_years=row.years,
                )
                for row in ready
            ],
            Specialty,
            default_change_reason=HISTORY_REASON,
        )
        created.update((specialty.code, specialty) for specialty in saved)
        pending = [row for row in pending if row.code not in created]
    return created


def prior_years(code: str) -> int:
    """Years spent in the prerequisite chain before starting this specialty."""
    rows = {row.code: row for row in data.SPECIALTIES}
    total, prerequisite = 0, rows[code].prerequisite
    while prerequisite:
        total += rows[prerequisite].years
        prerequisite = rows[prerequisite].prerequisite
    return total


_SITE_NAMES = {
    SiteKind.HGR: "Hospital General Regional",
    SiteKind.HGZ: "Hospital General de Zona",
    SiteKind.UMF: "Unidad de Medicina Familiar",
}


def plan_sites(rng: random.Random) -> list[SitePlan]:
    """The 25 UMAEs where they are, then each state's HGRs, HGZs and UMFs."""
    plans = []
    for state in data.STATES:
        umaes = [umae for umae in data.UMAES if umae.state == state.code]
        counts = dict(
            zip(
                (SiteKind.HGR, SiteKind.HGZ, SiteKind.UMF),
                data.SITES_PER_STATE[state.code],
                strict=True,
            )
        )
        numbers = iter(sorted(rng.sample(range(1, 3_000), len(umaes) + sum(counts.values()))))
        for umae in umaes:
            plans.append(
                SitePlan(
                    kind=SiteKind.UMAE,
                    name=umae.name,
                    state=state.code,
                    focus=umae.focus,
                    size=SITE_FACTOR[SiteKind.UMAE] * umae.size,
                    clues=clues(state.code, next(numbers)),
                    beds=rng.randint(200, 900),
                    university=site_university(rng, state),
                )
            )
        for kind, count in counts.items():
            # Units are numbered per state; the numbering has gaps, as in reality.
            for n, number in enumerate(sorted(rng.sample(range(1, 8 * count + 10), count))):
                # Regional hospitals sit in the main cities; the rest anywhere.
                city = (
                    state.cities[n % len(state.cities)]
                    if kind == SiteKind.HGR
                    else rng.choice(state.cities)
                )
                plans.append(
                    SitePlan(
                        kind=kind,
                        name=f"{_SITE_NAMES[kind]} No. {number}, {city}",
                        state=state.code,
                        focus="",
                        size=SITE_FACTOR[kind],
                        clues=clues(state.code, next(numbers)),
                        beds=site_beds(rng, kind),
                        university=site_university(rng, state),
                    )
                )
    return plans


def clues(state: str, number: int) -> str:
    """State letters, the institute's three letters, six digits (CLUES format)."""
    return f"{state}IMS{number:06d}"


def site_beds(rng: random.Random, kind: str) -> int:
    if kind == SiteKind.HGR:
        return rng.randint(150, 400)
    if kind == SiteKind.HGZ:
        return rng.randint(60, 250)
    # Most family-medicine units have no hospital beds; some have a few.
    return 0 if rng.random() < 0.6 else rng.randint(4, 30)


def site_university(rng: random.Random, state: data.State) -> str:
    """UNAM endorses courses all over the country; otherwise the state's university."""
    if state.code == "DF":
        return data.IPN if rng.random() < 0.2 else data.UNAM
    return data.UNAM if rng.random() < 0.35 else state.university


def plan_programmes(
    rng: random.Random, sites: list[SitePlan]
) -> list[tuple[int, data.SpecialtyRow]]:
    """(site index, specialty) of every programme, unique per pair."""
    pairs = []
    for n, site in enumerate(sites):
        taught = [row for row in data.SPECIALTIES if teaches(rng, site, row)]
        if site.name == data.DEMO_SITE and not any(
            row.code == data.ANESTHESIOLOGY for row in taught
        ):
            taught.append(specialty_row(data.ANESTHESIOLOGY))
        # Every academic site hosts at least one course.
        pairs.extend((n, row) for row in taught or [specialty_row(data.INTERNAL_MEDICINE)])
    # Every specialty is offered somewhere: the first UMAE of its focus takes the orphans.
    offered = {row.code for _, row in pairs}
    for row in data.SPECIALTIES:
        if row.code not in offered:
            umaes = [n for n, site in enumerate(sites) if site.kind == SiteKind.UMAE]
            matching = [n for n in umaes if set(sites[n].focus) & set(row.umae_focus)]
            pairs.append(((matching or umaes)[0], row))
    return pairs


def specialty_row(code: str) -> data.SpecialtyRow:
    return next(row for row in data.SPECIALTIES if row.code == code)


def teaches(rng: random.Random, site: SitePlan, row: data.SpecialtyRow) -> bool:
    if site.kind == SiteKind.UMF:
        return row.code == data.FAMILY_MEDICINE
    if site.kind == SiteKind.UMAE:
        if not set(site.focus) & set(row.umae_focus):
            return False
        return rng.random() < (0.9 if row.prerequisite is None else 0.75)
    return rng.random() < (row.p_hgr if site.kind == SiteKind.HGR else row.p_hgz)


def plan_positions(
    rng: random.Random, sites: list[SitePlan], pairs: list[tuple[int, data.SpecialtyRow]]
) -> list[int]:
    """Yearly positions per programme: each specialty's weight shared among its sites.

    Then UMAE programmes are scaled so that about half of the training capacity
    (positions x years) is at the third level, and everything so that the
    capacity slightly exceeds the published number of residents in training.
    """
    raw = [row.weight * sites[site].size * rng.uniform(0.6, 1.4) for site, row in pairs]
    per_specialty: dict[str, float] = defaultdict(float)
    for (_, row), value in zip(pairs, raw, strict=True):
        per_specialty[row.code] += value
    shares = [
        value * row.weight / per_specialty[row.code]
        for (_, row), value in zip(pairs, raw, strict=True)
    ]
    capacity = [share * row.years for (_, row), share in zip(pairs, shares, strict=True)]
    at_umae = [sites[site].kind == SiteKind.UMAE for site, _ in pairs]
    third = sum(c for c, umae in zip(capacity, at_umae, strict=True) if umae)
    factor = THIRD_LEVEL_SHARE * (sum(capacity) - third) / ((1 - THIRD_LEVEL_SHARE) * third)
    shares = [s * factor if umae else s for s, umae in zip(shares, at_umae, strict=True)]
    total = sum(share * row.years for (_, row), share in zip(pairs, shares, strict=True))
    unit = RESIDENTS_IN_TRAINING * VACANCY / total
    return [max(1, round(share * unit)) for share in shares]


def choose_recognised(
    rng: random.Random,
    sites: list[SitePlan],
    pairs: list[tuple[int, data.SpecialtyRow]],
    positions: list[int],
) -> list[int]:
    """Indices of the 69 PNPC/SNP programmes, in exactly 35 specialties.

    Recognition goes to hospital programmes (second and third level), more
    often to large ones and to UMAEs.
    """
    eligible: dict[str, list[int]] = defaultdict(list)
    for n, (site, row) in enumerate(pairs):
        if sites[site].kind != SiteKind.UMF:
            eligible[row.code].append(n)
    codes = sorted(eligible)
    codes = weighted_sample(
        rng, codes, [len(eligible[code]) for code in codes], RECOGNISED_SPECIALTIES
    )

    def weight(n: int) -> float:
        return positions[n] * (3 if sites[pairs[n][0]].kind == SiteKind.UMAE else 1)

    chosen = [
        weighted_sample(rng, eligible[code], [weight(n) for n in eligible[code]], 1)[0]
        for code in codes
    ]
    pool = [n for code in codes for n in eligible[code] if n not in chosen]
    chosen += weighted_sample(
        rng, pool, [weight(n) for n in pool], RECOGNISED_PROGRAMMES - len(chosen)
    )
    if len(chosen) != RECOGNISED_PROGRAMMES or len(codes) != RECOGNISED_SPECIALTIES:
        raise AssertionError("The catalog is too small for the recognised programmes.")
    return chosen


def recognition(rng: random.Random, *, opened: int) -> dict:
    """A PNPC/SNP recognition valid all through the current academic year."""
    valid_from = march_first(opened) - datetime.timedelta(days=rng.randint(30, 6 * 365))
    valid_until = years_before(valid_from, -rng.choice((3, 4, 5)))
    if valid_until < march_first(opened + 1):
        valid_until = march_first(opened + 1) + datetime.timedelta(days=rng.randint(30, 700))
    return {
        "quality_recognition": (
            QualityRecognition.SNP if valid_from >= SNP_SINCE else QualityRecognition.PNPC
        ),
        "quality_level": rng.choices(
            (
                QualityLevel.NEW,
                QualityLevel.DEVELOPING,
                QualityLevel.CONSOLIDATED,
                QualityLevel.INTERNATIONAL,
            ),
            weights=(15, 35, 38, 12),
        )[0],
        "quality_valid_from": valid_from,
        "quality_valid_until": valid_until,
    }


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, each drawn with probability proportional to its weight."""
    # Efraimidis-Spirakis: the k largest u ** (1 / w).
    keys = sorted(((rng.random() ** (1.0 / w), n) for n, w in enumerate(weights)), reverse=True)
    return [items[n] for _, n in keys[:k]]


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` into whole parts proportional to `weights` (largest remainders)."""
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda n: (counts[n] - quotas[n], n))
    for n in by_remainder[: total - sum(counts)]:
        counts[n] += 1
    return counts
