"""Writes on people and enrolments: each one transaction, each leaving history.

Every function takes the acting user as `by`, so the audit trail says who.
Rule violations raise django.core.exceptions.ValidationError keyed by field, so
forms show the message on the field and the API can return it as is.
"""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from edusalud.accounts import services as accounts_services
from edusalud.accounts.models import User
from edusalud.catalog.enums import EntryKind
from edusalud.catalog.models import Programme, Site, Specialty
from edusalud.core.bulk import save_with_history
from edusalud.core.validators import curp_birth_date, curp_sex, normalise_curp, validate_curp
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus, Sex
from edusalud.residents.models import MEXICO, Enrolment, Person

# What a file may change on a person and on an enrolment (see exchange).
IMPORTED_PERSON_FIELDS = [
    "first_names",
    "last_name",
    "second_last_name",
    "sex",
    "birth_date",
    "nationality",
    "passport_number",
    "email",
]
IMPORTED_ENROLMENT_FIELDS = ["year", "started_on", "prerequisite_evidence"]


def _save(instance, *, by: User | None, reason: str) -> None:
    # django-simple-history reads these two attributes when it writes the history row.
    instance._history_user = by
    instance._change_reason = reason
    instance.save()


def check_identity(
    *, curp: str | None, nationality: str, passport_number: str, sex: str, birth_date
) -> None:
    """A valid CURP that agrees with birth date and sex, or a foreigner's passport."""
    errors: dict[str, str] = {}
    if curp:
        try:
            validate_curp(curp)
        except ValidationError as error:
            raise ValidationError({"curp": error.messages}) from None
        born = curp_birth_date(curp)
        if born != birth_date:
            errors["birth_date"] = _(
                "The birth date does not match the one in the CURP (%(date)s)."
            ) % {"date": born.strftime("%d/%m/%Y")}
        if sex in (Sex.FEMALE, Sex.MALE) and curp_sex(curp) != sex:
            errors["sex"] = _("The sex does not match the one in the CURP.")
    elif nationality == MEXICO:
        errors["curp"] = _("A Mexican resident needs a CURP.")
    elif not passport_number:
        errors["passport_number"] = _("A foreign resident without a CURP needs a passport number.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_person(
    *,
    by: User | None,
    first_names: str,
    last_name: str,
    second_last_name: str = "",
    curp: str | None = None,
    nationality: str = MEXICO,
    passport_number: str = "",
    sex: str,
    birth_date: datetime.date,
    email: str = "",
) -> Person:
    """Create a person after checking that CURP, birth date and sex agree."""
    curp = normalise_curp(curp) or None
    check_identity(
        curp=curp,
        nationality=nationality,
        passport_number=passport_number,
        sex=sex,
        birth_date=birth_date,
    )
    if curp and Person.objects.filter(curp=curp).exists():
        raise ValidationError({"curp": _("A person with this CURP is already registered.")})
    person = Person(
        first_names=first_names.strip(),
        last_name=last_name.strip(),
        second_last_name=second_last_name.strip(),
        curp=curp,
        nationality=nationality,
        passport_number=passport_number.strip(),
        sex=sex,
        birth_date=birth_date,
        email=email,
    )
    _save(person, by=by, reason="registered")
    return person


@transaction.atomic
def register_own_person(*, user: User, **fields) -> Person:
    """The user's own personal record, linked to their account (professors, coordinators).

    `fields` are register_person's; the e-mail is the account's. Refused when the
    account already has a record.
    """
    if Person.objects.filter(user=user).exists():
        raise ValidationError(_("Your account already has a personal record."))
    person = register_person(by=user, email=user.email, **fields)
    person.user = user
    _save(person, by=user, reason="linked to its account")
    return person


def check_year(specialty: Specialty, year: int) -> None:
    if year < 1 or year > specialty.duration_years:
        raise ValidationError(
            {
                "year": _(
                    "%(specialty)s lasts %(n)d years: the year must be between R1 and R%(n)d."
                )
                % {"specialty": specialty.name_es, "n": specialty.duration_years}
            }
        )


def check_enrolment(
    *, person: Person | None, programme: Programme, year: int, prerequisite_evidence: str = ""
) -> None:
    """Raise ValidationError when the person may not start `programme` in `year`."""
    specialty = programme.specialty
    check_year(specialty, year)
    if specialty.entry == EntryKind.BRANCH and not prerequisite_evidence.strip():
        completed = (
            person is not None
            and person.enrolments.filter(
                programme__specialty_id=specialty.prerequisite_id, status=EnrolmentStatus.GRADUATED
            ).exists()
        )
        if not completed:
            raise ValidationError(
                {
                    "prerequisite_evidence": _(
                        "%(specialty)s is a branch specialty: it requires %(prerequisite)s. "
                        "Record the specialty certificate number or a graduated enrolment."
                    )
                    % {
                        "specialty": specialty.name_es,
                        "prerequisite": specialty.prerequisite.name_es,
                    }
                }
            )
    if person is not None and person.enrolments.filter(status__in=IN_TRAINING).exists():
        raise ValidationError(
            {"programme": _("This person is already in training in another programme.")}
        )


