"""Reads of courses, editions, participations and certificates, scoped to a user.

Courses and competency areas are a catalogue for every signed-in user. An
edition is seen by those who could take it or run it: national editions by
everyone, a site's editions by the users whose scope reaches the site. It is
run by the national coordination (every edition) or the coordinators of its
site's region or the site itself; its list of participants is theirs alone.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.selectors import sites_visible_to
from edusalud.residents.enums import IN_TRAINING
from edusalud.residents.models import Enrolment, Person
from edusalud.residents.selectors import manageable_sites, person_of
from edusalud.training.facts import CertificateFacts
from edusalud.training.models import (
    HOLDS_A_PLACE,
    Attendance,
    Audience,
    Certificate,
    CompetencyArea,
    Course,
    Edition,
    Participation,
    ParticipationStatus,
)


def areas_visible_to(user: User) -> QuerySet[CompetencyArea]:
    return CompetencyArea.objects.all() if user.is_authenticated else CompetencyArea.objects.none()


def courses_visible_to(user: User) -> QuerySet[Course]:
    if not user.is_authenticated:
        return Course.objects.none()
    return Course.objects.prefetch_related("areas")


def editions_visible_to(user: User) -> QuerySet[Edition]:
    if not user.is_authenticated:
        return Edition.objects.none()
    base = Edition.objects.select_related("course", "site__region")
    if scope_of(user).is_national:
        return base
    return base.filter(Q(site__isnull=True) | Q(site__in=sites_visible_to(user).values("pk")))


def editions_manageable_by(user: User) -> QuerySet[Edition]:
    """Editions whose participants, attendance and results the user keeps."""
    if not user.is_authenticated:
        return Edition.objects.none()
    scope = scope_of(user)
    base = Edition.objects.select_related("course", "site__region")
    if scope.is_national:
        return base
    if not scope.is_coordinator:
        return base.none()
    return base.filter(site__in=manageable_sites(user).values("pk"))


def can_create_editions(user: User) -> bool:
    return user.is_authenticated and scope_of(user).is_coordinator


def edition_list(user: User, *, course: int | None = None, when: str = "") -> QuerySet[Edition]:
    """Visible editions with their number of places taken, for the course pages."""
    editions = editions_visible_to(user).annotate(
        taken=Count("participations", filter=Q(participations__status__in=HOLDS_A_PLACE)),
        waiting=Count(
            "participations", filter=Q(participations__status=ParticipationStatus.WAITING)
        ),
    )
    if course:
        editions = editions.filter(course_id=course)
    today = timezone.localdate()
    if when == "upcoming":
        editions = editions.filter(ends_on__gte=today)
    elif when == "past":
        editions = editions.filter(ends_on__lt=today)
    return editions


def places_taken(edition: Edition) -> int:
    return edition.participations.filter(status__in=HOLDS_A_PLACE).count()


def participants_of(edition: Edition) -> QuerySet[Participation]:
    """An edition's participations, with attendance and certificate, in one query each."""
    return (
        edition.participations.select_related("person", "certificate")
        .prefetch_related(Prefetch("attendances", queryset=Attendance.objects.all()))
        .order_by("status", "person__last_name", "person__second_last_name", "person__first_names")
    )


def residents_to_enrol(edition: Edition, *, site_id: int, year: int | None) -> QuerySet[Person]:
    """People in training at the site (in the year, if given) who are not in the edition yet."""
    enrolments = Enrolment.objects.filter(status__in=IN_TRAINING, programme__site_id=site_id)
    if year:
        enrolments = enrolments.filter(year=year)
    return (
        Person.objects.filter(pk__in=enrolments.values("person_id"))
        .exclude(participations__edition=edition)
        .order_by("last_name", "second_last_name", "first_names", "pk")
    )


def enrollable_people(user: User, edition: Edition) -> QuerySet[Person]:
    """Whom the user may put in the edition: the people in training where they coordinate."""
    sites = manageable_sites(user)
    if edition.site_id:
        sites = sites.filter(pk=edition.site_id)
    enrolments = Enrolment.objects.filter(
        status__in=IN_TRAINING, programme__site__in=sites.values("pk")
    )
    return Person.objects.filter(pk__in=enrolments.values("person_id"))


