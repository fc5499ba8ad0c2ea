import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from edusalud.catalog.models import Programme, Region, Site, Specialty
from tests.factories import ProgrammeFactory, national_user

pytestmark = pytest.mark.django_db


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


LISTS = ["api-region-list", "api-site-list", "api-specialty-list", "api-programme-list"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("rows", [1, 3])
def test_list_endpoints_make_a_constant_number_of_queries(django_assert_num_queries, name, rows):
    ProgrammeFactory.create_batch(rows)
    client = client_of(national_user())

    # session, user, roles, count, page
    with django_assert_num_queries(5):
        response = client.get(reverse(f"catalog:{name}"))

    assert response.status_code == 200
    assert response.json()["count"] == rows


def test_site_list_of_a_site_coordinator_shows_only_their_site(world):
    client = client_of(world.users["site"])

    response = client.get(reverse("catalog:api-site-list"))

    assert [s["clues"] for s in response.json()["results"]] == [world.site.clues]


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("catalog:api-site-detail", lambda w: w.foreign_site.clues),
        ("catalog:api-programme-detail", lambda w: w.foreign_programme.pk),
    ],
)
def test_foreign_catalog_rows_are_404_for_reads_and_writes(world, name, target):
    client = client_of(world.users["regional"])
    url = reverse(name, args=[target(world)])

    read = client.get(url)
    write = client.patch(url, {"name": "X"}, format="json")

    assert read.status_code == 404
    assert write.status_code == 404


def test_programme_list_filters_by_region_and_orders(world):
    client = client_of(world.users["national"])

    response = client.get(
        reverse("catalog:api-programme-list"), {"region": "JC", "ordering": "-id"}
    )

    assert [p["id"] for p in response.json()["results"]] == [world.foreign_programme.pk]


def test_invalid_filter_is_a_400(world):
    client = client_of(world.users["national"])

    response = client.get(reverse("catalog:api-site-list"), {"care_level": "9"})

    assert response.status_code == 400
    assert "care_level" in response.json()


def test_national_coordinator_creates_a_site_with_history(world):
    user = world.users["national"]
    client = client_of(user)

    response = client.post(
        reverse("catalog:api-site-list"),
        {"clues": "JCIMS000777", "name": "HGZ 89", "kind": "HGZ", "care_level": 2, "region": "JC"},
        format="json",
    )

    assert response.status_code == 201
    site = Site.objects.get(clues="JCIMS000777")
    assert site.region == world.other_region
    assert site.history.get().history_user == user


def test_regional_coordinator_cannot_write_the_catalog(world):
    client = client_of(world.users["regional"])

    create = client.post(
        reverse("catalog:api-region-list"), {"code": "NL", "name": "Nuevo León"}, format="json"
    )
    change = client.patch(
        reverse("catalog:api-region-detail", args=[world.region.code]),
        {"name": "CDMX"},
        format="json",
    )

    assert create.status_code == 403
    assert change.status_code == 403
    assert not Region.objects.filter(code="NL").exists()
    assert Region.objects.get(pk=world.region.pk).name == "Ciudad de México"


def test_site_with_unknown_region_or_bad_clues_is_a_400_in_spanish(world):
    client = client_of(world.users["national"])

    response = client.post(
        reverse("catalog:api-site-list"),
        {"clues": "XX1", "name": "HGZ 1", "kind": "HGZ", "care_level": 2, "region": "ZZ"},
        format="json",
    )

    assert response.status_code == 400
    assert "«ZZ»" in response.json()["region"][0]
    assert response.json()["clues"] == [
        "La CLUES debe tener 2 letras de la entidad, 3 de la institución y 6 dígitos "
        "(por ejemplo DFIMS000123)."
    ]


def test_branch_specialty_without_prerequisite_is_a_400(world):
    client = client_of(world.users["national"])

    response = client.post(
        reverse("catalog:api-specialty-list"),
        {
            "code": "NEO",
            "name_es": "Neonatología",
            "name_en": "Neonatology",
            "entry": "branch",
            "duration_years": 2,
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["prerequisite"]
    assert not Specialty.objects.filter(code="NEO").exists()


def test_national_coordinator_changes_a_programme(world):
    user = world.users["national"]
    client = client_of(user)

    response = client.patch(
        reverse("catalog:api-programme-detail", args=[world.programme.pk]),
        {"yearly_positions": 12, "quality_recognition": "SNP"},
        format="json",
    )

    assert response.status_code == 200
    programme = Programme.objects.get(pk=world.programme.pk)
    assert (programme.yearly_positions, programme.quality_recognition) == (12, "SNP")
    assert programme.history.latest().history_user == user


def test_duplicate_programme_is_a_400_not_a_500(world):
    client = client_of(world.users["national"])

    response = client.post(
        reverse("catalog:api-programme-list"),
        {"specialty": world.programme.specialty.code, "site": world.site.clues},
        format="json",
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    "query", [{"entry": ""}, {"kind": ""}, {"care_level": ""}, {"entry": "nueva"}]
)
def test_an_empty_or_unknown_choice_is_a_400_not_the_whole_list(world, query):
    name = "catalog:api-specialty-list" if "entry" in query else "catalog:api-site-list"
    client = client_of(world.users["national"])

    response = client.get(reverse(name), query)

    assert response.status_code == 400
    assert next(iter(query)) in response.json()
    assert client.get(reverse(name)).status_code == 200  # left out: no filter
