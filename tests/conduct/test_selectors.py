"""Coverage is computed from rows: who is tied to each site and who accepted."""

import datetime

import pytest

from edusalud.accounts.enums import Role
from edusalud.conduct import selectors, services
from edusalud.conduct.models import Acknowledgement
from edusalud.residents.enums import EnrolmentStatus
from tests.conduct.conftest import TODAY, current, resident_at
from tests.factories import SiteFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def _accept(user, *codes):
    for code in codes:
        services.acknowledge(user=user, version=current(code), today=TODAY)


def _figures(row):
    return [
        (cell.version.code.slug, cell.accepted, cell.expected, cell.percent) for cell in row.cells
    ]


def test_the_current_version_is_the_highest_published_by_today(ethics, conduct):
    second = services.publish_version(
        by=None, code=ethics, body="v2", summary="v2", published_on=TODAY
    )
    services.publish_version(
        by=None,
        code=ethics,
        body="v3",
        summary="v3",
        published_on=TODAY + datetime.timedelta(days=1),
    )

    assert list(selectors.current_versions(TODAY)) == [current(conduct), second]


def test_coverage_counts_the_people_each_site_answers_for(world, ethics, conduct):
    # At the world's site: its coordinator, the programme's professor and the resident.
    _accept(world.users["resident"], ethics, conduct)
    _accept(world.users["professor"], ethics)
    # Counted once though tied to the site twice.
    both = user_with_role(Role.SITE, site=world.site)
    both.role_assignments.create(role=Role.PROFESSOR, programme=world.sibling_programme)
    # Not counted: an inactive account, a withdrawn resident, a person without the role.
    inactive = resident_at(world.site)
    inactive.is_active = False
    inactive.save()
    resident_at(world.site, status=EnrolmentStatus.WITHDRAWN, withdrawal_reason="Renuncia")
    no_role = resident_at(world.site)
    no_role.role_assignments.all().delete()
    _accept(world.users["other_site"], ethics)

    report = selectors.coverage(world.users["national"], TODAY)

    rows = {row.site: row for row in report.sites}
    assert rows[world.site].people == 4
    assert _figures(rows[world.site]) == [
        ("codigo-de-conducta", 1, 4, 25),
        ("codigo-de-etica", 2, 4, 50),
    ]
    assert _figures(rows[world.foreign_site]) == [
        ("codigo-de-conducta", 0, 1, 0),
        ("codigo-de-etica", 1, 1, 100),
    ]
    assert rows[world.sibling_site].people == 0
    assert [cell.percent for cell in rows[world.sibling_site].cells] == [None, None]
    assert _figures(report.total) == [
        ("codigo-de-conducta", 1, 5, 20),
        ("codigo-de-etica", 3, 5, 60),
    ]
    assert [(row.label, row.people) for row in report.regions] == [
        ("Ciudad de México", 4),
        ("Jalisco", 1),
    ]


def test_a_rate_is_rounded_down_so_someone_pending_never_reads_100(world, ethics):
    site = SiteFactory(region=world.region)
    people = [resident_at(site) for _ in range(3)]
    for user in people[:2]:
        _accept(user, ethics)

    report = selectors.site_coverage(site, TODAY)

    assert [c.percent for c in report.row.cells if c.version.code == ethics] == [66]


def test_a_site_coordinator_sees_only_their_site(world):
    report = selectors.coverage(world.users["site"], TODAY)

    assert [row.site for row in report.sites] == [world.site]


def test_a_regional_coordinator_sees_the_sites_of_their_region(world):
    report = selectors.coverage(world.users["regional"], TODAY)

    assert {row.site for row in report.sites} == {world.site, world.sibling_site}
    assert [row.label for row in report.regions] == ["Ciudad de México"]


@pytest.mark.parametrize("role", ["professor", "resident"])
def test_professors_and_residents_see_no_coverage(world, role):
    user = world.users[role]

    assert list(selectors.coverage_sites(user)) == []
    assert selectors.coverage(user, TODAY).sites == []


def test_the_site_list_names_who_is_pending_and_since_which_code(world, ethics, conduct):
    _accept(world.users["resident"], ethics, conduct)
    _accept(world.users["professor"], ethics)

    report = selectors.site_coverage(world.site, TODAY)

    pending = {
        person.user_id: (person.roles, [a is not None for a in person.accepted])
        for person in report.pending
    }
    assert pending == {
        world.users["professor"].pk: ([str(Role.PROFESSOR.label)], [False, True]),
        world.users["site"].pk: ([str(Role.SITE.label)], [False, False]),
    }
    professor = next(p for p in report.pending if p.user_id == world.users["professor"].pk)
    accepted = Acknowledgement.objects.get(user=world.users["professor"])
    assert professor.accepted[1] == accepted.acknowledged_at


def test_pending_for_is_empty_for_users_without_a_role(world, ethics):
    applicant = UserFactory()

    assert list(selectors.pending_for(applicant, TODAY)) == []