@transaction.atomic
def enroll_resident(
    *,
    by: User | None,
    person: Person,
    programme: Programme,
    year: int,
    started_on: datetime.date,
    prerequisite_evidence: str = "",
) -> Enrolment:
    """Start a person's course in a programme, checking duration and prerequisites."""
    check_enrolment(
        person=person, programme=programme, year=year, prerequisite_evidence=prerequisite_evidence
    )
    enrolment = Enrolment(
        person=person,
        programme=programme,
        year=year,
        started_on=started_on,
        prerequisite_evidence=prerequisite_evidence.strip(),
    )
    _save(enrolment, by=by, reason="enrolled")
    return enrolment


def _locked(enrolment: Enrolment) -> Enrolment:
    # Lock the row: two coordinators acting at once must not both promote.
    return (
        Enrolment.objects.select_for_update()
        .select_related("programme__specialty", "programme__site")
        .get(pk=enrolment.pk)
    )


def _require_status(enrolment: Enrolment, *allowed: str) -> None:
    if enrolment.status not in allowed:
        raise ValidationError(
            {
                "status": _("Not possible while the enrolment is %(status)s.")
                % {"status": enrolment.get_status_display()}
            }
        )


@transaction.atomic
def promote_resident(*, by: User | None, enrolment: Enrolment) -> Enrolment:
    """Move an active resident to the next year (the promotion act)."""
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.ACTIVE)
    duration = enrolment.programme.specialty.duration_years
    if enrolment.year >= duration:
        raise ValidationError(
            {
                "year": _(
                    "R%(n)d is the last year of this specialty: graduate the resident instead."
                )
                % {"n": duration}
            }
        )
    enrolment.year += 1
    _save(enrolment, by=by, reason="promoted")
    return enrolment


@transaction.atomic
def put_on_leave(*, by: User | None, enrolment: Enrolment) -> Enrolment:
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.ACTIVE)
    enrolment.status = EnrolmentStatus.ON_LEAVE
    _save(enrolment, by=by, reason="put on leave")
    return enrolment


@transaction.atomic
def return_from_leave(*, by: User | None, enrolment: Enrolment) -> Enrolment:
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.ON_LEAVE)
    enrolment.status = EnrolmentStatus.ACTIVE
    _save(enrolment, by=by, reason="returned from leave")
    return enrolment


@transaction.atomic
def withdraw_resident(
    *, by: User | None, enrolment: Enrolment, reason: str, on: datetime.date | None = None
) -> Enrolment:
    """End a course early; the reason is required and kept."""
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.ACTIVE, EnrolmentStatus.ON_LEAVE)
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason for the withdrawal.")})
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.withdrawal_reason = reason.strip()
    enrolment.ended_on = on or timezone.localdate()
    _save(enrolment, by=by, reason="withdrawn")
    return enrolment


@transaction.atomic
def transfer_resident(*, by: User | None, enrolment: Enrolment, to_site: Site) -> Enrolment:
    """Move a resident to the same specialty's programme at another site."""
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.ACTIVE, EnrolmentStatus.ON_LEAVE)
    if to_site.pk == enrolment.programme.site_id:
        raise ValidationError({"site": _("The resident is already at this site.")})
    target = Programme.objects.filter(
        site=to_site, specialty_id=enrolment.programme.specialty_id
    ).first()
    if target is None:
        raise ValidationError(
            {
                "site": _("%(site)s does not teach %(specialty)s.")
                % {"site": to_site.name, "specialty": enrolment.programme.specialty.name_es}
            }
        )
    enrolment.programme = target
    _save(enrolment, by=by, reason="transferred")
    return enrolment


@transaction.atomic
def graduate_resident(
    *, by: User | None, enrolment: Enrolment, on: datetime.date | None = None
) -> Enrolment:
    """Close a course completed in its last year."""
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.ACTIVE)
    duration = enrolment.programme.specialty.duration_years
    if enrolment.year != duration:
        raise ValidationError(
            {"year": _("Only residents in the last year (R%(n)d) can graduate.") % {"n": duration}}
        )
    enrolment.status = EnrolmentStatus.GRADUATED
    enrolment.ended_on = on or timezone.localdate()
    _save(enrolment, by=by, reason="graduated")
    return enrolment


