"""Plan an import of residents: one row per enrolment, matched by CURP (or passport).

The rules are the pages' rules (residents.services.check_identity, check_year,
check_enrolment), applied row by row to values fetched for the whole file in a
few queries, so a 16,000-row file reads in seconds. A row may create a person
and their enrolment, update the names, contact data or year of a resident the
user manages, or change nothing. Status changes are not taken from files: they
are acts (withdrawal, graduation...) with their own rules and reasons.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.catalog.models import Programme, Specialty
from edusalud.core.validators import normalise_curp, validate_curp
from edusalud.exchange.cells import ChoiceReader, parse_country, parse_date, parse_email, parse_year
from edusalud.exchange.plans import PROGRESS_EVERY, Plan, Progress, RowError, locate_columns
from edusalud.exchange.readers import Table, restore
from edusalud.exchange.resources import ResidentResource, normalise_header
from edusalud.residents import services
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus, Sex
from edusalud.residents.models import MEXICO, Enrolment, Person
from edusalud.residents.selectors import manageable_sites

# SQLite accepts at most 999 parameters in older builds: look people up in chunks.
LOOKUP_CHUNK = 900

SEX_SYNONYMS = {
    "H": Sex.MALE,  # as the CURP writes it
    "Hombre": Sex.MALE,
    "Masculino": Sex.MALE,
    "Mujer": Sex.FEMALE,
    "Femenino": Sex.FEMALE,
    "No binario": Sex.NON_BINARY,
}


class RowProblem(Exception):
    """Errors of one row, by field name."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors


def plan_residents(table: Table, actor: User, progress: Progress | None = None) -> Plan:
    plan = Plan(total=len(table.rows))
    positions = locate_columns(table, ResidentResource, plan)
    if plan.errors:
        return plan
    planner = _ResidentPlanner(table, positions, actor, plan)
    planner.run(progress)
    return plan


def read_person(
    values: dict[str, str], required: tuple[str, ...], read_sex: ChoiceReader
) -> tuple[dict, dict[str, str]]:
    """A person's fields from a row (names, CURP or passport...) and the errors by field.

    The rules are the residents' pages' (services.check_identity); `required`
    names the columns a value must be given for.
    """
    errors: dict[str, str] = {}
    person = {
        "first_names": values.get("first_names", ""),
        "last_name": values.get("last_name", ""),
        "second_last_name": values.get("second_last_name", ""),
        "passport_number": values.get("passport_number", ""),
        "curp": None,
        "email": "",
        "nationality": MEXICO,
    }
    for name in ("first_names", "last_name"):
        if not person[name]:
            errors[name] = _("this column is required.")
    curp = normalise_curp(values.get("curp", ""))
    if curp:
        try:
            validate_curp(curp)
            person["curp"] = curp
        except ValidationError as error:
            errors["curp"] = error.messages[0]
    for name, read in (
        ("sex", read_sex),
        ("birth_date", parse_date),
        ("nationality", parse_country),
        ("email", parse_email),
    ):
        text = values.get(name, "")
        if not text:
            if name in required:
                errors[name] = _("this column is required.")
            continue
        try:
            person[name] = read(text)
        except ValueError as error:
            errors[name] = str(error)
    if not errors:
        try:
            services.check_identity(
                curp=person["curp"],
                nationality=person["nationality"],
                passport_number=person["passport_number"],
                sex=person["sex"],
                birth_date=person["birth_date"],
            )
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    return person, errors


def person_key(person: dict):
    """How a row's person is known: the CURP, else nationality and passport."""
    return person["curp"] or (person["nationality"], person["passport_number"])


class KnownPeople:
    """The people some rows name, fetched by CURP or passport in a few queries."""

    def __init__(self, rows: list[dict[str, str]]):
        curps = sorted({normalise_curp(values.get("curp", "")) for values in rows} - {""})
        passports = sorted({values.get("passport_number", "") for values in rows} - {""})
        self.found: list[Person] = []
        for start in range(0, len(curps), LOOKUP_CHUNK):
            self.found += Person.objects.filter(curp__in=curps[start : start + LOOKUP_CHUNK])
        for start in range(0, len(passports), LOOKUP_CHUNK):
            self.found += Person.objects.filter(
                curp__isnull=True, passport_number__in=passports[start : start + LOOKUP_CHUNK]
            )
        self.by_key = {p.curp: p for p in self.found if p.curp}
        self.by_key.update(
            {(p.nationality.code, p.passport_number): p for p in self.found if not p.curp}
        )

    def get(self, key) -> Person | None:
        return self.by_key.get(key)


