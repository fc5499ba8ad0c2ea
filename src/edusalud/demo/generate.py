"""Generate the national demo dataset, from regions down to graduates.

Why: the dashboards must show the institute's published figures (DOMAIN.md)
computed from rows, so the demo creates every region, site, specialty,
programme, person and enrolment instead of printing constants.

Determinism: chance comes only from random.Random instances seeded from the
seed, one per phase, so the same seed and scale give the same rows and the
catalog does not depend on the scale. Dates hang from the academic year (it
opens on 1 March) that contains the reference day, so a reload later in the
same academic year gives the same rows as well.

Speed: rows are written with bulk_create in batches, each with its "created"
history row (django-simple-history), one transaction per phase.
"""

import datetime
import functools
import math
import random
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from stdnum.mx import curp as stdnum_curp

from edusalud.accounts.enums import Role
from edusalud.accounts.models import RoleAssignment, User
from edusalud.catalog.enums import (
    CareLevel,
    EntryKind,
    QualityLevel,
    QualityRecognition,
    SiteKind,
)
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.core.validators import validate_curp
from edusalud.demo import data
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import MEXICO, Enrolment, Person

# Published figures (DOMAIN.md), reached from rows at scale 1.
RESIDENTS_IN_TRAINING = 15_938
FOREIGN_RESIDENTS = 143
RECOGNISED_PROGRAMMES = 69
RECOGNISED_SPECIALTIES = 35

THIRD_LEVEL_SHARE = 0.5  # of the training capacity: "about half train at UMAEs"
VACANCY = 1.04  # positions offered per resident: a few positions stay empty
SITE_FACTOR = {SiteKind.UMAE: 3.0, SiteKind.HGR: 1.6, SiteKind.HGZ: 1.0, SiteKind.UMF: 1.0}
ON_LEAVE_SHARE = 0.01
WITHDRAWN_SHARE = 0.01  # of the residents in training, over the last 18 months
ANESTHESIOLOGY_SHARE = 0.35  # of the foreign residents
ORTHOPEDICS_SHARE = 0.25
FOREIGN_CURP_SHARE = 0.45  # foreigners holding a CURP (state "NE"); the rest a passport
FEMALE_SHARE = 0.52
SAME_STATE_BIRTH_SHARE = 0.55
# Graduated cohorts, oldest first: share NOT hired by the institute (87-89 % hired).
UNHIRED_SHARES = (0.13, 0.12, 0.11)
COHORT_SHRINK = 0.03  # each older cohort is a little smaller: positions grew
SNP_SINCE = datetime.date(2022, 1, 1)  # when CONAHCYT's SNP replaced CONACyT's PNPC
BATCH_SIZE = 2_000
HISTORY_REASON = "demo data"
DEMO_RESIDENT_YEAR = 2

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class SitePlan:
    kind: str
    name: str
    state: str
    focus: str  # UMAE focus letters (data.UMAE); empty for other sites
    size: float  # relative size of its courses
    clues: str
    beds: int
    university: str

    @property
    def care_level(self) -> int:
        return {
            SiteKind.UMAE: CareLevel.THIRD,
            SiteKind.HGR: CareLevel.SECOND,
            SiteKind.HGZ: CareLevel.SECOND,
        }.get(self.kind, CareLevel.FIRST)


@dataclass(frozen=True)
class ProgrammePlan:
    """What the people phases need to know of a saved programme: plain data."""

    id: int
    specialty: str  # code
    years: int
    prior_years: int  # years of prerequisite specialties before it (0: direct entry)
    state: str  # of its site
    positions: int


@dataclass(frozen=True)
class Catalog:
    programmes: tuple[ProgrammePlan, ...]
    demo_programme: int  # index in programmes: Anesthesiology at the demo site


# --- Entry points ---------------------------------------------------------------------------


def database_has_data() -> bool:
    return Site.objects.exists() or Person.objects.exists() or Specialty.objects.exists()


