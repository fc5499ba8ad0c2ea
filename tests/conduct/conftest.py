"""The two codes the migration seeds, and people tied to sites in each way that counts."""

import datetime

import pytest

from edusalud.accounts.enums import Role
from edusalud.conduct import selectors
from edusalud.conduct.models import Code
from tests.factories import EnrolmentFactory, PersonFactory, ProgrammeFactory, user_with_role

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def ethics(db):
    return Code.objects.get(slug="codigo-de-etica")


@pytest.fixture
def conduct(db):
    return Code.objects.get(slug="codigo-de-conducta")


def current(code):
    return selectors.current_version_of(code, TODAY)


def resident_at(site, **enrolment):
    """A resident with an account and the resident role, in training in a programme at the site."""
    user = user_with_role(Role.RESIDENT)
    EnrolmentFactory(
        programme=ProgrammeFactory(site=site), person=PersonFactory(user=user), **enrolment
    )
    return user
