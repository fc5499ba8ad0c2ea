"""Posts written by the world's professor at the world's site, in each status."""

import pytest

from edusalud.practices.models import Post
from tests.practices.posts import publish, write


@pytest.fixture
def draft(world) -> Post:
    return write(world.users["professor"], world.site)


@pytest.fixture
def submitted(world) -> Post:
    return write(world.users["professor"], world.site, for_review=True)


@pytest.fixture
def approved(world) -> Post:
    return publish(world)
