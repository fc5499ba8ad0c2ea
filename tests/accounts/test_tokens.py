import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from edusalud.accounts.models import ApiToken
from edusalud.accounts.tokens import create_api_token, revoke_api_token

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_token_page_creates_a_token_shown_once_and_stored_hashed(client, world):
    user = world.users["site"]
    client.force_login(user)

    created = client.post(reverse("api_tokens"), {"name": "Sistema hospitalario"})
    later = client.get(reverse("api_tokens"))

    token = ApiToken.objects.get(user=user)
    secret = created.context["created"]["secret"]
    assert secret in created.content.decode()
    assert secret not in later.content.decode()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.digest, token.prefix, token.name}
    assert token.prefix in later.content.decode()
    assert "Sistema hospitalario" in later.content.decode()


def test_token_page_is_in_spanish(client, world):
    client.force_login(world.users["resident"])

    response = client.get(reverse("api_tokens"))

    assert response["Content-Language"] == "es-mx"
    assert '<html lang="es-mx">' in response.content.decode()


def test_token_creation_and_revocation_need_the_csrf_token(world):
    user = world.users["site"]
    token, _ = create_api_token(user=user, name="HIS")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    create = client.post(reverse("api_tokens"), {"name": "otro"})
    revoke = client.post(reverse("api_token_revoke", args=[token.pk]))

    assert (create.status_code, revoke.status_code) == (403, 403)
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_token_signs_api_requests_in_as_its_user(client, world):
    _, secret = create_api_token(user=world.users["site"], name="HIS")

    response = client.get(reverse("residents:api-enrolment-list"), **bearer(secret))

    assert response.status_code == 200
    assert {e["id"] for e in response.json()["results"]} == {
        world.enrolment.pk,
        world.classmate.pk,
    }


def test_revoked_token_fails_with_401(client, world):
    user = world.users["site"]
    token, secret = create_api_token(user=user, name="HIS")
    client.force_login(user)

    client.post(reverse("api_token_revoke", args=[token.pk]))
    client.logout()
    response = client.get(reverse("catalog:api-region-list"), **bearer(secret))

    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer eds_made-up", "Bearer", "Bearer a b", "Bearer ñ"])
def test_unknown_or_malformed_token_fails_with_401(client, world, header):
    response = client.get(reverse("catalog:api-region-list"), HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_token_of_a_deactivated_user_fails_with_401(client, world):
    user = world.users["national"]
    _, secret = create_api_token(user=user, name="HIS")
    user.is_active = False
    user.save()

    response = client.get(reverse("catalog:api-region-list"), **bearer(secret))

    assert response.status_code == 401


def test_nobody_revokes_someone_elses_token(client, world):
    token, _secret = create_api_token(user=world.users["site"], name="HIS")
    client.force_login(world.users["national"])

    response = client.post(reverse("api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_last_use_is_written_at_most_once_a_minute(client, world):
    token, secret = create_api_token(user=world.users["site"], name="HIS")
    url = reverse("catalog:api-region-list")

    with CaptureQueriesContext(connection) as first:
        client.get(url, **bearer(secret))
    with CaptureQueriesContext(connection) as second:
        client.get(url, **bearer(secret))
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with CaptureQueriesContext(connection) as later:
        client.get(url, **bearer(secret))

    def updates(queries):
        return [q for q in queries if q["sql"].startswith("UPDATE")]

    assert (len(updates(first)), len(updates(second)), len(updates(later))) == (1, 0, 1)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > timezone.now() - timedelta(minutes=1)


def test_revoking_twice_keeps_the_first_date(world):
    user = world.users["site"]
    token, _ = create_api_token(user=user, name="HIS")

    first = revoke_api_token(by=user, token=token).revoked_at
    second = revoke_api_token(by=user, token=token).revoked_at

    assert first == second


def test_schema_and_docs_are_behind_login(client, world):
    anonymous = [client.get(reverse(name)) for name in ("api_schema", "api_docs", "api_redoc")]
    client.force_login(world.users["resident"])
    schema = client.get(reverse("api_schema"))

    assert [r.status_code for r in anonymous] == [401, 302, 302]
    assert b"openapi" not in anonymous[0].content
    assert schema.status_code == 200
    assert b"/api/v1/enrolments/{id}/promote/" in schema.content


def test_schema_with_a_token(client, world):
    _, secret = create_api_token(user=world.users["professor"], name="CI")

    response = client.get(reverse("api_schema"), **bearer(secret))

    assert response.status_code == 200
