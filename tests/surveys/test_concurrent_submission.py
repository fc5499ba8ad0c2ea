"""One resident sending the questionnaire several times at once stores one answer."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from edusalud.surveys import services
from edusalud.surveys.models import Answer, Response
from tests.surveys.conftest import full_answers, instruments

REQUESTS = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sends_store_one_answer(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: the race exists on PostgreSQL")
    today = timezone.localdate()
    campaign = services.create_campaign(
        by=world.users["national"],
        name="Carrera",
        year=today.year,
        instruments=instruments(),
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=1),
    )
    data = {k: str(v) for k, v in full_answers(campaign).items()} | {"submit": "1"}
    url = reverse("surveys:answer", args=[campaign.pk])
    start = threading.Barrier(REQUESTS)
    statuses = []

    def send():
        client = Client()
        client.force_login(world.users["resident"])
        start.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [302] + [400] * (REQUESTS - 1)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 46  # the empty comment is not stored
    campaign.refresh_from_db()
    assert campaign.submitted == 1
