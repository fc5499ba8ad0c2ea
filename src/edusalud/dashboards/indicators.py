"""The national indicators, computed from rows with a fixed number of queries.

Every figure is read through the residents and catalog selectors, so a
regional or site coordinator gets the same figures for their own scope.
"""

import hashlib
from dataclasses import asdict, astuple, dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.selectors import programmes_visible_to
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus
from edusalud.residents.selectors import data_version, enrolments_visible_to
from edusalud.surveys import results
from edusalud.surveys import selectors as survey_selectors
from edusalud.training import coverage

MEXICO = "MX"


@dataclass(frozen=True)
class IndicatorFilters:
    region: str = ""  # region code
    site: str = ""  # site CLUES
    specialty: str = ""  # specialty code
    year: int | None = None  # resident year, R1..R6: applies to residents in training only


def _filter_programmes(programmes, filters: IndicatorFilters, prefix: str = ""):
    if filters.region:
        programmes = programmes.filter(**{f"{prefix}site__region__code": filters.region})
    if filters.site:
        programmes = programmes.filter(**{f"{prefix}site__clues": filters.site})
    if filters.specialty:
        programmes = programmes.filter(**{f"{prefix}specialty__code": filters.specialty})
    return programmes


def _enrolments(user: User, filters: IndicatorFilters):
    # Drop the selector's select_related: aggregates need no joined columns.
    return _filter_programmes(
        enrolments_visible_to(user).select_related(None), filters, prefix="programme__"
    )


CACHE_SECONDS = 3600  # only bounds memory: the data version keeps entries exact


def indicators_for(user: User, filters: IndicatorFilters = IndicatorFilters()) -> dict:
    """The figures for the user's scope and the filters, recomputed only after a write.

    Aggregating every enrolment costs time in proportion to the data; dashboards
    are read far more often than residents change. The cache key holds the data
    version (core.versioning): any write to an audited model leaves a history
    row, changes the version, and so the next read computes fresh figures.
    """
    scope = scope_of(user)
    key = (
        "indicators:"
        + hashlib.sha256(
            repr(
                (
                    scope.is_national,
                    sorted(scope.region_ids),
                    sorted(scope.site_ids),
                    sorted(scope.programme_ids),
                    scope.self_user_id,
                    astuple(filters),
                    data_version(*coverage.history_models()),
                    # PNPC recognitions start and expire by date.
                    timezone.localdate().isoformat(),
                )
            ).encode()
        ).hexdigest()
    )
    figures = cache.get(key)
    if figures is None:
        figures = compute_indicators(user, filters)
        cache.set(key, figures, CACHE_SECONDS)
        return figures
    # Survey submissions leave no history row, so the data version misses them:
    # their figures are read again (the survey results keep their own cache,
    # keyed by the campaign's count of answers).
    return figures | {"survey": _survey(user, filters)}


def _survey(user: User, filters: IndicatorFilters) -> dict | None:
    """Satisfaction and recommendation from the answers of the reported campaign."""
    campaign = survey_selectors.reported_campaign(timezone.localdate())
    if campaign is None:
        return None
    try:
        group = survey_selectors.group_in_scope(user, **asdict(filters))
    except results.GroupNotFound:
        return None
    return {"campaign": campaign.name, "campaign_id": campaign.pk, "year": campaign.year} | (
        results.cached_result(campaign, group).as_json()
    )


