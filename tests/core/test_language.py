import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_spanish_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == "es-mx"
    assert "Entrar" in response.content.decode()


def test_english_once_chosen_with_the_selector(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("login"))

    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    response = client.get(reverse("login"))

    assert response["Content-Language"] == "es-mx"


def test_the_stylesheet_and_chart_library_are_served_from_our_own_static_files(client):
    for path in ("css/edusalud.css", "vendor/chart.umd.min.js", "vendor/htmx.min.js"):
        response = client.get(static(path))
        content = b"".join(response.streaming_content)
        response.close()

        assert (response.status_code, len(content) > 1000) == (200, True), path
