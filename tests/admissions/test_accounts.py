"""Applicants' accounts: created by the applicants file, opened by an e-mailed link.

An applicant signs in with their e-mail address; the account has no password
until they choose one through the invitation (decision 0013).
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from edusalud.accounts.models import User
from edusalud.admissions import services
from edusalud.admissions.models import AdmissionCycle, Applicant
from edusalud.residents import services as residents_services
from tests.exchange.test_admission_import import APPLICANTS, POSITIONS, applicant_row, load
from tests.factories import PersonFactory

PASSWORD = "Residencia-2027-segura"


@pytest.fixture
def applicants(world):
    """Two places of anaesthesia and two applicants loaded from a file."""
    cycle = AdmissionCycle.objects.create(year=2027)
    national = world.users["national"]
    assert not load("positions", POSITIONS + "DFIMS000001,ANES,2,0\n", national, cycle)
    assert not load(
        "applicants",
        APPLICANTS + applicant_row("F1", "88") + applicant_row("F2", "70", email="Beto@Example.MX"),
        national,
        cycle,
    )
    return cycle


def _link(message) -> str:
    return re.search(r"http://\S+", message.body).group(0)


def test_each_applicant_gets_an_account_named_by_their_email_without_a_password(applicants):
    first, second = Applicant.objects.filter(cycle=applicants).order_by("folio")

    assert first.person.user.username == "f1@example.mx"
    assert second.person.user.username == "beto@example.mx"
    assert not first.person.user.has_usable_password()
    assert first.person.history.first().history_change_reason == "account for an applicant"


def test_an_applicant_who_already_signs_in_keeps_their_account(world, applicants):
    national = world.users["national"]
    resident = world.users["resident"]
    person = resident.person
    text = APPLICANTS + applicant_row("F9", "75", curp=person.curp, email="otro@example.mx")
    # The file's birth date must match the person's: give the row theirs.
    text = text.replace("02/04/1998", f"{person.birth_date:%d/%m/%Y}")

    assert not load("applicants", text, national, applicants)
    assert Applicant.objects.get(folio="F9").person.user == resident
    assert not User.objects.filter(username="otro@example.mx").exists()


def test_an_email_taken_by_another_account_or_twice_in_the_file_is_refused(world, applicants):
    national = world.users["national"]
    national.email = "Coordinacion@IMSS.example.mx"
    national.save()
    errors = load(
        "applicants",
        APPLICANTS
        + applicant_row("F3", "60", email="coordinacion@imss.example.mx")
        + applicant_row("F4", "61", email="nuevo@example.mx")
        + applicant_row("F5", "62", email="NUEVO@example.mx"),
        national,
        applicants,
    )

    assert errors == [
        "Fila 2, columna Correo electrónico: coordinacion@imss.example.mx ya es la cuenta de "
        "otra persona; cada aspirante entra con su propio correo.",
        "Fila 4, columna Correo electrónico: el mismo correo ya está en la fila 3.",
    ]
    assert Applicant.objects.filter(cycle=applicants).count() == 2
    assert not User.objects.filter(username="nuevo@example.mx").exists()


def test_a_file_without_emails_is_refused(world, applicants):
    errors = load(
        "applicants",
        APPLICANTS + applicant_row("F3", "60", email=""),
        world.users["national"],
        applicants,
    )

    assert errors == ["Fila 2, columna Correo electrónico: esta columna es obligatoria."]


def test_invitations_go_once_to_each_applicant_without_a_password(world, applicants):
    assert services.invite_applicants(applicants) == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["beto@example.mx", "f1@example.mx"]
    assert "Anestesiología" in mail.outbox[0].body

    # A second send reaches only the applicants loaded since.
    load("applicants", APPLICANTS + applicant_row("F3", "60"), world.users["national"], applicants)
    assert services.invite_applicants(applicants) == 1
    assert mail.outbox[-1].to == ["f3@example.mx"]
    assert services.invite_applicants(applicants) == 0


def test_an_invited_applicant_chooses_a_password_and_lands_on_their_application(client, applicants):
    services.invite_applicants(applicants)
    message = next(m for m in mail.outbox if m.to == ["f1@example.mx"])

    form = client.get(_link(message), follow=True)
    assert form.status_code == 200
    chosen = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert chosen.url == reverse("password_reset_complete")

    signed_in = client.post(
        reverse("login"), {"username": "f1@example.mx", "password": PASSWORD}, follow=True
    )
    assert signed_in.request["PATH_INFO"] == reverse("admissions:my_application")
    assert "F1" in signed_in.content.decode()
    # The link works once.
    assert "ya no es válido" in client.get(_link(message), follow=True).content.decode()


def test_the_cycle_page_counts_accounts_and_sends_the_invitations(client, world, applicants):
    client.force_login(world.users["national"])
    url = reverse("admissions:cycle_detail", args=[applicants.year])

    page = client.get(url).content.decode()
    assert "2 aspirantes pueden entrar; 0 invitados por correo" in page
    assert "Enviar la invitación a 2 aspirantes" in page

    response = client.post(reverse("admissions:cycle_invite", args=[applicants.year]), follow=True)
    page = response.content.decode()
    assert len(mail.outbox) == 2
    assert "2 aspirantes pueden entrar; 2 invitados por correo" in page
    assert "Enviar la invitación" not in page


def test_anyone_can_ask_for_a_link_without_learning_who_has_an_account(client, applicants):
    for email in ("f1@example.mx", "nadie@example.mx"):
        response = client.post(reverse("password_reset"), {"email": email})
        assert response.url == reverse("password_reset_done")

    assert [message.to for message in mail.outbox] == [["f1@example.mx"]]
    assert _link(mail.outbox[0]).startswith("http://testserver/contrasena/nueva/")


def test_a_deactivated_account_gets_no_link(client, applicants):
    User.objects.filter(username="f1@example.mx").update(is_active=False)

    client.post(reverse("password_reset"), {"email": "f1@example.mx"})

    assert services.invite_applicants(applicants) == 1
    assert [message.to for message in mail.outbox] == [["beto@example.mx"]]


def test_a_person_given_an_account_has_it_under_their_email(db):
    person = PersonFactory(email="Carla@Example.mx")

    assert residents_services.give_accounts(by=None, people=[person], reason="test") == 1
    person.refresh_from_db()
    assert person.user.email == "carla@example.mx"
    assert (person.user.first_name, person.user.last_name) == (person.first_names, "García")