def load_demo(
    *,
    scale: float,
    seed: int,
    today: datetime.date | None = None,
    on_progress: Progress | None = None,
) -> None:
    """Create the whole dataset on an empty database. Writes one transaction per phase."""
    today = today or timezone.localdate()
    progress = on_progress or (lambda phase, done, total: None)
    opened = academic_year(today)
    n_training = round(RESIDENTS_IN_TRAINING * scale)
    n_foreign = round(FOREIGN_RESIDENTS * scale)
    people = PeopleMaker(random.Random(f"{seed}:people"))

    with transaction.atomic():
        catalog = create_catalog(random.Random(f"{seed}:catalog"), opened=opened)
    progress("catalog", 1, 1)
    with transaction.atomic():
        create_residents_in_training(
            random.Random(f"{seed}:training"),
            catalog,
            people,
            opened=opened,
            n_training=n_training,
            n_foreign=n_foreign,
            progress=progress,
        )
    with transaction.atomic():
        create_past_enrolments(
            random.Random(f"{seed}:past"),
            catalog,
            people,
            today=today,
            n_training=n_training,
            n_foreign=n_foreign,
            progress=progress,
        )
    with transaction.atomic():
        create_demo_accounts(catalog)


def erase_demo_data() -> None:
    """Delete every catalog and residents row, their history, and the demo users.

    Raw DELETEs: the ORM would load every row to send signals, and
    django-simple-history would answer each one with a "deleted" history row.
    Role assignments that point at the catalog go too (the ORM would cascade).
    """
    with transaction.atomic():
        RoleAssignment.objects.filter(
            Q(region__isnull=False) | Q(site__isnull=False) | Q(programme__isnull=False)
        ).delete()
        with connection.cursor() as cursor:
            for model in (Enrolment, Person, Programme, Site, Specialty, Region):
                tables = [model._meta.db_table]
                if hasattr(model, "history"):
                    tables.append(model.history.model._meta.db_table)
                for table in tables:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
        User.objects.filter(username__in=demo_usernames()).delete()


def demo_usernames() -> list[str]:
    return [user.username for user in (*data.DEMO_USERS, data.SUPERUSER)]


# --- Dates -----------------------------------------------------------------------------------


def academic_year(day: datetime.date) -> int:
    """The year whose 1 March opened the academic year that contains `day`."""
    return day.year if (day.month, day.day) >= (3, 1) else day.year - 1


def march_first(year: int) -> datetime.date:
    return datetime.date(year, 3, 1)


def end_of_february(year: int) -> datetime.date:
    return march_first(year) - datetime.timedelta(days=1)


def years_before(day: datetime.date, years: float) -> datetime.date:
    return day - datetime.timedelta(days=round(years * 365.25))


# --- Catalog ---------------------------------------------------------------------------------


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


# --- People ----------------------------------------------------------------------------------

_PARTICLES = {"DA", "DAS", "DE", "DEL", "DER", "DI", "DIE", "DD", "EL", "LA", "LOS", "LAS", "LE"}
_PARTICLES |= {"LES", "MAC", "MC", "VAN", "VON", "Y"}
_COMMON_FIRST_NAMES = {"MARIA", "MA", "JOSE", "J"}
_VOWELS = "AEIOU"
_CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"


def curp_letters(text: str) -> str:
    """Upper case without accents; Ñ becomes X, as the CURP writes it."""
    text = unicodedata.normalize("NFD", text.upper().replace("Ñ", "X"))
    return "".join(c for c in text if c.isascii())


def curp_word(name: str, *, skip_common: bool = False) -> str:
    """The word of a name the CURP uses: no particles, no María/José before another name."""
    words = [w for w in curp_letters(name).replace(".", " ").split() if w not in _PARTICLES]
    if skip_common and len(words) > 1 and words[0] in _COMMON_FIRST_NAMES:
        words = words[1:]
    return words[0] if words else ""


def first_inner(word: str, letters: str) -> str:
    return next((c for c in word[1:] if c in letters), "X")


