"""Open Badges 2.0 hosted documents, checked against the rules of the 2.0 specification.

The rules below are transcribed from the IMS Open Badges 2.0 specification
(Assertion, BadgeClass, Profile, IdentityObject, VerificationObject,
primitive datatypes, HostedBadge verification and revocation) and from the
checks of IMS's reference validator (openbadges-validator-core 1.1.2). That
validator is not used here: its pinned dependencies do not import on Python
3.11 and would downgrade click and jsonschema in our environment.
"""

import dataclasses
import datetime
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

import edusalud
from edusalud.training.badges import (
    assertion,
    badge_class,
    issuer_profile,
    revoked_assertion,
)
from edusalud.training.facts import CertificateFacts

BASE_URL = "https://edusalud.example.gob.mx"
CONTEXT = "https://w3id.org/openbadges/v2"
FACTS = CertificateFacts(
    code="K7Q2-XM4P-9TZL",
    person_name="Ana López Pérez",
    course_title="Reanimación neonatal",
    hours=40,
    starts_on=datetime.date(2025, 3, 3),
    ends_on=datetime.date(2025, 3, 7),
    areas=("Urgencias", "Pediatría"),
    issuer="Coordinación de Educación en Salud",
    place="Hospital General Regional 1",
    issued_on=datetime.date(2025, 3, 14),
    verify_url=f"{BASE_URL}/constancias/verificar/K7Q2-XM4P-9TZL/",
)
SALT = "s4lt-7f3a"

# What a recipient IdentityObject may identify by (spec: Profile Identifier Properties).
IDENTITY_TYPES = {"email", "url", "telephone"}
# Spec, primitive datatypes: IdentityHash is "<algorithm>$<hex digest>", md5 or sha256.
IDENTITY_HASH = re.compile(r"^(md5\$[0-9a-fA-F]{32}|sha256\$[0-9a-fA-F]{64})$")
# Spec, DateTime: date, "T", time and a time zone indicator (Z or an offset).
DATETIME_WITH_ZONE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$"
)


def _issuer() -> dict:
    return issuer_profile(
        base_url=BASE_URL, name="Coordinación de Educación en Salud", email="cursos@example.gob.mx"
    )


def _badge_class(**overrides) -> dict:
    arguments = {
        "base_url": BASE_URL,
        "course_id": 12,
        "title": "Reanimación neonatal",
        "description": "Curso teórico-práctico de reanimación del recién nacido.",
        "hours": 40,
        "areas": ["Urgencias", "Pediatría"],
    } | overrides
    return badge_class(**arguments)


def _assertion(*, recipient_email: str | None = "ana.lopez@example.mx", **overrides) -> dict:
    arguments = {
        "base_url": BASE_URL,
        "facts": FACTS,
        "course_id": 12,
        "recipient_email": recipient_email,
        "salt": SALT,
    } | overrides
    return assertion(**arguments)


# The specification's rules, as a checker that lists every violation it finds.


def _is_http_url(value) -> bool:
    # Spec: URL/IRI "fully qualified ... only http or https"; hosted ids must be HTTP(S).
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _types(document: dict) -> list:
    value = document.get("type")
    return value if isinstance(value, list) else [value]


def _origin(url: str) -> str:
    # The validator compares the RFC 3986 authority: host and port.
    return urlsplit(url).netloc


