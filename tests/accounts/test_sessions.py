"""Sessions end when idle or too old; passwords are long; pages are private and CSP-bound."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from edusalud.accounts.middleware import LOGIN_AT, SEEN_AT


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.users["site"])
    client.get(reverse("catalog:site_list"))
    return client


def age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_activity_keeps_the_session(signed_in):
    age_session(signed_in, **{SEEN_AT: 29 * 60})

    response = signed_in.get(reverse("catalog:site_list"))

    assert response.status_code == 200


def test_thirty_idle_minutes_end_the_session(signed_in):
    age_session(signed_in, **{SEEN_AT: 31 * 60})

    response = signed_in.get(reverse("catalog:site_list"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "30 minutos sin actividad" in response.content.decode()


def test_twelve_hours_after_login_the_session_ends_even_when_active(signed_in):
    age_session(signed_in, **{LOGIN_AT: 12 * 3600 + 60, SEEN_AT: 10})

    response = signed_in.get(reverse("catalog:site_list"))

    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_signing_in_gives_a_new_session_id(client, world):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key

    client.post(
        reverse("login"),
        {"username": world.users["site"].username, "password": "secret-pass-123"},
    )

    assert client.session.session_key != before
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("password", ["corta-123", "password123456", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("residencia-anestesia-2026")


def test_pages_of_a_signed_in_user_are_not_stored_by_caches(signed_in):
    page = signed_in.get(reverse("catalog:site_list"))
    api = signed_in.get(reverse("dashboards:api_indicators"))

    assert page["Cache-Control"] == "no-store"
    assert api["Cache-Control"] == "no-store"


def test_the_content_security_policy_allows_only_our_own_scripts(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in directives.get("default-src", "")
