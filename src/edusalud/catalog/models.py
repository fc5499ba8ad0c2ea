from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from edusalud.catalog.enums import (
    CareLevel,
    EntryKind,
    QualityLevel,
    QualityRecognition,
    SiteKind,
)
from edusalud.core.validators import validate_clues


class Region(models.Model):
    """A state delegation (OOAD) of the institute; regional coordinators see one."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A sede académica: a hospital or unit authorised to host residencies."""

    clues = models.CharField(_("CLUES"), max_length=11, unique=True, validators=[validate_clues])
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=8, choices=SiteKind.choices)
    care_level = models.PositiveSmallIntegerField(_("care level"), choices=CareLevel.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="sites", verbose_name=_("region")
    )
    beds = models.PositiveIntegerField(_("beds"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.CheckConstraint(
                name="site_care_level_1_to_3", condition=Q(care_level__gte=1, care_level__lte=3)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.clues})"


class Specialty(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    name_es = models.CharField(_("Spanish name"), max_length=120, unique=True)
    name_en = models.CharField(_("English name"), max_length=120)
    entry = models.CharField(_("entry"), max_length=8, choices=EntryKind.choices)
    prerequisite = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="branches",
        verbose_name=_("prerequisite specialty"),
    )
    duration_years = models.PositiveSmallIntegerField(
        _("duration in years"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        constraints = [
            # A branch specialty names its prerequisite; a direct-entry one has none.
            models.CheckConstraint(
                name="specialty_branch_has_prerequisite",
                condition=Q(entry=EntryKind.DIRECT, prerequisite__isnull=True)
                | Q(entry=EntryKind.BRANCH, prerequisite__isnull=False),
            ),
            models.CheckConstraint(
                name="specialty_duration_1_to_6",
                condition=Q(duration_years__gte=1, duration_years__lte=6),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_es


class ProgrammeQuerySet(models.QuerySet):
    def quality_recognised(self, on=None):
        """Programmes whose PNPC/SNP recognition is valid on the given day (today)."""
        on = on or timezone.localdate()
        return self.exclude(quality_recognition=QualityRecognition.NONE).filter(
            Q(quality_valid_from__isnull=True) | Q(quality_valid_from__lte=on),
            Q(quality_valid_until__isnull=True) | Q(quality_valid_until__gte=on),
        )


class Programme(models.Model):
    """A specialty taught at a site (a curso de especialización)."""

    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("specialty")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("site")
    )
    university = models.CharField(_("endorsing university"), max_length=200, blank=True)
    quality_recognition = models.CharField(
        _("quality recognition"),
        max_length=8,
        choices=QualityRecognition.choices,
        default=QualityRecognition.NONE,
        blank=True,
    )
    quality_level = models.CharField(
        _("quality level"),
        max_length=16,
        choices=QualityLevel.choices,
        default=QualityLevel.NONE,
        blank=True,
    )
    quality_valid_from = models.DateField(_("recognised from"), null=True, blank=True)
    quality_valid_until = models.DateField(_("recognised until"), null=True, blank=True)
    yearly_positions = models.PositiveIntegerField(_("yearly positions"), default=0)
    history = HistoricalRecords()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["specialty__name_es", "site__name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["specialty", "site"], name="programme_unique_per_site"),
            models.CheckConstraint(
                name="programme_quality_dates_ordered",
                condition=Q(quality_valid_from__isnull=True)
                | Q(quality_valid_until__isnull=True)
                | Q(quality_valid_until__gte=models.F("quality_valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialty} — {self.site.name}"

    @property
    def is_quality_recognised(self) -> bool:
        today = timezone.localdate()
        return bool(self.quality_recognition) and (
            (self.quality_valid_from is None or self.quality_valid_from <= today)
            and (self.quality_valid_until is None or self.quality_valid_until >= today)
        )
