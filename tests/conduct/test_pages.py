"""The code pages as each role uses them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from edusalud.accounts.selectors import scope_of
from edusalud.conduct import services
from edusalud.conduct.context_processors import pending_codes
from edusalud.conduct.models import Acknowledgement
from tests.conduct.conftest import current, resident_at
from tests.factories import SiteFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "national", "regional", "site", "professor", "resident", "other_site"]

# Columns follow ROLES; the same rows go in tests/test_access.py.
STATUSES = {
    "conduct:code_list": (lambda w: [], [302] + [200] * 6),
    "conduct:code_detail": (lambda w: ["codigo-de-etica"], [302] + [200] * 6),
    "conduct:version_create": (
        lambda w: ["codigo-de-etica"],
        [302, 200, 404, 404, 404, 404, 404],
    ),
    "conduct:coverage": (lambda w: [], [302, 200, 200, 200, 404, 404, 200]),
    "conduct:coverage_site": (
        lambda w: [w.site.clues],
        [302, 200, 200, 200, 404, 404, 404],
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(STATUSES))
def test_role_gets_expected_status(client, world, name, role):
    args, statuses = STATUSES[name]
    if role != "anonymous":
        client.force_login(world.users[role])

    response = client.get(reverse(name, args=args(world)))

    assert response.status_code == statuses[ROLES.index(role)]


def _in_spanish(msgid, **values):
    with translation.override("es-mx"):
        return gettext(msgid) % values


def _detail(code):
    return reverse("conduct:code_detail", args=[code.slug])


def test_a_resident_reads_and_accepts_the_current_version(client, world, ethics):
    client.force_login(world.users["resident"])
    page = client.get(_detail(ethics))
    assert 'name="version" value="1"' in page.content.decode()

    response = client.post(_detail(ethics), {"version": 1, "accept": "on"})

    assert response.url == reverse("conduct:code_list")
    assert Acknowledgement.objects.get().user == world.users["resident"]
    listing = client.get(reverse("conduct:code_list")).content.decode()
    assert listing.count('class="badge active"') == 1


def test_a_page_left_open_on_an_old_version_is_refused(client, world, ethics):
    client.force_login(world.users["resident"])
    services.publish_version(
        by=world.users["national"],
        code=ethics,
        body="Texto nuevo.",
        summary="Cambios.",
        published_on=timezone.localdate(),
    )

    response = client.post(_detail(ethics), {"version": 1, "accept": "on"})

    assert response.status_code == 400
    content = response.content.decode()
    expected = _in_spanish(
        "This is not the current version of the code: read and accept version %(n)d.", n=2
    )
    assert expected in content
    # The form shown again asks for the current version, not the one sent.
    assert 'name="version" value="2"' in content
    assert not Acknowledgement.objects.exists()


def test_the_box_must_be_ticked(client, world, ethics):
    client.force_login(world.users["resident"])

    response = client.post(_detail(ethics), {"version": 1})

    assert response.status_code == 400
    assert _in_spanish("Tick the box to confirm that you read this version.") in (
        response.content.decode()
    )
    assert not Acknowledgement.objects.exists()


def test_accepting_twice_shows_the_message(client, world, ethics):
    client.force_login(world.users["resident"])
    client.post(_detail(ethics), {"version": 1, "accept": "on"})

    response = client.post(_detail(ethics), {"version": 1, "accept": "on"})

    assert response.status_code == 400
    assert _in_spanish("You already accepted this version.") in response.content.decode()
    assert Acknowledgement.objects.count() == 1


def test_an_unknown_version_number_is_a_404(client, world, ethics):
    client.force_login(world.users["resident"])

    response = client.post(_detail(ethics), {"version": 99, "accept": "on"})

    assert response.status_code == 404
    assert not Acknowledgement.objects.exists()


def test_a_national_coordinator_publishes_a_version(client, world, ethics):
    client.force_login(world.users["national"])
    today = timezone.localdate()

    response = client.post(
        reverse("conduct:version_create", args=[ethics.slug]),
        {"body": "Texto 2", "summary": "Se añade la denuncia.", "published_on": today.isoformat()},
    )

    assert response.url == _detail(ethics)
    assert current(ethics).number == 2
    assert [str(m) for m in get_messages(response.wsgi_request)] != []


def test_a_site_coordinator_cannot_publish(client, world, ethics):
    client.force_login(world.users["site"])

    response = client.post(
        reverse("conduct:version_create", args=[ethics.slug]),
        {"body": "Texto 2", "summary": "x", "published_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 404
    assert ethics.versions.count() == 1


def test_a_site_out_of_scope_is_a_404_even_with_people_pending(client, world):
    resident_at(world.foreign_site)
    client.force_login(world.users["site"])

    response = client.get(reverse("conduct:coverage_site", args=[world.foreign_site.clues]))

    assert response.status_code == 404


def test_the_coverage_page_shows_only_the_viewers_sites(client, world):
    resident_at(world.foreign_site)
    client.force_login(world.users["site"])

    content = client.get(reverse("conduct:coverage")).content.decode()

    assert world.site.name in content
    assert world.foreign_site.name not in content


def _banner(user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("conduct/includes/pending_banner.html", request=request)


def test_the_banner_asks_for_the_versions_pending_until_accepted(world, ethics, conduct):
    resident = world.users["resident"]
    assert ethics.title in _banner(resident)

    services.acknowledge(user=resident, version=current(ethics), today=timezone.localdate())

    banner = _banner(resident)
    assert ethics.title not in banner
    assert conduct.title in banner


def test_the_context_processor_costs_one_query_and_none_for_anonymous(
    world, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = world.users["resident"]
    scope_of(request.user)  # the navigation loads the scope for every page
    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()

    with django_assert_num_queries(1):
        assert len(pending_codes(request)["pending_codes"]) == 2
    with django_assert_num_queries(0):
        assert pending_codes(anonymous) == {}


def _populate(sites: int, region):
    for _ in range(sites):
        resident_at(SiteFactory(region=region))


@pytest.mark.parametrize("size", [2, 10])
def test_the_coverage_page_makes_the_same_queries_whatever_its_size(
    client, world, size, django_assert_num_queries
):
    _populate(size, world.region)
    client.force_login(world.users["national"])
    client.get(reverse("conduct:coverage"))  # session and scope warm

    with django_assert_num_queries(QUERIES_COVERAGE_PAGE):
        response = client.get(reverse("conduct:coverage"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 10])
def test_the_site_page_makes_the_same_queries_whatever_its_size(
    client, world, size, django_assert_num_queries
):
    for _ in range(size):
        resident_at(world.site)
    client.force_login(world.users["site"])
    url = reverse("conduct:coverage_site", args=[world.site.clues])
    client.get(url)

    with django_assert_num_queries(QUERIES_SITE_PAGE):
        response = client.get(url)

    assert len(response.context["report"].pending) == size + 3


# Session, user, scope and the two permission reads of the menu; then the sites (or the
# site), the current versions and one query for everyone with their acceptances.
QUERIES_COVERAGE_PAGE = 8
QUERIES_SITE_PAGE = 8
