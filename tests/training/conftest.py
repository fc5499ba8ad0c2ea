"""A course with one edition at the world's site, and helpers to fill it."""

import datetime

import pytest

from edusalud.training import services
from edusalud.training.models import Audience, CompetencyArea, Modality

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def course(db):
    return services.create_course(
        by=None,
        title="Buen trato en la atención médica",
        areas=list(CompetencyArea.objects.filter(code__in=["buen-trato", "liderazgo"])),
        hours=40,
        modality=Modality.BLENDED,
        audience=Audience.RESIDENTS,
    )


@pytest.fixture
def edition(course, world):
    """At the world's site, running this week, with two places."""
    return services.create_edition(
        by=None,
        course=course,
        site=world.site,
        starts_on=TODAY - datetime.timedelta(days=2),
        ends_on=TODAY + datetime.timedelta(days=5),
        capacity=2,
    )