@transaction.atomic
def record_hiring_outcome(
    *, by: User | None, enrolment: Enrolment, is_hired: bool, hired_on: datetime.date | None = None
) -> Enrolment:
    """Record whether the institute hired a graduate, and when."""
    enrolment = _locked(enrolment)
    _require_status(enrolment, EnrolmentStatus.GRADUATED)
    if is_hired and hired_on is None:
        raise ValidationError({"hired_on": _("Give the hiring date.")})
    if is_hired and enrolment.ended_on and hired_on < enrolment.ended_on:
        raise ValidationError({"hired_on": _("The hiring date cannot precede graduation.")})
    enrolment.is_hired_by_institute = is_hired
    enrolment.hired_on = hired_on if is_hired else None
    _save(enrolment, by=by, reason="hiring outcome recorded")
    return enrolment


@transaction.atomic
def admit_resident(
    *,
    by: User | None,
    programme: Programme,
    year: int,
    started_on: datetime.date,
    prerequisite_evidence: str = "",
    **person_fields,
) -> Enrolment:
    """Register a new person and enrol them, both or neither."""
    check_enrolment(
        person=None, programme=programme, year=year, prerequisite_evidence=prerequisite_evidence
    )
    person = register_person(by=by, **person_fields)
    return enroll_resident(
        by=by,
        person=person,
        programme=programme,
        year=year,
        started_on=started_on,
        prerequisite_evidence=prerequisite_evidence,
    )


@transaction.atomic
def save_imported(
    *,
    by: User | None,
    new_enrolments: list[Enrolment],
    changed_people: list[Person],
    changed_enrolments: list[Enrolment],
) -> None:
    """Write a checked file of residents in bulk, leaving one history row per change.

    New enrolments may carry new (unsaved) people, which are created first.
    The caller has applied every rule of register_person and check_enrolment;
    this function only writes.
    """
    new_people = [e.person for e in new_enrolments if e.person.pk is None]
    save_with_history(
        Person,
        created=new_people,
        changed=changed_people,
        fields=IMPORTED_PERSON_FIELDS,
        by=by,
        reason="imported",
    )
    save_with_history(
        Enrolment,
        created=new_enrolments,
        changed=changed_enrolments,
        fields=IMPORTED_ENROLMENT_FIELDS,
        by=by,
        reason="imported",
    )


def create_people(*, by: User | None, people: list[Person], reason: str) -> None:
    """Create checked people in bulk with their history (imports of other apps' files)."""
    save_with_history(Person, created=people, by=by, reason=reason)


def give_accounts(*, by: User | None, people: list[Person], reason: str) -> int:
    """Give each person (saved, with an e-mail, without an account) an account; how many.

    The accounts have no password: their owners choose it through an e-mailed
    link (accounts.services.send_password_link). The caller has checked that no
    other account uses these e-mail addresses.
    """
    users = accounts_services.new_users(
        [(person.email, person.first_names, person.last_name) for person in people]
    )
    User.objects.bulk_create(users, batch_size=500)
    for person, user in zip(people, users, strict=True):
        person.user = user
    save_with_history(Person, changed=people, fields=["user"], by=by, reason=reason)
    return len(users)


