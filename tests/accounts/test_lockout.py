"""Login lockout: per account, per IP at a higher limit, a cool-off, and an unlock path."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from edusalud.accounts.enums import Role
from tests.factories import user_with_role

PASSWORD = "secret-pass-123"


def sign_in(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        sign_in(client, username, "wrong-password", ip)


@pytest.fixture
def professor(world):
    return world.users["professor"]


def test_an_account_is_locked_after_five_failures_even_with_the_right_password(client, professor):
    fail(client, professor.username, 5)

    response = sign_in(client, professor.username, PASSWORD)

    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_account_lock_holds_from_another_address(client, professor):
    fail(client, professor.username, 5, ip="10.0.0.1")

    response = sign_in(client, professor.username, PASSWORD, ip="10.9.9.9")

    assert response.status_code == 429


def test_four_failures_do_not_lock(client, professor):
    fail(client, professor.username, 4)

    response = sign_in(client, professor.username, PASSWORD)

    assert response.status_code == 302


def test_colleagues_typos_behind_one_address_do_not_lock_the_hospital(client, world, settings):
    settings.AXES_IP_FAILURE_LIMIT = 20
    for n in range(19):
        fail(client, f"colleague{n}", 1)

    response = sign_in(client, world.users["professor"].username, PASSWORD)

    assert response.status_code == 302


def test_an_address_is_locked_at_its_own_limit(client, world, settings):
    settings.AXES_IP_FAILURE_LIMIT = 20
    for n in range(20):
        fail(client, f"guess{n}", 1)

    locked = sign_in(client, world.users["professor"].username, PASSWORD)
    elsewhere = sign_in(client, world.users["professor"].username, PASSWORD, ip="10.9.9.9")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_the_lock_lifts_by_itself_after_the_cool_off(client, professor, settings):
    fail(client, professor.username, 5)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    )

    response = sign_in(client, professor.username, PASSWORD)

    assert response.status_code == 302


def test_the_site_coordinator_sees_and_unlocks_a_locked_professor_of_their_site(
    client, world, professor
):
    fail(client, professor.username, 5)
    client.force_login(world.users["site"])

    listed = client.get(reverse("account_lockouts"))
    unlocked = client.post(reverse("account_unlock", args=[professor.pk]), follow=True)
    client.logout()

    assert [row["user"] for row in listed.context["locked"]] == [professor]
    assert "puede volver a entrar" in unlocked.content.decode()
    assert sign_in(client, professor.username, PASSWORD).status_code == 302


def test_a_coordinator_of_another_site_neither_sees_nor_unlocks_them(client, world, professor):
    fail(client, professor.username, 5)
    client.force_login(world.users["other_site"])

    listed = client.get(reverse("account_lockouts"))
    refused = client.post(reverse("account_unlock", args=[professor.pk]))
    client.logout()

    assert listed.context["locked"] == []
    assert refused.status_code == 404
    assert sign_in(client, professor.username, PASSWORD).status_code == 429


def test_locked_usernames_of_nobody_are_not_listed(client, world):
    fail(client, "no-such-user", 5)
    client.force_login(world.users["national"])

    response = client.get(reverse("account_lockouts"))

    assert response.context["locked"] == []


@pytest.mark.parametrize("locked", [1, 3])
def test_the_locked_accounts_page_makes_a_constant_number_of_queries(
    client, world, django_assert_num_queries, locked
):
    for _ in range(locked):
        fail(client, user_with_role(Role.PROFESSOR, programme=world.programme).username, 5)
    client.force_login(world.users["site"])

    # session, user, roles, import permission (2, for the menu), codes to
    # accept (the banner), the locked usernames, their accounts in scope
    with django_assert_num_queries(8):
        response = client.get(reverse("account_lockouts"))

    assert len(response.context["locked"]) == locked
