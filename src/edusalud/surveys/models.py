"""Surveys of residents: instruments, campaigns, and answers kept apart from who gave them.

Anonymity is built into the tables (decision 0017):
- `Invitation` says who a campaign asks and whether they have answered, with
  no date, so reminders reach only those who have not;
- `Response` and its `Answer` rows say what was answered, with the day (no
  time), the grouping attributes reports need (region, site, specialty, year)
  and no link to a person or an invitation; its key is random, so the order of
  the rows is not the order of the submissions;
- `Draft` holds what a resident saved before submitting, linked to them, and
  is deleted when they submit.
None of these models keeps a history: a history row would carry the time of a
submission. The admin shows none of them. Improvement plans, which name no
respondent, keep theirs.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from edusalud.catalog.models import Region, Site, Specialty
from edusalud.core.models import ReminderRunBase
from edusalud.residents.models import Person


class ItemKind(models.TextChoices):
    AGREEMENT = "agreement", _("agreement, 0 to 4")
    SCALE = "scale", _("scale, 0 to 10")
    CHOICE = "choice", _("single choice")
    TEXT = "text", _("free text")


AGREEMENT_LABELS = {
    0: _("Strongly disagree"),
    1: _("Disagree"),
    2: _("Neither agree nor disagree"),
    3: _("Agree"),
    4: _("Strongly agree"),
}

# The values an item of each kind accepts; a choice item accepts 0..len(choices)-1.
VALUE_RANGES = {ItemKind.AGREEMENT: (0, 4), ItemKind.SCALE: (0, 10)}


class Measure(models.TextChoices):
    """What an item feeds in the reports besides its own distribution."""

    NONE = "", _("its distribution only")
    SATISFACTION = "satisfaction", _("satisfaction with the course")
    RECOMMENDATION = "recommendation", _("recommendation of the site")


class Bilingual:
    """A row with Spanish and English texts shows the one of the active language."""

    def _in_language(self, field: str) -> str:
        english = getattr(self, f"{field}_en")
        return (
            english
            if translation.get_language() == "en" and english
            else getattr(self, f"{field}_es")
        )


class Instrument(Bilingual, models.Model):
    """A questionnaire; a published one is never edited (a change is a new version)."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name_es = models.CharField(_("Spanish name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    # What a list of many questions repeats before each number ("PHEEM 12").
    abbreviation = models.CharField(_("abbreviation"), max_length=24, blank=True)
    introduction_es = models.TextField(_("Spanish introduction"), blank=True)
    introduction_en = models.TextField(_("English introduction"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="instrument_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def name(self) -> str:
        return self._in_language("name")

    @property
    def short_name(self) -> str:
        """What a list of many questions repeats before each number."""
        return self.abbreviation or Truncator(self.name).chars(24)

    @property
    def introduction(self) -> str:
        return self._in_language("introduction")

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class Item(Bilingual, models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="items", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    text_es = models.TextField(_("Spanish text"))
    text_en = models.TextField(_("English text"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    # A single-choice item's options, in order: [[Spanish, English], ...].
    choices = models.JSONField(_("options"), default=list, blank=True)
    # Scored questionnaires (PHEEM): the subscale the item adds to, and whether
    # it is a negative statement that counts max - answer.
    subscale = models.CharField(_("subscale"), max_length=20, blank=True)
    reverse = models.BooleanField(_("reverse-scored"), default=False)
    measure = models.CharField(
        _("measure"), max_length=16, choices=Measure.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["instrument", "number"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="item_number_unique"),
            models.CheckConstraint(
                name="item_measure_fits_kind",
                condition=Q(measure="")
                | Q(measure="satisfaction", kind="agreement")
                | Q(measure="recommendation", kind="scale"),
            ),
            models.CheckConstraint(
                name="item_subscale_is_scored",
                condition=Q(subscale="", reverse=False) | Q(kind="agreement", required=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    @property
    def text(self) -> str:
        return self._in_language("text")

    @property
    def options(self) -> list[str]:
        english = translation.get_language() == "en"
        return [(pair[1] or pair[0]) if english else pair[0] for pair in self.choices]

    @property
    def value_range(self) -> tuple[int, int] | None:
        """The lowest and highest value accepted; None for free text."""
        if self.kind == ItemKind.CHOICE:
            return (0, len(self.choices) - 1)
        return VALUE_RANGES.get(self.kind)


class Band(Bilingual, models.Model):
    """An interpretation band of a scored instrument, with its published source."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="bands", verbose_name=_("instrument")
    )
    scale = models.CharField(_("scale"), max_length=20)  # "total" or a subscale code
    low = models.PositiveSmallIntegerField(_("from"))
    high = models.PositiveSmallIntegerField(_("to"))
    label_es = models.CharField(_("Spanish label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200, blank=True)
    source = models.TextField(_("source"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument", "scale", "low"]
        verbose_name = _("interpretation band")
        verbose_name_plural = _("interpretation bands")

    def __str__(self) -> str:
        return f"{self.scale} {self.low}-{self.high}: {self.label}"

    @property
    def label(self) -> str:
        return self._in_language("label")


class Campaign(models.Model):
    """One run of some instruments for the active residents, or those of a filter."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))  # the year results are reported under
    instruments = models.ManyToManyField(
        Instrument, related_name="campaigns", verbose_name=_("instruments")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # The filter: empty fields target every active resident.
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("site")
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("specialty")
    )
    resident_year = models.PositiveSmallIntegerField(_("residents' year"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Counts submissions, so that cached results know when they are outdated.
    submitted = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                name="campaign_closes_after_opening",
                condition=Q(closes_on__gte=models.F("opens_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Invitation(models.Model):
    """Who a campaign asks, and whether they have answered: never what, never when."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    # The grouping attributes at the time of targeting, copied to the response.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    has_answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="invitation_once")
        ]
        indexes = [models.Index(fields=["campaign", "site"])]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.person}"


class Draft(models.Model):
    """What a resident saved before submitting; deleted when they submit."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="draft")
    values = models.JSONField(default=dict)  # item pk (as text) -> value or text
    saved_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.invitation} (draft)"


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    submitted_on = models.DateField()  # the day, never the time
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["campaign", "site"]),
            models.Index(fields=["campaign", "region"]),
            models.Index(fields=["campaign", "specialty"]),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField(null=True)  # empty for free text
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value if self.value is not None else self.text[:40]}"


class ReminderRun(ReminderRunBase):
    """E-mails to the invited who have not answered, at a coordinator's request."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")

    def __str__(self) -> str:
        return f"{self.campaign} @ {self.requested_at:%Y-%m-%d}"


class FlagThresholds(models.Model):
    """What flags a site for an improvement plan; set by national coordinators.

    The newest row is in force. A site is flagged in a campaign when its results
    may be shown and any threshold is crossed: satisfaction or recommendation
    under its minimum, or a PHEEM scale (total or subscale) in one of its
    `pheem_lowest_bands` lowest bands (2: "very poor" or "plenty of problems").
    """

    min_satisfaction = models.PositiveSmallIntegerField(
        _("minimum satisfaction (%)"), null=True, blank=True
    )
    min_recommendation = models.PositiveSmallIntegerField(
        _("minimum recommendation (%)"), null=True, blank=True
    )
    pheem_lowest_bands = models.PositiveSmallIntegerField(_("PHEEM lowest bands"), default=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    set_on = models.DateField(_("set on"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-set_on", "-pk"]
        verbose_name = _("flag thresholds")
        verbose_name_plural = _("flag thresholds")
        constraints = [
            models.CheckConstraint(
                name="thresholds_are_percentages",
                condition=(Q(min_satisfaction__isnull=True) | Q(min_satisfaction__lte=100))
                & (Q(min_recommendation__isnull=True) | Q(min_recommendation__lte=100))
                & Q(pheem_lowest_bands__lte=3),
            )
        ]

    def __str__(self) -> str:
        return f"{self.min_satisfaction} / {self.min_recommendation} / {self.pheem_lowest_bands}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned with comments")
    APPROVED = "approved", _("approved")


class ImprovementPlan(models.Model):
    """A flagged site's plan for the year after the campaign that flagged it."""

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="improvement_plans", verbose_name=_("site")
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="plans", verbose_name=_("campaign")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-campaign__year", "site__name"]
        verbose_name = _("improvement plan")
        verbose_name_plural = _("improvement plans")
        constraints = [
            models.UniqueConstraint(fields=["site", "campaign"], name="one_plan_per_site_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.site} — {self.campaign.year + 1}"

    @property
    def year(self) -> int:
        return self.campaign.year + 1


class PlanGoal(models.Model):
    """A goal tied to a weak item; `baseline` is the site's mean when the plan was written."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="goals")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("goal"))
    baseline = models.FloatField(_("baseline mean"))
    target = models.FloatField(_("target mean"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "item__instrument_id", "item__number"]
        constraints = [models.UniqueConstraint(fields=["plan", "item"], name="one_goal_per_item")]

    def __str__(self) -> str:
        return self.description[:60]


class ActionStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class PlanAction(models.Model):
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PENDING
    )
    evidence = models.TextField(_("evidence"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class PlanComment(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
