import pytest
from django.urls import reverse

from tests.factories import ProgrammeFactory, SiteFactory, national_user

pytestmark = pytest.mark.django_db

LISTS = ["catalog:site_list", "catalog:specialty_list", "catalog:programme_list"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("rows", [1, 3])
def test_list_pages_make_a_constant_number_of_queries(
    client, django_assert_num_queries, name, rows
):
    ProgrammeFactory.create_batch(rows)
    client.force_login(national_user())
    # session, user, roles, the two of the menu's import permission, the codes
    # the user has still to accept (the banner); then the filter choices, the
    # count and the page
    expected = {"catalog:site_list": 9, "catalog:specialty_list": 8, "catalog:programme_list": 10}

    with django_assert_num_queries(expected[name]):
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows


def test_site_list_searches_by_name_and_clues(client):
    SiteFactory(name="UMAE La Raza", clues="DFIMS000777")
    SiteFactory(name="HGZ 2", clues="JCIMS000002")
    client.force_login(national_user())

    by_name = client.get(reverse("catalog:site_list"), {"q": "raza"})
    by_clues = client.get(reverse("catalog:site_list"), {"q": "JCIMS000002"})

    assert [s.clues for s in by_name.context["page"]] == ["DFIMS000777"]
    assert [s.name for s in by_clues.context["page"]] == ["HGZ 2"]


def test_site_list_region_filter_shows_only_that_region(client, world):
    client.force_login(world.users["national"])

    response = client.get(reverse("catalog:site_list"), {"region": world.other_region.code})

    assert [s.clues for s in response.context["page"]] == [world.foreign_site.clues]


def test_a_malformed_filter_is_reported_on_its_field_and_ignored(client, world):
    client.force_login(world.users["national"])

    response = client.get(reverse("catalog:site_list"), {"care_level": "9"})

    assert response.status_code == 200
    assert "care_level" in response.context["form"].errors
    assert response.context["page"].paginator.count == 3


def test_site_coordinator_lists_only_their_site(client, world):
    client.force_login(world.users["site"])

    response = client.get(reverse("catalog:site_list"))

    assert [s.clues for s in response.context["page"]] == [world.site.clues]
    assert world.foreign_site.name not in response.content.decode()


def test_foreign_site_detail_is_404(client, world):
    client.force_login(world.users["regional"])

    response = client.get(reverse("catalog:site_detail", args=[world.foreign_site.clues]))

    assert response.status_code == 404


def test_programme_list_for_a_professor_shows_only_their_programme(client, world):
    client.force_login(world.users["professor"])

    response = client.get(reverse("catalog:programme_list"))

    assert list(response.context["page"]) == [world.programme]
