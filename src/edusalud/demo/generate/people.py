"""People and enrolments: residents in training, graduates and withdrawals."""

import datetime
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator

from simple_history.utils import bulk_create_with_history

from edusalud.demo import data
from edusalud.demo.generate.catalog import apportion
from edusalud.demo.generate.curp import ascii_slug, build_curp
from edusalud.demo.generate.dates import academic_year, end_of_february, march_first, years_before
from edusalud.demo.generate.figures import (
    ANESTHESIOLOGY_SHARE,
    BATCH_SIZE,
    COHORT_SHRINK,
    DEMO_RESIDENT_YEAR,
    FEMALE_SHARE,
    FOREIGN_CURP_SHARE,
    HISTORY_REASON,
    ON_LEAVE_SHARE,
    ORTHOPEDICS_SHARE,
    SAME_STATE_BIRTH_SHARE,
    UNHIRED_SHARES,
    WITHDRAWN_SHARE,
)
from edusalud.demo.generate.plans import Catalog, ProgrammePlan, Progress
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import MEXICO, Enrolment, Person


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
