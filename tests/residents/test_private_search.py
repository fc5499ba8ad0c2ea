"""Searching residents by CURP never puts the CURP in a URL (logs, history, Referer)."""

from django.test import Client
from django.urls import reverse

LIST = "residents:enrolment_list"


def search(client, text: str, **filters):
    return client.post(reverse(LIST), {"q": text, **filters})


def test_a_curp_search_redirects_to_a_url_without_it_and_finds_the_person(client, world):
    curp = world.classmate.person.curp
    client.force_login(world.users["site"])

    response = search(client, curp, status="all")

    assert response.status_code == 302
    assert curp not in response.url
    assert "status=all" in response.url
    page = client.get(response.url)
    assert list(page.context["page"]) == [world.classmate]
    assert page.context["form"]["q"].value() == curp  # shown in the box, not the address


def test_the_export_of_a_searched_list_holds_the_same_rows(client, world):
    client.force_login(world.users["site"])
    url = search(client, world.classmate.person.curp).url
    token = url.split("b=")[1].split("&")[0]

    content = client.get(reverse("exchange:export", args=["residentes"]), {"b": token}).content

    assert world.classmate.person.curp.encode() in content
    assert world.enrolment.person.curp.encode() not in content


def test_a_token_of_another_session_searches_nothing(client, world):
    client.force_login(world.users["site"])
    url = search(client, world.classmate.person.curp).url
    other = Client()
    other.force_login(world.users["site"])

    page = other.get(url)

    assert len(page.context["page"]) == 2  # the whole site: the search did not travel


def test_a_search_typed_into_the_url_is_ignored(client, world):
    client.force_login(world.users["site"])

    page = client.get(reverse(LIST), {"q": world.classmate.person.curp})

    assert len(page.context["page"]) == 2