def compute_indicators(user: User, filters: IndicatorFilters = IndicatorFilters()) -> dict:
    """The figures straight from the rows, with a fixed number of queries."""
    in_training = _enrolments(user, filters).filter(status__in=IN_TRAINING)
    if filters.year:
        in_training = in_training.filter(year=filters.year)

    by_level = dict.fromkeys((1, 2, 3), 0)
    for row in in_training.values("programme__site__care_level").annotate(n=Count("pk")):
        by_level[row["programme__site__care_level"]] = row["n"]
    total = sum(by_level.values())

    foreign = in_training.exclude(person__nationality=MEXICO)
    foreign_countries = {
        row["person__nationality"]: row["n"]
        for row in foreign.values("person__nationality")
        .annotate(n=Count("pk"))
        .order_by("-n", "person__nationality")
    }
    foreign_specialties = _count_by_specialty(foreign)
    by_specialty = _count_by_specialty(in_training)
    by_state = [
        {
            "code": row["programme__site__region__code"],
            "name": row["programme__site__region__name"],
            "count": row["n"],
        }
        for row in in_training.values(
            "programme__site__region__code", "programme__site__region__name"
        )
        .annotate(n=Count("pk"))
        .order_by("programme__site__region__name")
    ]

    programmes = _filter_programmes(programmes_visible_to(user).select_related(None), filters)
    offer = programmes.aggregate(
        specialties=Count("specialty", distinct=True), sites=Count("site", distinct=True)
    )
    pnpc = [
        {
            "code": row["specialty__code"],
            "name_es": row["specialty__name_es"],
            "name_en": row["specialty__name_en"],
            "programmes": row["n"],
        }
        for row in programmes.quality_recognised()
        .values("specialty__code", "specialty__name_es", "specialty__name_en")
        .annotate(n=Count("pk"))
        .order_by("-n", "specialty__name_es")
    ]

    return {
        "filters": {
            "region": filters.region or None,
            "site": filters.site or None,
            "specialty": filters.specialty or None,
            "year": filters.year,
        },
        "residents_in_training": total,
        "specialties": offer["specialties"],
        "sites": offer["sites"],
        "residents_by_care_level": {str(level): n for level, n in by_level.items()},
        "share_by_care_level": {
            str(level): (round(n / total, 4) if total else None) for level, n in by_level.items()
        },
        "foreign_residents": sum(foreign_countries.values()),
        "foreign_countries": foreign_countries,
        "foreign_by_specialty": foreign_specialties,
        "pnpc_programmes": sum(row["programmes"] for row in pnpc),
        "pnpc_specialties": len(pnpc),
        "pnpc_by_specialty": pnpc,
        **_hiring(user, filters),
        "residents_by_specialty": by_specialty,
        "residents_by_state": by_state,
        "required_training": _required_training(user, filters),
        "survey": _survey(user, filters),
    }


def _required_training(user: User, filters: IndicatorFilters) -> list[dict]:
    """Coverage of each active required-training rule in the user's sites and filters."""
    today = timezone.localdate()
    return [
        coverage.summary(rule, user, today=today, **asdict(filters))
        for rule in coverage.rules_visible_to(user).filter(is_active=True)
    ]


def _count_by_specialty(enrolments) -> list[dict]:
    """Enrolments per specialty, largest first, with both names for either language."""
    fields = {
        "code": "programme__specialty__code",
        "name_es": "programme__specialty__name_es",
        "name_en": "programme__specialty__name_en",
    }
    rows = (
        enrolments.values(*fields.values())
        .annotate(n=Count("pk"))
        .order_by("-n", "programme__specialty__name_es")
    )
    return [
        {key: row[field] for key, field in fields.items()} | {"count": row["n"]} for row in rows
    ]


def _hiring(user: User, filters: IndicatorFilters) -> dict:
    """Hiring rate of the last graduated cohort: the graduates of the latest graduation year.

    Graduates whose outcome is not recorded yet are left out of the rate and counted apart.
    """
    graduates = _enrolments(user, filters).filter(status=EnrolmentStatus.GRADUATED)
    # MAX of the date, not of its year: extracting the year row by row is slow
    # (a Python function per row on SQLite) and cannot use an index.
    last_date = graduates.aggregate(last=Max("ended_on"))["last"]
    last_year = last_date.year if last_date else None
    if last_year is None:
        return {
            "graduate_cohort_year": None,
            "graduates": 0,
            "graduates_hired": 0,
            "graduates_outcome_pending": 0,
            "graduate_hiring_rate": None,
        }
    cohort = graduates.filter(ended_on__year=last_year).aggregate(
        total=Count("pk"),
        hired=Count("pk", filter=Q(is_hired_by_institute=True)),
        pending=Count("pk", filter=Q(is_hired_by_institute__isnull=True)),
    )
    known = cohort["total"] - cohort["pending"]
    return {
        "graduate_cohort_year": last_year,
        "graduates": cohort["total"],
        "graduates_hired": cohort["hired"],
        "graduates_outcome_pending": cohort["pending"],
        "graduate_hiring_rate": round(cohort["hired"] / known, 4) if known else None,
    }
