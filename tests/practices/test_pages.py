"""The signed-in pages: authors write and send, coordinators of the site's scope review."""

import pytest
from django.urls import reverse

from edusalud.practices import services
from edusalud.practices.models import Post, PostStatus
from edusalud.training.models import CompetencyArea
from tests.practices.posts import write

pytestmark = pytest.mark.django_db


def _form(**changes) -> dict:
    return {
        "title": "Pase de visita con preguntas abiertas",
        "summary": "Los residentes razonan en voz alta antes de oír la respuesta.",
        "body": "Lo hicimos durante tres meses.\n\nMejoró la discusión.",
        "author_name": "Dr. Héctor Villaseñor Ruiz",
        "areas": list(CompetencyArea.objects.filter(code="liderazgo").values_list("pk", flat=True)),
    } | changes


def test_a_professor_writes_and_sends_a_post_for_review(client, world):
    client.force_login(world.users["professor"])

    response = client.post(reverse("practices:post_create"), _form(submit=""))

    post = Post.objects.get()
    assert response.url == reverse("practices:post_list")
    assert post.status == PostStatus.SUBMITTED
    # A professor has one site, their programme's: the form does not ask.
    assert post.site == world.site
    assert post.author == world.users["professor"]
    assert [a.code for a in post.areas.all()] == ["liderazgo"]


def test_a_draft_is_saved_changed_then_sent(client, world):
    client.force_login(world.users["professor"])
    client.post(reverse("practices:post_create"), _form(save=""))
    post = Post.objects.get()

    client.post(reverse("practices:post_edit", args=[post.pk]), _form(title="Otro título", save=""))
    response = client.post(
        reverse("practices:post_edit", args=[post.pk]), _form(title="Título final", submit="")
    )

    post.refresh_from_db()
    assert response.status_code == 302
    assert (post.title, post.status) == ("Título final", PostStatus.SUBMITTED)


def test_a_post_awaiting_review_is_read_only_for_its_author(client, world, submitted):
    client.force_login(world.users["professor"])

    page = client.get(reverse("practices:post_edit", args=[submitted.pk]))
    refused = client.post(reverse("practices:post_edit", args=[submitted.pk]), _form(submit=""))

    assert page.context["form"] is None
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    submitted.refresh_from_db()
    assert submitted.title == "Casos clínicos en la guardia"


def test_the_site_coordinator_approves_from_the_queue(client, world, submitted):
    client.force_login(world.users["site"])
    queue = client.get(reverse("practices:post_list")).context["queue"]

    response = client.post(
        reverse("practices:post_review", args=[submitted.pk]), {"action": "approve"}
    )

    submitted.refresh_from_db()
    assert list(queue) == [submitted]
    assert response.url == reverse("practices:post_list")
    assert submitted.status == PostStatus.APPROVED
    assert submitted.reviewed_by == world.users["site"]


def test_returning_needs_a_comment_and_the_author_reads_it(client, world, submitted):
    client.force_login(world.users["regional"])
    url = reverse("practices:post_review", args=[submitted.pk])

    empty = client.post(url, {"action": "return", "comment": ""})
    submitted.refresh_from_db()
    status_after_empty = submitted.status
    client.post(url, {"action": "return", "comment": "Agregue qué resultado midieron."})
    client.force_login(world.users["professor"])
    page = client.get(reverse("practices:post_edit", args=[submitted.pk]))

    assert empty.status_code == 400
    assert status_after_empty == PostStatus.SUBMITTED
    assert "Agregue qué resultado midieron." in page.content.decode()
    assert page.context["form"] is not None


def test_a_coordinator_withdraws_a_published_post(client, world, approved):
    client.force_login(world.users["national"])

    client.post(
        reverse("practices:post_review", args=[approved.pk]),
        {"action": "withdraw", "reason": "Muestra el rostro de un paciente."},
    )

    approved.refresh_from_db()
    assert approved.status == PostStatus.WITHDRAWN
    assert client.get(reverse("practices:public_detail", args=[approved.slug])).status_code == 404


