"""Residents answer once, anonymously; bad answers change nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from edusalud.surveys import services
from edusalud.surveys.models import Answer, Draft, Invitation, Response
from tests.surveys.conftest import TODAY, full_answers


def _invitation(world, campaign):
    return campaign.invitations.get(person=world.enrolment.person)


def test_a_campaign_invites_every_active_resident_once(world, crowd, campaign):
    assert campaign.invitations.count() == 4 + len(crowd)
    invitation = _invitation(world, campaign)
    assert (invitation.site, invitation.specialty, invitation.year) == (
        world.site,
        world.programme.specialty,
        world.enrolment.year,
    )


def test_a_filter_invites_only_its_residents(world, crowd):
    from tests.surveys.conftest import instruments

    campaign = services.create_campaign(
        by=world.users["national"],
        name="Sitio",
        year=2026,
        instruments=instruments(),
        opens_on=TODAY,
        closes_on=TODAY,
        site=world.sibling_site,
    )
    assert set(campaign.invitations.values_list("site", flat=True)) == {world.sibling_site.pk}
    assert campaign.invitations.count() == 4


def test_only_national_coordinators_create_campaigns_and_a_bad_one_says_why(world, crowd):
    from django.core.exceptions import PermissionDenied

    from tests.surveys.conftest import instruments

    with pytest.raises(PermissionDenied):
        services.create_campaign(
            by=world.users["regional"],
            name="x",
            year=2026,
            instruments=instruments(),
            opens_on=TODAY,
            closes_on=TODAY,
        )
    with pytest.raises(ValidationError) as error:
        services.create_campaign(
            by=world.users["national"],
            name="x",
            year=2026,
            instruments=[],
            opens_on=TODAY,
            closes_on=TODAY - datetime.timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"closes_on", "instruments"}


def test_a_submission_is_stored_without_the_person(world, campaign):
    invitation = _invitation(world, campaign)
    services.save_draft(invitation=invitation, raw={}, today=TODAY)
    services.submit(invitation=invitation, raw=full_answers(campaign, comment="Bien"), today=TODAY)

    response = Response.objects.get()
    assert response.submitted_on == TODAY
    assert (response.site, response.specialty, response.year) == (
        world.site,
        world.programme.specialty,
        world.enrolment.year,
    )
    # Nothing in the answer row leads back to a person or an invitation.
    names = {f.name for f in Response._meta.get_fields()}
    assert not names & {"person", "invitation", "user", "created_at", "ip"}
    assert Answer.objects.filter(response=response).count() == 47
    invitation.refresh_from_db()
    assert invitation.has_answered
    assert not Draft.objects.exists()
    campaign.refresh_from_db()
    assert campaign.submitted == 1


def test_answering_twice_is_refused_and_stores_nothing_more(world, campaign):
    invitation = _invitation(world, campaign)
    services.submit(invitation=invitation, raw=full_answers(campaign), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.submit(invitation=invitation, raw=full_answers(campaign), today=TODAY)
    assert "Ya respondió" in error.value.messages[0]
    # A stale copy of the invitation is refused too: the row is checked under lock.
    stale = Invitation.objects.get(pk=invitation.pk)
    stale.has_answered = False
    with pytest.raises(ValidationError):
        services.submit(invitation=stale, raw=full_answers(campaign), today=TODAY)
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + datetime.timedelta(days=21), "cerró el"),
        (TODAY - datetime.timedelta(days=6), "abre el"),
    ],
)
def test_answering_outside_the_dates_is_refused(world, campaign, day, message):
    with pytest.raises(ValidationError) as error:
        services.submit(
            invitation=_invitation(world, campaign), raw=full_answers(campaign), today=day
        )
    assert message in error.value.messages[0]
    assert not Response.objects.exists()


def test_out_of_range_and_missing_answers_name_the_question(world, campaign):
    raw = full_answers(campaign)
    items = sorted(raw)
    raw[items[0]] = 5
    raw[items[1]] = ""
    raw[items[2]] = "tres"
    raw["item_999999"] = 1
    with pytest.raises(ValidationError) as error:
        services.submit(invitation=_invitation(world, campaign), raw=raw, today=TODAY)
    errors = error.value.message_dict
    assert "del 0 al" in errors[items[0]][0]
    assert errors[items[1]] == ["Esta pregunta es obligatoria."]
    assert "número entero" in errors[items[2]][0]
    assert "No existe esa pregunta" in errors["item_999999"][0]
    assert not Response.objects.exists()
    assert not _invitation(world, campaign).has_answered


def test_a_draft_keeps_partial_answers_and_counts_for_nothing(world, campaign):
    invitation = _invitation(world, campaign)
    raw = full_answers(campaign)
    first = sorted(raw)[0]
    services.save_draft(invitation=invitation, raw={first: 2}, today=TODAY)
    assert services.draft_values(invitation) == {first: 2}
    assert not Response.objects.exists()
    with pytest.raises(ValidationError):
        services.save_draft(invitation=invitation, raw={first: 9}, today=TODAY)
    assert services.draft_values(invitation) == {first: 2}


def test_someone_not_invited_is_told_so(world, campaign):
    with pytest.raises(ValidationError) as error:
        services.invitation_for(world.users["professor"], campaign)
    assert error.value.messages == ["Esta encuesta no está dirigida a usted."]


# Pages


@pytest.fixture
def resident(client, world):
    client.force_login(world.users["resident"])
    return client


def test_the_resident_answers_in_the_page(resident, world, campaign, settings):
    url = reverse("surveys:answer", args=[campaign.pk])
    page = resident.get(url)
    assert page.status_code == 200
    assert "Estoy satisfecho(a) con mi curso de especialización." in page.content.decode()

    raw = full_answers(campaign)
    first = sorted(raw)[0]
    draft = resident.post(url, {first: "4", "draft": "1"})
    assert draft.status_code == 302
    assert 'value="4" checked' in resident.get(url).content.decode()

    incomplete = resident.post(url, {first: "4", "submit": "1"})
    assert incomplete.status_code == 400
    assert "Nada se guardó" in incomplete.content.decode()
    assert not Response.objects.exists()

    done = resident.post(url, {**{k: str(v) for k, v in raw.items()}, "submit": "1"})
    assert done.status_code == 302
    assert Response.objects.count() == 1
    listing = resident.get(reverse("surveys:my_surveys")).content.decode()
    assert "Respondida" in listing
    # Back on the questionnaire: nothing to show, and a second send is refused.
    assert resident.get(url).status_code == 302
    again = resident.post(url, {**{k: str(v) for k, v in raw.items()}, "submit": "1"})
    assert again.status_code == 400
    assert Response.objects.count() == 1


def test_a_survey_not_addressed_to_the_user_is_a_404(client, world, campaign):
    client.force_login(world.users["site"])
    assert client.get(reverse("surveys:answer", args=[campaign.pk])).status_code == 404
    assert (
        client.post(reverse("surveys:answer", args=[campaign.pk]), {"submit": "1"}).status_code
        == 404
    )
