"""Every URL of the project, every role, one table of expected status codes.

A new URL pattern without a row here fails test_every_url_pattern_has_a_row.
Targets are chosen to discriminate: each detail row points at an object that
some roles may see and others may not.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from edusalud.admissions.models import AdmissionCycle
from edusalud.exchange.models import ImportJob, ImportKind
from edusalud.practices import services as practice_services
from edusalud.practices.models import Post
from edusalud.surveys import services as survey_services
from edusalud.surveys.models import Campaign, ImprovementPlan, Instrument
from edusalud.training import services as training_services
from edusalud.training.models import Certificate, CertificateBatch, CompetencyArea, Edition

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
    # Courses are a catalogue for every signed-in user; an edition at the site is seen by
    # those whose scope reaches the site, and run by its coordinators only.
    "training:course_list": ("get", lambda w: reverse("training:course_list"), [302] + [200] * 6),
    "training:course_detail": (
        "get",
        lambda w: reverse("training:course_detail", args=[_edition(w).course_id]),
        [302] + [200] * 6,
    ),
    "training:edition_detail": (
        "get",
        lambda w: reverse("training:edition_detail", args=[_edition(w).pk]),
        [302, 200, 200, 200, 200, 200, 404],
    ),
    # Asking for a place: refused with a message (no personal record) or granted, redirected.
    "training:edition_enrol_self": (
        "post",
        lambda w: reverse("training:edition_enrol_self", args=[_edition(w).pk]),
        [302, 302, 302, 302, 302, 302, 404],
    ),
    "training:edition_enrol": (
        "post",
        lambda w: reverse("training:edition_enrol", args=[_edition(w).pk]),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    "training:participation_withdraw": (
        "post",
        lambda w: reverse(
            "training:participation_withdraw", args=[_edition(w).pk, _participation(w).pk]
        ),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    "training:edition_session": (
        "post",
        lambda w: reverse("training:edition_session", args=[_edition(w).pk]),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    "training:session_attendance": (
        "get",
        lambda w: reverse(
            "training:session_attendance", args=[_edition(w).pk, _edition(w).sessions.get().pk]
        ),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    "training:edition_results": (
        "get",
        lambda w: reverse("training:edition_results", args=[_edition(w).pk]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    "training:edition_close": (
        "post",
        lambda w: reverse("training:edition_close", args=[_edition(w).pk]),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    "training:my_training": ("get", lambda w: reverse("training:my_training"), [302] + [200] * 6),
    # The resident's certificate: theirs, and their site's coordinators'.
    "training:certificate_pdf": (
        "get",
        lambda w: reverse("training:certificate_pdf", args=[_certificate(w).code]),
        [302, 200, 200, 200, 404, 200, 404],
    ),
    "training:certificate_revoke": (
        "get",
        lambda w: reverse("training:certificate_revoke", args=[_certificate(w).code]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    # Public: anyone holding a certificate checks it; an unknown code is a 404 for all.
    "training:verify_form": ("get", lambda w: reverse("training:verify_form"), [200] * 7),
    "training:verify": (
        "get",
        lambda w: reverse("training:verify", args=["ZZZZ-ZZZZ-ZZZZ"]),
        [404] * 7,
    ),
    "training:badge_issuer": ("get", lambda w: reverse("training:badge_issuer"), [200] * 7),
    "training:badge_class": (
        "get",
        lambda w: reverse("training:badge_class", args=[_edition(w).course_id]),
        [200] * 7,
    ),
    "training:badge_assertion": (
        "get",
        lambda w: reverse("training:badge_assertion", args=[_certificate(w).code]),
        [200] * 7,
    ),
    # The courses API: the pages' scope; form-encoded bodies get 415 past the scope check.
    "training:api-course-list": (
        "get",
        lambda w: reverse("training:api-course-list"),
        [401] + [200] * 6,
    ),
    "training:api-course-detail": (
        "get",
        lambda w: reverse("training:api-course-detail", args=[_edition(w).course_id]),
        [401] + [200] * 6,
    ),
    "training:api-edition-list": (
        "get",
        lambda w: reverse("training:api-edition-list"),
        [401] + [200] * 6,
    ),
    "training:api-edition-detail": (
        "get",
        lambda w: reverse("training:api-edition-detail", args=[_edition(w).pk]),
        [401, 200, 200, 200, 200, 200, 404],
    ),
    "training:api-edition-participants": (
        "get",
        lambda w: reverse("training:api-edition-participants", args=[_edition(w).pk]),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    "training:api-edition-enrol": (
        "post",
        lambda w: reverse("training:api-edition-enrol", args=[_edition(w).pk]),
        [401, 415, 415, 415, 404, 404, 404],
    ),
    # Only the resident has a personal record (and is the course's audience).
    "training:api-edition-enrol-me": (
        "post",
        lambda w: reverse("training:api-edition-enrol-me", args=[_edition(w).pk]),
        [401, 400, 400, 400, 400, 201, 404],
    ),
    "training:api-edition-results": (
        "post",
        lambda w: reverse("training:api-edition-results", args=[_edition(w).pk]),
        [401, 415, 415, 415, 404, 404, 404],
    ),
    "training:api-certificate-list": (
        "get",
        lambda w: reverse("training:api-certificate-list"),
        [401] + [200] * 6,
    ),
    "training:api-certificate-detail": (
        "get",
        lambda w: reverse("training:api-certificate-detail", args=[_certificate(w).code]),
        [401, 200, 200, 200, 404, 200, 404],
    ),
    "training:api-my-certificate-list": (
        "get",
        lambda w: reverse("training:api-my-certificate-list"),
        [401] + [200] * 6,
    ),
    # Required training: every coordinator reads coverage in their own sites.
    "training:rule_list": (
        "get",
        lambda w: reverse("training:rule_list"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    "training:rule_detail": (
        "get",
        lambda w: reverse("training:rule_detail", args=[_rule(w).pk]),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    "training:rule_remind": (
        "post",
        lambda w: reverse("training:rule_remind", args=[_rule(w).pk]),
        [302, 302, 302, 302, 404, 404, 302],
    ),
    # Codes of conduct and ethics: every signed-in user reads and accepts them; national
    # coordinators publish versions; coordinators read the coverage of the sites they manage.
    "conduct:code_list": ("get", lambda w: reverse("conduct:code_list"), [302] + [200] * 6),
    "conduct:code_detail": (
        "get",
        lambda w: reverse("conduct:code_detail", args=["codigo-de-etica"]),
        [302] + [200] * 6,
    ),
    "conduct:version_create": (
        "get",
        lambda w: reverse("conduct:version_create", args=["codigo-de-etica"]),
        [302, 200, 404, 404, 404, 404, 404],
    ),
    "conduct:coverage": (
        "get",
        lambda w: reverse("conduct:coverage"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # The world's site: its coordinator and the region's; not another site's coordinator.
    "conduct:coverage_site": (
        "get",
        lambda w: reverse("conduct:coverage_site", args=[w.site.clues]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    # Good practices: professors and coordinators write; a draft is its author's alone; a post
    # awaiting review is reviewed by the coordinators whose scope reaches its site.
    "surveys:my_surveys": (
        "get",
        lambda w: reverse("surveys:my_surveys"),
        [302] + [200] * 6,
    ),
    # Only the invited resident answers.
    "surveys:answer": (
        "get",
        lambda w: reverse("surveys:answer", args=[_campaign(w).pk]),
        [302, 404, 404, 404, 404, 200, 404],
    ),
    "surveys:campaign_list": (
        "get",
        lambda w: reverse("surveys:campaign_list"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # A national campaign: each coordinator follows it within their own sites.
    "surveys:campaign_detail": (
        "get",
        lambda w: reverse("surveys:campaign_detail", args=[_campaign(w).pk]),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # No answers yet: no file for any group (409); others do not follow campaigns.
    "surveys:campaign_export": (
        "get",
        lambda w: reverse("surveys:campaign_export", args=[_campaign(w).pk, "csv"]),
        [302, 409, 409, 409, 404, 404, 409],
    ),
    "surveys:instrument_list": (
        "get",
        lambda w: reverse("surveys:instrument_list"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    "surveys:instrument_detail": (
        "get",
        lambda w: reverse("surveys:instrument_detail", args=[Instrument.objects.first().pk]),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    "surveys:plan_list": (
        "get",
        lambda w: reverse("surveys:plan_list"),
        [302, 200, 200, 200, 404, 404, 200],
    ),
    # Posted without a campaign and a site: nothing to create.
    "surveys:plan_create": (
        "post",
        lambda w: reverse("surveys:plan_create"),
        [302, 404, 404, 404, 404, 404, 404],
    ),
    # The world's site's plan: its coordinators, regional and national ones.
    "surveys:plan_detail": (
        "get",
        lambda w: reverse("surveys:plan_detail", args=[_plan(w).pk]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    "surveys:campaign_remind": (
        "post",
        lambda w: reverse("surveys:campaign_remind", args=[_campaign(w).pk]),
        [302, 302, 302, 302, 404, 404, 302],
    ),
    "surveys:api-instrument-list": (
        "get",
        lambda w: reverse("surveys:api-instrument-list"),
        [401] + [200] * 6,
    ),
    "surveys:api-instrument-detail": (
        "get",
        lambda w: reverse("surveys:api-instrument-detail", args=[Instrument.objects.first().pk]),
        [401] + [200] * 6,
    ),
    "surveys:api-campaign-list": (
        "get",
        lambda w: reverse("surveys:api-campaign-list"),
        [401, 200, 200, 200, 404, 404, 200],
    ),
    "surveys:api-campaign-detail": (
        "get",
        lambda w: reverse("surveys:api-campaign-detail", args=[_campaign(w).pk]),
        [401, 200, 200, 200, 404, 404, 200],
    ),
    # The site coordinator of another region asks for the world's site: not theirs.
    "surveys:api-campaign-results": (
        "get",
        lambda w: (
            reverse("surveys:api-campaign-results", args=[_campaign(w).pk])
            + f"?site={w.site.clues}"
        ),
        [401, 200, 200, 200, 404, 404, 404],
    ),
    "practices:post_list": (
        "get",
        lambda w: reverse("practices:post_list"),
        [302, 200, 200, 200, 200, 404, 200],
    ),
    "practices:post_create": (
        "get",
        lambda w: reverse("practices:post_create"),
        [302, 200, 200, 200, 200, 404, 200],
    ),
    "practices:post_edit": (
        "get",
        lambda w: reverse("practices:post_edit", args=[_practice(w, for_review=False).pk]),
        [302, 404, 404, 404, 200, 404, 404],
    ),
    "practices:post_review": (
        "get",
        lambda w: reverse("practices:post_review", args=[_practice(w, for_review=True).pk]),
        [302, 200, 200, 200, 404, 404, 404],
    ),
    # Public: published practices and their Atom feed, for anyone.
    "practices:public_list": ("get", lambda w: reverse("practices:public_list"), [200] * 7),
    "practices:public_detail": (
        "get",
        lambda w: reverse("practices:public_detail", args=[_published_practice(w).slug]),
        [200] * 7,
    ),
    "practices:feed": ("get", lambda w: reverse("practices:feed"), [200] * 7),
    # An edition's certificates as a ZIP: its coordinators start one; each reads their own.
    "training:edition_batch": (
        "post",
        lambda w: reverse("training:edition_batch", args=[_edition(w).pk]),
        [302, 302, 302, 302, 404, 404, 404],
    ),
    "training:batch_progress": (
        "get",
        lambda w: reverse("training:batch_progress", args=[_edition(w).pk, _batch(w).pk]),
        [302, 404, 404, 200, 404, 404, 404],
    ),
    "training:batch_download": (
        "get",
        lambda w: reverse("training:batch_download", args=[_edition(w).pk, _batch(w).pk]),
        [302, 404, 404, 200, 404, 404, 404],
    ),
    # National coordinators extend the catalogue of competency areas; an empty form is refused.
    "training:area_create": (
        "post",
        lambda w: reverse("training:area_create"),
        [302, 302, 404, 404, 404, 404, 404],
    ),
    # Professors and coordinators register their own record; a resident already has one.
    "residents:own_record": (
        "get",
        lambda w: reverse("residents:own_record"),
        [302, 200, 200, 200, 200, 302, 200],
    ),
    # The admin is for staff only; none of the role users is staff.
    "admin:index": ("get", lambda w: reverse("admin:index"), [302, 302, 302, 302, 302, 302, 302]),
}


def _cycle():
    return AdmissionCycle.objects.get_or_create(year=2027)[0]


def _campaign(w):
    """A national survey campaign, open this week."""
    campaign = Campaign.objects.first()
    if campaign:
        return campaign
    today = timezone.localdate()
    return survey_services.create_campaign(
        by=w.users["national"],
        name="Encuesta anual",
        year=today.year,
        instruments=list(Instrument.objects.all()),
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=5),
    )


def _plan(w):
    """An improvement plan of the world's site (created directly: flagging needs answers)."""
    return ImprovementPlan.objects.get_or_create(
        site=w.site, campaign=_campaign(w), defaults={"created_by": w.users["site"]}
    )[0]