def test_another_sites_coordinator_cannot_see_nor_review_the_post(client, world, submitted):
    # A post at the other site, which that coordinator does review: it must not leak either way.
    foreign_post = write(world.users["other_site"], world.foreign_site, for_review=True)
    client.force_login(world.users["other_site"])

    queue = client.get(reverse("practices:post_list")).context["queue"]
    page = client.get(reverse("practices:post_review", args=[submitted.pk]))
    approve = client.post(
        reverse("practices:post_review", args=[submitted.pk]), {"action": "approve"}
    )

    assert list(queue) == []  # their own post is not theirs to review
    assert page.status_code == 404
    assert approve.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.SUBMITTED
    assert foreign_post.status == PostStatus.SUBMITTED


def test_the_site_coordinator_does_not_review_another_sites_post_in_the_region(client, world):
    # Same region, another site: the regional coordinator's, not the site coordinator's.
    sibling_post = write(world.users["regional"], world.sibling_site, for_review=True)
    client.force_login(world.users["site"])

    page = client.get(reverse("practices:post_review", args=[sibling_post.pk]))

    assert page.status_code == 404


def test_a_coordinator_does_not_review_their_own_post(client, world):
    own = write(world.users["site"], world.site, for_review=True)
    client.force_login(world.users["site"])

    queue = client.get(reverse("practices:post_list")).context["queue"]
    page = client.get(reverse("practices:post_review", args=[own.pk]))

    assert list(queue) == []
    assert page.status_code == 404


def test_drafts_are_their_authors_alone(client, world, draft):
    for role in ("site", "regional", "national"):
        client.force_login(world.users[role])

        assert client.get(reverse("practices:post_review", args=[draft.pk])).status_code == 404
        assert client.get(reverse("practices:post_edit", args=[draft.pk])).status_code == 404


def test_residents_neither_write_nor_review(client, world):
    client.force_login(world.users["resident"])

    for name in ("practices:post_list", "practices:post_create"):
        assert client.get(reverse(name)).status_code == 404


def test_a_coordinator_of_several_sites_chooses_among_them_only(client, world):
    client.force_login(world.users["regional"])

    page = client.get(reverse("practices:post_create"))
    refused = client.post(reverse("practices:post_create"), _form(site=world.foreign_site.pk))

    assert set(page.context["form"].fields["site"].queryset) == {world.site, world.sibling_site}
    assert "site" in refused.context["form"].errors
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "name", ["practices:post_list", "practices:post_create", "practices:post_edit", "review"]
)
def test_the_private_pages_send_strangers_to_sign_in(client, draft, name):
    url = {
        "practices:post_edit": reverse("practices:post_edit", args=[draft.pk]),
        "review": reverse("practices:post_review", args=[draft.pk]),
    }.get(name) or reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("posts", [1, 3])
def test_the_list_page_makes_the_same_queries_whatever_its_size(
    client, world, posts, django_assert_num_queries
):
    # Of each kind: a draft, a post awaiting review and a published one, so no list is empty.
    for n in range(posts):
        write(world.users["professor"], world.site, title=f"Borrador {n}")
        write(world.users["professor"], world.site, title=f"En revisión {n}", for_review=True)
        sent = write(world.users["professor"], world.site, title=f"Publicada {n}", for_review=True)
        services.approve(by=world.users["regional"], post=sent)
    client.force_login(world.users["site"])
    client.get(reverse("practices:post_list"))  # session and scope warm
    client.force_login(world.users["professor"])
    client.get(reverse("practices:post_list"))

    with django_assert_num_queries(QUERIES_LIST_PAGE_PROFESSOR):
        client.get(reverse("practices:post_list"))
    client.force_login(world.users["site"])
    with django_assert_num_queries(QUERIES_LIST_PAGE_COORDINATOR):
        client.get(reverse("practices:post_list"))


QUERIES_LIST_PAGE_PROFESSOR = 6
QUERIES_LIST_PAGE_COORDINATOR = 11
