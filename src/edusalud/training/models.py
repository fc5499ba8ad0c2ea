"""Transversal courses: their editions, who takes part, attendance, and certificates.

A learner is a `residents.Person`: residents, and the professors and staff who
take courses once registered as people (decision 0014).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from edusalud.catalog.models import Site
from edusalud.core.choices import JobStatus
from edusalud.core.models import ReminderRunBase
from edusalud.residents.models import Person


class Modality(models.TextChoices):
    ONLINE = "online", _("online")
    IN_PERSON = "in_person", _("in person")
    BLENDED = "blended", _("blended")


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    PROFESSORS = "professors", _("professors")
    STAFF = "staff", _("all staff")


class ParticipationStatus(models.TextChoices):
    ENROLLED = "enrolled", pgettext_lazy("participation status", "enrolled")
    WAITING = "waiting", pgettext_lazy("participation status", "on the waiting list")
    WITHDRAWN = "withdrawn", pgettext_lazy("participation status", "withdrawn")
    PASSED = "passed", pgettext_lazy("participation status", "passed")
    FAILED = "failed", pgettext_lazy("participation status", "not passed")


# Participations that hold a place of the edition's capacity.
HOLDS_A_PLACE = (
    ParticipationStatus.ENROLLED,
    ParticipationStatus.PASSED,
    ParticipationStatus.FAILED,
)


class CompetencyArea(models.Model):
    """A transversal competency: decision making, English, good treatment..."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_es = models.CharField(_("Spanish name"), max_length=120, unique=True)
    name_en = models.CharField(_("English name"), max_length=120)

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_es


class Course(models.Model):
    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        CompetencyArea, related_name="courses", verbose_name=_("competency areas")
    )
    hours = models.PositiveSmallIntegerField(_("hours"))
    modality = models.CharField(_("modality"), max_length=12, choices=Modality.choices)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    # Only for residents: the year (R1..R6) the course is meant for; empty for every year.
    resident_year = models.PositiveSmallIntegerField(_("residents' year"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                name="course_hours_1_to_1000", condition=Q(hours__gte=1, hours__lte=1000)
            ),
            models.CheckConstraint(
                name="course_year_only_for_residents",
                condition=Q(resident_year__isnull=True)
                | Q(audience="residents", resident_year__gte=1, resident_year__lte=6),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Edition(models.Model):
    """One run of a course: national, or at one site."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="editions", verbose_name=_("course")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # Empty for a national edition, run by the national coordination.
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        verbose_name=_("site"),
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    instructors = models.CharField(_("instructors"), max_length=300, blank=True)
    venue = models.CharField(
        _("place or link"),
        max_length=300,
        blank=True,
        help_text=_("A room and building, or the address of the online session."),
    )
    # Set when its results are recorded: a closed edition takes no more changes.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "course__title"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                name="edition_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))
            ),
            models.CheckConstraint(name="edition_capacity_positive", condition=Q(capacity__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.starts_on:%Y-%m-%d})"


class Session(models.Model):
    """A day of an edition on which attendance is taken."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        ordering = ["edition", "held_on"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["edition", "held_on"], name="session_day_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.edition} / {self.held_on:%Y-%m-%d}"


class Participation(models.Model):
    """A person's place in an edition, or on its waiting list, and how it ended."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="participations", verbose_name=_("edition")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=12, choices=ParticipationStatus.choices)
    # The waiting list is served in the order people asked.
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=2, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["edition", "requested_at", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["edition", "person"], name="participation_once"),
            models.CheckConstraint(
                name="participation_grade_0_to_100",
                condition=Q(grade__isnull=True) | Q(grade__gte=0, grade__lte=100),
            ),
            models.CheckConstraint(
                name="participation_grade_only_when_finished",
                condition=Q(grade__isnull=True) | Q(status__in=["passed", "failed"]),
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.edition}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participation"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participation_id} @ {self.session_id}: {self.present}"


class Certificate(models.Model):
    """A constancia: what it states is kept as it was on the day it was issued."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    participation = models.OneToOneField(
        Participation, on_delete=models.PROTECT, related_name="certificate"
    )
    issued_on = models.DateField(_("issued on"))
    person_name = models.CharField(_("name"), max_length=370)
    course_title = models.CharField(_("course"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    areas = models.CharField(_("competency areas"), max_length=500)
    place = models.CharField(_("place"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=200)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                name="certificate_revocation_has_reason",
                condition=Q(revoked_on__isnull=True) | ~Q(revocation_reason=""),
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None


class RuleKind(models.TextChoices):
    COURSE = "course", _("complete a course within some days of starting the year")
    HOURS = "hours", _("complete some hours of courses each calendar year")


class TrainingRule(models.Model):
    """Training everyone of an audience must complete, e.g. "every R1 completes Buen trato
    within 90 days of starting" or "every professor completes 40 hours a year"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    audience = models.CharField(
        _("audience"),
        max_length=12,
        choices=[
            (Audience.RESIDENTS, Audience.RESIDENTS.label),
            (Audience.PROFESSORS, Audience.PROFESSORS.label),
        ],
    )
    # Residents only: the year (R1..R6) the rule applies to; empty for every year.
    resident_year = models.PositiveSmallIntegerField(_("residents' year"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=RuleKind.choices)
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rules",
        verbose_name=_("course"),
    )
    days = models.PositiveSmallIntegerField(_("days to complete it"), null=True, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours a year"), null=True, blank=True)
    # Hours rules only: count only courses of this area; empty for any course.
    area = models.ForeignKey(
        CompetencyArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rules",
        verbose_name=_("competency area"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("required training rule")
        verbose_name_plural = _("required training rules")
        constraints = [
            models.CheckConstraint(
                name="rule_course_has_course_and_days",
                condition=~Q(kind="course")
                | Q(course__isnull=False, days__gte=1, hours__isnull=True, area__isnull=True),
            ),
            models.CheckConstraint(
                name="rule_hours_has_hours",
                condition=~Q(kind="hours")
                | Q(hours__gte=1, course__isnull=True, days__isnull=True),
            ),
            models.CheckConstraint(
                name="rule_year_only_for_residents",
                condition=Q(resident_year__isnull=True)
                | Q(audience="residents", resident_year__gte=1, resident_year__lte=6),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReminderRun(ReminderRunBase):
    """E-mails sent to the people pending or overdue under a rule, at a coordinator's request."""

    rule = models.ForeignKey(TrainingRule, on_delete=models.CASCADE, related_name="reminders")

    def __str__(self) -> str:
        return f"{self.rule} @ {self.requested_at:%Y-%m-%d}"


BatchStatus = JobStatus


class CertificateBatch(models.Model):
    """An edition's certificates as one ZIP, made by a background job for who asked."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self) -> str:
        return f"{self.edition} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.status in (BatchStatus.QUEUED, BatchStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 0
