"""What anyone sees without signing in: published practices only, escaped, and the Atom feed."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from edusalud.practices import services
from edusalud.practices.models import PostStatus
from tests.practices.posts import publish, write

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def every_status(world):
    """One post in each status, some at another region's site: only one is published."""
    professor, other = world.users["professor"], world.users["other_site"]
    write(professor, world.site, title="Borrador privado")
    write(professor, world.site, title="En revisión", for_review=True)
    write(other, world.foreign_site, title="De otra región en revisión", for_review=True)
    returned = write(professor, world.site, title="Devuelta", for_review=True)
    services.return_to_author(by=world.users["site"], post=returned, comment="Más datos.")
    withdrawn = publish(world, title="Retirada")
    services.withdraw(by=world.users["site"], post=withdrawn, reason="Datos de un paciente.")
    return publish(world, title="Publicada")


def _feed(client) -> ET.Element:
    response = client.get(reverse("practices:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_the_public_page_shows_published_posts_only(client, every_status):
    response = client.get(reverse("practices:public_list"))

    assert response.status_code == 200
    assert [p.title for p in response.context["page"]] == ["Publicada"]
    page = response.content.decode()
    for hidden in ("Borrador privado", "En revisión", "Devuelta", "Retirada", "Más datos."):
        assert hidden not in page


def test_a_post_not_published_has_no_public_page(client, world, every_status):
    withdrawn = world.site.practice_posts.get(title="Retirada")

    published = client.get(reverse("practices:public_detail", args=[every_status.slug]))
    gone = client.get(reverse("practices:public_detail", args=[withdrawn.slug]))
    unknown = client.get(reverse("practices:public_detail", args=["no-existe"]))

    assert published.status_code == 200
    assert "Publicada" in published.content.decode()
    assert (gone.status_code, unknown.status_code) == (404, 404)


def test_what_authors_write_is_shown_as_text_never_as_markup(client, world):
    post = publish(
        world,
        title='<script>alert("t")</script>',
        summary="<img src=x onerror=alert(1)>",
        body="Primer párrafo <b>sin negritas</b>.\n\nSegundo párrafo.",
        author_name="<i>Dr.</i> Ruiz",
    )

    pages = [
        client.get(reverse("practices:public_list")).content.decode(),
        client.get(reverse("practices:public_detail", args=[post.slug])).content.decode(),
    ]

    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<i>Dr.</i>" not in page
        assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in page
    assert "<p>Primer párrafo &lt;b&gt;sin negritas&lt;/b&gt;.</p>" in pages[1]
    assert "<p>Segundo párrafo.</p>" in pages[1]


def test_the_public_page_is_paginated_by_twenty_newest_first(client, world):
    for n in range(23):
        publish(world, title=f"Práctica {n:02d}")

    first = client.get(reverse("practices:public_list"))
    second = client.get(reverse("practices:public_list"), {"page": 2})

    assert len(first.context["page"]) == 20
    assert first.context["page"][0].title == "Práctica 22"
    assert [p.title for p in second.context["page"]] == [
        "Práctica 02",
        "Práctica 01",
        "Práctica 00",
    ]


@pytest.mark.parametrize("posts", [3, 15])
def test_the_public_page_makes_the_same_queries_whatever_its_size(
    client, world, posts, django_assert_num_queries
):
    for n in range(posts):
        publish(world, title=f"Práctica {n}")

    # A count, the page of posts with their sites, and their competency areas.
    with django_assert_num_queries(3):
        response = client.get(reverse("practices:public_list"))

    assert len(response.context["page"]) == posts


@pytest.mark.parametrize("posts", [3, 15])
def test_the_feed_makes_the_same_queries_whatever_its_size(
    client, world, posts, django_assert_num_queries
):
    for n in range(posts):
        publish(world, title=f"Práctica {n}")

    with django_assert_num_queries(2):
        client.get(reverse("practices:feed"))


def test_the_public_pages_and_the_feed_need_no_sign_in(client, approved):
    for url in (
        reverse("practices:public_list"),
        reverse("practices:public_detail", args=[approved.slug]),
        reverse("practices:feed"),
    ):
        assert client.get(url).status_code == 200


def test_the_feed_is_atom_with_the_published_posts_only(client, every_status):
    feed = _feed(client)

    entries = feed.findall(f"{ATOM}entry")
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title")
    assert feed.findtext(f"{ATOM}subtitle")
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver" + reverse("practices:public_list")
    )
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver" + reverse("practices:feed")
    )
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Publicada"]


def test_a_feed_entry_carries_what_the_campaign_publishes(client, world):
    post = publish(world, title="Simulación de parto", summary="Un resumen <breve>.")

    entry = _feed(client).find(f"{ATOM}entry")

    summary = entry.find(f"{ATOM}summary")
    assert (summary.text, summary.get("type")) == ("Un resumen <breve>.", "text")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Dr. Héctor Villaseñor Ruiz"
    assert entry.find(f"{ATOM}link").get("href") == (
        "http://testserver" + reverse("practices:public_detail", args=[post.slug])
    )
    assert entry.findtext(f"{ATOM}id") == entry.find(f"{ATOM}link").get("href")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Toma de decisiones"]
    assert entry.findtext(f"{ATOM}published").startswith(
        post.reviewed_at.strftime("%Y-%m-%dT%H:%M:%S")
    )


def test_the_feed_holds_the_latest_fifty_with_unique_ids(client, world):
    for n in range(52):
        publish(world, title=f"Práctica {n:02d}")

    entries = _feed(client).findall(f"{ATOM}entry")

    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(entries) == 50
    assert len(set(ids)) == 50
    assert entries[0].findtext(f"{ATOM}title") == "Práctica 51"
    assert entries[-1].findtext(f"{ATOM}title") == "Práctica 02"


def test_a_withdrawn_post_leaves_the_feed(client, world, approved):
    before = [e.findtext(f"{ATOM}title") for e in _feed(client).findall(f"{ATOM}entry")]

    services.withdraw(by=world.users["regional"], post=approved, reason="Lo pidió el autor.")

    after = _feed(client).findall(f"{ATOM}entry")
    assert before == [approved.title]
    assert after == []
    approved.refresh_from_db()
    assert approved.status == PostStatus.WITHDRAWN


def test_the_feed_is_spanish_whatever_the_readers_language(client, approved, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english_reader = _feed(client)
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    spanish_reader = _feed(client)

    assert english_reader.findtext(f"{ATOM}title") == "Buenas prácticas docentes"
    assert spanish_reader.findtext(f"{ATOM}title") == "Buenas prácticas docentes"
    assert english_reader.findtext(f"{ATOM}subtitle") == spanish_reader.findtext(f"{ATOM}subtitle")
    assert english_reader.get("{http://www.w3.org/XML/1998/namespace}lang") == "es-mx"


def test_feedparser_reads_the_feed_as_valid_atom(client, world):
    feedparser = pytest.importorskip("feedparser")
    publish(world, title="Simulación de parto", summary="Un resumen <breve>.")

    parsed = feedparser.parse(client.get(reverse("practices:feed")).content)

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == ["Simulación de parto"]
    assert parsed.entries[0].summary_detail.type == "text/plain"
    assert parsed.entries[0].summary == "Un resumen <breve>."
    assert parsed.entries[0].author == "Dr. Héctor Villaseñor Ruiz"
    assert [t.term for t in parsed.entries[0].tags] == ["Toma de decisiones"]
