"""An applicant ranks the sites of their specialty while a period is open, then sees the result."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from edusalud.admissions import services
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    CycleStatus,
    Position,
    Preference,
    RankingPeriod,
)
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def carmen(cycle):
    """F001, in a cycle open for ranking today, with a user account."""
    AdmissionCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.OPEN)
    today = timezone.localdate()
    RankingPeriod.objects.create(
        cycle=cycle,
        number=1,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=1),
    )
    applicant = Applicant.objects.select_related("person").get(folio="F001")
    applicant.person.user = account()
    applicant.person.save()
    return applicant


def account():
    user = UserFactory()
    user.save()  # the factory sets the password without saving it; sessions check its hash
    return user


def saved_order(applicant) -> list[Position]:
    return [p.position for p in Preference.objects.filter(applicant=applicant).order_by("rank")]


def test_the_applicant_sees_their_list_in_their_order(client, cycle, carmen):
    umae, hgz, hgr = cycle.positions_in_order
    client.force_login(carmen.person.user)

    response = client.get(reverse("admissions:my_application"))

    assert [p.pk for p in response.context["positions"]] == [hgr.pk, umae.pk, hgz.pk]
    assert "Cada cambio se guarda" in response.content.decode()


def test_a_drag_saves_the_whole_new_order(client, cycle, carmen):
    umae, hgz, hgr = cycle.positions_in_order
    client.force_login(carmen.person.user)

    response = client.post(
        reverse("admissions:my_application_order"),
        {"order": f"{umae.pk},{hgz.pk},{hgr.pk}"},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 200
    assert response.content.decode() == "Guardado."
    assert saved_order(carmen) == [umae, hgz, hgr]


def test_the_arrows_move_a_site_one_place(client, cycle, carmen):
    umae, hgz, hgr = cycle.positions_in_order
    client.force_login(carmen.person.user)

    response = client.post(
        reverse("admissions:my_application_move"), {"position": hgz.pk, "direction": "up"}
    )

    assert response.url == reverse("admissions:my_application")
    assert saved_order(carmen) == [hgr, hgz, umae]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (lambda umae, hgz, hgr, other: f"{umae.pk},{hgz.pk}", "falta 1"),
        (lambda umae, hgz, hgr, other: f"{umae.pk},{umae.pk},{hgr.pk}", "cada una una vez"),
        (lambda umae, hgz, hgr, other: f"{umae.pk},{hgz.pk},{other.pk}", "cada una una vez"),
        (lambda umae, hgz, hgr, other: "1,dos,3", "no es válida"),
    ],
)
def test_a_bad_list_is_refused_and_changes_nothing(client, cycle, carmen, order, message):
    umae, hgz, hgr = cycle.positions_in_order
    other = Position.objects.create(
        cycle=cycle, programme=ProgrammeFactory(), places=1, foreign_places=0
    )
    before = saved_order(carmen)
    client.force_login(carmen.person.user)

    response = client.post(
        reverse("admissions:my_application_order"),
        {"order": order(umae, hgz, hgr, other)},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert saved_order(carmen) == before


def test_the_list_locks_when_the_period_closes(client, cycle, carmen):
    umae, hgz, hgr = cycle.positions_in_order
    RankingPeriod.objects.filter(cycle=cycle).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(carmen.person.user)

    page = client.get(reverse("admissions:my_application")).content.decode()
    response = client.post(
        reverse("admissions:my_application_order"),
        {"order": f"{umae.pk},{hgz.pk},{hgr.pk}"},
        headers={"X-Requested-With": "fetch"},
    )

    assert "su lista ya no puede cambiar" in page
    assert 'draggable="true"' not in page
    assert response.status_code == 400
    assert saved_order(carmen) == [hgr, umae, hgz]


def test_after_publication_the_applicant_sees_why_not_a_higher_choice(client, cycle, carmen):
    AdmissionCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.DRAFT)
    services.run_match(by=None, cycle=cycle)
    services.publish(by=None, cycle=cycle)
    david = Applicant.objects.select_related("person").get(folio="F004")  # got hgz, 2nd choice
    david.person.user = account()
    david.person.save()
    client.force_login(david.person.user)

    response = client.get(reverse("admissions:my_application"))

    page = response.content.decode()
    assert "su opción número 2" in page
    assert [m.lowest_admitted_score for m in response.context["missed"]] == [
        cycle.applicants.get(folio="F003").score
    ]
    assert "90.00" in page


def test_someone_without_an_application_gets_a_404(client, world):
    client.force_login(world.users["resident"])

    assert client.get(reverse("admissions:my_application")).status_code == 404


def test_an_applicant_starts_on_their_application_and_the_menu_links_to_it(client, carmen, world):
    client.force_login(carmen.person.user)

    home = client.get("/")
    assert home.url == reverse("admissions:my_application")
    page = client.get(home.url).content.decode()
    assert (
        f'href="{reverse("admissions:my_application")}" aria-current="page">Mi solicitud<' in page
    )

    # A resident who did not apply gets no such link; coordinators never do.
    for role in ("resident", "national"):
        client.force_login(world.users[role])
        assert "Mi solicitud" not in client.get(reverse("api_tokens")).content.decode()
