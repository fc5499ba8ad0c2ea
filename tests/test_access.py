"""Every URL of the project, every role, one table of expected status codes.

A new URL pattern without a row here fails test_every_url_pattern_has_a_row.
Targets are chosen to discriminate: each detail row points at an object that
some roles may see and others may not.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
    "dashboards:api_indicators": (
        "get",
        lambda w: reverse("dashboards:api_indicators"),
        [403, 200, 200, 200, 404, 404, 200],
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
    # The admin is for staff only; none of the role users is staff.
    "admin:index": ("get", lambda w: reverse("admin:index"), [302, 302, 302, 302, 302, 302, 302]),
}


def _job_of(user):
    return ImportJob.objects.create(
        kind=ImportKind.RESIDENTS, owner=user, filename="residentes.csv", content=b"CURP\n"
    )


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
