"""Writes of courses and editions: enrolment and its waiting list, attendance, certificates.

The caller has checked that `by` may act on the edition
(selectors.editions_manageable_by) or, for enrol_self, may see it.
"""

import datetime
import secrets
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from edusalud.accounts.models import User
from edusalud.catalog.models import Site
from edusalud.core.bulk import save_with_history
from edusalud.core.history import save_checked
from edusalud.core.mailing import send_each
from edusalud.residents.models import Person
from edusalud.training import coverage, selectors
from edusalud.training.batch import render_zip
from edusalud.training.models import (
    Attendance,
    BatchStatus,
    Certificate,
    CertificateBatch,
    CompetencyArea,
    Course,
    Edition,
    Participation,
    ParticipationStatus,
    ReminderRun,
    RuleKind,
    Session,
    TrainingRule,
)

# No 0/O, 1/I/L: a code read aloud or typed from paper comes out right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def create_area(*, name_es: str, name_en: str) -> CompetencyArea:
    """A new competency area; its code is made from the Spanish name."""
    name_es, name_en = name_es.strip(), name_en.strip()
    code = slugify(name_es)[:32]
    if not code:
        raise ValidationError({"name_es": _("Write the name with letters or digits.")})
    if CompetencyArea.objects.filter(Q(name_es__iexact=name_es) | Q(code=code)).exists():
        raise ValidationError({"name_es": _("There is already an area with this name.")})
    try:
        with transaction.atomic():
            return CompetencyArea.objects.create(code=code, name_es=name_es, name_en=name_en)
    except IntegrityError:  # created by someone else since the check above
        raise ValidationError({"name_es": _("There is already an area with this name.")}) from None


@transaction.atomic
def create_course(
    *,
    by: User | None,
    title: str,
    areas: list[CompetencyArea],
    hours: int,
    modality: str,
    audience: str,
    resident_year: int | None = None,
    description: str = "",
) -> Course:
    if not areas:
        raise ValidationError({"areas": _("Choose at least one competency area.")})
    if resident_year and audience != "residents":
        raise ValidationError({"resident_year": _("A year applies only to courses for residents.")})
    if Course.objects.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": _("There is already a course with this title.")})
    course = save_checked(
        Course(
            title=title.strip(),
            description=description,
            hours=hours,
            modality=modality,
            audience=audience,
            resident_year=resident_year,
        ),
        by=by,
        reason="created",
    )
    course.areas.set(areas)
    return course


@transaction.atomic
def create_edition(
    *,
    by: User | None,
    course: Course,
    site: Site | None,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    instructors: str = "",
    venue: str = "",
) -> Edition:
    """A new edition, with one attendance session on its first day (more can be added)."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("An edition cannot end before it starts.")})
    edition = save_checked(
        Edition(
            course=course,
            site=site,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            instructors=instructors,
            venue=venue,
        ),
        by=by,
        reason="created",
    )
    Session.objects.create(edition=edition, held_on=starts_on)
    return edition


def add_session(*, edition: Edition, held_on: datetime.date, topic: str = "") -> Session:
    _refuse_if_closed(edition)
    if not edition.starts_on <= held_on <= edition.ends_on:
        raise ValidationError(
            {"held_on": _("A session must fall between the edition's first and last day.")}
        )
    try:
        with transaction.atomic():
            return Session.objects.create(edition=edition, held_on=held_on, topic=topic)
    except IntegrityError:
        raise ValidationError(
            {"held_on": _("The edition already has a session on that day.")}
        ) from None


def _refuse_if_closed(edition: Edition) -> None:
    if edition.closed_on is not None:
        raise ValidationError(_("This edition is closed: its results are final."))


def _locked(edition: Edition) -> Edition:
    # Every enrolment and withdrawal takes this lock first: two requests at once
    # count the places one after the other, so nobody is put over capacity.
    return Edition.objects.select_for_update().get(pk=edition.pk)


@transaction.atomic
def enrol(
    *, by: User | None, edition: Edition, people: list[Person], today: datetime.date
) -> dict[str, int]:
    """Give each person a place, or a turn on the waiting list once the edition is full.

    People already in the edition are left as they are. Returns how many were
    `enrolled`, put `waiting` and `skipped` (already in).
    """
    edition = _locked(edition)
    _refuse_if_closed(edition)
    if edition.ends_on < today:
        raise ValidationError(_("This edition has ended: nobody can enrol any more."))
    taken = selectors.places_taken(edition)
    existing = set(
        Participation.objects.filter(edition=edition, person__in=people).values_list(
            "person_id", flat=True
        )
    )
    created = []
    for person in people:
        if person.pk in existing:
            continue
        existing.add(person.pk)
        status = (
            ParticipationStatus.ENROLLED
            if taken < edition.capacity
            else ParticipationStatus.WAITING
        )
        taken += status == ParticipationStatus.ENROLLED
        created.append(Participation(edition=edition, person=person, status=status))
    save_with_history(Participation, created=created, by=by, reason="enrolled")
    enrolled = sum(1 for p in created if p.status == ParticipationStatus.ENROLLED)
    return {
        "enrolled": enrolled,
        "waiting": len(created) - enrolled,
        "skipped": len(people) - len(created),
    }


def enrol_self(*, user: User, edition: Edition, today: datetime.date) -> Participation:
    """The user's own request for a place; refused when the course is not meant for them."""
    refusal = selectors.audience_refusal(user, edition.course)
    if refusal == "no_person":
        raise ValidationError(
            _(
                "Your account has no personal record yet: ask your site's education "
                "coordination to register you."
            )
        )
    if refusal == "not_audience":
        raise ValidationError(
            _("This course is meant for %(audience)s.")
            % {"audience": audience_label(edition.course)}
        )
    person = user.person
    if Participation.objects.filter(edition=edition, person=person).exists():
        raise ValidationError(_("You have already asked for a place in this edition."))
    enrol(by=user, edition=edition, people=[person], today=today)
    return Participation.objects.get(edition=edition, person=person)


