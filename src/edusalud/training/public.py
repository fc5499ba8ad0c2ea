"""Pages anyone may open without signing in: a certificate's verification and its Open Badges.

They say whether a certificate is valid and what it certifies, nothing else
about the person. Lookups are counted per client address, so that codes
cannot be guessed by trying many (settings.CERTIFICATE_LOOKUPS_PER_MINUTE).
"""

import hashlib
import hmac

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from edusalud.core.ratelimit import allow, client_address
from edusalud.training import badges, selectors
from edusalud.training.forms import VerifyForm
from edusalud.training.models import Course

OPEN_BADGES_JSON = "application/ld+json"


def _counted(request) -> HttpResponse | None:
    """A 429 page once the client has looked up too many codes this minute."""
    if allow(
        f"verify:{client_address(request)}",
        limit=settings.CERTIFICATE_LOOKUPS_PER_MINUTE,
        window_seconds=60,
    ):
        return None
    response = render(request, "training/verify_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def verify_form(request):
    """Where someone types the code printed on a certificate."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("training:verify", code=form.cleaned_data["code"].strip().upper())
    return render(request, "training/verify_form.html", {"form": form})


def verify(request, code: str):
    limited = _counted(request)
    if limited:
        return limited
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return render(request, "training/verify_not_found.html", status=404)
    return render(request, "training/verify.html", {"certificate": certificate})


def _site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def _salt(code: str) -> str:
    # Derived, not stored: the same assertion every time, unguessable without the key.
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()[:16]


@cache_control(max_age=300, public=True)
def assertion(request, code: str):
    """The certificate as an Open Badges 2.0 hosted assertion; 410 once revoked."""
    limited = _counted(request)
    if limited:
        return limited
    certificate = selectors.certificate_by_code(code)
    if certificate is None or certificate.code != code:
        raise Http404
    if certificate.is_revoked:
        body = badges.revoked_assertion(
            base_url=_site_url(), code=certificate.code, reason=certificate.revocation_reason
        )
        return JsonResponse(body, status=410, content_type=OPEN_BADGES_JSON)
    person = certificate.participation.person
    body = badges.assertion(
        base_url=_site_url(),
        facts=selectors.facts_of(certificate, site_url=_site_url()),
        course_id=certificate.participation.edition.course_id,
        recipient_email=person.email or None,
        salt=_salt(certificate.code),
    )
    return JsonResponse(body, content_type=OPEN_BADGES_JSON)


@cache_control(max_age=300, public=True)
def badge_class(request, pk: int):
    course = get_object_or_404(Course.objects.prefetch_related("areas"), pk=pk)
    body = badges.badge_class(
        base_url=_site_url(),
        course_id=course.pk,
        title=course.title,
        # Spanish, like the certificate: an official document, not a page in the user's language.
        description=course.description or f"Curso de {course.hours} horas.",
        hours=course.hours,
        areas=[a.name_es for a in course.areas.all()],
    )
    return JsonResponse(body, content_type=OPEN_BADGES_JSON)


@cache_control(max_age=300, public=True)
def issuer(request):
    body = badges.issuer_profile(
        base_url=_site_url(),
        name=settings.CERTIFICATE_ISSUER,
        email=settings.CERTIFICATE_ISSUER_EMAIL,
    )
    return JsonResponse(body, content_type=OPEN_BADGES_JSON)
