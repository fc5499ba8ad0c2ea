"""Preparing a cycle in the browser: create it, add ranking periods, open it for ranking."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from edusalud.admissions.models import AdmissionCycle, CycleStatus, Position, RankingPeriod
from tests.admissions.conftest import small_cycle

pytestmark = pytest.mark.django_db


def test_a_national_coordinator_creates_a_draft_cycle(client, world):
    client.force_login(world.users["national"])
    year = timezone.localdate().year + 1

    response = client.post(
        reverse("admissions:cycle_list"), {"year": year, "requires_complete_lists": "on"}
    )

    assert response.url == reverse("admissions:cycle_detail", args=[year])
    cycle = AdmissionCycle.objects.get(year=year)
    assert (cycle.status, cycle.requires_complete_lists) == (CycleStatus.DRAFT, True)
    assert cycle.history.first().history_user == world.users["national"]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (1999, "El año del ciclo debe estar entre"),
        ("dos mil", "Escriba un número entero."),
        ("", "Este campo es requerido."),
    ],
)
def test_a_bad_year_is_refused_on_the_form(client, world, year, message):
    client.force_login(world.users["national"])

    page = client.post(reverse("admissions:cycle_list"), {"year": year}).content.decode()

    assert message in page
    assert not AdmissionCycle.objects.exists()


def test_a_year_that_has_a_cycle_is_refused(client, world):
    client.force_login(world.users["national"])
    year = timezone.localdate().year + 1
    AdmissionCycle.objects.create(year=year)

    page = client.post(reverse("admissions:cycle_list"), {"year": year}).content.decode()

    assert f"Ya existe el ciclo {year}." in page
    assert AdmissionCycle.objects.count() == 1


def test_periods_are_numbered_and_may_not_overlap_or_be_over(client, world):
    client.force_login(world.users["national"])
    cycle = small_cycle()
    today = timezone.localdate()
    url = reverse("admissions:cycle_period", args=[cycle.year])

    def add(opens, closes):
        return client.post(
            url,
            {
                "opens_on": (today + datetime.timedelta(days=opens)).isoformat(),
                "closes_on": (today + datetime.timedelta(days=closes)).isoformat(),
            },
        )

    assert add(0, 6).status_code == 302
    assert add(10, 12).status_code == 302
    overlapping = add(5, 8).content.decode()
    assert "Se traslapa con el periodo 1" in overlapping
    assert "Un periodo no puede cerrar antes de abrir." in add(20, 15).content.decode()
    assert "Este periodo ya habría terminado" in add(-9, -2).content.decode()
    assert (
        "Introduzca una fecha válida." in client.post(url, {"opens_on": "mañana"}).content.decode()
    )

    periods = list(RankingPeriod.objects.filter(cycle=cycle).values_list("number", "opens_on"))
    assert periods == [(1, today), (2, today + datetime.timedelta(days=10))]


def test_opening_a_cycle_needs_a_period_places_and_applicants(client, world):
    client.force_login(world.users["national"])
    empty = AdmissionCycle.objects.create(year=2030)

    refused = client.post(reverse("admissions:cycle_open", args=[2030]), follow=True)

    assert (
        "Antes de abrirlo, el ciclo necesita un periodo de ordenamiento, plazas, aspirantes."
        in refused.content.decode()
    )
    empty.refresh_from_db()
    assert empty.status == CycleStatus.DRAFT

    cycle = small_cycle()
    RankingPeriod.objects.create(
        cycle=cycle, number=1, opens_on=timezone.localdate(), closes_on=timezone.localdate()
    )
    opened = client.post(reverse("admissions:cycle_open", args=[cycle.year]), follow=True)
    assert "El ciclo está abierto" in opened.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN

    again = client.post(reverse("admissions:cycle_open", args=[cycle.year]), follow=True)
    assert "Solo un ciclo en borrador puede abrirse para ordenar." in again.content.decode()


def test_the_cycle_page_links_each_file_to_the_import_page(client, world):
    client.force_login(world.users["national"])
    cycle = small_cycle()

    page = client.get(reverse("admissions:cycle_detail", args=[cycle.year])).content.decode()

    for kind in ("positions", "applicants", "preferences", "rankings"):
        assert f"/importaciones/?kind={kind}&amp;cycle={cycle.year}" in page
    assert "Abrir para ordenar" in page


def test_other_roles_cannot_create_cycles_or_periods(client, world):
    cycle = small_cycle()
    for role in ("regional", "site", "professor", "resident"):
        client.force_login(world.users[role])
        assert client.post(reverse("admissions:cycle_list"), {"year": 2030}).status_code == 404
        assert (
            client.post(
                reverse("admissions:cycle_period", args=[cycle.year]),
                {"opens_on": "2030-01-01", "closes_on": "2030-01-05"},
            ).status_code
            == 404
        )
        assert client.post(reverse("admissions:cycle_open", args=[cycle.year])).status_code == 404
    assert AdmissionCycle.objects.count() == 1
    assert not RankingPeriod.objects.exists()


def test_an_empty_cycle_cannot_be_matched_nor_published(client, world):
    client.force_login(world.users["national"])
    AdmissionCycle.objects.create(year=2030)

    refused = client.post(reverse("admissions:cycle_match", args=[2030]), follow=True)

    assert (
        "Cargue las plazas y los aspirantes del ciclo antes de ejecutar la asignación."
        in refused.content.decode()
    )
    published = client.post(
        reverse("admissions:cycle_publish", args=[2030]), {"confirm": "yes"}, follow=True
    )
    assert "Ejecute la asignación antes de publicarla." in published.content.decode()
    assert AdmissionCycle.objects.get(year=2030).status == CycleStatus.DRAFT


def test_a_cycle_where_nobody_got_a_place_is_not_published(client, world):
    client.force_login(world.users["national"])
    cycle = small_cycle()
    Position.objects.filter(cycle=cycle).update(places=0)
    client.post(reverse("admissions:cycle_match", args=[cycle.year]))

    page = client.post(
        reverse("admissions:cycle_publish", args=[cycle.year]), {"confirm": "yes"}, follow=True
    ).content.decode()

    assert "Nadie obtuvo plaza" in page
    assert AdmissionCycle.objects.get(pk=cycle.pk).status == CycleStatus.MATCHED


def test_the_match_warns_that_it_closes_an_open_period(client, world):
    client.force_login(world.users["national"])
    cycle = small_cycle()
    RankingPeriod.objects.create(
        cycle=cycle,
        number=1,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    AdmissionCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.OPEN)

    page = client.get(reverse("admissions:cycle_detail", args=[cycle.year])).content.decode()

    assert "ejecutar la asignación cierra las listas ahora." in page