def build_curp(
    *,
    first_names: str,
    last_name: str,
    second_last_name: str,
    birth_date: datetime.date,
    sex: str,
    state: str,
    taken: set[str],
) -> str | None:
    """A valid CURP not in `taken` (which it joins), or None if all 10 or 26 are taken.

    The 17th character (the homoclave's differentiator) tells apart people
    whose first 16 characters coincide: digits for births before 2000,
    letters after, as RENAPO assigns it.
    """
    first, second = curp_word(last_name), curp_word(second_last_name)
    given = curp_word(first_names, skip_common=True)
    letters = first[0] + first_inner(first, _VOWELS) + (second[:1] or "X") + given[0]
    middle = (
        birth_date.strftime("%y%m%d")
        + ("M" if sex == Sex.FEMALE else "H")
        + state
        + first_inner(first, _CONSONANTS)
        + (first_inner(second, _CONSONANTS) if second else "X")
        + first_inner(given, _CONSONANTS)
    )
    if is_inconvenient(letters):
        # RENAPO writes X second when the first four letters make a rude word.
        letters = letters[0] + "X" + letters[2:]
    differentiators = "0123456789" if birth_date.year < 2000 else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for differentiator in differentiators:
        curp = with_check_digit(letters + middle + differentiator)
        if curp not in taken:
            validate_curp(curp)
            taken.add(curp)
            return curp
    return None


@functools.cache
def is_inconvenient(letters: str) -> bool:
    """Whether the CURP validator rejects these first four letters as a rude word."""
    return not stdnum_curp.is_valid(with_check_digit(letters + "000101HDFXXX0"))


def with_check_digit(body: str) -> str:
    return body + stdnum_curp.calc_check_digit(body)


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if c.isascii() and c.isalnum())


