"""What a stranger holding a certificate can check, and what they cannot learn."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from edusalud.training import services
from edusalud.training.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(edition, world):
    services.enrol(
        by=None, edition=edition, people=[world.enrolment.person], today=edition.starts_on
    )
    target = edition.participations.get()
    services.record_results(
        by=None, edition=edition, results={target.pk: (True, 88)}, today=edition.starts_on
    )
    return Certificate.objects.get()


def test_the_verification_page_shows_what_the_certificate_states_and_nothing_more(
    client, certificate, world
):
    response = client.get(reverse("training:verify", args=[certificate.code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Esta constancia es auténtica" in page
    assert certificate.person_name in page
    assert certificate.course_title in page
    person = world.enrolment.person
    for private in (person.curp, person.email, "88"):
        assert private not in page


def test_a_code_typed_in_lower_case_finds_the_certificate(client, certificate):
    response = client.get(reverse("training:verify_form"), {"code": certificate.code.lower()})

    assert response.url == reverse("training:verify", args=[certificate.code])


def test_an_unknown_code_gets_a_plain_not_found(client, certificate):
    near_miss = certificate.code[:-1] + ("2" if certificate.code[-1] != "2" else "3")

    response = client.get(reverse("training:verify", args=[near_miss]))

    assert response.status_code == 404
    assert certificate.code not in response.content.decode()
    assert certificate.person_name not in response.content.decode()


def test_a_revoked_certificate_says_so_with_its_reason(client, certificate, world):
    services.revoke_certificate(
        by=world.users["site"],
        certificate=certificate,
        reason="Constancia duplicada",
        today=timezone.localdate(),
    )

    page = client.get(reverse("training:verify", args=[certificate.code]))
    badge = client.get(reverse("training:badge_assertion", args=[certificate.code]))

    assert "Constancia duplicada" in page.content.decode()
    assert page.context["certificate"].is_revoked
    assert badge.status_code == 410
    assert badge.json()["revoked"] is True
    assert badge.json()["revocationReason"] == "Constancia duplicada"


@override_settings(CERTIFICATE_LOOKUPS_PER_MINUTE=3)
def test_lookups_are_limited_per_address(client, certificate):
    statuses = [
        client.get(reverse("training:verify", args=[f"AAAA-AAAA-AAA{n}"])).status_code
        for n in range(3)
    ]
    blocked = client.get(reverse("training:verify", args=[certificate.code]))
    elsewhere = client.get(
        reverse("training:verify", args=[certificate.code]), REMOTE_ADDR="10.0.0.9"
    )

    assert statuses == [404, 404, 404]
    assert blocked.status_code == 429
    assert elsewhere.status_code == 200


def test_the_badge_documents_link_to_each_other(client, certificate):
    assertion = client.get(reverse("training:badge_assertion", args=[certificate.code]))
    badge_class = client.get(assertion.json()["badge"].removeprefix("http://127.0.0.1:8000"))
    issuer = client.get(badge_class.json()["issuer"].removeprefix("http://127.0.0.1:8000"))

    assert assertion["Content-Type"] == "application/ld+json"
    assert assertion.json()["type"] == "Assertion"
    assert badge_class.json()["name"] == certificate.course_title
    assert issuer.json()["name"] == "Coordinación de Educación en Salud"
    assert certificate.person_name not in assertion.content.decode()