def audience_refusal(user: User, course: Course) -> str | None:
    """Why the user may not enrol themselves in the course, or None when they may.

    The reason is a code the caller turns into a message.
    """
    person = person_of(user)
    if person is None:
        return "no_person"
    if course.audience == Audience.RESIDENTS:
        enrolments = Enrolment.objects.filter(person=person, status__in=IN_TRAINING)
        if course.resident_year:
            enrolments = enrolments.filter(year=course.resident_year)
        if not enrolments.exists():
            return "not_audience"
    elif course.audience == Audience.PROFESSORS and not scope_of(user).programme_ids:
        return "not_audience"
    return None


@dataclass(frozen=True)
class AreaHours:
    area: CompetencyArea
    hours: int


@dataclass(frozen=True)
class TrainingRecord:
    participations: list[Participation]  # every edition the person is or was in
    hours_by_area: list[AreaHours]  # passed courses only
    total_hours: int


def training_record_of(person: Person) -> TrainingRecord:
    """A person's courses and, for those passed, hours per competency area (a fixed 4 queries)."""
    participations = list(
        person.participations.select_related("edition__course", "edition__site", "certificate")
        .prefetch_related("edition__course__areas")
        .order_by("-edition__starts_on", "-pk")
    )
    passed = Participation.objects.filter(person=person, status=ParticipationStatus.PASSED)
    by_area = (
        CompetencyArea.objects.filter(courses__editions__participations__in=passed)
        .annotate(hours=Sum("courses__hours"))
        .order_by("name_es")
    )
    total = passed.aggregate(total=Sum("edition__course__hours"))["total"]
    return TrainingRecord(
        participations=participations,
        hours_by_area=[AreaHours(area=a, hours=a.hours) for a in by_area],
        total_hours=total or 0,
    )


def certificates_visible_to(user: User) -> QuerySet[Certificate]:
    """Certificates of the editions the user runs, and the user's own."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    base = Certificate.objects.select_related("participation__edition__course")
    if scope_of(user).is_national:
        return base
    return base.filter(
        Q(participation__edition__in=editions_manageable_by(user).values("pk"))
        | Q(participation__person__user_id=user.pk)
    )


def certificates_of(edition: Edition) -> QuerySet[Certificate]:
    """The edition's certificates, by name, as a batch puts them in its ZIP."""
    return Certificate.objects.filter(participation__edition=edition).order_by(
        "person_name", "code"
    )


def certificate_rows(user: User, *, limit: int | None = None) -> list[dict]:
    """The certificates the user may see, newest first, as the command prints them."""
    certificates = certificates_visible_to(user).order_by("-issued_on", "code")
    if limit:
        certificates = certificates[:limit]
    return [
        {
            "code": c.code,
            "person": c.person_name,
            "course": c.course_title,
            "hours": c.hours,
            "issued_on": c.issued_on.isoformat(),
            "status": "revoked" if c.is_revoked else "valid",
            "verify_url": reverse("training:verify", args=[c.code]),
            "assertion_url": reverse("training:badge_assertion", args=[c.code]),
        }
        for c in certificates
    ]


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this code, for the public verification page; None if unknown."""
    return (
        Certificate.objects.select_related("participation__edition", "participation__person")
        .filter(code=code.strip().upper())
        .first()
    )


def verify_url(code: str, *, site_url: str) -> str:
    """The public page a certificate's QR points to."""
    return site_url.rstrip("/") + reverse("training:verify", args=[code])


def facts_of(certificate: Certificate, *, site_url: str) -> CertificateFacts:
    return CertificateFacts(
        code=certificate.code,
        person_name=certificate.person_name,
        course_title=certificate.course_title,
        hours=certificate.hours,
        starts_on=certificate.starts_on,
        ends_on=certificate.ends_on,
        areas=tuple(a for a in certificate.areas.split("; ") if a),
        issuer=certificate.issuer,
        place=certificate.place,
        issued_on=certificate.issued_on,
        verify_url=verify_url(certificate.code, site_url=site_url),
    )


def attendance_rate(participation: Participation, rolls: int) -> Decimal | None:
    """Share of the rolls taken in which the person was present; None when they were in none."""
    if not rolls or participation.status == ParticipationStatus.WAITING:
        return None
    present = sum(1 for a in participation.attendances.all() if a.present)
    return Decimal(present * 100) / rolls


def has_started(edition: Edition, today: datetime.date | None = None) -> bool:
    return edition.starts_on <= (today or timezone.localdate())