class PeopleMaker:
    """Makes unsaved Person rows with realistic names and a unique, valid CURP."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.taken: set[str] = set()
        self.count = 0
        # Frequent surnames come up more often: weight by rank.
        self.surname_weights = [1 / (rank + 4) for rank in range(len(data.SURNAMES))]
        self.states = [state.code for state in data.STATES]
        self.state_weights = [state.population for state in data.STATES]

    def person(
        self,
        *,
        birth_date: datetime.date,
        site_state: str,
        country: str | None = None,
    ) -> Person:
        """A Mexican (country None) or a foreigner, born near `birth_date`."""
        rng = self.rng
        self.count += 1
        sex = Sex.FEMALE if rng.random() < FEMALE_SHARE else Sex.MALE
        first_names = rng.choice(data.FEMALE_NAMES if sex == Sex.FEMALE else data.MALE_NAMES)
        last_name, second_last_name = rng.choices(data.SURNAMES, weights=self.surname_weights, k=2)
        person = Person(
            first_names=first_names,
            last_name=last_name,
            second_last_name=second_last_name,
            nationality=country or MEXICO,
            sex=sex,
            email=f"{ascii_slug(first_names.split()[0])}.{ascii_slug(last_name)}"
            f"{self.count}@example.com",
        )
        if country and rng.random() >= FOREIGN_CURP_SHARE:
            person.passport_number = self.passport_number()
            person.birth_date = birth_date
            return person
        state = data.BORN_ABROAD if country else self.birth_state(site_state)
        # Two people may share everything the CURP encodes; when all the
        # differentiators are taken, move the birth date by a day.
        for shift in range(10):
            person.birth_date = birth_date - datetime.timedelta(days=shift)
            person.curp = build_curp(
                first_names=first_names,
                last_name=last_name,
                second_last_name=second_last_name,
                birth_date=person.birth_date,
                sex=sex,
                state=state,
                taken=self.taken,
            )
            if person.curp:
                return person
        raise AssertionError("No free CURP within ten days of the birth date.")

    def birth_state(self, site_state: str) -> str:
        if self.rng.random() < SAME_STATE_BIRTH_SHARE:
            return site_state
        return self.rng.choices(self.states, weights=self.state_weights)[0]

    def passport_number(self) -> str:
        letters = "".join(self.rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=2))
        return f"{letters}{self.rng.randrange(1_000_000, 10_000_000)}"

    def prerequisite_evidence(self, programme: ProgrammePlan) -> str:
        """A specialty certificate (cédula) number for branch specialties, else blank."""
        if not programme.prior_years:
            return ""
        return str(self.rng.randrange(8_000_000, 14_000_000))

    def course_start_age(self, programme: ProgrammePlan) -> float:
        """Age on starting R1: medical school, internship, social service, the exam."""
        return 25 + programme.prior_years + min(self.rng.expovariate(1 / 2.0), 6.0)


def create_residents_in_training(
    rng: random.Random,
    catalog: Catalog,
    people: PeopleMaker,
    *,
    opened: int,
    n_training: int,
    n_foreign: int,
    progress: Progress,
) -> None:
    places = plan_training_places(rng, catalog, n_training)
    foreigners = choose_foreigners(rng, catalog, places, n_foreign)
    on_leave = set(rng.sample(range(1, len(places)), round(n_training * ON_LEAVE_SHARE)))
    # Birth dates keep everyone 25-40 years old all through the academic year
    # (ten days of margin for build_curp's shifts).
    oldest = years_before(march_first(opened), 40) + datetime.timedelta(days=10)
    youngest = years_before(march_first(opened), 25) - datetime.timedelta(days=10)

    def rows() -> Iterator[tuple[Person, Enrolment]]:
        for n, (index, year) in enumerate(places):
            programme = catalog.programmes[index]
            age = people.course_start_age(programme) + year - 1
            born = years_before(march_first(opened), age) - datetime.timedelta(
                days=rng.randrange(365)
            )
            person = people.person(
                birth_date=min(max(born, oldest), youngest),
                site_state=programme.state,
                country=foreigners.get(n),
            )
            enrolment = Enrolment(
                programme_id=programme.id,
                year=year,
                started_on=march_first(opened - year + 1),
                status=EnrolmentStatus.ON_LEAVE if n in on_leave else EnrolmentStatus.ACTIVE,
                prerequisite_evidence=people.prerequisite_evidence(programme),
            )
            yield person, enrolment

    write_people(rows(), total=len(places), phase="residents", progress=progress)


def plan_training_places(
    rng: random.Random, catalog: Catalog, n_training: int
) -> list[tuple[int, int]]:
    """(programme index, year) of each resident in training; the demo resident first.

    Each programme-year gets residents in proportion to the programme's
    yearly positions.
    """
    if not n_training:
        return []
    cells = [
        (index, year)
        for index, programme in enumerate(catalog.programmes)
        for year in range(1, programme.years + 1)
    ]
    counts = apportion(n_training - 1, [catalog.programmes[index].positions for index, _ in cells])
    places = [cell for cell, count in zip(cells, counts, strict=True) for _ in range(count)]
    rng.shuffle(places)
    return [(catalog.demo_programme, DEMO_RESIDENT_YEAR), *places]


def choose_foreigners(
    rng: random.Random, catalog: Catalog, places: list[tuple[int, int]], n_foreign: int
) -> dict[int, str]:
    """Place index -> country, most of them in Anesthesiology and Orthopedics."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, (index, _) in enumerate(places[1:], start=1):
        code = catalog.programmes[index].specialty
        groups[code if code in (data.ANESTHESIOLOGY, data.ORTHOPEDICS) else "other"].append(n)
    wanted = {data.ANESTHESIOLOGY: round(n_foreign * ANESTHESIOLOGY_SHARE)}
    wanted[data.ORTHOPEDICS] = round(n_foreign * (ANESTHESIOLOGY_SHARE + ORTHOPEDICS_SHARE))
    wanted[data.ORTHOPEDICS] -= wanted[data.ANESTHESIOLOGY]
    wanted["other"] = n_foreign - sum(wanted.values())
    chosen: list[int] = []
    carried = 0  # a group too small (at a tiny scale) passes its foreigners on
    for group in (data.ANESTHESIOLOGY, data.ORTHOPEDICS, "other"):
        k = min(len(groups[group]), wanted[group] + carried)
        carried += wanted[group] - k
        chosen += rng.sample(groups[group], k)
    codes = [code for code, _ in data.FOREIGN_COUNTRIES]
    weights = [weight for _, weight in data.FOREIGN_COUNTRIES]
    # Every country appears when there are enough foreigners; then by frequency.
    countries = rng.sample(codes, min(len(codes), len(chosen)))
    countries += rng.choices(codes, weights=weights, k=len(chosen) - len(countries))
    return dict(zip(sorted(chosen), countries, strict=True))


