"""Open Badges 2.0 documents for course certificates, hosted at our own addresses.

Plain data in, dicts out, ready for `json.dumps`: the views that serve them
look the rows up and answer with `application/ld+json`. Three documents make a
badge, each at a stable URL under the site's base address:

- the issuer `Profile` at `/insignias/emisor.json`;
- one `BadgeClass` per course at `/insignias/cursos/<course id>.json`;
- one `Assertion` per certificate at `/insignias/<certificate code>.json`, which
  answers 410 Gone with `revoked_assertion()` once the certificate is revoked.

Verification is "hosted" (Open Badges 2.0, HostedBadge verification): a
verifier fetches the assertion's `id` and trusts it because it lives on the
same origin as the issuer profile's `id`. The issuer declares no `verification`
policy, so that default rule applies; the three URLs are therefore built from
one base address and must not be split across hosts.
"""

import datetime
import hashlib
import zoneinfo
from urllib.parse import quote, urlsplit

from edusalud.training.facts import CertificateFacts

CONTEXT = "https://w3id.org/openbadges/v2"

# The civil time zone of the certificates' dates: the one the institution works in.
ISSUE_TIME_ZONE = zoneinfo.ZoneInfo("America/Mexico_City")


def issuer_url(base_url: str) -> str:
    return f"{_root(base_url)}/insignias/emisor.json"


def badge_class_url(base_url: str, course_id: int) -> str:
    return f"{_root(base_url)}/insignias/cursos/{course_id}.json"


def assertion_url(base_url: str, code: str) -> str:
    # Quote the code: whatever it holds stays one path segment on our origin.
    return f"{_root(base_url)}/insignias/{quote(code, safe='')}.json"


def badge_image_url(base_url: str) -> str:
    return f"{_root(base_url)}/static/training/badge.svg"


def identity_hash(identity: str, salt: str) -> str:
    """The Open Badges IdentityHash of a recipient's identity: sha256 of identity + salt."""
    digest = hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def issuer_profile(*, base_url: str, name: str, email: str) -> dict:
    """The issuer's Profile: id, type, name, url and email are required for an issuer."""
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(base_url),
        "name": name,
        "url": base_url,
        "email": email,
    }


def badge_class(
    *,
    base_url: str,
    course_id: int,
    title: str,
    description: str,
    hours: int,
    areas: list[str],
) -> dict:
    """The BadgeClass of a course, with Spanish criteria and the competency areas as tags.

    A blank description falls back to the criteria's sentence: Open Badges
    requires one, and a course may have been created without it.
    """
    narrative = f"Concluir y aprobar el curso «{title}» ({_hours_text(hours)})."
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(base_url, course_id),
        "name": title,
        "description": description.strip() or narrative,
        "image": badge_image_url(base_url),
        "criteria": {"narrative": narrative},
        "issuer": issuer_url(base_url),
        "tags": list(areas),
    }


def assertion(
    *,
    base_url: str,
    facts: CertificateFacts,
    course_id: int,
    recipient_email: str | None,
    salt: str,
) -> dict:
    """The hosted Assertion of one certificate.

    The recipient is always hashed with the salt, so the public document does
    not disclose who holds the badge; a backpack or verifier that knows the
    identity recomputes the hash. `salt` must be a per-certificate random
    string, stored with the certificate: an unsalted or shared-salt hash of an
    e-mail address is reversed by hashing lists of addresses.

    With an e-mail address (type "email"), the identity is that address
    trimmed and in lower case: the form people and backpacks are most likely
    to present it in, since addresses are matched case-insensitively in
    practice. A verifier must hash the address in lower case too.

    Without one, Open Badges 2.0 still requires a recipient IdentityObject, and
    its only identifier types are email, url and telephone. The identity is
    then the certificate's own verification page (type "url"): a stable
    address that belongs to this person's certificate alone and that the
    person holds, since it is printed on the certificate and in its QR. Anyone
    holding the certificate can confirm the recipient by hashing that address
    with the salt. No backpack will match it to an account: that needs an
    e-mail address.

    The person's name is not included: Open Badges 2.0 has no core property
    for it, and the hashed identity is what keeps the document anonymous.
    """
    if not salt:
        raise ValueError("An Open Badges recipient needs a salt to hash its identity.")
    if recipient_email is not None and recipient_email.strip():
        identity_type, identity = "email", recipient_email.strip().lower()
    else:
        identity_type, identity = "url", facts.verify_url
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(base_url, facts.code),
        "recipient": {
            "type": identity_type,
            "hashed": True,
            "salt": salt,
            "identity": identity_hash(identity, salt),
        },
        "badge": badge_class_url(base_url, course_id),
        "verification": {"type": "hosted"},
        "issuedOn": issued_on_timestamp(facts.issued_on),
        "evidence": {
            "id": facts.verify_url,
            "name": f"Constancia {facts.code}",
            "description": (
                f"Curso «{facts.course_title}», {_hours_text(facts.hours)}, "
                f"del {facts.starts_on.isoformat()} al {facts.ends_on.isoformat()}, "
                f"{facts.place}. Expide: {facts.issuer}."
            ),
        },
    }


def issued_on_timestamp(issued_on: datetime.date) -> str:
    """The issue date as the ISO 8601 datetime Open Badges requires, with its offset.

    Midnight in Mexico City, not UTC midnight: the certificate's date is a
    Mexican civil date, and UTC midnight is 18:00 of the day before there, so
    displayers that convert to local time would print the previous day.
    Midnight is the first instant of the issue day, so an assertion built on
    that day is never dated in the future (verifiers reject those). Viewers
    west of Mexico City converting to their own zone still see the day before;
    the date in the text itself is always right.
    """
    midnight = datetime.datetime.combine(issued_on, datetime.time(), tzinfo=ISSUE_TIME_ZONE)
    return midnight.isoformat()


def revoked_assertion(*, base_url: str, code: str, reason: str) -> dict:
    """What a revoked certificate's assertion URL answers, with HTTP status 410 Gone.

    Open Badges 2.0 requires only `id` and `revoked` for a revoked hosted
    assertion; the reason is optional, so a blank one is left out.
    """
    document = {
        "@context": CONTEXT,
        "id": assertion_url(base_url, code),
        "revoked": True,
    }
    if reason.strip():
        document["revocationReason"] = reason.strip()
    return document


def _hours_text(hours: int) -> str:
    return "1 hora" if hours == 1 else f"{hours} horas"


def _root(base_url: str) -> str:
    # Hosted verification needs HTTP(S) ids on the issuer's origin: fail early on anything else.
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Open Badges need an absolute http(s) base URL, not {base_url!r}.")
    return base_url.rstrip("/")