def audience_label(course: Course) -> str:
    if course.resident_year:
        return _("R%(year)d residents") % {"year": course.resident_year}
    return course.get_audience_display()


@transaction.atomic
def withdraw(*, by: User | None, participation: Participation) -> Participation | None:
    """Take the person out; the first on the waiting list gets the place. Returns who did."""
    edition = _locked(participation.edition)
    _refuse_if_closed(edition)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status not in (ParticipationStatus.ENROLLED, ParticipationStatus.WAITING):
        raise ValidationError(_("Only someone enrolled or waiting can be withdrawn."))
    participation.status = ParticipationStatus.WITHDRAWN
    save_checked(participation, by=by, reason="withdrawn")
    if selectors.places_taken(edition) >= edition.capacity:
        return None
    first = (
        Participation.objects.filter(edition=edition, status=ParticipationStatus.WAITING)
        .order_by("requested_at", "pk")
        .first()
    )
    if first is not None:
        first.status = ParticipationStatus.ENROLLED
        save_checked(first, by=by, reason="enrolled from the waiting list")
    return first


@transaction.atomic
def record_attendance(*, session: Session, present: set[int]) -> int:
    """Mark who came to the session (participation ids); everyone else enrolled was absent."""
    _refuse_if_closed(session.edition)
    enrolled = list(
        session.edition.participations.filter(status=ParticipationStatus.ENROLLED).values_list(
            "pk", flat=True
        )
    )
    unknown = present - set(enrolled)
    if unknown:
        raise ValidationError(_("Attendance can only be taken for people enrolled."))
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create(
        [Attendance(session=session, participation_id=pk, present=pk in present) for pk in enrolled]
    )
    return len(present)


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def record_results(
    *,
    by: User | None,
    edition: Edition,
    results: dict[int, tuple[bool, float | None]],
    today: datetime.date,
) -> list[Certificate]:
    """Record who passed (with an optional grade 0-100) and issue their certificates.

    `results` maps participation ids of enrolled people to (passed, grade).
    Results are final: a certificate given by mistake is revoked, not undone.
    """
    edition = _locked(edition)
    _refuse_if_closed(edition)
    if edition.starts_on > today:
        raise ValidationError(
            _("The edition starts on %(date)s: results can be recorded once it has started.")
            % {"date": edition.starts_on.strftime("%d/%m/%Y")}
        )
    participations = {
        p.pk: p
        for p in edition.participations.select_related("person").filter(
            pk__in=results, status=ParticipationStatus.ENROLLED
        )
    }
    if set(results) - set(participations):
        raise ValidationError(_("Results can only be recorded for people enrolled."))
    errors = []
    for pk, (_passed, grade) in results.items():
        if grade is not None and not 0 <= grade <= 100:
            errors.append(
                _("%(name)s: the grade must be between 0 and 100.")
                % {"name": participations[pk].person.full_name}
            )
    if errors:
        raise ValidationError(errors)
    finished = []
    for pk, (passed, grade) in results.items():
        participation = participations[pk]
        participation.status = ParticipationStatus.PASSED if passed else ParticipationStatus.FAILED
        participation.grade = grade
        finished.append(participation)
    save_with_history(
        Participation, changed=finished, fields=["status", "grade"], by=by, reason="finished"
    )
    return issue_certificates(
        by=by,
        edition=edition,
        participations=[p for p in finished if p.status == ParticipationStatus.PASSED],
        today=today,
    )