class _ResidentPlanner:
    def __init__(self, table: Table, positions: dict[str, int], actor: User, plan: Plan):
        self.table = table
        self.positions = positions
        self.actor = actor
        self.plan = plan
        self.headers = {name: table.header[index] for name, index in positions.items()}
        self.read_sex = ChoiceReader(Sex, _("sex"), SEX_SYNONYMS)
        self.read_status = ChoiceReader(EnrolmentStatus, _("status"))
        self.new_enrolments: list[Enrolment] = []
        self.changed_people: list[Person] = []
        self.changed_enrolments: list[Enrolment] = []

    def column(self, name: str) -> str:
        name = {"programme": "specialty"}.get(name, name)
        return self.headers.get(name) or ResidentResource.column_name(name)

    def run(self, progress: Progress | None) -> None:
        rows = [(number, self._values(cells)) for number, cells in self.table.rows]
        self._fetch(rows)
        seen: dict[object, int] = {}
        for done, (number, values) in enumerate(rows, start=1):
            try:
                self._plan_row(number, values, seen)
            except RowProblem as problem:
                for name, message in problem.errors.items():
                    self.plan.errors.append(RowError(number, self.column(name), message))
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(rows))
        if progress:
            progress(len(rows), len(rows))
        if self.plan.is_valid:
            self.plan.write = self._write

    def _values(self, cells: list[str]) -> dict[str, str]:
        return {name: restore(cells[index]) for name, index in self.positions.items()}

    def _fetch(self, rows) -> None:
        """Everything the rows refer to, in a fixed number of queries per 900 rows."""
        sites = manageable_sites(self.actor)
        clues = {values.get("site", "").upper() for _number, values in rows}
        self.sites = {site.clues: site for site in sites.filter(clues__in=clues)}
        specialties = list(Specialty.objects.select_related("prerequisite"))
        self.specialties = {normalise_header(s.code): s for s in specialties}
        for specialty in specialties:
            self.specialties.setdefault(normalise_header(specialty.name_es), specialty)
            self.specialties.setdefault(normalise_header(specialty.name_en), specialty)
        self.programmes = {
            (p.site_id, p.specialty_id): p
            for p in Programme.objects.filter(site__in=self.sites.values())
        }
        self.people = KnownPeople([values for _number, values in rows])
        people = self.people.found
        self.enrolments_by_person: dict[int, list[Enrolment]] = {}
        ids = [p.pk for p in people]
        for start in range(0, len(ids), LOOKUP_CHUNK):
            for enrolment in Enrolment.objects.filter(
                person_id__in=ids[start : start + LOOKUP_CHUNK]
            ).order_by("-started_on", "-pk"):
                self.enrolments_by_person.setdefault(enrolment.person_id, []).append(enrolment)

    def _plan_row(self, number: int, values: dict[str, str], seen: dict) -> None:
        person_values, errors = read_person(values, ResidentResource.required, self.read_sex)
        programme, year, started_on, status, evidence = self._read_enrolment(values, errors)
        if errors:
            raise RowProblem(errors)
        key = person_key(person_values)
        if key in seen:
            name = "curp" if person_values["curp"] else "passport_number"
            raise RowProblem(
                {name: _("the same person is already in row %(row)d.") % {"row": seen[key]}}
            )
        seen[key] = number
        person = self.people.get(key)
        if person is None:
            self._plan_new(number, person_values, programme, year, started_on, status, evidence)
        else:
            self._plan_existing(
                number, person, person_values, programme, year, started_on, status, evidence
            )

    def _read_enrolment(self, values: dict[str, str], errors: dict[str, str]):
        programme = year = started_on = status = None
        clues = values.get("site", "").upper()
        site = self.sites.get(clues)
        if not clues:
            errors["site"] = _("this column is required.")
        elif site is None:
            errors["site"] = _(
                "there is no site with CLUES %(clues)s among the sites you manage."
            ) % {"clues": clues}
        specialty_text = values.get("specialty", "")
        specialty = self.specialties.get(normalise_header(specialty_text))
        if not specialty_text:
            errors["specialty"] = _("this column is required.")
        elif specialty is None:
            errors["specialty"] = _("there is no specialty “%(value)s”.") % {
                "value": specialty_text
            }
        elif site is not None:
            programme = self.programmes.get((site.pk, specialty.pk))
            if programme is None:
                errors["specialty"] = _("%(site)s does not teach %(specialty)s.") % {
                    "site": site.name,
                    "specialty": specialty.name_es,
                }
        try:
            year = parse_year(values.get("year", ""))
            if specialty is not None:
                services.check_year(specialty, year)
        except ValueError as error:
            errors["year"] = str(error)
        except ValidationError as error:
            errors["year"] = error.message_dict["year"][0]
        if values.get("started_on"):
            try:
                started_on = parse_date(values["started_on"])
            except ValueError as error:
                errors["started_on"] = str(error)
        if values.get("status"):
            try:
                status = self.read_status(values["status"])
            except ValueError as error:
                errors["status"] = str(error)
        if programme is not None:
            programme.specialty = specialty  # check_enrolment reads it; no query
        return programme, year, started_on, status, values.get("prerequisite_evidence", "")

    def _plan_new(self, number, person_values, programme, year, started_on, status, evidence):
        self._add_enrolment(
            number, Person(**person_values), programme, year, started_on, status, evidence
        )

    def _plan_existing(
        self, number, person, person_values, programme, year, started_on, status, evidence
    ):
        enrolments = self.enrolments_by_person.get(person.pk, [])
        enrolment = next((e for e in enrolments if e.programme_id == programme.pk), None)
        if enrolment is None:
            changed_person = _apply(person, self._person_changes(person_values))
            self._add_enrolment(number, person, programme, year, started_on, status, evidence)
            if changed_person:
                self.changed_people.append(person)
            return
        errors = {}
        if status is not None and status != enrolment.status:
            errors["status"] = _(
                "the file says %(new)s but the enrolment is %(current)s; change the status "
                "with the actions on the resident's record."
            ) % {
                "new": EnrolmentStatus(status).label,
                "current": enrolment.get_status_display(),
            }
        enrolment_changes = {
            "year": year,
            "started_on": started_on or enrolment.started_on,
            "prerequisite_evidence": evidence or enrolment.prerequisite_evidence,
        }
        changed_enrolment = _apply(enrolment, enrolment_changes)
        if changed_enrolment and enrolment.status not in IN_TRAINING:
            errors["year"] = _(
                "the enrolment is closed (%(status)s): it cannot be changed from a file."
            ) % {"status": enrolment.get_status_display()}
        if errors:
            raise RowProblem(errors)
        changed_person = _apply(person, self._person_changes(person_values))
        if changed_person:
            self.changed_people.append(person)
        if changed_enrolment:
            self.changed_enrolments.append(enrolment)
        if changed_person or changed_enrolment:
            self.plan.add_updated(number, ", ".join(changed_person + changed_enrolment))
        else:
            self.plan.unchanged += 1

    def _add_enrolment(self, number, person, programme, year, started_on, status, evidence):
        """A new person, or a known one starting another course (a branch after their first)."""
        errors = {}
        if started_on is None:
            errors["started_on"] = _("a new enrolment needs a start date.")
        if status not in (None, *IN_TRAINING):
            # Closing a course needs its date and reason: an act, not a file row.
            errors["status"] = _("a new enrolment must be active or on leave.")
        try:
            services.check_enrolment(
                person=person if person.pk else None,
                programme=programme,
                year=year,
                prerequisite_evidence=evidence,
            )
        except ValidationError as error:
            errors.update({name: messages[0] for name, messages in error.message_dict.items()})
        if errors:
            raise RowProblem(errors)
        self.new_enrolments.append(
            Enrolment(
                person=person,
                programme=programme,
                year=year,
                started_on=started_on,
                status=status or EnrolmentStatus.ACTIVE,
                prerequisite_evidence=evidence,
            )
        )
        self.plan.add_created(number, f"{person.full_name} — {programme.specialty.name_es} R{year}")

    def _person_changes(self, values: dict) -> dict:
        # A column the file does not have leaves the value as it is.
        return {
            name: values[name] for name in services.IMPORTED_PERSON_FIELDS if name in self.positions
        }

    def _write(self) -> None:
        services.save_imported(
            # Operator commands act as SYSTEM, which is no account: history says nobody.
            by=self.actor if isinstance(self.actor, User) else None,
            new_enrolments=self.new_enrolments,
            changed_people=self.changed_people,
            changed_enrolments=self.changed_enrolments,
        )


def _apply(instance, changes: dict) -> list[str]:
    """Set the changed values on the instance; return the verbose names of what changed."""
    changed = []
    for name, value in changes.items():
        current = getattr(instance, name)
        if hasattr(current, "code"):  # a django-countries Country
            current = current.code
        if current != value:
            setattr(instance, name, value)
            changed.append(str(instance._meta.get_field(name).verbose_name))
    return changed
