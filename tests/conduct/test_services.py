import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from edusalud.conduct import selectors, services
from edusalud.conduct.models import Acknowledgement, CodeVersion
from tests.conduct.conftest import TODAY, current

pytestmark = pytest.mark.django_db


def _publish(code, by=None, published_on=TODAY):
    return services.publish_version(
        by=by,
        code=code,
        body="Texto revisado.",
        summary="Se aclara la denuncia.",
        published_on=published_on,
    )


def test_acknowledging_the_current_version_keeps_who_when_and_which(world, ethics):
    resident = world.users["resident"]

    acknowledgement = services.acknowledge(user=resident, version=current(ethics), today=TODAY)

    saved = Acknowledgement.objects.get()
    assert (saved.user, saved.version.number, saved.version.code) == (resident, 1, ethics)
    assert saved.acknowledged_at == acknowledgement.acknowledged_at
    history = saved.history.get()
    assert (history.history_user, history.history_change_reason) == (resident, "accepted")


def test_acknowledging_an_old_version_is_refused_and_saves_nothing(world, ethics):
    old = current(ethics)
    _publish(ethics)

    with pytest.raises(ValidationError) as refused:
        services.acknowledge(user=world.users["resident"], version=old, today=TODAY)

    assert refused.value.code == "not_current"
    assert refused.value.messages == [
        "Esta no es la versión vigente del código: lee y acepta la versión 2."
    ]
    assert not Acknowledgement.objects.exists()


def test_a_version_not_in_force_yet_is_refused(world, ethics):
    scheduled = _publish(ethics, published_on=TODAY + datetime.timedelta(days=10))

    with pytest.raises(ValidationError) as refused:
        services.acknowledge(user=world.users["resident"], version=scheduled, today=TODAY)

    assert refused.value.code == "not_current"
    assert not Acknowledgement.objects.exists()


def test_acknowledging_twice_is_refused_and_keeps_the_first(world, ethics):
    resident = world.users["resident"]
    first = services.acknowledge(user=resident, version=current(ethics), today=TODAY)

    with pytest.raises(ValidationError) as refused:
        services.acknowledge(user=resident, version=current(ethics), today=TODAY)

    assert refused.value.code == "already_accepted"
    assert list(Acknowledgement.objects.values_list("pk", "acknowledged_at")) == [
        (first.pk, first.acknowledged_at)
    ]


def test_the_database_refuses_a_second_acknowledgement(world, ethics):
    resident = world.users["resident"]
    services.acknowledge(user=resident, version=current(ethics), today=TODAY)

    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(
            user=resident,
            version=current(ethics),
            acknowledged_at=datetime.datetime.now(datetime.UTC),
        )


def test_a_new_version_asks_everyone_again(world, ethics, conduct):
    people = [world.users[role] for role in ("resident", "professor", "site")]
    for user in people:
        services.acknowledge(user=user, version=current(ethics), today=TODAY)

    version = _publish(ethics, by=world.users["national"])

    for user in people:
        assert list(selectors.pending_for(user, TODAY)) == [current(conduct), version]


def test_versions_are_numbered_one_after_the_other_with_their_author(world, ethics):
    national = world.users["national"]

    second = _publish(ethics, by=national)
    third = _publish(ethics, by=national)

    assert [second.number, third.number] == [2, 3]
    history = CodeVersion.history.filter(id=third.pk).get()
    assert (history.history_user, history.history_change_reason) == (national, "published")


def test_a_version_dated_before_the_previous_one_is_refused(ethics):
    before_first = current(ethics).published_on - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        _publish(ethics, published_on=before_first)

    assert "published_on" in refused.value.message_dict
    assert ethics.versions.count() == 1
