from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class SpanishFirstLocaleMiddleware:
    """Spanish unless the user chose another language with the language selector.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many
    hospital computers run English-language browsers; the institute works in
    Spanish, so only an explicit choice (the language cookie) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateResponseMiddleware:
    """Nothing shown to a signed-in user is kept by a browser or proxy cache.

    Almost every page behind the login carries personal data (names, CURPs,
    figures of a scope); a shared hospital computer must not keep a copy.
    Static files are served before this by WhiteNoise and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
