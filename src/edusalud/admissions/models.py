"""An admission cycle: its places, its applicants, their rank lists and the match's result.

The match itself (matching.py) sees none of this: selectors.market_of turns a
cycle's rows into plain data, and services write its result back.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from edusalud.catalog.models import Programme, Specialty
from edusalud.core.choices import JobStatus
from edusalud.residents.models import Person


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for ranking")
    MATCHED = "matched", _("matched")
    PUBLISHED = "published", _("published")


class ApplicantCategory(models.TextChoices):
    MEXICAN = "mexican", pgettext_lazy("applicant category", "Mexican")
    FOREIGN = "foreign", pgettext_lazy("applicant category", "foreign")


class AdmissionCycle(models.Model):
    """One year's assignment of selected ENARM applicants to programmes."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CycleStatus.choices, default=CycleStatus.DRAFT
    )
    # The institute asks applicants to rank every site offering their specialty.
    requires_complete_lists = models.BooleanField(_("complete rank lists required"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("admission cycle")
        verbose_name_plural = _("admission cycles")

    def __str__(self) -> str:
        return str(self.year)


class RankingPeriod(models.Model):
    """Days in which applicants rank sites; lists lock when a period closes."""

    cycle = models.ForeignKey(AdmissionCycle, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("period"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("ranking period")
        verbose_name_plural = _("ranking periods")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="period_number_per_cycle"),
            models.CheckConstraint(
                name="period_closes_after_opening", condition=Q(closes_on__gte=F("opens_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} / {self.number}"


class Position(models.Model):
    """The places a programme offers in a cycle, some reserved for foreign applicants."""

    cycle = models.ForeignKey(AdmissionCycle, on_delete=models.CASCADE, related_name="positions")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="positions", verbose_name=_("programme")
    )
    places = models.PositiveIntegerField(_("places"))
    foreign_places = models.PositiveIntegerField(_("places reserved for foreign applicants"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "programme__specialty__name_es", "programme__site__name"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "programme"], name="position_per_programme"),
            models.CheckConstraint(
                name="foreign_places_within_places", condition=Q(foreign_places__lte=F("places"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.places})"


class Applicant(models.Model):
    """A selected ENARM applicant for one specialty; a person with a CURP or a passport."""

    cycle = models.ForeignKey(AdmissionCycle, on_delete=models.CASCADE, related_name="applicants")
    folio = models.CharField(_("ENARM folio"), max_length=20)
    score = models.DecimalField(_("ENARM score"), max_digits=6, decimal_places=2)
    category = models.CharField(_("category"), max_length=8, choices=ApplicantCategory.choices)
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="applicants", verbose_name=_("specialty")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="applications", verbose_name=_("person")
    )
    # A branch specialty requires a completed one: its certificate, when not graduated here.
    prerequisite_evidence = models.CharField(
        _("prerequisite specialty evidence"), max_length=120, blank=True
    )
    # When they were e-mailed the link to choose the password of their account.
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["invited_at"])

    class Meta:
        ordering = ["cycle", "-score", "folio"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "folio"], name="applicant_folio_per_cycle"),
            models.UniqueConstraint(fields=["cycle", "person"], name="applicant_once_per_cycle"),
        ]

    def __str__(self) -> str:
        return self.folio


class Preference(models.Model):
    """One line of an applicant's rank list: rank 1 is their first choice."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="preferences")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["applicant", "rank"]
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        constraints = [
            models.UniqueConstraint(fields=["applicant", "rank"], name="preference_rank_once"),
            models.UniqueConstraint(
                fields=["applicant", "position"], name="preference_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id}: {self.rank}"


class ProgrammeRanking(models.Model):
    """A programme's own order of applicants, replacing the score order when uploaded."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="rankings")
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="rankings")
    rank = models.PositiveIntegerField(_("rank"))

    class Meta:
        ordering = ["position", "rank"]
        verbose_name = _("programme ranking")
        verbose_name_plural = _("programme rankings")
        constraints = [
            models.UniqueConstraint(fields=["position", "rank"], name="ranking_rank_once"),
            models.UniqueConstraint(
                fields=["position", "applicant"], name="ranking_applicant_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position_id}: {self.rank}"


class Assignment(models.Model):
    """The match's answer for one applicant: a position and the rank they gave it, or none."""

    applicant = models.OneToOneField(Applicant, on_delete=models.CASCADE, related_name="assignment")
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments"
    )
    rank_obtained = models.PositiveSmallIntegerField(_("rank obtained"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                name="assignment_rank_with_position",
                condition=Q(position__isnull=True, rank_obtained__isnull=True)
                | Q(position__isnull=False, rank_obtained__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id}: {self.position_id or '-'}"


MatchRunStatus = JobStatus


class MatchRun(models.Model):
    """One run of a cycle's match as a background job, with the step it is at."""

    STEPS = (
        _("reading the rank lists"),
        _("matching"),
        _("checking stability"),
        _("saving the result"),
    )

    cycle = models.ForeignKey(AdmissionCycle, on_delete=models.CASCADE, related_name="runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=MatchRunStatus.choices, default=MatchRunStatus.QUEUED
    )
    steps_done = models.PositiveSmallIntegerField(default=0)
    placed = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")

    def __str__(self) -> str:
        return f"{self.cycle} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.status in (MatchRunStatus.QUEUED, MatchRunStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / len(self.STEPS))

    @property
    def step_label(self) -> str:
        return str(self.STEPS[min(self.steps_done, len(self.STEPS) - 1)])
