"""Requests that arrive together for the last places: nobody is put over capacity."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from edusalud.accounts.enums import Role
from edusalud.training import services
from edusalud.training.models import CompetencyArea, ParticipationStatus
from tests.factories import EnrolmentFactory, PersonFactory, user_with_role

REQUESTS = 8
CAPACITY = 3


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_fill_the_places_and_queue_the_rest(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: the race exists on PostgreSQL")
    today = timezone.localdate()
    course = services.create_course(
        by=None,
        title="Liderazgo",
        areas=list(CompetencyArea.objects.all()[:1]),
        hours=10,
        modality="online",
        audience="residents",
    )
    edition = services.create_edition(
        by=None,
        course=course,
        site=world.site,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=3),
        capacity=CAPACITY,
    )
    users = []
    for _ in range(REQUESTS):
        user = user_with_role(Role.RESIDENT)
        EnrolmentFactory(programme=world.programme, person=PersonFactory(user=user))
        users.append(user)
    start = threading.Barrier(REQUESTS)
    statuses = []

    def ask(user):
        client = Client()
        client.force_login(user)
        start.wait()
        try:
            response = client.post(reverse("training:edition_enrol_self", args=[edition.pk]))
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * REQUESTS
    counts = {
        status: edition.participations.filter(status=status).count()
        for status in (ParticipationStatus.ENROLLED, ParticipationStatus.WAITING)
    }
    assert counts == {ParticipationStatus.ENROLLED: CAPACITY, ParticipationStatus.WAITING: 5}
