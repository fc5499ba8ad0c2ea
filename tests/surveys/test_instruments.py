"""Coordinators build instruments; a published one is never edited, only versioned."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from edusalud.surveys import instrument_services, services
from edusalud.surveys.models import Instrument, ItemKind, Response
from tests.surveys.conftest import TODAY


@pytest.fixture
def built(world):
    national = world.users["national"]
    instrument = instrument_services.create_instrument(
        by=national, code="guardias", name_es="Guardias"
    )
    instrument_services.add_item(
        by=national, instrument=instrument, kind=ItemKind.AGREEMENT, text_es="Descanso tras guardia"
    )
    instrument_services.add_item(
        by=national, instrument=instrument, kind=ItemKind.SCALE, text_es="Carga de trabajo, 0-10"
    )
    instrument_services.add_item(
        by=national,
        instrument=instrument,
        kind=ItemKind.CHOICE,
        text_es="Guardias al mes",
        options_es=["Menos de 8", "8 a 10", "Más de 10"],
    )
    instrument_services.add_item(
        by=national, instrument=instrument, kind=ItemKind.TEXT, text_es="Otro", required=False
    )
    return instrument


def test_each_kind_accepts_its_own_range(world, crowd, built):
    national = world.users["national"]
    instrument_services.publish_instrument(by=national, instrument=built, today=TODAY)
    campaign = services.create_campaign(
        by=national,
        name="Guardias",
        year=2026,
        instruments=[built],
        opens_on=TODAY,
        closes_on=TODAY + datetime.timedelta(days=7),
    )
    agree, scale, choice, text = built.items.order_by("number")
    invitation = campaign.invitations.get(person=world.enrolment.person)
    name = services.field_name
    with pytest.raises(ValidationError) as error:
        services.submit(
            invitation=invitation,
            raw={name(agree): 4, name(scale): 11, name(choice): 3},
            today=TODAY,
        )
    assert set(error.value.message_dict) == {name(scale), name(choice)}
    assert "del 0 al 2" in error.value.message_dict[name(choice)][0]
    services.submit(
        invitation=invitation,
        raw={name(agree): 4, name(scale): 10, name(choice): 2, name(text): ""},
        today=TODAY,
    )
    assert Response.objects.get().answers.count() == 3  # the empty comment is not stored


def test_a_published_instrument_is_never_edited(world, built):
    national = world.users["national"]
    with pytest.raises(ValidationError, match="al menos dos opciones"):
        instrument_services.add_item(
            by=national, instrument=built, kind=ItemKind.CHOICE, text_es="x", options_es=["uno"]
        )
    instrument_services.publish_instrument(by=national, instrument=built, today=TODAY)
    with pytest.raises(ValidationError, match="nueva versión"):
        instrument_services.add_item(
            by=national, instrument=built, kind=ItemKind.AGREEMENT, text_es="x"
        )
    with pytest.raises(ValidationError, match="nueva versión"):
        instrument_services.remove_item(by=national, item=built.items.first())
    copy = instrument_services.new_version(by=national, instrument=built)
    assert (copy.code, copy.version, copy.is_published) == ("guardias", 2, False)
    assert list(copy.items.values_list("number", "kind", "text_es", "choices")) == list(
        built.items.values_list("number", "kind", "text_es", "choices")
    )
    instrument_services.remove_item(by=national, item=copy.items.get(number=1))
    assert list(copy.items.values_list("number", flat=True)) == [1, 2, 3]
    assert built.items.count() == 4


def test_pheem_versions_keep_their_bands(world):
    pheem = Instrument.objects.get(code="pheem", version=1)
    copy = instrument_services.new_version(by=world.users["national"], instrument=pheem)
    assert copy.bands.count() == pheem.bands.count() == 16
    assert copy.items.filter(reverse=True).count() == 4


def test_only_national_coordinators_build_and_empty_ones_are_not_published(world):
    with pytest.raises(PermissionDenied):
        instrument_services.create_instrument(by=world.users["regional"], code="x", name_es="X")
    empty = instrument_services.create_instrument(by=world.users["national"], code="x", name_es="X")
    with pytest.raises(ValidationError, match="al menos una pregunta"):
        instrument_services.publish_instrument(
            by=world.users["national"], instrument=empty, today=TODAY
        )
    with pytest.raises(ValidationError) as error:
        instrument_services.create_instrument(by=world.users["national"], code="x", name_es="Otro")
    assert "code" in error.value.message_dict


def test_the_builder_pages(client, world):
    client.force_login(world.users["national"])
    created = client.post(
        reverse("surveys:instrument_list"), {"code": "clima", "name_es": "Clima laboral"}
    )
    instrument = Instrument.objects.get(code="clima")
    url = reverse("surveys:instrument_detail", args=[instrument.pk])
    assert created.url == url
    bad = client.post(
        url, {"operation": "item", "kind": "choice", "text_es": "¿Cuántas?", "options_es": "una"}
    )
    assert bad.status_code == 400
    assert "dos opciones" in bad.content.decode()
    client.post(
        url,
        {
            "operation": "item",
            "kind": "agreement",
            "text_es": "Me siento seguro(a).",
            "required": "on",
        },
    )
    client.post(url, {"operation": "publish"})
    instrument.refresh_from_db()
    assert instrument.is_published
    refused = client.post(url, {"operation": "item", "kind": "agreement", "text_es": "Otra"})
    assert refused.status_code == 400
    assert instrument.items.count() == 1

    client.force_login(world.users["regional"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"operation": "publish"}).status_code == 404
    client.force_login(world.users["resident"])
    assert client.get(url).status_code == 404
