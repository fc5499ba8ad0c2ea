"""Next year's admission cycle, open for ranking: places, selected applicants, rank lists.

Every direct-entry programme offers its yearly positions; a few more applicants
than places apply to each specialty (so someone stays without a place), and each
ranks every site of the specialty, as the institute asks: a shared taste for
some sites, and personal reasons. The ranking period is open on the day of the
load. Larger programmes of the specialties foreign doctors ask for most
(Anesthesiology, Orthopedics) reserve a place for foreign applicants, and a few
more foreign applicants than those places apply. A demo applicant
("aspirante") has an account to rank sites; the national coordinator runs the
match, reviews it and publishes it.
"""

import datetime
import random
from collections import defaultdict

from simple_history.utils import bulk_create_with_history

from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    CycleStatus,
    Position,
    Preference,
    RankingPeriod,
)
from edusalud.demo import data
from edusalud.demo.generate.people import PeopleMaker, chunks
from edusalud.demo.generate.plans import Catalog, Progress

APPLICANTS_PER_PLACE = 1.04
# Applicants per batch: each brings a hundred or so rank-list rows; bounded memory.
BATCH_SIZE = 500
PREFERENCES_PER_INSERT = 5_000
HISTORY_REASON = "demo data"
# Programmes of these specialties with at least this many places reserve one for foreigners.
RESERVING_SPECIALTIES = (data.ANESTHESIOLOGY, data.ORTHOPEDICS)
RESERVING_FROM_PLACES = 4
FOREIGN_APPLICANTS_PER_RESERVED_PLACE = 1.5


def create_admission_cycle(
    rng: random.Random,
    catalog: Catalog,
    people: PeopleMaker,
    *,
    today: datetime.date,
    opened: int,
    scale: float,
    progress: Progress,
) -> Applicant | None:
    """Create the cycle and return the demo applicant (of the demo programme's specialty)."""
    cycle = AdmissionCycle.objects.create(year=opened + 1, status=CycleStatus.OPEN)
    RankingPeriod.objects.create(
        cycle=cycle,
        number=1,
        opens_on=today - datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=12),
    )
    offered = [plan for plan in catalog.programmes if not plan.prior_years and plan.positions]
    positions = Position.objects.bulk_create(
        Position(
            cycle=cycle,
            programme_id=plan.id,
            places=plan.positions,
            foreign_places=int(
                plan.specialty in RESERVING_SPECIALTIES and plan.positions >= RESERVING_FROM_PLACES
            ),
        )
        for plan in offered
    )
    # A fixed liking for each site, the same for every applicant: larger programmes attract.
    liking = {position.pk: rng.random() + position.places / 20 for position in positions}
    by_specialty: dict[str, list[tuple[Position, str]]] = defaultdict(list)
    for plan, position in zip(offered, positions, strict=True):
        by_specialty[plan.specialty].append((position, plan.state))

    specialty_ids = dict(
        Position.objects.filter(cycle=cycle)
        .values_list("programme__specialty__code", "programme__specialty_id")
        .distinct()
    )
    planned = []  # (specialty code, its positions, the country of a foreign applicant)
    countries = [code for code, _ in data.FOREIGN_COUNTRIES]
    weights = [weight for _, weight in data.FOREIGN_COUNTRIES]
    for code, offers in sorted(by_specialty.items()):
        places = sum(position.places for position, _ in offers)
        applicants = max(1, round(places * APPLICANTS_PER_PLACE * min(scale, 1.0)))
        reserved = sum(position.foreign_places for position, _ in offers)
        foreign = min(
            applicants, round(reserved * FOREIGN_APPLICANTS_PER_RESERVED_PLACE * min(scale, 1.0))
        )
        planned.extend(
            (code, offers, rng.choices(countries, weights)[0] if n < foreign else None)
            for n in range(applicants)
        )
    total = len(planned)
    progress("admissions", 0, total)

    born = datetime.date(today.year - 27, 6, 30)
    done = 0
    folio = 0
    demo_code = catalog.programmes[catalog.demo_programme].specialty
    demo_applicant = None
    for batch in chunks(planned, BATCH_SIZE):
        persons = [
            people.person(
                birth_date=born - datetime.timedelta(days=rng.randrange(0, 5 * 365)),
                site_state=rng.choice(offers)[1],
                country=country,
            )
            for _, offers, country in batch
        ]
        persons = bulk_create_with_history(
            persons, type(persons[0]), batch_size=1_000, default_change_reason=HISTORY_REASON
        )
        rows = []
        for person, (code, _, country) in zip(persons, batch, strict=True):
            folio += 1
            rows.append(
                Applicant(
                    cycle=cycle,
                    folio=f"E{cycle.year % 100:02d}-{folio:06d}",
                    score=round(min(99.0, max(50.0, rng.gauss(72, 7))), 2),
                    category=ApplicantCategory.FOREIGN if country else ApplicantCategory.MEXICAN,
                    specialty_id=specialty_ids[code],
                    person=person,
                )
            )
        rows = bulk_create_with_history(
            rows, Applicant, batch_size=1_000, default_change_reason=HISTORY_REASON
        )
        preferences = []
        for applicant, (code, offers, _) in zip(rows, batch, strict=True):
            # Shared taste (some sites are wanted by many) and personal reasons.
            ranked = sorted(offers, key=lambda offer: -(liking[offer[0].pk] + rng.random()))
            preferences.extend(
                Preference(applicant=applicant, position=position, rank=rank)
                for rank, (position, _) in enumerate(ranked, start=1)
            )
            if (
                demo_applicant is None
                and code == demo_code
                and applicant.category == ApplicantCategory.MEXICAN
            ):
                demo_applicant = applicant
        Preference.objects.bulk_create(preferences, batch_size=PREFERENCES_PER_INSERT)
        done += len(batch)
        progress("admissions", done, total)
    return demo_applicant
