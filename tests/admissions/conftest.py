"""A small cycle: three programmes of one specialty and five applicants, two tied on score."""

from decimal import Decimal

import pytest

from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    Position,
    Preference,
)
from tests.factories import PersonFactory, ProgrammeFactory, SpecialtyFactory


def applicant(cycle, folio, score, positions, specialty) -> Applicant:
    row = Applicant.objects.create(
        cycle=cycle,
        folio=folio,
        score=Decimal(score),
        category=ApplicantCategory.MEXICAN,
        specialty=specialty,
        person=PersonFactory(),
    )
    Preference.objects.bulk_create(
        Preference(applicant=row, position=position, rank=rank)
        for rank, position in enumerate(positions, start=1)
    )
    return row


@pytest.fixture
def cycle(db):
    return small_cycle()


def small_cycle() -> AdmissionCycle:
    """Three sites teach one specialty; five applicants rank them, two tie on score."""
    specialty = SpecialtyFactory()
    cycle = AdmissionCycle.objects.create(year=2027)
    umae, hgz, hgr = (
        Position.objects.create(
            cycle=cycle,
            programme=ProgrammeFactory(specialty=specialty),
            places=places,
            foreign_places=0,
        )
        for places in (1, 2, 1)
    )
    applicant(cycle, "F004", "90.00", [umae, hgz, hgr], specialty)
    applicant(cycle, "F003", "90.00", [umae, hgr, hgz], specialty)  # wins the tie: smaller folio
    applicant(cycle, "F001", "85.50", [hgr, umae, hgz], specialty)
    applicant(cycle, "F002", "70.00", [umae, hgz, hgr], specialty)
    applicant(cycle, "F005", "60.00", [umae, hgr, hgz], specialty)
    cycle.positions_in_order = (umae, hgz, hgr)
    return cycle
