"""A post's life: draft, submitted, published or returned, withdrawn; and every wrong turn."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from edusalud.practices import services
from edusalud.practices.models import Post, PostStatus
from tests.practices.posts import publish, write

pytestmark = pytest.mark.django_db


def _state(post: Post) -> tuple:
    """Everything a refused transition must leave as it was."""
    row = Post.objects.filter(pk=post.pk).values().get()
    areas = sorted(Post.objects.get(pk=post.pk).areas.values_list("pk", flat=True))
    return row, areas, Post.history.filter(id=post.pk).count()


def _returned(world) -> Post:
    post = write(world.users["professor"], world.site, for_review=True)
    return services.return_to_author(by=world.users["site"], post=post, comment="Más breve.")


def _withdrawn(world) -> Post:
    post = publish(world)
    return services.withdraw(by=world.users["site"], post=post, reason="Datos de un paciente.")


def _edit(world, post, **changes):
    fields = {
        "title": "Otro título",
        "summary": "Otro resumen.",
        "body": "Otro texto.",
        "author_name": "Dr. Héctor Villaseñor Ruiz",
        "site": world.site,
    }
    return services.update_draft(by=world.users["professor"], post=post, **(fields | changes))


def test_a_professor_writes_a_draft_at_their_programmes_site_with_history(world):
    professor = world.users["professor"]

    post = write(professor, world.site)

    assert post.status == PostStatus.DRAFT
    assert post.site == world.programme.site
    assert post.slug is None
    assert [a.code for a in post.areas.all()] == ["toma-de-decisiones"]
    history = post.history.get()
    assert (history.history_user, history.history_change_reason) == (professor, "created")


def test_the_whole_life_of_a_post_is_in_its_history(world):
    professor, coordinator = world.users["professor"], world.users["site"]
    post = write(professor, world.site, for_review=True)
    services.return_to_author(by=coordinator, post=post, comment="Agregue un resultado.")
    _edit(world, Post.objects.get(pk=post.pk), for_review=True)

    post = services.approve(by=coordinator, post=post)
    post = services.withdraw(by=coordinator, post=post, reason="El autor lo pidió.")

    trail = [
        (h.history_change_reason, h.history_user, h.status)
        for h in post.history.order_by("history_date", "history_id")
    ]
    assert trail == [
        ("created", professor, "draft"),
        ("submitted", professor, "submitted"),
        ("returned to the author", coordinator, "returned"),
        ("changed", professor, "returned"),
        ("submitted", professor, "submitted"),
        ("approved", coordinator, "approved"),
        ("withdrawn", coordinator, "withdrawn"),
    ]
    assert post.review_comment == ""
    assert post.withdrawal_reason == "El autor lo pidió."


def test_approval_publishes_under_an_address_of_its_own(world):
    first = publish(world, title="Simulación de vía aérea difícil")

    second = publish(world, title="Simulación de vía aérea difícil")

    assert first.slug == "simulacion-de-via-aerea-dificil"
    assert second.slug == "simulacion-de-via-aerea-dificil-2"
    assert second.reviewed_by == world.users["site"]


def test_the_publication_date_is_the_approval_day_in_mexico_city(world, submitted):
    # 23:30 in Mexico City is already the next day in UTC.
    late = datetime.datetime(2026, 3, 9, 23, 30, tzinfo=ZoneInfo("America/Mexico_City"))

    post = services.approve(by=world.users["site"], post=submitted, at=late)

    assert post.published_on == datetime.date(2026, 3, 9)
    assert post.reviewed_at == late


@pytest.mark.parametrize("reviewer", ["site", "regional", "national"])
def test_every_coordinator_whose_scope_reaches_the_site_may_approve(world, submitted, reviewer):
    post = services.approve(by=world.users[reviewer], post=submitted)

    assert post.status == PostStatus.APPROVED


def test_a_returned_post_keeps_the_comment_until_it_is_approved(world, submitted):
    returned = services.return_to_author(
        by=world.users["site"], post=submitted, comment="Quite el nombre del paciente."
    )

    edited = _edit(world, returned, body="Sin datos del paciente.")

    assert edited.status == PostStatus.RETURNED
    assert edited.review_comment == "Quite el nombre del paciente."
    assert edited.body == "Sin datos del paciente."


# (the status the post is in, what is tried on it)
WRONG = {
    "submit a post already submitted": (
        "submitted",
        lambda w, p: services.submit(by=w.users["professor"], post=p),
    ),
    "submit a published post": (
        "approved",
        lambda w, p: services.submit(by=w.users["professor"], post=p),
    ),
    "submit someone else's draft": (
        "draft",
        lambda w, p: services.submit(by=w.users["site"], post=p),
    ),
    "change a post awaiting review": ("submitted", lambda w, p: _edit(w, p)),
    "change a published post": ("approved", lambda w, p: _edit(w, p)),
    "change a withdrawn post": ("withdrawn", lambda w, p: _edit(w, p)),
    "move a draft to a site of another region": (
        "draft",
        lambda w, p: _edit(w, p, site=w.foreign_site),
    ),
    "approve a draft": (
        "draft",
        lambda w, p: services.approve(by=w.users["site"], post=p),
    ),
    "approve a returned post": (
        "returned",
        lambda w, p: services.approve(by=w.users["site"], post=p),
    ),
    "approve a post twice": (
        "approved",
        lambda w, p: services.approve(by=w.users["site"], post=p),
    ),
    "approve a post of another region": (
        "submitted",
        lambda w, p: services.approve(by=w.users["other_site"], post=p),
    ),
    "the author approves": (
        "submitted",
        lambda w, p: services.approve(by=w.users["professor"], post=p),
    ),
    "a resident approves": (
        "submitted",
        lambda w, p: services.approve(by=w.users["resident"], post=p),
    ),
    "return without a comment": (
        "submitted",
        lambda w, p: services.return_to_author(by=w.users["site"], post=p, comment="  "),
    ),
    "return a published post": (
        "approved",
        lambda w, p: services.return_to_author(by=w.users["site"], post=p, comment="Tarde."),
    ),
    "withdraw a post awaiting review": (
        "submitted",
        lambda w, p: services.withdraw(by=w.users["site"], post=p, reason="No procede."),
    ),
    "withdraw a post twice": (
        "withdrawn",
        lambda w, p: services.withdraw(by=w.users["site"], post=p, reason="Otra vez."),
    ),
    "withdraw without a reason": (
        "approved",
        lambda w, p: services.withdraw(by=w.users["site"], post=p, reason=""),
    ),
    "withdraw a post of another region": (
        "approved",
        lambda w, p: services.withdraw(by=w.users["other_site"], post=p, reason="No."),
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_a_wrong_transition_is_refused_and_changes_nothing(world, case):
    status, attempt = WRONG[case]
    post = {
        "draft": lambda: write(world.users["professor"], world.site),
        "submitted": lambda: write(world.users["professor"], world.site, for_review=True),
        "returned": lambda: _returned(world),
        "approved": lambda: publish(world),
        "withdrawn": lambda: _withdrawn(world),
    }[status]()
    before = _state(post)

    with pytest.raises(ValidationError):
        attempt(world, post)

    assert _state(post) == before


def test_a_coordinator_cannot_approve_their_own_post(world):
    coordinator = world.users["site"]
    post = write(coordinator, world.site, for_review=True)
    before = _state(post)

    with pytest.raises(ValidationError, match=r"propia|own"):
        services.approve(by=coordinator, post=post)

    assert _state(post) == before
    # The regional coordination reviews it instead.
    assert services.approve(by=world.users["regional"], post=post).status == PostStatus.APPROVED


def test_a_resident_cannot_write_a_post(world):
    with pytest.raises(ValidationError):
        write(world.users["resident"], world.site)

    assert not Post.objects.exists()


def test_a_professor_cannot_write_about_another_site(world):
    with pytest.raises(ValidationError) as refused:
        write(world.users["professor"], world.sibling_site)

    assert "site" in refused.value.message_dict
    assert not Post.objects.exists()


def test_submitting_a_new_post_that_is_too_long_saves_nothing(world):
    with pytest.raises(ValidationError) as refused:
        write(world.users["professor"], world.site, summary="x" * 281, for_review=True)

    assert "summary" in refused.value.message_dict
    assert not Post.objects.exists()