def create_past_enrolments(
    rng: random.Random,
    catalog: Catalog,
    people: PeopleMaker,
    *,
    today: datetime.date,
    n_training: int,
    n_foreign: int,
    progress: Progress,
) -> None:
    """Graduates of the last three cohorts, and the withdrawals of the last 18 months."""
    opened = academic_year(today)
    cohorts = plan_cohorts(catalog, opened=opened, n_training=n_training)
    n_withdrawn = round(n_training * WITHDRAWN_SHARE)
    foreign_share = n_foreign / n_training if n_training else 0

    def rows() -> Iterator[tuple[Person, Enrolment]]:
        for (year, size), unhired_share in zip(cohorts, UNHIRED_SHARES, strict=True):
            yield from graduate_rows(
                rng,
                catalog,
                people,
                year=year,
                size=size,
                n_foreign=round(size * foreign_share),
                unhired_share=unhired_share,
                today=today,
            )
        yield from withdrawn_rows(rng, catalog, people, opened=opened, count=n_withdrawn)

    total = sum(size for _, size in cohorts) + n_withdrawn
    write_people(rows(), total=total, phase="graduates", progress=progress)


def plan_cohorts(catalog: Catalog, *, opened: int, n_training: int) -> list[tuple[int, int]]:
    """(graduation year, size) of the last graduated cohorts, oldest first.

    A cohort is about the size of today's last-year residents, a little
    smaller for older years.
    """
    positions = sum(p.positions for p in catalog.programmes)
    capacity = sum(p.positions * p.years for p in catalog.programmes)
    size = n_training * positions / capacity
    count = len(UNHIRED_SHARES)
    return [
        (opened - age, round(size * (1 - COHORT_SHRINK * age))) for age in range(count - 1, -1, -1)
    ]


def graduate_rows(
    rng: random.Random,
    catalog: Catalog,
    people: PeopleMaker,
    *,
    year: int,
    size: int,
    n_foreign: int,
    unhired_share: float,
    today: datetime.date,
) -> Iterator[tuple[Person, Enrolment]]:
    """One cohort graduating at the end of February of `year`.

    Foreign graduates go home (they are among the not hired); the rest are
    hired by the institute within two months, never after `today`.
    """
    counts = apportion(size, [p.positions for p in catalog.programmes])
    members = [index for index, count in enumerate(counts) for _ in range(count)]
    rng.shuffle(members)
    unhired = set(range(n_foreign))
    unhired |= set(
        rng.sample(range(n_foreign, size), max(0, int(size * unhired_share) - n_foreign))
    )
    codes = [code for code, _ in data.FOREIGN_COUNTRIES]
    weights = [weight for _, weight in data.FOREIGN_COUNTRIES]
    ended = end_of_february(year)
    for n, index in enumerate(members):
        programme = catalog.programmes[index]
        age = people.course_start_age(programme) + programme.years
        person = people.person(
            birth_date=years_before(ended, age) - datetime.timedelta(days=rng.randrange(365)),
            site_state=programme.state,
            country=rng.choices(codes, weights=weights)[0] if n < n_foreign else None,
        )
        hired = n not in unhired
        enrolment = Enrolment(
            programme_id=programme.id,
            year=programme.years,
            started_on=march_first(year - programme.years),
            status=EnrolmentStatus.GRADUATED,
            ended_on=ended,
            prerequisite_evidence=people.prerequisite_evidence(programme),
            is_hired_by_institute=hired,
            hired_on=min(ended + datetime.timedelta(days=rng.randint(1, 60)), today)
            if hired
            else None,
        )
        yield person, enrolment


