"""Reads of improvement plans: which sites a campaign flags, their weak items, before and after.

A site is flagged only when its results may be shown: a hidden group has no
figure to fall short with, and flagging it would reveal one.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import pheem, results
from edusalud.surveys.models import (
    Campaign,
    FlagThresholds,
    ImprovementPlan,
    ItemKind,
    PlanGoal,
)

# In force until a national coordinator sets others: the example.
DEFAULT_THRESHOLDS = FlagThresholds(
    min_satisfaction=None, min_recommendation=70, pheem_lowest_bands=2
)
WEAK_ITEMS = 10  # how many of a site's lowest items a goal may choose from


def thresholds_in_force() -> FlagThresholds:
    return FlagThresholds.objects.first() or DEFAULT_THRESHOLDS


@dataclass
class Flag:
    result: results.GroupResult  # a shown site result of the campaign
    reasons: list[str]
    plan: ImprovementPlan | None = None


def _band_rank(bands: list, scale: str, band: pheem.Band) -> int:
    """1 for the lowest band of the scale, 2 for the next..."""
    lows = sorted(b.low for b in bands if b.scale == scale)
    return lows.index(band.low) + 1


def reasons_of(result: results.GroupResult, thresholds: FlagThresholds, bands: dict) -> list[str]:
    """What in a shown result crosses the thresholds, in words."""
    found = []
    for rate, minimum, label in (
        (result.satisfaction_rate, thresholds.min_satisfaction, _("Satisfaction")),
        (result.recommendation_rate, thresholds.min_recommendation, _("Recommendation")),
    ):
        if minimum is not None and rate is not None and 100 * rate < minimum:
            found.append(
                _("%(what)s %(value)s %% is under %(minimum)s %%")
                % {"what": label, "value": round(100 * rate), "minimum": minimum}
            )
    if thresholds.pheem_lowest_bands:
        instruments = {r.item.instrument.code: r.item.instrument_id for r in result.items}
        for code, scales in result.scales.items():
            own = bands.get(instruments[code], [])
            for scale in scales:
                if scale.band and _band_rank(own, scale.scale, scale.band) <= (
                    thresholds.pheem_lowest_bands
                ):
                    found.append(
                        _("%(code)s %(scale)s: %(band)s")
                        % {"code": code.upper(), "scale": scale.name, "band": scale.band_label}
                    )
    return found


def flags(campaign: Campaign, user: User) -> list[Flag]:
    """The sites of the user's part that the campaign flags, with their plans if written."""
    sites = list(manageable_sites(user).order_by("name"))
    census = results.census_of(campaign)
    thresholds, bands = thresholds_in_force(), results.bands_of(campaign)
    plans = {p.site_id: p for p in ImprovementPlan.objects.filter(campaign=campaign)}
    found = []
    for row in results.cached_ranking(campaign, sites, census):
        if row.shown:
            reasons = reasons_of(row, thresholds, bands)
            if reasons:
                found.append(Flag(row, reasons, plans.get(row.site.pk)))
    return found


def is_flagged(campaign: Campaign, site) -> bool:
    result = results.cached_result(campaign, results.Group(region=site.region_id, site=site.pk))
    return result.shown and bool(
        reasons_of(result, thresholds_in_force(), results.bands_of(campaign))
    )


def scored_mean(item_result: results.ItemResult) -> float | None:
    """The item's mean with "higher is better": a negative statement counts max - mean."""
    if item_result.mean is None:
        return None
    return pheem.MAX_ANSWER - item_result.mean if item_result.item.reverse else item_result.mean


def weak_items(plan: ImprovementPlan) -> list[tuple[results.ItemResult, float]]:
    """The site's lowest agreement items in the flagging campaign, with their scored means."""
    result = results.cached_result(plan.campaign, results.Group(site=plan.site_id))
    scored = [
        (r, scored_mean(r))
        for r in result.items
        if r.item.kind == ItemKind.AGREEMENT and scored_mean(r) is not None
    ]
    return sorted(scored, key=lambda pair: pair[1])[:WEAK_ITEMS]


def next_campaign(campaign: Campaign) -> Campaign | None:
    """The first later campaign that shares an instrument with this one."""
    codes = campaign.instruments.values_list("code", flat=True)
    return (
        Campaign.objects.filter(instruments__code__in=codes, year__gt=campaign.year)
        .order_by("year", "opens_on", "pk")
        .first()
    )


def before_and_after(plan: ImprovementPlan) -> dict[int, float | None]:
    """Goal pk -> the site's scored mean of its item in the next campaign.

    None when there is no next campaign yet or the site's results there are hidden.
    """
    later = next_campaign(plan.campaign)
    goals = list(plan.goals.select_related("item__instrument"))
    if later is None:
        return dict.fromkeys((g.pk for g in goals), None)
    result = results.cached_result(later, results.Group(site=plan.site_id))
    means = (
        {(r.item.instrument.code, r.item.number): scored_mean(r) for r in result.items}
        if result.shown
        else {}
    )
    return {g.pk: means.get((g.item.instrument.code, g.item.number)) for g in goals}


def writes_plan(user: User, site_id: int) -> bool:
    """Those who manage the site write its plan; the national coordination reviews it."""
    return not scope_of(user).is_national and manageable_sites(user).filter(pk=site_id).exists()


def plans_visible_to(user: User) -> QuerySet[ImprovementPlan]:
    """Coordinators see the plans of the sites they manage; others none."""
    if not scope_of(user).is_coordinator:
        return ImprovementPlan.objects.none()
    return ImprovementPlan.objects.filter(site__in=manageable_sites(user)).select_related(
        "site", "campaign"
    )


def goals_of(plan: ImprovementPlan) -> QuerySet[PlanGoal]:
    return plan.goals.select_related("item__instrument").prefetch_related("actions")
