"""The courses API: the same rules, scope and messages as the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from edusalud.training import services
from edusalud.training.models import Certificate, Course, Edition
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def running(course, world):
    today = timezone.localdate()
    return services.create_edition(
        by=None,
        course=course,
        site=world.site,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=3),
        capacity=1,
    )


def test_a_site_coordinator_creates_a_course_and_an_edition_at_their_site(world):
    client = api(world.users["site"])
    course = client.post(
        reverse("training:api-course-list"),
        {
            "title": "Liderazgo clínico",
            "areas": ["liderazgo"],
            "hours": 12,
            "modality": "online",
            "audience": "staff",
        },
        format="json",
    )
    edition = client.post(
        reverse("training:api-edition-list"),
        {
            "course": course.json()["id"],
            "site": world.site.clues,
            "starts_on": "2027-02-01",
            "ends_on": "2027-02-05",
            "capacity": 40,
        },
        format="json",
    )

    assert course.status_code == 201
    assert course.json()["areas"] == ["liderazgo"]
    assert edition.status_code == 201
    assert edition.json()["site"] == world.site.clues
    assert (edition.json()["taken"], edition.json()["waiting"]) == (0, 0)


def test_only_national_coordinators_open_national_editions(world, course):
    body = {"course": course.pk, "starts_on": "2027-02-01", "ends_on": "2027-02-05", "capacity": 40}

    refused = api(world.users["site"]).post(
        reverse("training:api-edition-list"), body, format="json"
    )
    elsewhere = api(world.users["site"]).post(
        reverse("training:api-edition-list"),
        {**body, "site": world.foreign_site.clues},
        format="json",
    )
    national = api(world.users["national"]).post(
        reverse("training:api-edition-list"), body, format="json"
    )

    assert refused.status_code == 403
    assert elsewhere.status_code == 404
    assert national.status_code == 201
    assert national.json()["site"] is None
    assert Edition.objects.count() == 1


def test_a_course_without_areas_or_with_bad_types_is_refused(world):
    client = api(world.users["site"])

    no_area = client.post(
        reverse("training:api-course-list"),
        {"title": "X", "areas": [], "hours": 12, "modality": "online", "audience": "staff"},
        format="json",
    )
    text_hours = client.post(
        reverse("training:api-course-list"),
        {
            "title": "X",
            "areas": ["liderazgo"],
            "hours": "12",
            "modality": "online",
            "audience": "staff",
        },
        format="json",
    )

    assert no_area.status_code == 400
    assert "areas" in no_area.json()
    assert text_hours.status_code == 400
    assert "hours" in text_hours.json()
    assert not Course.objects.filter(title="X").exists()


def test_enrolling_fills_the_places_then_the_waiting_list(world, running):
    second = EnrolmentFactory(programme=world.programme).person

    response = api(world.users["site"]).post(
        reverse("training:api-edition-enrol", args=[running.pk]),
        {"people": [world.enrolment.person.pk, second.pk]},
        format="json",
    )

    assert response.json() == {"enrolled": 1, "waiting": 1, "skipped": 0}
    participants = api(world.users["site"]).get(
        reverse("training:api-edition-participants", args=[running.pk])
    )
    assert [p["status"] for p in participants.json()] == ["enrolled", "waiting"]


def test_people_outside_the_coordinators_sites_are_refused_and_nobody_is_enrolled(world, running):
    response = api(world.users["site"]).post(
        reverse("training:api-edition-enrol", args=[running.pk]),
        {"people": [world.enrolment.person.pk, world.foreign_enrolment.person_id]},
        format="json",
    )

    assert response.status_code == 404
    assert str(world.foreign_enrolment.person_id) in response.json()["detail"]
    assert not running.participations.exists()


def test_results_out_of_range_change_nothing(world, running):
    services.enrol(
        by=None, edition=running, people=[world.enrolment.person], today=timezone.localdate()
    )
    target = running.participations.get()
    url = reverse("training:api-edition-results", args=[running.pk])

    out_of_range = api(world.users["site"]).post(
        url,
        {"results": [{"participation": target.pk, "passed": True, "grade": 101}]},
        format="json",
    )
    not_boolean = api(world.users["site"]).post(
        url, {"results": [{"participation": target.pk, "passed": "sí"}]}, format="json"
    )
    passed = api(world.users["site"]).post(
        url,
        {"results": [{"participation": target.pk, "passed": True, "grade": "97.50"}]},
        format="json",
    )

    assert out_of_range.status_code == 400
    assert not_boolean.status_code == 400
    assert passed.status_code == 200
    assert [c["person_name"] for c in passed.json()] == [world.enrolment.person.full_name]
    assert Certificate.objects.count() == 1


def test_enrolling_oneself_twice_is_refused_with_the_reason(world, running):
    client = api(world.users["resident"])
    url = reverse("training:api-edition-enrol-me", args=[running.pk])

    first = client.post(url)
    second = client.post(url)

    assert first.status_code == 201
    assert first.json()["status"] == "enrolled"
    assert second.status_code == 400
    assert "Ya solicitaste" in str(second.json())


def test_a_resident_reads_their_certificates_and_no_one_elses(world, running):
    classmate = EnrolmentFactory(programme=world.programme).person
    running.capacity = 2
    running.save()
    services.enrol(
        by=None,
        edition=running,
        people=[world.enrolment.person, classmate],
        today=timezone.localdate(),
    )
    services.record_results(
        by=None,
        edition=running,
        results={p.pk: (True, None) for p in running.participations.all()},
        today=timezone.localdate(),
    )
    theirs = Certificate.objects.get(participation__person=classmate)

    mine = api(world.users["resident"]).get(reverse("training:api-my-certificate-list"))
    other = api(world.users["resident"]).get(
        reverse("training:api-certificate-detail", args=[theirs.code])
    )
    coordinator = api(world.users["site"]).get(reverse("training:api-certificate-list"))

    assert [c["person_name"] for c in mine.json()["results"]] == [world.enrolment.person.full_name]
    assert other.status_code == 404
    assert coordinator.json()["count"] == 2


@pytest.mark.parametrize("size", [2, 10])
def test_the_editions_list_makes_the_same_queries_whatever_its_size(
    world, course, size, django_assert_num_queries
):
    for n in range(size):
        services.create_edition(
            by=None,
            course=course,
            site=world.site,
            starts_on=datetime.date(2027, 1, 1 + n),
            ends_on=datetime.date(2027, 1, 20),
            capacity=5,
        )
    client = api(world.users["site"])
    client.get(reverse("training:api-edition-list"))

    with django_assert_num_queries(QUERIES_EDITION_LIST):
        response = client.get(reverse("training:api-edition-list"))
    assert response.json()["count"] == size


QUERIES_EDITION_LIST = 2


def test_errors_of_each_result_are_named_by_their_place_in_the_list(world, running):
    services.enrol(
        by=None, edition=running, people=[world.enrolment.person], today=timezone.localdate()
    )
    target = running.participations.get()
    url = reverse("training:api-edition-results", args=[running.pk])

    empty = api(world.users["site"]).post(url, {"results": []}, format="json")
    bad = api(world.users["site"]).post(
        url,
        {
            "results": [
                {"participation": target.pk, "passed": True},
                {"participation": target.pk, "passed": True, "grade": -3},
            ]
        },
        format="json",
    )

    assert list(empty.json()) == ["results"]
    assert list(bad.json()) == ["results.1.grade"]
    assert not Certificate.objects.exists()