def withdrawn_rows(
    rng: random.Random, catalog: Catalog, people: PeopleMaker, *, opened: int, count: int
) -> Iterator[tuple[Person, Enrolment]]:
    """Courses left early in the 18 months before the academic year opened."""
    weights = [p.positions for p in catalog.programmes]
    for _ in range(count):
        programme = rng.choices(catalog.programmes, weights=weights)[0]
        # Most residents who leave do it in their first years.
        year = rng.choices(range(1, programme.years + 1), weights=range(programme.years, 0, -1))[0]
        ended = march_first(opened) - datetime.timedelta(days=rng.randint(15, 540))
        age = people.course_start_age(programme) + year - 1
        person = people.person(
            birth_date=years_before(ended, age) - datetime.timedelta(days=rng.randrange(365)),
            site_state=programme.state,
        )
        enrolment = Enrolment(
            programme_id=programme.id,
            year=year,
            started_on=march_first(academic_year(ended) - year + 1),
            status=EnrolmentStatus.WITHDRAWN,
            ended_on=ended,
            withdrawal_reason=rng.choice(data.WITHDRAWAL_REASONS),
            prerequisite_evidence=people.prerequisite_evidence(programme),
        )
        yield person, enrolment


def write_people(
    rows: Iterable[tuple[Person, Enrolment]], *, total: int, phase: str, progress: Progress
) -> None:
    """Save people and their enrolments in batches, each row with its history row."""
    done = 0
    progress(phase, done, total)
    for batch in chunks(rows, BATCH_SIZE):
        people = bulk_create_with_history(
            [person for person, _ in batch],
            Person,
            batch_size=BATCH_SIZE,
            default_change_reason=HISTORY_REASON,
        )
        for person, (_, enrolment) in zip(people, batch, strict=True):
            enrolment.person = person
        bulk_create_with_history(
            [enrolment for _, enrolment in batch],
            Enrolment,
            batch_size=BATCH_SIZE,
            default_change_reason=HISTORY_REASON,
        )
        done += len(batch)
        progress(phase, done, total)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Accounts --------------------------------------------------------------------------------


def create_demo_accounts(catalog: Catalog) -> None:
    """One user per role around Anesthesiology at the demo site, and the superuser.

    Existing users with these usernames are reused and get the demo password.
    """
    programme = Programme.objects.select_related("site").get(
        pk=catalog.programmes[catalog.demo_programme].id
    )
    targets = {
        Role.NATIONAL: {},
        Role.REGIONAL: {"region_id": programme.site.region_id},
        Role.SITE: {"site": programme.site},
        Role.PROFESSOR: {"programme": programme},
        Role.RESIDENT: {},
    }
    # The demo resident is the first place planned: the earliest Mexican row there.
    resident = (
        Person.objects.filter(
            nationality=MEXICO,
            enrolments__programme=programme,
            enrolments__status=EnrolmentStatus.ACTIVE,
        )
        .order_by("pk")
        .first()
    )
    for demo in (*data.DEMO_USERS, data.SUPERUSER):
        person = resident if demo.role == Role.RESIDENT else None
        user = save_demo_user(demo, person=person)
        RoleAssignment.objects.create(user=user, role=demo.role, **targets[demo.role])
        if person:
            person.user = user
            person._change_reason = "demo user"
            person.save(update_fields=["user"])


def save_demo_user(demo: data.DemoUser, *, person: Person | None) -> User:
    user = User.objects.filter(username=demo.username).first() or User(username=demo.username)
    user.first_name = person.first_names if person else demo.first_name
    user.last_name = f"{person.last_name} {person.second_last_name}" if person else demo.last_name
    user.email = person.email if person else f"{demo.username}@example.com"
    user.is_staff = user.is_superuser = demo is data.SUPERUSER
    user.set_password(data.DEMO_PASSWORD)
    user.save()
    user.role_assignments.all().delete()
    return user


def demo_accounts() -> list[tuple[User, RoleAssignment]]:
    """The demo users that exist, with their role, in the order of data.DEMO_USERS."""
    order = demo_usernames()
    assignments = RoleAssignment.objects.filter(user__username__in=order).select_related(
        "user", "region", "site", "programme__specialty", "programme__site"
    )
    rows = [(assignment.user, assignment) for assignment in assignments]
    return sorted(rows, key=lambda row: (order.index(row[0].username), row[1].pk))