def _violations(document: dict, kind: str) -> list[str]:
    found = []
    if document.get("@context") != CONTEXT:
        found.append("@context is not the Open Badges 2.0 context")
    if not _is_http_url(document.get("id")):
        found.append("id is not an HTTP(S) IRI")
    if kind == "Issuer":
        if not {"Issuer", "Profile"} & set(_types(document)):
            found.append("type has neither Issuer nor Profile")
        if not _is_text(document.get("name")):
            found.append("name missing")
        if not _is_http_url(document.get("url")):
            found.append("url is not an HTTP(S) URL")
        if not re.fullmatch(r"[^@\s]+@[^@\s]+", str(document.get("email", ""))):
            found.append("email missing or malformed")
    elif kind == "BadgeClass":
        if "BadgeClass" not in _types(document):
            found.append("type lacks BadgeClass")
        for text_property in ("name", "description"):
            if not _is_text(document.get(text_property)):
                found.append(f"{text_property} missing")
        image = document.get("image")
        image = image.get("id") if isinstance(image, dict) else image
        if not (_is_http_url(image) or str(image).startswith("data:image/")):
            found.append("image is neither a URL nor a data URI")
        criteria = document.get("criteria")
        if isinstance(criteria, dict):
            # Embedded criteria need an external id or a narrative.
            if not (_is_http_url(criteria.get("id")) or _is_text(criteria.get("narrative"))):
                found.append("criteria has neither id nor narrative")
        elif not _is_http_url(criteria):
            found.append("criteria missing")
        if not _is_http_url(document.get("issuer")):
            found.append("issuer is not the HTTP(S) id of a Profile")
        tags = document.get("tags", [])
        if not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
            found.append("tags are not a list of text")
    elif kind == "Assertion":
        if "Assertion" not in _types(document):
            found.append("type lacks Assertion")
        recipient = document.get("recipient")
        if not isinstance(recipient, dict):
            found.append("recipient is not an IdentityObject")
        else:
            if recipient.get("type") not in IDENTITY_TYPES:
                found.append("recipient type is not an identifier property")
            if not isinstance(recipient.get("hashed"), bool):
                found.append("recipient hashed is not a boolean")
            identity = recipient.get("identity")
            if not isinstance(identity, str):
                found.append("recipient identity missing")
            elif recipient.get("hashed") != bool(IDENTITY_HASH.match(identity)):
                found.append("recipient identity does not agree with hashed")
            if "salt" in recipient and not isinstance(recipient["salt"], str):
                found.append("recipient salt is not text")
        if not _is_http_url(document.get("badge")):
            found.append("badge is not the HTTP(S) id of a BadgeClass")
        verification = document.get("verification")
        if not isinstance(verification, dict) or verification.get("type") not in (
            "hosted",
            "HostedBadge",
        ):
            found.append("verification is not hosted")
        issued_on = document.get("issuedOn")
        if not (isinstance(issued_on, str) and DATETIME_WITH_ZONE.match(issued_on)):
            found.append("issuedOn is not an ISO 8601 datetime with a time zone")
        evidence = document.get("evidence")
        if evidence is not None:
            evidence_id = evidence.get("id") if isinstance(evidence, dict) else evidence
            if not _is_http_url(evidence_id):
                found.append("evidence is not an HTTP(S) IRI")
    return found


def _hosted_violations(issuer: dict, badge: dict, hosted: dict) -> list[str]:
    # Spec, HostedBadge verification: with no `verification` in the issuer Profile, the
    # Assertion (and the BadgeClass) must be on the issuer id's origin; a declared policy
    # narrows it to `allowedOrigins` and to ids that start with one of `startsWith`.
    policy = issuer.get("verification") or {}
    allowed = policy.get("allowedOrigins", _origin(issuer["id"]))
    allowed = allowed if isinstance(allowed, list) else [allowed]
    starts_with = policy.get("startsWith", [])
    starts_with = starts_with if isinstance(starts_with, list) else [starts_with]
    found = []
    for document in (badge, hosted):
        if _origin(document["id"]) not in allowed:
            found.append(f"{document['id']} is outside the origins {allowed}")
    if starts_with and not any(hosted["id"].startswith(prefix) for prefix in starts_with):
        found.append(f"{hosted['id']} starts with none of {starts_with}")
    if hosted["badge"] != badge["id"] or badge["issuer"] != issuer["id"]:
        found.append("the assertion, badge class and issuer do not link to one another")
    return found


def _round_trip(document: dict) -> dict:
    return json.loads(json.dumps(document, ensure_ascii=False))


# The checker itself: it must see broken documents, or the tests below prove nothing.


@pytest.mark.parametrize(
    ("kind", "document", "violation"),
    [
        ("Issuer", _issuer() | {"email": "no-es-correo"}, "email missing or malformed"),
        ("BadgeClass", _badge_class() | {"criteria": {}}, "criteria has neither id nor narrative"),
        ("Assertion", _assertion() | {"issuedOn": "2025-03-14"}, "issuedOn is not an ISO 8601"),
        (
            "Assertion",
            _assertion()
            | {"recipient": {"type": "email", "hashed": True, "identity": "sha256$ab"}},
            "recipient identity does not agree with hashed",
        ),
        ("Assertion", _assertion() | {"verification": {"type": "signed"}}, "verification is not"),
    ],
)
def test_violations_catch_a_broken_document(kind, document, violation):
    found = _violations(document, kind)

    assert found
    assert any(message.startswith(violation) for message in found)


def test_hosted_violations_catch_an_assertion_on_another_origin():
    hosted = _assertion()
    hosted["id"] = hosted["id"].replace("edusalud.example.gob.mx", "otro.example.gob.mx")

    found = _hosted_violations(_issuer(), _badge_class(), hosted)

    assert found == [f"{hosted['id']} is outside the origins ['edusalud.example.gob.mx']"]


