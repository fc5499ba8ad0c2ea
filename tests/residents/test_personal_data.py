"""The right of access: a signed-in user downloads everything edusalud holds about them."""

import json

import pytest
from django.urls import reverse

from edusalud.accounts.tokens import create_api_token
from edusalud.residents import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def download(client, user) -> tuple:
    client.force_login(user)
    response = client.get(reverse("residents:my_data"))
    return response, json.loads(response.content)


def test_a_resident_downloads_person_enrolments_history_and_account(client, world):
    services.promote_resident(by=world.users["site"], enrolment=world.enrolment)
    resident = world.users["resident"]
    person = world.enrolment.person

    response, data = download(client, resident)

    assert response.status_code == 200
    assert data["account"]["username"] == resident.username
    assert [role["role"] for role in data["account"]["roles"]] == ["resident"]
    assert data["person"]["curp"] == person.curp
    assert data["person"]["birth_date"] == person.birth_date.isoformat()
    assert data["person"]["nationality"] == "MX"
    assert [e["id"] for e in data["enrolments"]] == [world.enrolment.pk]
    assert data["enrolments"][0]["year"] == 2
    assert data["enrolments"][0]["specialty"] == world.programme.specialty.name
    promotion = data["history"][-1]
    assert (promotion["record"], promotion["type"], promotion["reason"]) == (
        "enrolment",
        "changed",
        "promoted",
    )
    assert promotion["by"] == world.users["site"].get_full_name()
    assert promotion["values"]["year"] == 2


def test_the_download_is_an_uncached_attachment(client, world):
    response, _ = download(client, world.users["resident"])

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="mis-datos-edusalud.json"'
    assert "no-store" in response["Cache-Control"]


def test_the_download_holds_no_password_nor_session_nor_other_people(client, world):
    resident = world.users["resident"]

    response, _ = download(client, resident)

    text = response.content.decode()
    assert "password" not in text
    assert resident.password not in text
    assert client.session.session_key not in text
    assert world.classmate.person.curp not in text
    assert world.classmate.person.first_names not in text


def test_a_user_without_a_person_gets_their_account_only(client, world):
    coordinator = world.users["regional"]

    _, data = download(client, coordinator)

    assert data["account"]["roles"][0]["role"] == "regional"
    assert data["account"]["roles"][0]["covers"] == str(world.region)
    assert (data["person"], data["enrolments"], data["history"]) == (None, [], [])


def test_a_user_without_roles_may_download_too(client):
    user = UserFactory()
    user.save()  # the factory's password, saved

    _, data = download(client, user)

    assert data["account"]["roles"] == []


def test_the_download_lists_the_users_api_tokens_without_their_digest(client, world):
    user = world.users["site"]
    token, secret = create_api_token(user=user, name="Sistema del hospital")
    create_api_token(user=world.users["national"], name="Ajeno")

    _, data = download(client, user)

    assert [t["name"] for t in data["account"]["api_tokens"]] == ["Sistema del hospital"]
    assert data["account"]["api_tokens"][0]["prefix"] == token.prefix
    assert token.digest not in json.dumps(data)
    assert secret not in json.dumps(data)


def test_the_profile_shows_roles_and_the_download_link(client, world):
    client.force_login(world.users["resident"])

    response = client.get(reverse("residents:profile"))

    page = response.content.decode()
    assert reverse("residents:my_data") in page
    assert reverse("api_tokens") in page
    assert "Residente" in page
    assert response.context["person"] == world.enrolment.person


def test_the_download_is_for_signed_in_users(client):
    response = client.get(reverse("residents:my_data"))

    assert response.status_code == 302
