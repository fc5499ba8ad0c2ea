"""Shared fixtures: a small institution with two regions, so that scope leaks show."""

import logging
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from edusalud.accounts.enums import Role
from edusalud.accounts.models import User
from edusalud.catalog.enums import CareLevel, SiteKind
from edusalud.catalog.models import Programme, Region, Site
from edusalud.residents.models import Enrolment
from tests.factories import (
    EnrolmentFactory,
    PersonFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
    SpecialtyFactory,
    grant_import,
    user_with_role,
)
from tests.log_guard import LogGuard

_log_guard = LogGuard()


def pytest_sessionstart(session):
    # Records at INFO and above, as production logs them (LOG_LEVEL=INFO).
    root = logging.getLogger()
    root.addHandler(_log_guard)
    root.setLevel(min(root.level, logging.INFO) or logging.INFO)


def pytest_sessionfinish(session, exitstatus):
    if _log_guard.leaks:
        print("\nA CURP reached the logs:\n  " + "\n  ".join(_log_guard.leaks[:20]))
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rolled-back tests reuse ids, so a cached figure could outlive its rows.
    cache.clear()


@dataclass
class World:
    region: Region
    other_region: Region
    site: Site  # in `region`
    sibling_site: Site  # also in `region`
    foreign_site: Site  # in `other_region`
    programme: Programme  # at `site`
    sibling_programme: Programme  # another specialty at `site`
    foreign_programme: Programme  # at `foreign_site`
    enrolment: Enrolment  # the resident's, in `programme`
    classmate: Enrolment  # in `sibling_programme` at the same site
    sibling_enrolment: Enrolment  # at `sibling_site`
    foreign_enrolment: Enrolment  # at `foreign_site`
    users: dict[str, User]


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(code="DF", name="Ciudad de México")
    other_region = RegionFactory(code="JC", name="Jalisco")
    site = SiteFactory(
        clues="DFIMS000001",
        name="UMAE Siglo XXI",
        kind=SiteKind.UMAE,
        care_level=CareLevel.THIRD,
        region=region,
    )
    sibling_site = SiteFactory(clues="DFIMS000002", name="HGZ 8", region=region)
    foreign_site = SiteFactory(clues="JCIMS000003", name="HGR 46", region=other_region)
    anaesthesia = SpecialtyFactory(
        code="ANES", name_es="Anestesiología", name_en="Anesthesiology", duration_years=3
    )
    paediatrics = SpecialtyFactory(
        code="PED", name_es="Pediatría", name_en="Pediatrics", duration_years=4
    )
    programme = ProgrammeFactory(specialty=anaesthesia, site=site)
    sibling_programme = ProgrammeFactory(specialty=paediatrics, site=site)
    sibling_site_programme = ProgrammeFactory(specialty=anaesthesia, site=sibling_site)
    foreign_programme = ProgrammeFactory(specialty=anaesthesia, site=foreign_site)

    resident_user = user_with_role(Role.RESIDENT)
    enrolment = EnrolmentFactory(programme=programme, person=PersonFactory(user=resident_user))
    users = {
        "national": user_with_role(Role.NATIONAL),
        "regional": user_with_role(Role.REGIONAL, region=region),
        "site": user_with_role(Role.SITE, site=site),
        "professor": user_with_role(Role.PROFESSOR, programme=programme),
        "resident": resident_user,
        "other_site": user_with_role(Role.SITE, site=foreign_site),
    }
    # The regional coordinator is left without it, to show that the role alone is not enough.
    for role in ("national", "site", "other_site"):
        users[role] = grant_import(users[role])
    return World(
        region=region,
        other_region=other_region,
        site=site,
        sibling_site=sibling_site,
        foreign_site=foreign_site,
        programme=programme,
        sibling_programme=sibling_programme,
        foreign_programme=foreign_programme,
        enrolment=enrolment,
        classmate=EnrolmentFactory(programme=sibling_programme),
        sibling_enrolment=EnrolmentFactory(programme=sibling_site_programme),
        foreign_enrolment=EnrolmentFactory(programme=foreign_programme),
        users=users,
    )
