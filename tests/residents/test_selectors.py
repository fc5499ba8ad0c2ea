import pytest

from edusalud.residents.selectors import (
    enrolments_manageable_by,
    enrolments_visible_to,
    people_visible_to,
)

pytestmark = pytest.mark.django_db


def visible(world, role):
    return set(enrolments_visible_to(world.users[role]))


def test_national_coordinator_sees_every_enrolment(world):
    assert visible(world, "national") == {
        world.enrolment,
        world.classmate,
        world.sibling_enrolment,
        world.foreign_enrolment,
    }


def test_regional_coordinator_sees_only_their_region(world):
    assert visible(world, "regional") == {world.enrolment, world.classmate, world.sibling_enrolment}


def test_site_coordinator_sees_only_their_site(world):
    assert visible(world, "site") == {world.enrolment, world.classmate}


def test_professor_sees_only_their_programme(world):
    assert visible(world, "professor") == {world.enrolment}


def test_resident_sees_only_their_own_record(world):
    assert visible(world, "resident") == {world.enrolment}
    assert set(people_visible_to(world.users["resident"])) == {world.enrolment.person}


def test_only_coordinators_may_change_enrolments(world):
    assert set(enrolments_manageable_by(world.users["site"])) == {world.enrolment, world.classmate}
    assert not enrolments_manageable_by(world.users["professor"]).exists()
    assert not enrolments_manageable_by(world.users["resident"]).exists()


def test_a_user_without_roles_sees_nothing(world):
    from tests.factories import UserFactory

    assert not enrolments_visible_to(UserFactory()).exists()
