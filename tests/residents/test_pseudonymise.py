"""The right of cancellation: a national coordinator pseudonymises a person for good."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from edusalud.dashboards.indicators import indicators_for
from edusalud.residents import services
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import Enrolment, Person
from tests.factories import (
    EnrolmentFactory,
    PersonFactory,
    ProgrammeFactory,
    SpecialtyFactory,
    UserFactory,
    make_curp,
)

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1993, 11, 4)


def identifiable_person(**overrides) -> Person:
    """A person whose every identifying value is unique in the database, to search for it."""
    values = {
        "first_names": "Xochiquetzal",
        "last_name": "Tlacuilo",
        "second_last_name": "Ixtlahuaca",
        "birth_date": BIRTH,
        "sex": Sex.FEMALE,
        "curp": make_curp(birth_date=BIRTH, sex=Sex.FEMALE),
        "email": "xochiquetzal.tlacuilo@example.mx",
        "passport_number": "G55512345",
    }
    return PersonFactory(**(values | overrides))


def secrets_of(person: Person) -> list[str]:
    return [
        person.first_names,
        person.last_name,
        person.second_last_name,
        person.curp,
        person.email,
        person.passport_number,
        person.birth_date.isoformat(),
    ]


def stored_text_of(person: Person) -> str:
    """Everything stored in the person's row, their history and their enrolments' history."""
    rows = [
        *Person.objects.filter(pk=person.pk).values(),
        *Person.history.filter(id=person.pk).values(),
        *Enrolment.objects.filter(person_id=person.pk).values(),
        *Enrolment.history.filter(person_id=person.pk).values(),
        *LogEntry.objects.values("object_repr"),
    ]
    return " ".join(str(value) for row in rows for value in row.values())


@pytest.fixture
def case(world):
    """A graduate who was hired, with a withdrawn course before, and a user account."""
    account = UserFactory(username="xochi.tlacuilo", email="xochi@example.mx")
    account.save()
    person = identifiable_person(user=account)
    specialty = SpecialtyFactory(duration_years=1)
    withdrawn = EnrolmentFactory(person=person, programme=world.foreign_programme)
    services.withdraw_resident(
        by=world.users["national"], enrolment=withdrawn, reason="Renuncia de Xochiquetzal"
    )
    graduate = EnrolmentFactory(
        person=person,
        programme=ProgrammeFactory(specialty=specialty, site=world.site),
        prerequisite_evidence="CED-7788990",
    )
    services.graduate_resident(by=world.users["site"], enrolment=graduate)
    services.record_hiring_outcome(
        by=world.users["site"], enrolment=graduate, is_hired=True, hired_on=timezone.localdate()
    )
    services.change_person(by=world.users["site"], person=person, email="nueva.xochi@example.mx")
    LogEntry.objects.log_actions(
        user_id=world.users["national"].pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message="",
    )
    return person


def test_pseudonymising_keeps_every_indicator(world, case):
    # A foreign resident in training too: nationality must keep counting.
    foreign = EnrolmentFactory(
        programme=world.programme,
        person=identifiable_person(curp=None, nationality="HN", email="", first_names="Yaretzi"),
    )
    national = world.users["national"]
    before = indicators_for(national), indicators_for(world.users["regional"])

    services.pseudonymise_person(by=national, person=case, reason="ARCO-2026-0001")
    services.pseudonymise_person(by=national, person=foreign.person, reason="ARCO-2026-0002")

    assert (indicators_for(national), indicators_for(world.users["regional"])) == before


def test_no_trace_of_the_names_curp_or_contact_data_remains(world, case):
    secrets = [*secrets_of(case), "nueva.xochi@example.mx", "Renuncia de", "CED-7788990"]
    assert all(secret in stored_text_of(case) for secret in secrets)

    services.pseudonymise_person(by=world.users["national"], person=case, reason="ARCO-2026-0003")

    stored = stored_text_of(case)
    assert [secret for secret in secrets if secret in stored] == []


def test_pseudonymising_keeps_what_the_figures_need(world, case):
    enrolments_before = list(
        Enrolment.objects.filter(person=case).values_list(
            "programme", "year", "status", "started_on", "ended_on", "is_hired_by_institute"
        )
    )

    person = services.pseudonymise_person(
        by=world.users["national"], person=case, reason="ARCO-2026-0004"
    )

    person.refresh_from_db()
    assert (person.full_name, person.curp, person.passport_number, person.email) == (
        services.PSEUDONYM,
        None,
        "",
        "",
    )
    assert (person.sex, person.nationality.code) == (Sex.FEMALE, "MX")
    assert person.birth_date == datetime.date(1993, 1, 1)
    assert person.pseudonymised_on == timezone.localdate()
    enrolments_after = list(
        Enrolment.objects.filter(person=case).values_list(
            "programme", "year", "status", "started_on", "ended_on", "is_hired_by_institute"
        )
    )
    assert enrolments_after == enrolments_before
    withdrawn = Enrolment.objects.get(person=case, status=EnrolmentStatus.WITHDRAWN)
    assert withdrawn.withdrawal_reason == services.SCRUBBED_TEXT


def test_the_act_is_recorded_with_actor_and_reason_and_earlier_rows_are_kept(world, case):
    rows_before = Person.history.filter(id=case.pk).count()
    national = world.users["national"]

    services.pseudonymise_person(by=national, person=case, reason="ARCO-2026-0005")

    rows = Person.history.filter(id=case.pk).order_by("-history_date")
    assert rows.count() == rows_before + 1
    act = rows.first()
    assert (act.history_user, act.history_change_reason) == (
        national,
        "pseudonymised: ARCO-2026-0005",
    )
    assert act.pseudonymised_on == timezone.localdate()
    # Earlier rows still say who changed what and when, without the old values.
    change = rows.get(history_change_reason="changed")
    assert change.history_user == world.users["site"]


def test_the_user_account_is_deactivated_and_emptied(client, world, case):
    account = case.user

    services.pseudonymise_person(by=world.users["national"], person=case, reason="ARCO-2026-0006")

    account.refresh_from_db()
    assert account.is_active is False
    assert not account.has_usable_password()
    assert (account.first_name, account.last_name, account.email) == ("", "", "")
    assert account.username == f"seudonimizada-{account.pk}"


def test_an_open_session_of_the_account_stops_working(client, world, case):
    client.force_login(case.user)

    services.pseudonymise_person(by=world.users["national"], person=case, reason="ARCO-2026-0016")

    assert client.get(reverse("residents:profile")).status_code == 302


def test_pseudonymising_twice_is_refused_with_a_clear_message(world, case):
    national = world.users["national"]
    services.pseudonymise_person(by=national, person=case, reason="ARCO-2026-0007")

    with pytest.raises(ValidationError) as error:
        services.pseudonymise_person(by=national, person=case, reason="ARCO-2026-0008")

    assert error.value.code == "already_pseudonymised"
    assert timezone.localdate().strftime("%d/%m/%Y") in error.value.messages[0]
    assert Person.history.filter(id=case.pk, history_change_reason__startswith="pseud").count() == 1


def test_nobody_writes_the_identity_of_a_pseudonymised_person_back(world, case):
    services.pseudonymise_person(by=world.users["national"], person=case, reason="ARCO-2026-0009")
    rows = Person.history.filter(id=case.pk).count()

    with pytest.raises(ValidationError) as error:
        services.change_person(by=world.users["site"], person=case, first_names="Xochiquetzal")

    assert error.value.code == "pseudonymised"
    case.refresh_from_db()
    assert "Xochiquetzal" not in case.first_names
    assert Person.history.filter(id=case.pk).count() == rows


@pytest.mark.parametrize("reason", ["", "   ", "x" * 81])
def test_a_reason_is_required_and_short(world, case, reason):
    with pytest.raises(ValidationError):
        services.pseudonymise_person(by=world.users["national"], person=case, reason=reason)

    case.refresh_from_db()
    assert case.pseudonymised_on is None


# --- The pages ---------------------------------------------------------------


def pseudonymise_url(person) -> str:
    return reverse("residents:person_pseudonymise", args=[person.pk])


def test_a_national_coordinator_confirms_then_pseudonymises(client, world):
    person = world.classmate.person
    client.force_login(world.users["national"])
    assert pseudonymise_url(person) in client.get(
        reverse("residents:person_detail", args=[person.pk])
    ).content.decode("utf-8")
    assert client.get(pseudonymise_url(person)).status_code == 200

    response = client.post(
        pseudonymise_url(person), {"reason": "ARCO-2026-0010", "is_confirmed": "on"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_pseudonymised
    history = client.get(reverse("residents:person_history", args=[person.pk]))
    act = history.context["page"][0]
    assert act.actor == world.users["national"].get_full_name()
    assert act.reason.endswith(": ARCO-2026-0010")


@pytest.mark.parametrize(
    "data",
    [{"reason": "ARCO-2026-0011"}, {"reason": "", "is_confirmed": "on"}],
    ids=["not confirmed", "no reason"],
)
def test_the_page_needs_the_confirmation_and_the_reason(client, world, data):
    client.force_login(world.users["national"])

    response = client.post(pseudonymise_url(world.classmate.person), data)

    assert response.status_code == 400
    world.classmate.person.refresh_from_db()
    assert not world.classmate.person.is_pseudonymised


def test_the_page_says_a_person_was_already_pseudonymised(client, world):
    services.pseudonymise_person(
        by=world.users["national"], person=world.classmate.person, reason="ARCO-2026-0012"
    )
    client.force_login(world.users["national"])

    response = client.post(
        pseudonymise_url(world.classmate.person),
        {"reason": "ARCO-2026-0013", "is_confirmed": "on"},
    )

    assert response.status_code == 400
    assert timezone.localdate().strftime("%d/%m/%Y") in response.content.decode()


@pytest.mark.parametrize("role", ["regional", "site", "professor", "resident"])
def test_only_national_coordinators_may_pseudonymise(client, world, role):
    person = world.enrolment.person
    client.force_login(world.users[role])

    get = client.get(pseudonymise_url(person))
    post = client.post(pseudonymise_url(person), {"reason": "ARCO-1", "is_confirmed": "on"})

    assert (get.status_code, post.status_code) == (404, 404)
    person.refresh_from_db()
    assert not person.is_pseudonymised


def test_the_admin_cannot_change_a_pseudonymised_person(admin_client, world):
    person = services.pseudonymise_person(
        by=world.users["national"], person=world.classmate.person, reason="ARCO-2026-0014"
    )
    url = reverse("admin:residents_person_change", args=[person.pk])

    response = admin_client.post(url, {"first_names": "Otra", "last_name": "Vez"})

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.first_names == services.PSEUDONYM


def test_the_person_page_of_a_pseudonymised_person_shows_the_birth_year_only(client, world):
    person = services.pseudonymise_person(
        by=world.users["national"], person=world.classmate.person, reason="ARCO-2026-0015"
    )
    client.force_login(world.users["site"])

    response = client.get(reverse("residents:person_detail", args=[person.pk]))

    page = response.content.decode()
    assert services.PSEUDONYM in page
    assert "01/01/" not in page