@transaction.atomic
def change_person(*, by: User | None, person: Person, **fields) -> Person:
    """Change a person's data (not the CURP), held to the identity rules of registration.

    `fields` are among IMPORTED_PERSON_FIELDS; the caller has checked that `by`
    manages one of the person's enrolments.
    """
    unknown = set(fields) - set(IMPORTED_PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not changeable: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.pseudonymised_on is not None:
        # Irreversible (decision 0008): nobody writes their identity back, by API or file.
        raise ValidationError(
            _("This person was pseudonymised on %(date)s; their data can no longer be changed.")
            % {"date": person.pseudonymised_on.strftime("%d/%m/%Y")},
            code="pseudonymised",
        )
    for name, value in fields.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    check_identity(
        curp=person.curp,
        nationality=str(person.nationality),
        passport_number=person.passport_number,
        sex=person.sex,
        birth_date=person.birth_date,
    )
    _save(person, by=by, reason="changed")
    return person


@transaction.atomic
def enroll_admitted(*, by: User | None, enrolments: list[Enrolment]) -> None:
    """Create the R1 enrolments of a published admission match in bulk, with history.

    The admissions app checked the programmes and specialties; a person still in
    a course is refused here, by name, since nobody is in two courses at a time.
    """
    busy = Person.objects.filter(
        pk__in=[enrolment.person_id for enrolment in enrolments],
        enrolments__status__in=IN_TRAINING,
    ).distinct()
    if busy.exists():
        names = ", ".join(person.full_name for person in busy[:10])
        count = busy.count()
        raise ValidationError(
            ngettext(
                "%(n)d admitted person is still in a course: %(names)s.",
                "%(n)d admitted people are still in a course: %(names)s.",
                count,
            )
            % {"n": count, "names": names},
            code="still_in_training",
        )
    save_with_history(Enrolment, created=enrolments, by=by, reason="admitted")


@transaction.atomic
def change_enrolment(*, by: User | None, enrolment: Enrolment, **fields) -> Enrolment:
    """Correct an enrolment's year, start date or prerequisite evidence (as imports do).

    The year stays within the specialty's duration and changes only during
    training; status changes have their own services (promote_resident...).
    """
    unknown = set(fields) - set(IMPORTED_ENROLMENT_FIELDS)
    if unknown:
        raise ValueError(f"not changeable: {sorted(unknown)}")
    enrolment = _locked(enrolment)
    if "year" in fields and fields["year"] != enrolment.year:
        _require_status(enrolment, *IN_TRAINING)
        check_year(enrolment.programme.specialty, fields["year"])
    for name, value in fields.items():
        setattr(enrolment, name, value.strip() if isinstance(value, str) else value)
    _save(enrolment, by=by, reason="changed")
    return enrolment


# What replaces a pseudonymised person's identifying data (decision 0008). Stored
# values, not interface texts: every page, export and API shows them as they are.
PSEUDONYM = "Persona seudonimizada"
SCRUBBED_TEXT = "Dato suprimido por seudonimización"
PSEUDONYMISATION_REASON_MAX = 80  # the history row's reason holds "pseudonymised: " + this


def _pseudonymised_person_values(person: Person) -> dict:
    """Names, CURP, passport and e-mail gone; the birth date kept to its year (1 January)."""
    return {
        "first_names": PSEUDONYM,
        "last_name": "",
        "second_last_name": "",
        "curp": None,
        "passport_number": "",
        "email": "",
        "birth_date": person.birth_date.replace(month=1, day=1),
    }


@transaction.atomic
def pseudonymise_person(*, by: User | None, person: Person, reason: str) -> Person:
    """Honour a cancellation request: remove what identifies the person, for good.

    Replaces names, CURP, passport number, e-mail and the day and month of birth
    in the person and in every earlier history row of the person, and the free
    texts of their enrolments (withdrawal reason, prerequisite certificate) in
    the enrolments and their history; renames the admin log entries that named
    them; deactivates and empties their user account. Keeps sex, nationality,
    birth year and the enrolments (programme, year, status, dates, hiring), so
    every indicator keeps its figures, and leaves one history row saying who did
    it, when and why (`reason`, e.g. the request's folio). Irreversible.

    Raises ValidationError if the person was already pseudonymised or the reason
    is missing or too long.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason, e.g. the folio of the request.")})
    if len(reason) > PSEUDONYMISATION_REASON_MAX:
        raise ValidationError(
            {"reason": _("Write at most %(n)d characters.") % {"n": PSEUDONYMISATION_REASON_MAX}}
        )
    # Lock the row: two coordinators confirming at once must pseudonymise once.
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.pseudonymised_on is not None:
        raise ValidationError(
            _("This person was already pseudonymised on %(date)s; it cannot be done twice.")
            % {"date": person.pseudonymised_on.strftime("%d/%m/%Y")},
            code="already_pseudonymised",
        )
    values = _pseudonymised_person_values(person)

    # Earlier history first, with UPDATEs that leave no new rows: the rows keep
    # who changed what and when, but no longer the old names or CURP.
    Person.history.filter(id=person.pk).update(**values)
    enrolment_history = Enrolment.history.filter(person_id=person.pk)
    enrolment_history.exclude(withdrawal_reason="").update(withdrawal_reason=SCRUBBED_TEXT)
    enrolment_history.exclude(prerequisite_evidence="").update(prerequisite_evidence="")

    for enrolment in Enrolment.objects.select_for_update().filter(person=person):
        if enrolment.withdrawal_reason or enrolment.prerequisite_evidence:
            if enrolment.withdrawal_reason:
                enrolment.withdrawal_reason = SCRUBBED_TEXT
            enrolment.prerequisite_evidence = ""
            _save(enrolment, by=by, reason=f"pseudonymised: {reason}")

    for name, value in values.items():
        setattr(person, name, value)
    person.pseudonymised_on = timezone.localdate()
    _save(person, by=by, reason=f"pseudonymised: {reason}")

    # The admin's log names the objects it changed ("Ana García López — ...").
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).update(object_repr=PSEUDONYM)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment),
        object_id__in=[str(pk) for pk in person.enrolments.values_list("pk", flat=True)],
    ).update(object_repr=PSEUDONYM)

    if person.user_id is not None:
        account = User.objects.select_for_update().get(pk=person.user_id)
        account.is_active = False
        account.username = f"seudonimizada-{account.pk}"
        account.first_name = account.last_name = account.email = ""
        account.set_unusable_password()
        account.save()
    return person