def _edition(w):
    """A course edition at the world's site that started yesterday."""
    edition = Edition.objects.filter(site=w.site).first()
    if edition:
        return edition
    today = timezone.localdate()
    course = training_services.create_course(
        by=None,
        title="Buen trato",
        areas=list(CompetencyArea.objects.all()[:1]),
        hours=20,
        modality="online",
        audience="residents",
    )
    return training_services.create_edition(
        by=None,
        course=course,
        site=w.site,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=5),
        capacity=10,
    )


def _batch(w):
    """The site coordinator's ZIP of the edition's certificates, made."""
    certificate = _certificate(w)
    batch = CertificateBatch.objects.create(
        edition=certificate.participation.edition, requested_by=w.users["site"]
    )
    training_services.make_batch(batch=batch)
    return batch


def _rule(w):
    return training_services.create_rule(
        by=None,
        name="Buen trato R1",
        audience="residents",
        kind="course",
        course=_edition(w).course,
        days=90,
    )


def _participation(w):
    edition = _edition(w)
    training_services.enrol(
        by=None, edition=edition, people=[w.enrolment.person], today=timezone.localdate()
    )
    return edition.participations.get(person=w.enrolment.person)


def _certificate(w):
    participation = _participation(w)
    training_services.record_results(
        by=None,
        edition=participation.edition,
        results={participation.pk: (True, None)},
        today=timezone.localdate(),
    )
    return Certificate.objects.get(participation=participation)


def _practice(w, *, for_review: bool):
    """The professor's post at the world's site: a draft, or awaiting review."""
    title = "En revisión" if for_review else "Borrador"
    return Post.objects.filter(title=title).first() or practice_services.create_draft(
        by=w.users["professor"],
        site=w.site,
        title=title,
        summary="Un caso real en diez minutos al entregar la guardia.",
        body="Cada mañana un R2 presenta un caso.",
        author_name="Dr. Héctor Villaseñor Ruiz",
        for_review=for_review,
    )


def _published_practice(w):
    return practice_services.approve(by=w.users["national"], post=_practice(w, for_review=True))


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
