"""A campaign's aggregated results for a group of residents, computed from answer rows.

A group is a set of filters over the attributes answers carry (region, site,
specialty, year). Every figure goes through `anonymity.Census.verdict`: a group
too small to protect anonymity gets the reason and no figure. Figures come from
the distribution of each item's values in the group (one query), which holds
everything the reports need:
- satisfaction rate: share of "agree" or "strongly agree" (3-4 of 0-4) to the
  items that measure satisfaction;
- recommendation rate: share of 7-10 (0-10) to the items that measure
  recommendation; net promoter score: % of 9-10 minus % of 0-6 (decision 0017);
- scored instruments (PHEEM): the mean of a subscale is the sum of its items'
  means, reverse items counted max - value, because every respondent answers
  every scored item; the total is the sum of the subscales, each with its band.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from edusalud.catalog.models import Region, Site, Specialty
from edusalud.surveys import anonymity, pheem
from edusalud.surveys.defaults import PHEEM
from edusalud.surveys.models import (
    AGREEMENT_LABELS,
    Answer,
    Campaign,
    Invitation,
    Item,
    ItemKind,
    Measure,
    Response,
)
from edusalud.surveys.models import Band as BandRow

NOT_ENOUGH = _("Not enough answers to protect anonymity")
SUPPRESSED_BECAUSE = {
    anonymity.FEW_ANSWERS: format_lazy(
        "{}: {}", NOT_ENOUGH, _("the group has fewer than 5 answers.")
    ),
    anonymity.LOW_RATE: format_lazy(
        "{}: {}", NOT_ENOUGH, _("fewer than half of the group has answered.")
    ),
    anonymity.DIFFERENCE: format_lazy(
        "{}: {}",
        NOT_ENOUGH,
        _("compared with a wider group or its neighbours, it would reveal a few people's answers."),
    ),
}

SATISFIED_FROM = 3  # "agree" on the 0-4 agreement scale
RECOMMENDS_FROM = 7  # 7-10 on the 0-10 scale: not a detractor
PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6
AGREEMENT_MAX = pheem.MAX_ANSWER  # the top of the 0-4 agreement scale


@dataclass(frozen=True)
class Group:
    """Filters by primary key; None is "any"."""

    region: int | None = None
    site: int | None = None
    specialty: int | None = None
    year: int | None = None

    def filters(self) -> dict:
        return {d: getattr(self, d) for d in anonymity.DIMENSIONS if getattr(self, d) is not None}

    def lookups(self) -> dict:
        return {f"{d}_id" if d != "year" else d: v for d, v in self.filters().items()}


class GroupNotFound(ValueError):
    """A filter names no region, site or specialty."""


def group_from_codes(
    *, region: str = "", site: str = "", specialty: str = "", year: int | None = None
) -> Group:
    """The group named by codes (region code, site CLUES, specialty code)."""

    def pk_of(model, lookup, value, label):
        if not value:
            return None
        pk = model.objects.filter(**{lookup: value}).values_list("pk", flat=True).first()
        if pk is None:
            raise GroupNotFound(f"{label} {value!r}")
        return pk

    return Group(
        region=pk_of(Region, "code", region, "region"),
        site=pk_of(Site, "clues", site, "site"),
        specialty=pk_of(Specialty, "code", specialty, "specialty"),
        year=year,
    )


CELL = ("region_id", "site_id", "specialty_id", "year")


def census_of(campaign: Campaign) -> anonymity.Census:
    """Answers and targets per cell (two queries)."""

    def cells(queryset) -> Counter:
        rows = queryset.filter(campaign=campaign).values_list(*CELL).annotate(n=Count("pk"))
        return Counter({tuple(row[:4]): row[4] for row in rows.order_by()})

    return anonymity.Census(cells(Response.objects), cells(Invitation.objects))


@dataclass
class ItemResult:
    item: Item
    distribution: dict  # value -> count
    answered: int = 0
    mean: float | None = None

    @property
    def counts(self) -> list[tuple[int, str, int]]:
        """(value, label, count) for every value the item accepts, in order."""
        if self.item.kind == ItemKind.TEXT:
            return []
        low, high = self.item.value_range
        labels = {
            ItemKind.AGREEMENT: AGREEMENT_LABELS,
            ItemKind.CHOICE: dict(enumerate(self.item.options)),
        }.get(self.item.kind, {})
        return [
            (v, str(labels.get(v, v)), self.distribution.get(v, 0)) for v in range(low, high + 1)
        ]


SCALE_NAMES = {
    pheem.TOTAL: _("Total"),
    pheem.AUTONOMY: _("Perceptions of role autonomy"),
    pheem.TEACHING: _("Perceptions of teaching"),
    pheem.SOCIAL: _("Perceptions of social support"),
}


@dataclass
class ScaleResult:
    scale: str
    mean: float
    maximum: int
    band: pheem.Band | None

    @property
    def name(self) -> str:
        return str(SCALE_NAMES.get(self.scale, self.scale))

    @property
    def band_label(self) -> str:
        if self.band is None:
            return ""
        return self.band.label_en if get_language() == "en" else self.band.label_es


@dataclass
class GroupResult:
    campaign: Campaign
    group: Group
    verdict: anonymity.Verdict
    response_rate: float | None = None
    satisfaction_rate: float | None = None
    recommendation_rate: float | None = None
    nps: float | None = None
    # instrument code -> scales in order (total first)
    scales: dict = field(default_factory=dict)
    items: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    site: Site | None = None  # set in a ranking

    @property
    def shown(self) -> bool:
        return self.verdict.shown

    def pheem_scale(self, scale: str) -> ScaleResult | None:
        return next((s for s in self.scales.get(PHEEM, []) if s.scale == scale), None)

    def as_json(self) -> dict:
        """The aggregate for `edusalud surveys results --json` and the API."""
        head = {"answers": self.verdict.answers, "targeted": self.verdict.targeted}
        if not self.shown:
            return {
                "suppressed": True,
                "reason": str(SUPPRESSED_BECAUSE[self.verdict.reason]),
                "code": self.verdict.reason,
            }
        total = self.pheem_scale(pheem.TOTAL)
        return head | {
            "response_rate": _rounded(self.response_rate),
            "satisfaction_rate": _rounded(self.satisfaction_rate),
            "recommendation_rate": _rounded(self.recommendation_rate),
            "nps": _rounded(self.nps),
            "pheem_total": _scale_json(total),
            "pheem_subscales": {
                s.scale: _scale_json(s) for s in self.scales.get(PHEEM, []) if s is not total
            },
        }


def _rounded(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _scale_json(scale: ScaleResult | None) -> dict | None:
    if scale is None:
        return None
    return {
        "mean": round(scale.mean, 2),
        "max": scale.maximum,
        "band": scale.band.label_es if scale.band else None,
    }


def items_of(campaign: Campaign) -> list[Item]:
    return list(
        Item.objects.filter(instrument__campaigns=campaign)
        .select_related("instrument")
        .order_by("instrument_id", "number")
    )


def bands_of(campaign: Campaign) -> dict:
    """Instrument pk -> its bands as `pheem.Band` values."""
    bands = defaultdict(list)
    for band in BandRow.objects.filter(instrument__campaigns=campaign):
        bands[band.instrument_id].append(
            pheem.Band(band.scale, band.low, band.high, band.label_es, band.label_en)
        )
    return bands


def distributions(campaign: Campaign, group: Group) -> dict:
    """Item pk -> {value: count} for the group's answers (one query)."""
    rows = (
        Answer.objects.filter(
            response__campaign=campaign,
            value__isnull=False,
            **{f"response__{k}": v for k, v in group.lookups().items()},
        )
        .values_list("item_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = defaultdict(dict)
    for item_id, value, n in rows:
        found[item_id][value] = n
    return found


def _share(counts: Counter, condition) -> float | None:
    total = sum(counts.values())
    return sum(n for v, n in counts.items() if condition(v)) / total if total else None


def figures(result: GroupResult, items: list[Item], found: dict, bands: dict) -> None:
    """Fill the result's rates, scales and item results from the distributions."""
    satisfaction, recommendation = Counter(), Counter()
    # instrument id -> subscale -> sum of means; ids, not rows: a ranking runs
    # this for every site, and hashing a model instance costs a method call.
    sums = defaultdict(lambda: defaultdict(float))
    for item in items:
        distribution = found.get(item.id, {})
        answered = sum(distribution.values())
        mean = sum(v * n for v, n in distribution.items()) / answered if answered else None
        result.items.append(ItemResult(item, distribution, answered, mean))
        if item.measure == Measure.SATISFACTION:
            satisfaction.update(distribution)
        elif item.measure == Measure.RECOMMENDATION:
            recommendation.update(distribution)
        if item.subscale and mean is not None:
            scored = AGREEMENT_MAX - mean if item.reverse else mean
            sums[item.instrument_id][item.subscale] += scored
    result.satisfaction_rate = _share(satisfaction, lambda v: v >= SATISFIED_FROM)
    result.recommendation_rate = _share(recommendation, lambda v: v >= RECOMMENDS_FROM)
    promoters = _share(recommendation, lambda v: v >= PROMOTER_FROM)
    if promoters is not None:
        result.nps = 100 * (promoters - _share(recommendation, lambda v: v <= DETRACTOR_UP_TO))
    for instrument_id, by_scale in sums.items():
        maxima, code = Counter(), None
        for item in items:
            if item.instrument_id == instrument_id and item.subscale:
                maxima[item.subscale] += AGREEMENT_MAX
                code = item.instrument.code
        scales = [(pheem.TOTAL, sum(by_scale.values()), sum(maxima.values()))]
        scales += [(s, by_scale[s], maxima[s]) for s in maxima]
        own_bands = bands.get(instrument_id, [])
        result.scales[code] = [
            ScaleResult(scale, mean, maximum, _band(own_bands, scale, mean))
            for scale, mean, maximum in scales
        ]


def _band(bands: list, scale: str, mean: float) -> pheem.Band | None:
    try:
        return pheem.band_of(scale, mean, bands) if bands else None
    except ValueError:
        return None  # bands edited into a gap: the figure stands without a band


def result_of(
    campaign: Campaign, group: Group, census: anonymity.Census | None = None
) -> GroupResult:
    """The group's figures, or only its verdict when it may not be shown."""
    census = census or census_of(campaign)
    verdict = census.verdict(group.filters())
    result = GroupResult(campaign, group, verdict)
    if not verdict.shown:
        return result
    result.response_rate = verdict.answers / verdict.targeted if verdict.targeted else None
    items = items_of(campaign)
    figures(result, items, distributions(campaign, group), bands_of(campaign))
    text_items = [item.pk for item in items if item.kind == ItemKind.TEXT]
    if verdict.comments_shown and text_items:
        texts = Answer.objects.filter(
            response__campaign=campaign,
            item__in=text_items,
            **{f"response__{k}": v for k, v in group.lookups().items()},
        ).exclude(text="")
        # Alphabetical: never the order in which they were written.
        result.comments = list(texts.order_by("text").values_list("text", flat=True))
    return result


CACHE_SECONDS = 24 * 3600  # bounds memory only: the key changes with every submission


def cached_result(
    campaign: Campaign, group: Group, census: anonymity.Census | None = None
) -> GroupResult:
    """`result_of`, remembered until the campaign's next submission changes the key.

    A closed campaign never changes, so its results (the trend of every later
    year reads them) are computed once.
    """
    parts = "-".join("" if v is None else str(v) for v in astuple(group))
    return _remembered(campaign, f"result:{parts}", lambda: result_of(campaign, group, census))


def _remembered(campaign: Campaign, what: str, compute):
    """compute(), cached under a key that the campaign's next submission changes."""
    key = f"surveys:{campaign.pk}:{campaign.submitted}:{what}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def trend(campaign: Campaign, group: Group, current: GroupResult) -> list[GroupResult]:
    """The group's results in every campaign up to this one's year that shares an instrument.

    Instruments are matched by code, so a new version of PHEEM continues the series.
    `current` is the group's result in this campaign, already computed.
    """
    codes = campaign.instruments.values_list("code", flat=True)
    campaigns = (
        Campaign.objects.filter(instruments__code__in=codes, year__lte=campaign.year)
        .distinct()
        .order_by("year", "opens_on", "pk")
    )
    return [current if c.pk == campaign.pk else cached_result(c, group) for c in campaigns]


def cached_ranking(campaign: Campaign, sites, census: anonymity.Census) -> list[GroupResult]:
    """`ranking`, remembered like `cached_result` for the same set of sites."""
    sites = list(sites)
    digest = hashlib.sha256(",".join(str(s.pk) for s in sites).encode()).hexdigest()
    return _remembered(campaign, f"ranking:{digest}", lambda: ranking(campaign, sites, census))


def ranking(campaign: Campaign, sites, census: anonymity.Census) -> list[GroupResult]:
    """Each site's figures, best satisfaction first; sites that may not be shown last, bare.

    One query for the distributions of every site, whatever their number.
    """
    sites = list(sites)
    answers = Answer.objects.filter(response__campaign=campaign, value__isnull=False)
    if len(sites) < Site.objects.count():
        answers = answers.filter(response__site__in=[s.pk for s in sites])
    found = defaultdict(lambda: defaultdict(dict))
    for site_id, item_id, value, n in (
        answers.values_list("response__site_id", "item_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found[site_id][item_id][value] = n
    items, bands = items_of(campaign), bands_of(campaign)
    rows = []
    for site in sites:
        group = Group(region=site.region_id, site=site.pk)
        result = GroupResult(campaign, group, census.verdict(group.filters()), site=site)
        if result.shown:
            verdict = result.verdict
            result.response_rate = verdict.answers / verdict.targeted if verdict.targeted else None
            figures(result, items, found.get(site.pk, {}), bands)
        if result.verdict.targeted:  # a site the campaign asked nobody at is left out
            rows.append(result)

    def order(row):
        rate = row.satisfaction_rate if row.shown else None
        return (rate is None, -(rate or 0), row.site.name)

    return sorted(rows, key=order)
