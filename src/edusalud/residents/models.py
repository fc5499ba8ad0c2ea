from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from edusalud.core.validators import validate_curp
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus, Sex

MEXICO = "MX"


class Person(models.Model):
    """A doctor in (or after) residency. Personal data: read through selectors only."""

    first_names = models.CharField(_("first name(s)"), max_length=120)
    last_name = models.CharField(_("first surname"), max_length=120)
    second_last_name = models.CharField(_("second surname"), max_length=120, blank=True)
    curp = models.CharField(
        _("CURP"), max_length=18, unique=True, null=True, blank=True, validators=[validate_curp]
    )
    nationality = CountryField(_("nationality"), default=MEXICO)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user account"),
    )
    # Set once by services.pseudonymise_person; the names, CURP and contact data are gone.
    pseudonymised_on = models.DateField(
        _("pseudonymised on"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "second_last_name", "first_names"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # Mexicans are identified by CURP; foreigners without one by their passport;
            # a pseudonymised person by neither (decision 0008).
            models.CheckConstraint(
                name="person_has_curp_or_foreign_passport",
                condition=Q(curp__isnull=False)
                | (~Q(nationality=MEXICO) & ~Q(passport_number=""))
                | Q(pseudonymised_on__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_names"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_names, self.last_name, self.second_last_name) if p)

    @property
    def is_foreign(self) -> bool:
        return self.nationality != MEXICO

    @property
    def is_pseudonymised(self) -> bool:
        return self.pseudonymised_on is not None


class Enrolment(models.Model):
    """A person's course in one programme, from R1 to graduation or withdrawal."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("person")
    )
    programme = models.ForeignKey(
        "catalog.Programme",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year (R1..Rn)"))
    started_on = models.DateField(_("start date"))
    status = models.CharField(
        _("status"), max_length=16, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True)
    prerequisite_evidence = models.CharField(
        _("prerequisite specialty evidence"),
        max_length=120,
        blank=True,
        help_text=_(
            "Specialty certificate (cédula) number when the prerequisite was completed elsewhere."
        ),
    )
    is_hired_by_institute = models.BooleanField(_("hired by the institute"), null=True, blank=True)
    hired_on = models.DateField(_("hiring date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.CheckConstraint(
                name="enrolment_year_1_to_6", condition=Q(year__gte=1, year__lte=6)
            ),
            # A person is in at most one course at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=IN_TRAINING),
                name="enrolment_one_current_per_person",
            ),
            models.CheckConstraint(
                name="enrolment_withdrawal_has_reason",
                condition=~Q(status=EnrolmentStatus.WITHDRAWN) | ~Q(withdrawal_reason=""),
            ),
            models.CheckConstraint(
                name="enrolment_hiring_only_after_graduation",
                condition=Q(is_hired_by_institute__isnull=True)
                | Q(status=EnrolmentStatus.GRADUATED),
            ),
        ]
        indexes = [models.Index(fields=["status", "programme"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.programme} ({self.year_label})"

    @property
    def year_label(self) -> str:
        return f"R{self.year}"