def issue_certificates(
    *, by: User | None, edition: Edition, participations: list[Participation], today: datetime.date
) -> list[Certificate]:
    """One certificate per participation, stating the facts as they are today."""
    course = edition.course
    areas = "; ".join(a.name_es for a in course.areas.order_by("name_es"))
    place = edition.site.name if edition.site_id else "Nacional"
    certificates = [
        Certificate(
            code=new_code(),
            participation=p,
            issued_on=today,
            person_name=p.person.full_name,
            course_title=course.title,
            hours=course.hours,
            starts_on=edition.starts_on,
            ends_on=edition.ends_on,
            areas=areas,
            place=place,
            issuer=settings.CERTIFICATE_ISSUER,
        )
        for p in participations
    ]
    save_with_history(Certificate, created=certificates, by=by, reason="issued")
    return certificates


@transaction.atomic
def close_edition(*, by: User | None, edition: Edition, today: datetime.date) -> Edition:
    """Close the edition once everyone enrolled has a result; nothing changes after."""
    edition = _locked(edition)
    _refuse_if_closed(edition)
    pending = edition.participations.filter(status=ParticipationStatus.ENROLLED).count()
    if pending:
        raise ValidationError(
            ngettext(
                "%(n)d person still has no result.",
                "%(n)d people still have no result.",
                pending,
            )
            % {"n": pending}
        )
    edition.closed_on = today
    return save_checked(edition, by=by, reason="closed")


@transaction.atomic
def revoke_certificate(
    *, by: User, certificate: Certificate, reason: str, today: datetime.date
) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("This certificate was already revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate.revoked_on = today
    certificate.revocation_reason = reason.strip()
    certificate.revoked_by = by
    return save_checked(certificate, by=by, reason="revoked")


@transaction.atomic
def create_rule(
    *,
    by: User | None,
    name: str,
    audience: str,
    kind: str,
    resident_year: int | None = None,
    course: Course | None = None,
    days: int | None = None,
    hours: int | None = None,
    area: CompetencyArea | None = None,
) -> TrainingRule:
    """A required-training rule; the caller has checked that `by` is a national coordinator."""
    errors = {}
    if kind == RuleKind.COURSE:
        if course is None:
            errors["course"] = _("Choose the course to complete.")
        if not days:
            errors["days"] = _("Say within how many days it must be completed.")
        hours, area = None, None
    else:
        if not hours:
            errors["hours"] = _("Say how many hours a year.")
        course, days = None, None
    if resident_year and audience != "residents":
        errors["resident_year"] = _("A year applies only to rules for residents.")
    if TrainingRule.objects.filter(name__iexact=name.strip()).exists():
        errors["name"] = _("There is already a rule with this name.")
    if errors:
        raise ValidationError(errors)
    return save_checked(
        TrainingRule(
            name=name.strip(),
            audience=audience,
            kind=kind,
            resident_year=resident_year,
            course=course,
            days=days,
            hours=hours,
            area=area,
        ),
        by=by,
        reason="created",
    )


def send_reminders(*, run: ReminderRun, today: datetime.date) -> int:
    """E-mail everyone pending or overdue under the run's rule, in the requester's sites.

    Records on the run how many were sent and how many people have no e-mail.
    """
    rows = [
        row
        for row in coverage.standings_in(run.rule, run.requested_by, today=today)
        if row.status != coverage.DONE
    ]
    reachable = [row for row in rows if row.target.email]
    context = {"rule": run.rule, "site_url": settings.SITE_URL.rstrip("/")}
    send_each(
        [(row.target.email, context | {"row": row}) for row in reachable],
        subject_template="training/email/reminder_subject.txt",
        body_template="training/email/reminder.txt",
        progress=lambda sent: ReminderRun.objects.filter(pk=run.pk).update(sent=sent),
    )
    ReminderRun.objects.filter(pk=run.pk).update(
        sent=len(reachable), without_email=len(rows) - len(reachable), finished_at=timezone.now()
    )
    return len(reachable)


def batch_name(batch: CertificateBatch) -> str:
    """The batch's ZIP in the default storage (settings.MEDIA_ROOT)."""
    return f"certificates/batch-{batch.pk}.zip"


def make_batch(*, batch: CertificateBatch) -> int:
    """Render every valid certificate of the batch's edition into its ZIP; how many.

    Progress goes to the batch row after every chunk, for the page to show.
    """
    rows = CertificateBatch.objects.filter(pk=batch.pk)
    certificates = selectors.certificates_of(batch.edition).filter(revoked_on__isnull=True)
    facts = [selectors.facts_of(c, site_url=settings.SITE_URL) for c in certificates]
    rows.update(status=BatchStatus.RUNNING, total=len(facts), done=0)
    try:
        with tempfile.TemporaryFile() as archive:
            written = render_zip(
                facts,
                archive,
                workers=settings.CERTIFICATE_RENDER_WORKERS,
                on_progress=lambda done, total: rows.update(done=done),
            )
            archive.seek(0)
            default_storage.delete(batch_name(batch))
            default_storage.save(batch_name(batch), File(archive))
    except Exception:
        rows.update(status=BatchStatus.FAILED, finished_at=timezone.now())
        raise
    rows.update(status=BatchStatus.DONE, done=written, finished_at=timezone.now())
    return written
