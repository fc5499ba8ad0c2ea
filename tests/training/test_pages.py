"""The course pages as coordinators, residents and strangers use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from edusalud.training import services
from edusalud.training.models import Certificate, CompetencyArea, Course, Edition
from tests.factories import EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def running(course, world, today):
    """An edition at the world's site that started yesterday, with room for ten."""
    return services.create_edition(
        by=None,
        course=course,
        site=world.site,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=3),
        capacity=10,
    )


def test_a_site_coordinator_runs_an_edition_end_to_end(client, world, today):
    client.force_login(world.users["site"])
    areas = CompetencyArea.objects.filter(code="buen-trato").values_list("pk", flat=True)
    response = client.post(
        reverse("training:course_list"),
        {
            "title": "Buen trato",
            "areas": list(areas),
            "hours": 20,
            "modality": "online",
            "audience": "residents",
        },
    )
    course = Course.objects.get(title="Buen trato")
    assert response.url == reverse("training:course_detail", args=[course.pk])

    response = client.post(
        reverse("training:course_detail", args=[course.pk]),
        {
            "site": world.site.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=7)).isoformat(),
            "capacity": 30,
        },
    )
    edition = Edition.objects.get(course=course)
    assert response.url == reverse("training:edition_detail", args=[edition.pk])

    classmate_r1 = EnrolmentFactory(programme=world.programme, year=1)
    client.post(
        reverse("training:edition_enrol", args=[edition.pk]), {"site": world.site.pk, "year": 1}
    )
    enrolled_people = set(edition.participations.values_list("person_id", flat=True))
    # Every R1 of the site (the resident and the new classmate); nobody from other sites.
    assert classmate_r1.person_id in enrolled_people
    assert world.foreign_enrolment.person_id not in enrolled_people
    session = edition.sessions.get()
    first = edition.participations.order_by("pk").first()
    client.post(
        reverse("training:session_attendance", args=[edition.pk, session.pk]),
        {"present": [first.pk]},
    )
    assert session.attendances.filter(present=True).get().participation == first

    form = {f"verdict-{first.pk}": "passed", f"grade-{first.pk}": "95,5"}
    response = client.post(reverse("training:edition_results", args=[edition.pk]), form)
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.participation == first

    response = client.get(reverse("training:certificate_pdf", args=[certificate.code]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_resident_downloads_their_certificate_and_nobody_elses(client, world, running):
    services.enrol(
        by=None,
        edition=running,
        people=[world.enrolment.person, world.classmate.person],
        today=timezone.localdate(),
    )
    mine, theirs = (
        running.participations.get(person=p)
        for p in (world.enrolment.person, world.classmate.person)
    )
    services.record_results(
        by=None,
        edition=running,
        results={mine.pk: (True, None), theirs.pk: (True, None)},
        today=timezone.localdate(),
    )
    client.force_login(world.users["resident"])

    page = client.get(reverse("training:my_training"))
    own = client.get(reverse("training:certificate_pdf", args=[mine.certificate.code]))
    other = client.get(reverse("training:certificate_pdf", args=[theirs.certificate.code]))

    assert page.context["record"].total_hours == 40
    assert [row.hours for row in page.context["record"].hours_by_area] == [40, 40]
    assert own.status_code == 200
    assert other.status_code == 404


def test_a_resident_sees_the_edition_but_not_its_participants(client, world, running):
    client.force_login(world.users["resident"])

    response = client.get(reverse("training:edition_detail", args=[running.pk]))

    assert response.status_code == 200
    assert "participants" not in response.context
    assert client.get(reverse("training:edition_results", args=[running.pk])).status_code == 404


def test_another_sites_coordinator_cannot_run_the_edition(client, world, running):
    client.force_login(world.users["other_site"])

    page = client.get(reverse("training:edition_detail", args=[running.pk]))
    enrol = client.post(
        reverse("training:edition_enrol", args=[running.pk]),
        {"site": world.foreign_site.pk, "year": ""},
    )

    assert page.status_code == 404
    assert enrol.status_code == 404
    assert not running.participations.exists()


def test_a_site_coordinator_cannot_enrol_another_sites_residents(client, world, running):
    client.force_login(world.users["site"])

    client.post(
        reverse("training:edition_enrol", args=[running.pk]),
        {"site": world.foreign_site.pk, "year": ""},
    )

    assert not running.participations.exists()


def test_a_bad_grade_is_named_and_nothing_is_saved(client, world, running):
    services.enrol(
        by=None, edition=running, people=[world.enrolment.person], today=timezone.localdate()
    )
    target = running.participations.get()
    client.force_login(world.users["site"])

    response = client.post(
        reverse("training:edition_results", args=[running.pk]),
        {f"verdict-{target.pk}": "passed", f"grade-{target.pk}": "noventa"},
    )

    assert response.status_code == 400
    assert "«noventa» no es un número" in " ".join(response.context["errors"])
    assert not Certificate.objects.exists()


def test_results_of_an_edition_not_started_are_refused_on_the_page(client, world, course):
    edition = services.create_edition(
        by=None,
        course=course,
        site=world.site,
        starts_on=timezone.localdate() + datetime.timedelta(days=10),
        ends_on=timezone.localdate() + datetime.timedelta(days=12),
        capacity=5,
    )
    services.enrol(
        by=None, edition=edition, people=[world.enrolment.person], today=timezone.localdate()
    )
    target = edition.participations.get()
    client.force_login(world.users["site"])

    response = client.post(
        reverse("training:edition_results", args=[edition.pk]),
        {f"verdict-{target.pk}": "passed"},
    )

    assert response.status_code == 400
    assert "una vez que haya iniciado" in " ".join(response.context["errors"])
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("people", [2, 12])
def test_the_edition_page_makes_the_same_queries_whatever_its_size(
    client, world, running, people, django_assert_num_queries
):
    services.enrol(
        by=None,
        edition=running,
        people=[PersonFactory() for _ in range(people)],
        today=timezone.localdate(),
    )
    client.force_login(world.users["site"])
    client.get(reverse("training:edition_detail", args=[running.pk]))  # session and scope warm

    with django_assert_num_queries(QUERIES_EDITION_PAGE):
        client.get(reverse("training:edition_detail", args=[running.pk]))


QUERIES_EDITION_PAGE = 18


def test_a_national_coordinator_adds_a_competency_area(client, world):
    client.force_login(world.users["national"])

    client.post(
        reverse("training:area_create"), {"name_es": "Comunicación", "name_en": "Communication"}
    )
    twice = client.post(
        reverse("training:area_create"), {"name_es": "comunicación", "name_en": "X"}, follow=True
    )

    assert CompetencyArea.objects.get(code="comunicacion").name_en == "Communication"
    assert "Ya existe un área con este nombre." in twice.content.decode()
    assert CompetencyArea.objects.filter(name_es__iexact="comunicación").count() == 1


def test_only_national_coordinators_add_areas(client, world):
    client.force_login(world.users["site"])

    response = client.post(reverse("training:area_create"), {"name_es": "X", "name_en": "X"})

    assert response.status_code == 404
    assert not CompetencyArea.objects.filter(name_es="X").exists()