# The documents.


def test_issuer_profile_has_the_properties_an_issuer_requires():
    issuer = _issuer()

    assert _violations(issuer, "Issuer") == []
    assert issuer == {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": f"{BASE_URL}/insignias/emisor.json",
        "name": "Coordinación de Educación en Salud",
        "url": BASE_URL,
        "email": "cursos@example.gob.mx",
    }


def test_issuer_profile_declares_no_verification_policy_so_its_origin_rules():
    # A policy would override the same-origin default the hosted assertions rely on.
    assert "verification" not in _issuer()


def test_badge_class_is_valid_and_links_image_criteria_and_issuer():
    badge = _badge_class()

    assert _violations(badge, "BadgeClass") == []
    assert badge["id"] == f"{BASE_URL}/insignias/cursos/12.json"
    assert badge["name"] == "Reanimación neonatal"
    assert badge["image"] == f"{BASE_URL}/static/training/badge.svg"
    assert badge["criteria"] == {
        "narrative": "Concluir y aprobar el curso «Reanimación neonatal» (40 horas)."
    }
    assert badge["issuer"] == _issuer()["id"]
    assert badge["tags"] == ["Urgencias", "Pediatría"]


def test_badge_class_of_one_hour_says_hora():
    badge = _badge_class(title="Lavado de manos", hours=1)

    assert (
        badge["criteria"]["narrative"] == "Concluir y aprobar el curso «Lavado de manos» (1 hora)."
    )


def test_badge_class_without_description_uses_the_criteria():
    badge = _badge_class(description="  ")

    assert _violations(badge, "BadgeClass") == []
    assert badge["description"] == badge["criteria"]["narrative"]


def test_badge_class_without_areas_has_empty_tags():
    badge = _badge_class(areas=[])

    assert _violations(badge, "BadgeClass") == []
    assert badge["tags"] == []


def test_badge_image_is_a_small_valid_svg():
    path = Path(edusalud.__file__).parent / "static" / "training" / "badge.svg"

    root = ElementTree.parse(path).getroot()

    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert path.stat().st_size < 4096
    text = path.read_text(encoding="utf-8")
    assert "#285C4D" in text
    assert "#B38E5D" in text
    assert ">edusalud</text>" in text


def test_assertion_with_email_is_valid_and_hosted_on_the_issuer_origin():
    hosted = _assertion()

    assert _violations(hosted, "Assertion") == []
    assert _hosted_violations(_issuer(), _badge_class(), hosted) == []
    assert hosted["id"] == f"{BASE_URL}/insignias/K7Q2-XM4P-9TZL.json"
    assert hosted["badge"] == f"{BASE_URL}/insignias/cursos/12.json"
    assert hosted["verification"] == {"type": "hosted"}
    assert hosted["evidence"]["id"] == FACTS.verify_url


def test_assertion_recipient_is_the_salted_sha256_of_the_email():
    hosted = _assertion(recipient_email="ana.lopez@example.mx")

    # Digest computed apart: printf '%s' 'ana.lopez@example.mxs4lt-7f3a' | sha256sum
    assert hosted["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": SALT,
        "identity": "sha256$710a8ef4fe59bcf7af6762c93e9580cd350426a1a6bac61544eb5d979df3e701",
    }


def test_assertion_hashes_the_email_trimmed_and_in_lower_case():
    assert (
        _assertion(recipient_email=" Ana.Lopez@Example.MX ")["recipient"]
        == (_assertion(recipient_email="ana.lopez@example.mx")["recipient"])
    )


@pytest.mark.parametrize("recipient_email", [None, "", "   "])
def test_assertion_without_email_identifies_the_recipient_by_the_verification_page(
    recipient_email,
):
    hosted = _assertion(recipient_email=recipient_email)

    assert _violations(hosted, "Assertion") == []
    # Digest computed apart: printf '%s' "$verify_url"'s4lt-7f3a' | sha256sum
    assert hosted["recipient"] == {
        "type": "url",
        "hashed": True,
        "salt": SALT,
        "identity": "sha256$bdca9aeeaec20aeebf277837c292fc338e82c52c705ac7fa467b103caf36129c",
    }


def test_assertion_does_not_disclose_the_person():
    text = json.dumps(_assertion(), ensure_ascii=False)

    assert FACTS.person_name not in text
    assert "López" not in text
    assert "ana.lopez@example.mx" not in text


def test_assertion_without_salt_is_refused():
    with pytest.raises(ValueError, match="salt"):
        _assertion(salt="")


