"""Every URL of the project, every role, one table of expected status codes.

A new URL pattern without a row here fails test_every_url_pattern_has_a_row.
Targets are chosen to discriminate: each detail row points at an object that
some roles may see and others may not.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from edusalud.admissions.models import AdmissionCycle
from edusalud.exchange.models import ImportJob, ImportKind

ROLES = ["anonymous", "national", "regional", "site", "professor", "resident", "other_site"]

# Columns follow ROLES. 302 for "anonymous" always means "sent to the login page".
TABLE = {
    "dashboards:home": (
        "get",
        lambda w: reverse("dashboards:home"),
        [302, 302, 302, 302, 302, 302, 302],
    ),
    "login": ("get", lambda w: reverse("login"), [200, 302, 302, 302, 302, 302, 302]),
    "logout": ("post", lambda w: reverse("logout"), [302, 302, 302, 302, 302, 302, 302]),
    # Choosing a password by e-mail is open to anyone; the link proves who asks.
    "password_reset": ("get", lambda w: reverse("password_reset"), [200] * 7),
    "password_reset_done": ("get", lambda w: reverse("password_reset_done"), [200] * 7),
    # A made-up link: the page says it is not valid.
    "password_reset_confirm": (
        "get",
        lambda w: reverse("password_reset_confirm", args=["MQ", "no-es-un-token"]),
        [200] * 7,
    ),
    "password_reset_complete": ("get", lambda w: reverse("password_reset_complete"), [200] * 7),
    "set_language": (
        "post",
        lambda w: reverse("set_language"),
        [302, 302, 302, 302, 302, 302, 302],
    ),
    "catalog:site_list": (
        "get",
        lambda w: reverse("catalog:site_list"),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    # A site of the region, but not the site coordinator's nor the professor's.
    "catalog:site_detail": (
        "get",
        lambda w: reverse("catalog:site_detail", args=[w.sibling_site.clues]),
        [302, 200, 200, 404, 404, 404, 404],
    ),
    "catalog:specialty_list": (
        "get",
        lambda w: reverse("catalog:specialty_list"),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    # Specialties are reference data for every signed-in user.
    "catalog:specialty_detail": (
        "get",
        lambda w: reverse("catalog:specialty_detail", args=[w.programme.specialty.code]),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:programme_list": (
        "get",
        lambda w: reverse("catalog:programme_list"),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    # At the site coordinator's site, but not the professor's programme.
    "catalog:programme_detail": (
        "get",
        lambda w: reverse("catalog:programme_detail", args=[w.sibling_programme.pk]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    "residents:enrolment_list": (
        "get",
        lambda w: reverse("residents:enrolment_list"),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    "residents:resident_create": (
        "get",
        lambda w: reverse("residents:resident_create"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # A classmate at the same site: not the professor's programme, not the resident's record.
    "residents:person_detail": (
        "get",
        lambda w: reverse("residents:person_detail", args=[w.classmate.person_id]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    # The classmate's history: coordinators in scope only; residents read theirs in "my data".
    "residents:person_history": (
        "get",
        lambda w: reverse("residents:person_history", args=[w.classmate.person_id]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    # Cancellation requests: national coordinators only (the confirmation page).
    "residents:person_pseudonymise": (
        "get",
        lambda w: reverse("residents:person_pseudonymise", args=[w.classmate.person_id]),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    # Everyone has a profile and downloads their own data, and only theirs.
    "residents:profile": (
        "get",
        lambda w: reverse("residents:profile"),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    "residents:my_data": (
        "get",
        lambda w: reverse("residents:my_data"),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    "residents:enrolment_transition": (
        "post",
        lambda w: reverse("residents:enrolment_transition", args=[w.classmate.pk, "leave"]),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    "dashboards:national": (
        "get",
        lambda w: reverse("dashboards:national"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # The API answers 401 (not a redirect) without credentials.
    "dashboards:api_indicators": (
        "get",
        lambda w: reverse("dashboards:api_indicators"),
        [401, 200, 200, 200, 404, 404, 200],
    ),
    "account_lockouts": (
        "get",
        lambda w: reverse("account_lockouts"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # The professor of the resident's programme: in the site's and region's scope.
    "account_unlock": (
        "post",
        lambda w: reverse("account_unlock", args=[w.users["professor"].pk]),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    # Imports need the explicit permission (national, site, other_site have it).
    "exchange:import_list": (
        "get",
        lambda w: reverse("exchange:import_list"),
        [302, 200, 404, 200, 404, 404, 200],
    ),
    # The site coordinator's own job: nobody else sees it.
    "exchange:import_detail": (
        "get",
        lambda w: reverse("exchange:import_detail", args=[_job_of(w.users["site"]).pk]),
        [302, 404, 404, 200, 404, 404, 404],
    ),
    "exchange:import_confirm": (
        "post",
        lambda w: reverse("exchange:import_confirm", args=[_job_of(w.users["site"]).pk]),
        [302, 404, 404, 302, 404, 404, 404],
    ),
    # Every signed-in user may export the lists they can see, and only those rows.
    "exchange:export": (
        "get",
        lambda w: reverse("exchange:export", args=["residentes"]),
        [302, 200, 200, 200, 200, 200, 200],
    ),
    # Admissions run nationally: only national coordinators see the cycles.
    "admissions:cycle_list": (
        "get",
        lambda w: reverse("admissions:cycle_list"),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    # An applicant's own page: none of these users applied.
    "admissions:my_application": (
        "get",
        lambda w: reverse("admissions:my_application"),
        [302, 404, 404, 404, 404, 404, 404],
    ),
    "admissions:my_application_order": (
        "post",
        lambda w: reverse("admissions:my_application_order"),
        [302, 404, 404, 404, 404, 404, 404],
    ),
    "admissions:my_application_move": (
        "post",
        lambda w: reverse("admissions:my_application_move"),
        [302, 404, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_detail": (
        "get",
        lambda w: reverse("admissions:cycle_detail", args=[_cycle().year]),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    # An empty period form shows the page again with its errors; opening is refused, redirected.
    "admissions:cycle_period": (
        "post",
        lambda w: reverse("admissions:cycle_period", args=[_cycle().year]),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_open": (
        "post",
        lambda w: reverse("admissions:cycle_open", args=[_cycle().year]),
        [302, 302, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_invite": (
        "post",
        lambda w: reverse("admissions:cycle_invite", args=[_cycle().year]),
        [302, 302, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_match": (
        "post",
        lambda w: reverse("admissions:cycle_match", args=[_cycle().year]),
        [302, 302, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_progress": (
        "get",
        lambda w: reverse("admissions:cycle_progress", args=[_cycle().year]),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_publish": (
        "post",
        lambda w: reverse("admissions:cycle_publish", args=[_cycle().year]),
        [302, 302, 404, 404, 404, 404, 404],
    ),
    "admissions:cycle_files": (
        "get",
        lambda w: reverse("admissions:cycle_files", args=[_cycle().year]),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    # The admissions API: cycles for national coordinators (an empty list for others).
    "admissions:api-cycle-list": (
        "get",
        lambda w: reverse("admissions:api-cycle-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "admissions:api-cycle-detail": (
        "get",
        lambda w: reverse("admissions:api-cycle-detail", args=[_cycle().year]),
        [401, 200, 404, 404, 404, 404, 404],
    ),
    "admissions:api-position-list": (
        "get",
        lambda w: reverse("admissions:api-position-list", args=[_cycle().year]),
        [401, 200, 404, 404, 404, 404, 404],
    ),
    "admissions:api-applicant-list": (
        "get",
        lambda w: reverse("admissions:api-applicant-list", args=[_cycle().year]),
        [401, 200, 404, 404, 404, 404, 404],
    ),
    # No applicant has this folio: a 404 for everyone, as for any unknown row.
    "admissions:api-applicant-detail": (
        "get",
        lambda w: reverse("admissions:api-applicant-detail", args=[_cycle().year, "F000"]),
        [401, 404, 404, 404, 404, 404, 404],
    ),
    "admissions:api-result-list": (
        "get",
        lambda w: reverse("admissions:api-result-list", args=[_cycle().year]),
        [401, 200, 404, 404, 404, 404, 404],
    ),
    "admissions:api-my-application": (
        "get",
        lambda w: reverse("admissions:api-my-application"),
        [401, 404, 404, 404, 404, 404, 404],
    ),
    # API v1: the same scope as the pages; regions and specialties are reference data.
    "catalog:api-region-list": (
        "get",
        lambda w: reverse("catalog:api-region-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:api-region-detail": (
        "get",
        lambda w: reverse("catalog:api-region-detail", args=[w.other_region.code]),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:api-site-list": (
        "get",
        lambda w: reverse("catalog:api-site-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:api-site-detail": (
        "get",
        lambda w: reverse("catalog:api-site-detail", args=[w.sibling_site.clues]),
        [401, 200, 200, 404, 404, 404, 404],
    ),
    "catalog:api-specialty-list": (
        "get",
        lambda w: reverse("catalog:api-specialty-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:api-specialty-detail": (
        "get",
        lambda w: reverse("catalog:api-specialty-detail", args=[w.programme.specialty.code]),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:api-programme-list": (
        "get",
        lambda w: reverse("catalog:api-programme-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "catalog:api-programme-detail": (
        "get",
        lambda w: reverse("catalog:api-programme-detail", args=[w.sibling_programme.pk]),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    "residents:api-person-list": (
        "get",
        lambda w: reverse("residents:api-person-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "residents:api-person-detail": (
        "get",
        lambda w: reverse("residents:api-person-detail", args=[w.classmate.person_id]),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    # The API reads JSON only: the table's form-encoded POST gets 415 once past the
    # sign-in (and, for the transitions below, past the scope check).
    "residents:api-person-search": (
        "post",
        lambda w: reverse("residents:api-person-search"),
        [401, 415, 415, 415, 415, 415, 415],
    ),
    "residents:api-enrolment-list": (
        "get",
        lambda w: reverse("residents:api-enrolment-list"),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    "residents:api-enrolment-detail": (
        "get",
        lambda w: reverse("residents:api-enrolment-detail", args=[w.classmate.pk]),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    # The classmate is an active R1 of a four-year course; only coordinators act on it.
    "residents:api-enrolment-promote": (
        "post",
        lambda w: reverse("residents:api-enrolment-promote", args=[w.classmate.pk]),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    "residents:api-enrolment-leave": (
        "post",
        lambda w: reverse("residents:api-enrolment-leave", args=[w.classmate.pk]),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    # Not on leave: the service refuses.
    "residents:api-enrolment-return": (
        "post",
        lambda w: reverse("residents:api-enrolment-return", args=[w.classmate.pk]),
        [401, 400, 400, 400, 404, 404, 404],
    ),
    "residents:api-enrolment-transfer": (
        "post",
        lambda w: reverse("residents:api-enrolment-transfer", args=[w.classmate.pk]),
        [401, 415, 415, 415, 404, 404, 404],
    ),
    "residents:api-enrolment-withdraw": (
        "post",
        lambda w: reverse("residents:api-enrolment-withdraw", args=[w.classmate.pk]),
        [401, 415, 415, 415, 404, 404, 404],
    ),
    "residents:api-enrolment-graduate": (
        "post",
        lambda w: reverse("residents:api-enrolment-graduate", args=[w.classmate.pk]),
        [401, 415, 415, 415, 404, 404, 404],
    ),
    "residents:api-enrolment-hiring": (
        "post",
        lambda w: reverse("residents:api-enrolment-hiring", args=[w.classmate.pk]),
        [401, 415, 415, 415, 404, 404, 404],
    ),
    # The schema answers 401 to anonymous clients; its two readers send browsers to sign in.
    "api_schema": ("get", lambda w: reverse("api_schema"), [401, 200, 200, 200, 200, 200, 200]),
    "api_docs": ("get", lambda w: reverse("api_docs"), [302, 200, 200, 200, 200, 200, 200]),
    "api_redoc": ("get", lambda w: reverse("api_redoc"), [302, 200, 200, 200, 200, 200, 200]),
    # Everyone manages their own tokens, and only those.
    "api_tokens": ("get", lambda w: reverse("api_tokens"), [302, 200, 200, 200, 200, 200, 200]),
    "api_token_revoke": (
        "post",
        lambda w: reverse("api_token_revoke", args=[_token_of(w.users["site"]).pk]),
        [302, 404, 404, 302, 404, 404, 404],
    ),
    # The admin is for staff only; none of the role users is staff.
    "admin:index": ("get", lambda w: reverse("admin:index"), [302, 302, 302, 302, 302, 302, 302]),
}


def _cycle():
    return AdmissionCycle.objects.get_or_create(year=2027)[0]


def _job_of(user):
    return ImportJob.objects.create(
        kind=ImportKind.RESIDENTS, owner=user, filename="residentes.csv", content=b"CURP\n"
    )


def _token_of(user):
    from edusalud.accounts.tokens import create_api_token

    return create_api_token(user=user, name="HIS")[0]


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_pattern_has_a_row():
    names = {name for name in _names(get_resolver().url_patterns) if not name.startswith("admin:")}

    assert names - set(TABLE) == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(TABLE))
def test_role_gets_expected_status(client, world, name, role):
    method, make_url, statuses = TABLE[name]
    expected = statuses[ROLES.index(role)]
    if role != "anonymous":
        client.force_login(world.users[role])

    response = getattr(client, method)(make_url(world))

    assert response.status_code == expected
    if role == "anonymous" and expected == 302 and name not in ("logout", "set_language"):
        assert response.url.startswith(reverse("login")) or response.url.startswith(
            reverse("admin:login")
        )
