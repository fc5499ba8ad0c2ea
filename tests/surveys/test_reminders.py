"""Reminders reach those of the requester's sites who have not answered, only while open."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from edusalud.surveys import services
from edusalud.surveys.models import ReminderRun
from tests.surveys.conftest import TODAY, answer_all, instruments
from tests.surveys.test_results import _site_residents


def test_only_those_who_have_not_answered_at_the_requesters_sites(world, crowd, campaign):
    here = _site_residents(world, crowd)
    answer_all(campaign, here[:5])
    for enrolment in here[5:7]:
        enrolment.person.email = ""
        enrolment.person.save()
    run = services.request_reminders(by=world.users["site"], campaign=campaign)
    sent = services.send_reminders(run=run, today=TODAY)
    # The site has 13 invited: 5 answered, 2 without e-mail, 6 reminded.
    assert sent == 6
    run.refresh_from_db()
    assert (run.sent, run.without_email) == (6, 2)
    assert run.finished_at is not None
    reminded = {m.to[0] for m in mail.outbox}
    answered = {e.person.email for e in here[:5]}
    assert not reminded & answered
    assert world.foreign_enrolment.person.email not in reminded
    assert "Encuesta pendiente: Encuesta anual 2026" in mail.outbox[0].subject
    assert "/encuestas/" in mail.outbox[0].body


def test_nobody_is_reminded_of_a_closed_campaign(world, crowd, campaign):
    run = services.request_reminders(by=world.users["national"], campaign=campaign)
    assert services.send_reminders(run=run, today=TODAY + datetime.timedelta(days=30)) == 0
    assert mail.outbox == []


def test_the_page_sends_them_as_a_job_and_shows_the_count(client, world, crowd):
    today = timezone.localdate()
    campaign = services.create_campaign(
        by=world.users["national"],
        name="Abierta hoy",
        year=today.year,
        instruments=instruments(),
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=1),
    )
    client.force_login(world.users["site"])
    response = client.post(reverse("surveys:campaign_remind", args=[campaign.pk]), follow=True)
    run = ReminderRun.objects.get(campaign=campaign)
    assert run.sent == len(mail.outbox) == 13  # everyone invited at the site
    assert "Recordatorios solicitados" in response.content.decode()


def test_the_page_refuses_a_closed_campaign(client, world, crowd):
    today = timezone.localdate()
    campaign = services.create_campaign(
        by=world.users["national"],
        name="Cerrada",
        year=today.year - 1,
        instruments=instruments(),
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )
    client.force_login(world.users["site"])
    response = client.post(reverse("surveys:campaign_remind", args=[campaign.pk]), follow=True)
    assert "no está abierta" in response.content.decode()
    assert not ReminderRun.objects.exists()
