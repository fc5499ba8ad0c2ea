"""A campaign over the world's residents, with enough people at the site to show results."""

import datetime

import pytest

from edusalud.surveys import selectors, services
from edusalud.surveys.defaults import PHEEM, SATISFACTION
from edusalud.surveys.models import Instrument, ItemKind
from tests.factories import EnrolmentFactory

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def crowd(world):
    """Eleven more residents in the world's programme, three more at the sibling site."""
    here = [EnrolmentFactory(programme=world.programme, year=1 + i % 3) for i in range(11)]
    there = [EnrolmentFactory(programme=world.sibling_enrolment.programme) for _ in range(3)]
    return here + there


def instruments():
    return list(Instrument.objects.filter(code__in=[SATISFACTION, PHEEM], version=1))


@pytest.fixture
def campaign(world, crowd):
    return services.create_campaign(
        by=world.users["national"],
        name="Encuesta anual 2026",
        year=2026,
        instruments=instruments(),
        opens_on=TODAY - datetime.timedelta(days=5),
        closes_on=TODAY + datetime.timedelta(days=20),
    )


def full_answers(campaign, *, agree: int = 3, recommend: int = 9, comment: str = "") -> dict:
    """Every item answered: `agree` on 0-4 items, `recommend` on 0-10, the comment."""
    raw = {}
    for item in selectors.items_to_answer(campaign):
        name = services.field_name(item)
        if item.kind == ItemKind.AGREEMENT:
            raw[name] = agree
        elif item.kind == ItemKind.SCALE:
            raw[name] = recommend
        elif item.kind == ItemKind.TEXT:
            raw[name] = comment
    return raw


def answer_all(campaign, enrolments, **values) -> None:
    for enrolment in enrolments:
        invitation = campaign.invitations.get(person=enrolment.person)
        services.submit(invitation=invitation, raw=full_answers(campaign, **values), today=TODAY)