def test_assertion_is_dated_at_midnight_in_mexico_city():
    issued_on = _assertion()["issuedOn"]

    assert issued_on == "2025-03-14T00:00:00-06:00"


def test_assertion_issue_instant_falls_on_the_issue_day_in_mexico_and_not_after_it():
    issued_at = datetime.datetime.fromisoformat(_assertion()["issuedOn"])

    mexico = issued_at.astimezone(datetime.timezone(datetime.timedelta(hours=-6)))
    assert mexico.date() == FACTS.issued_on
    # Verifiers reject an issue date in the future: it must not follow the start of the day.
    assert mexico.time() == datetime.time(0, 0)


def test_revoked_assertion_has_the_properties_a_revoked_hosted_assertion_requires():
    revoked = revoked_assertion(base_url=BASE_URL, code=FACTS.code, reason="Emitida por error.")

    assert revoked == {
        "@context": CONTEXT,
        "id": _assertion()["id"],
        "revoked": True,
        "revocationReason": "Emitida por error.",
    }


def test_revoked_assertion_without_reason_leaves_it_out():
    revoked = revoked_assertion(base_url=BASE_URL, code=FACTS.code, reason=" ")

    assert revoked == {"@context": CONTEXT, "id": _assertion()["id"], "revoked": True}


@pytest.mark.parametrize(
    "base_url", ["edusalud.example.gob.mx", "ftp://edusalud.example.gob.mx", ""]
)
def test_documents_refuse_a_base_url_that_is_not_http(base_url):
    with pytest.raises(ValueError, match="http"):
        _badge_class(base_url=base_url)


@pytest.mark.parametrize("base_url", [f"{BASE_URL}/", "http://localhost:8000"])
def test_documents_from_any_base_url_stay_on_one_origin(base_url):
    issuer = issuer_profile(base_url=base_url, name="CES", email="cursos@example.gob.mx")
    badge = _badge_class(base_url=base_url)
    hosted = _assertion(base_url=base_url)

    assert _hosted_violations(issuer, badge, hosted) == []
    assert "//insignias" not in hosted["id"]


def test_documents_survive_a_json_round_trip():
    documents = [
        _issuer(),
        _badge_class(),
        _assertion(),
        _assertion(recipient_email=None),
        revoked_assertion(base_url=BASE_URL, code=FACTS.code, reason="Emitida por error."),
    ]

    assert [_round_trip(document) for document in documents] == documents


# Properties over any input.

CODES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30
)
EMAILS = st.emails()
SALTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1)


@given(email=EMAILS, salt=SALTS)
def test_recipient_hash_is_recomputed_from_the_email_and_salt(email, salt):
    recipient = _assertion(recipient_email=email, salt=salt)["recipient"]

    expected = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert recipient["salt"] == salt
    assert IDENTITY_HASH.match(recipient["identity"])


@given(code=CODES, verify_path=st.from_regex(r"/[a-z0-9/-]{0,40}", fullmatch=True), salt=SALTS)
def test_any_certificate_code_gives_a_valid_assertion_on_the_issuer_origin(code, verify_path, salt):
    facts = dataclasses.replace(FACTS, code=code, verify_url=BASE_URL + verify_path)

    hosted = _assertion(facts=facts, recipient_email=None, salt=salt)

    assert _violations(hosted, "Assertion") == []
    assert _hosted_violations(_issuer(), _badge_class(), hosted) == []
    # The code stays one path segment: no slash, query or fragment can move the id elsewhere.
    path = urlsplit(hosted["id"]).path
    assert path.startswith("/insignias/")
    assert "/" not in path.removeprefix("/insignias/")
    assert urlsplit(hosted["id"]).query == ""
    assert urlsplit(hosted["id"]).fragment == ""
    expected = hashlib.sha256((facts.verify_url + salt).encode()).hexdigest()
    assert hosted["recipient"]["identity"] == f"sha256${expected}"
    assert _round_trip(hosted) == hosted


@given(issued_on=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1)))
def test_issued_on_is_an_iso_datetime_with_zone_on_the_issue_day(issued_on):
    facts = dataclasses.replace(FACTS, issued_on=issued_on)

    text = _assertion(facts=facts)["issuedOn"]

    assert DATETIME_WITH_ZONE.match(text)
    parsed = datetime.datetime.fromisoformat(text)
    assert parsed.date() == issued_on
    assert parsed.time() == datetime.time(0, 0)
    assert parsed.utcoffset() in (datetime.timedelta(hours=-6), datetime.timedelta(hours=-5))
