"""Plan imports into an admission cycle: places, applicants, rank lists, programmes' rankings.

A national coordinator loads a cycle's files in this order, each checked
against what the cycle already holds: positions (places per programme),
applicants (ENARM folio and score, the specialty they were selected for, who
they are), then applicants' rank lists and, optionally, programmes' own
rankings. The cycle is chosen on upload (ImportJob.options). Like every
import, a file with any error changes nothing; the writes are
admissions.services', which also drop a matched but unpublished result that
the file makes outdated.
"""

from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from edusalud.accounts.models import User
from edusalud.admissions import services
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    CycleStatus,
    Position,
    Preference,
    ProgrammeRanking,
)
from edusalud.catalog.enums import EntryKind
from edusalud.catalog.models import Programme, Specialty
from edusalud.exchange.catalog_import import parse_count
from edusalud.exchange.cells import ChoiceReader
from edusalud.exchange.plans import PROGRESS_EVERY, Plan, Progress, RowError, locate_columns
from edusalud.exchange.readers import Table, restore
from edusalud.exchange.resident_import import (
    LOOKUP_CHUNK,
    SEX_SYNONYMS,
    KnownPeople,
    RowProblem,
    person_key,
    read_person,
)
from edusalud.exchange.resources import (
    ApplicantResource,
    FileResource,
    PositionResource,
    PreferenceResource,
    RankingResource,
    normalise_header,
)
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import MEXICO, Enrolment, Person

MAX_SCORE = Decimal(100)
FOLIO_LENGTH = Applicant._meta.get_field("folio").max_length
# Sites named in an incomplete list's message; the count says how many more.
MISSING_NAMED = 5


def plan_admissions(
    kind: str, table: Table, actor: User, progress: Progress | None = None, *, cycle: int
) -> Plan:
    """Check a file of `kind` for the cycle of year `cycle`."""
    plan = Plan(total=len(table.rows))
    found = AdmissionCycle.objects.filter(year=cycle).first()
    if found is None:
        plan.errors.append(
            RowError(0, "", _("There is no admission cycle %(year)d.") % {"year": cycle})
        )
        return plan
    if found.status == CycleStatus.PUBLISHED:
        plan.errors.append(
            RowError(
                0,
                "",
                _("The %(year)d cycle is published: its data no longer change.") % {"year": cycle},
            )
        )
        return plan
    planner_class = PLANNERS[kind]
    positions = locate_columns(table, planner_class.resource, plan)
    if plan.errors:
        return plan
    planner_class(table, positions, actor, plan, found).run(progress)
    return plan


class _CyclePlanner:
    resource: type[FileResource]

    def __init__(self, table, positions, actor, plan: Plan, cycle: AdmissionCycle):
        self.table, self.positions, self.plan, self.cycle = table, positions, plan, cycle
        # Operator commands act as SYSTEM, which is no account: history says nobody.
        self.actor = actor if isinstance(actor, User) else None
        self.headers = {name: table.header[index] for name, index in positions.items()}

    def column(self, name: str) -> str:
        return self.headers.get(name) or self.resource.column_name(name)

    def run(self, progress: Progress | None) -> None:
        rows = [
            (number, {name: restore(cells[i]) for name, i in self.positions.items()})
            for number, cells in self.table.rows
        ]
        self.fetch(rows)
        for done, (number, values) in enumerate(rows, start=1):
            try:
                self.plan_row(number, values)
            except RowProblem as problem:
                self.add_errors(number, problem.errors)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(rows))
        self.finish()
        self.plan.errors.sort(key=lambda error: error.row)  # rules across rows come last
        if progress:
            progress(len(rows), len(rows))
        if self.plan.is_valid:
            self.plan.write = self.write

    def add_errors(self, number: int, errors: dict[str, str]) -> None:
        self.plan.errors += [RowError(number, self.column(n), m) for n, m in errors.items()]

    def finish(self) -> None:
        """Rules across rows, once every row is read."""

    def required(self, values: dict[str, str], name: str, errors: dict[str, str]) -> str:
        text = values.get(name, "").strip()
        if not text:
            errors[name] = _("this column is required.")
        return text

    def fetch_specialties(self) -> None:
        self.specialties = {}
        for specialty in Specialty.objects.select_related("prerequisite"):
            for name in (specialty.name_en, specialty.name_es, specialty.code):
                self.specialties[normalise_header(name)] = specialty

    def read_specialty(self, values, errors) -> Specialty | None:
        text = self.required(values, "specialty", errors)
        if not text:
            return None
        specialty = self.specialties.get(normalise_header(text))
        if specialty is None:
            errors["specialty"] = _("there is no specialty “%(value)s”.") % {"value": text}
        return specialty

    def read_count(self, values, name, errors) -> int | None:
        text = values.get(name, "").strip()
        if not text:
            if name in self.resource.required:
                errors[name] = _("this column is required.")
            return None
        try:
            return parse_count(text)
        except ValueError as error:
            errors[name] = str(error)
            return None


class _PositionPlanner(_CyclePlanner):
    resource = PositionResource

    def fetch(self, rows) -> None:
        self.fetch_specialties()
        self.programmes = {
            (clues, specialty_id): pk
            for pk, clues, specialty_id in Programme.objects.values_list(
                "pk", "site__clues", "specialty_id"
            )
        }
        self.existing = {p.programme_id: p for p in Position.objects.filter(cycle=self.cycle)}
        self.seen: dict[int, int] = {}
        self.created: list[Position] = []
        self.changed: list[Position] = []

    def plan_row(self, number: int, values: dict[str, str]) -> None:
        errors: dict[str, str] = {}
        clues = self.required(values, "site", errors).upper()
        specialty = self.read_specialty(values, errors)
        places = self.read_count(values, "places", errors)
        foreign = self.read_count(values, "foreign_places", errors)
        if clues and specialty is not None:
            programme = self.programmes.get((clues, specialty.pk))
            if programme is None:
                errors["specialty"] = _(
                    "there is no programme of %(specialty)s at the site with CLUES %(clues)s."
                ) % {"specialty": specialty.name_es, "clues": clues}
        if errors:
            raise RowProblem(errors)
        if programme in self.seen:
            raise RowProblem(
                {
                    "site": _("the same programme is already in row %(row)d.")
                    % {"row": self.seen[programme]}
                }
            )
        self.seen[programme] = number
        position = self.existing.get(programme)
        if foreign is None:  # no such column, or left empty: as it is, or none
            foreign = position.foreign_places if position else 0
        if foreign > places:
            raise RowProblem(
                {
                    "foreign_places": _(
                        "%(reserved)d places reserved out of %(places)d: more than there are."
                    )
                    % {"reserved": foreign, "places": places}
                }
            )
        what = f"{clues} · {specialty.name_es}: {places}"
        if position is None:
            self.created.append(
                Position(
                    cycle=self.cycle, programme_id=programme, places=places, foreign_places=foreign
                )
            )
            self.plan.add_created(number, what)
        elif (position.places, position.foreign_places) != (places, foreign):
            position.places, position.foreign_places = places, foreign
            self.changed.append(position)
            self.plan.add_updated(number, what)
        else:
            self.plan.unchanged += 1

    def write(self) -> None:
        services.save_positions(
            by=self.actor, cycle=self.cycle, created=self.created, changed=self.changed
        )


class _ApplicantPlanner(_CyclePlanner):
    resource = ApplicantResource

    def fetch(self, rows) -> None:
        self.fetch_specialties()
        self.read_sex = ChoiceReader(Sex, _("sex"), SEX_SYNONYMS)
        self.offered = set(
            Position.objects.filter(cycle=self.cycle).values_list(
                "programme__specialty_id", flat=True
            )
        )
        applicants = list(Applicant.objects.filter(cycle=self.cycle))
        self.by_folio = {a.folio: a for a in applicants}
        self.by_person = {a.person_id: a for a in applicants}
        self.ranked = set(
            Preference.objects.filter(applicant__cycle=self.cycle)
            .values_list("applicant_id", flat=True)
            .distinct()
        )
        self.people = KnownPeople([values for _number, values in rows])
        ids = [person.pk for person in self.people.found]
        self.graduated: set[tuple[int, int]] = set()
        for start in range(0, len(ids), LOOKUP_CHUNK):
            self.graduated.update(
                Enrolment.objects.filter(
                    person_id__in=ids[start : start + LOOKUP_CHUNK],
                    status=EnrolmentStatus.GRADUATED,
                ).values_list("person_id", "programme__specialty_id")
            )
        # Accounts are known by their e-mail address (decision 0013).
        emails = sorted({values.get("email", "").strip().lower() for _n, values in rows} - {""})
        emails += sorted({p.email.lower() for p in self.people.found if p.email} - set(emails))
        self.accounts: dict[str, int] = {}
        for start in range(0, len(emails), LOOKUP_CHUNK):
            chunk = emails[start : start + LOOKUP_CHUNK]
            known = User.objects.annotate(
                username_lower=Lower("username"), email_lower=Lower("email")
            ).filter(Q(username_lower__in=chunk) | Q(email_lower__in=chunk))
            for pk, username, email in known.values_list("pk", "username", "email"):
                self.accounts[username.lower()] = self.accounts[email.lower()] = pk
        self.seen_folios: dict[str, int] = {}
        self.seen_emails: dict[str, int] = {}
        self.seen_people: dict[object, int] = {}
        self.created: list[Applicant] = []
        self.changed: list[Applicant] = []

    def plan_row(self, number: int, values: dict[str, str]) -> None:
        person_values, errors = read_person(values, self.resource.required, self.read_sex)
        folio = self.required(values, "folio", errors)
        if len(folio) > FOLIO_LENGTH:
            errors["folio"] = _("a folio has at most %(n)d characters.") % {"n": FOLIO_LENGTH}
        score = self.read_score(values, errors)
        specialty = self.read_specialty(values, errors)
        if specialty is not None and specialty.pk not in self.offered:
            errors["specialty"] = _(
                "the %(year)d cycle offers no places of %(specialty)s: load its places first."
            ) % {"year": self.cycle.year, "specialty": specialty.name_es}
        if errors:
            raise RowProblem(errors)
        key = person_key(person_values)
        for seen, value, name, message in (
            (self.seen_folios, folio, "folio", _("the same folio is already in row %(row)d.")),
            (
                self.seen_people,
                key,
                "curp" if person_values["curp"] else "passport_number",
                _("the same person is already in row %(row)d."),
            ),
        ):
            if value in seen:
                raise RowProblem({name: message % {"row": seen[value]}})
            seen[value] = number
        person = self.people.get(key)
        evidence = values.get("prerequisite_evidence", "").strip()
        self.check_prerequisite(specialty, person, evidence)
        fields = {
            "score": score,
            "specialty": specialty,
            "category": ApplicantCategory.MEXICAN
            if person_values["nationality"] == MEXICO
            else ApplicantCategory.FOREIGN,
            "prerequisite_evidence": evidence,
        }
        applicant = self.by_folio.get(folio)
        other = self.by_person.get(person.pk) if person is not None else None
        if other is not None and other.folio != folio:
            raise RowProblem(
                {
                    "folio": _(
                        "this person already applies in the %(year)d cycle with folio %(folio)s."
                    )
                    % {"year": self.cycle.year, "folio": other.folio}
                }
            )
        if applicant is not None and (person is None or applicant.person_id != person.pk):
            raise RowProblem(
                {
                    "folio": _("folio %(folio)s belongs to another person in this cycle.")
                    % {"folio": folio}
                }
            )
        self.check_account(number, person, person_values["email"])
        if applicant is None:
            self.created.append(
                Applicant(
                    cycle=self.cycle,
                    folio=folio,
                    person=person or Person(**person_values),
                    **fields,
                )
            )
            self.plan.add_created(
                number, f"{folio} · {person_values['first_names']} {person_values['last_name']}"
            )
            return
        if applicant.specialty_id != specialty.pk and applicant.pk in self.ranked:
            raise RowProblem(
                {
                    "specialty": _(
                        "this applicant has already ranked the sites of another specialty; "
                        "their specialty cannot change now."
                    )
                }
            )
        changed = []
        for name, value in fields.items():
            field = Applicant._meta.get_field(name)
            # The specialty compares by id: reading the related row would cost a query.
            if getattr(applicant, field.attname) != getattr(value, "pk", value):
                setattr(applicant, name, value)
                changed.append(str(field.verbose_name))
        if not changed:
            self.plan.unchanged += 1
            return
        self.changed.append(applicant)
        self.plan.add_updated(number, f"{folio}: {', '.join(changed)}")

    def check_account(self, number: int, person: Person | None, email: str) -> None:
        """The account the applicant signs in with: their own, or a new one for this e-mail."""
        if person is not None and person.user_id is not None:
            return
        # A person already in edusalud keeps their e-mail; the file's applies to new people.
        email = (person.email if person is not None else email).lower()
        if not email:
            return
        if email in self.seen_emails:
            raise RowProblem(
                {
                    "email": _("the same e-mail address is already in row %(row)d.")
                    % {"row": self.seen_emails[email]}
                }
            )
        self.seen_emails[email] = number
        if email in self.accounts:
            raise RowProblem(
                {
                    "email": _(
                        "%(email)s is already the account of someone else; each applicant "
                        "signs in with their own address."
                    )
                    % {"email": email}
                }
            )

    def read_score(self, values, errors) -> Decimal | None:
        text = self.required(values, "score", errors)
        if not text:
            return None
        try:
            # Spanish spreadsheets write a decimal comma.
            score = Decimal(text.replace(",", "."))
        except InvalidOperation:
            score = None
        if score is None or not score.is_finite() or not 0 <= score <= MAX_SCORE:
            errors["score"] = _("“%(value)s” is not a score from 0 to 100.") % {"value": text}
            return None
        return score.quantize(Decimal("0.01"))

    def check_prerequisite(self, specialty: Specialty, person: Person | None, evidence: str):
        """A branch specialty needs its prerequisite: graduated here, or a certificate number."""
        if specialty.entry != EntryKind.BRANCH or evidence:
            return
        if person is not None and (person.pk, specialty.prerequisite_id) in self.graduated:
            return
        raise RowProblem(
            {
                "prerequisite_evidence": _(
                    "%(specialty)s is a branch specialty: it requires %(prerequisite)s. Write "
                    "the certificate number of that specialty, unless the applicant graduated "
                    "from it at the institute."
                )
                % {"specialty": specialty.name_es, "prerequisite": specialty.prerequisite.name_es}
            }
        )

    def write(self) -> None:
        services.save_applicants(
            by=self.actor, cycle=self.cycle, created=self.created, changed=self.changed
        )


class _RankedPlanner(_CyclePlanner):
    """Whole rank lists, one row per entry: `owner`'s `rank`-th choice is `member`.

    An owner's ranks run 1, 2, 3... without gaps, in any row order; a list in
    the file replaces the owner's list, and owners not in the file keep theirs.
    """

    def fetch(self, rows) -> None:
        self.lists: dict[int, dict[int, int]] = {}  # owner -> rank -> member
        self.members: dict[int, set[int]] = {}
        self.first_row: dict[int, int] = {}
        # Owners with a refused row: their list is incomplete, so it is not judged whole.
        self.refused: set[int] = set()
        self.fetch_cycle()

    def plan_row(self, number: int, values: dict[str, str]) -> None:
        errors: dict[str, str] = {}
        owner, member = self.read_pair(values, errors)
        rank_text = self.required(values, "rank", errors)
        rank = int(rank_text) if rank_text.isascii() and rank_text.isdigit() else 0
        if rank_text and rank < 1:
            errors["rank"] = _("“%(value)s” is not a whole number of %(minimum)d or more.") % {
                "value": rank_text,
                "minimum": 1,
            }
        if owner is not None:
            self.first_row.setdefault(owner, number)
            entries = self.lists.setdefault(owner, {})
            members = self.members.setdefault(owner, set())
            if not errors and rank in entries:
                errors["rank"] = _("%(owner)s already has rank %(rank)d.") % {
                    "owner": self.owner_label(owner),
                    "rank": rank,
                }
            elif not errors and member in members:
                errors[self.member_column] = self.twice_message(owner)
        if errors:
            self.refused.add(owner)
            raise RowProblem(errors)
        entries[rank] = member
        members.add(member)

    def finish(self) -> None:
        owners = [owner for owner in self.lists if owner not in self.refused]
        existing: dict[int, list[int]] = {}
        for start in range(0, len(owners), LOOKUP_CHUNK):
            for owner, member in self.saved_lists(owners[start : start + LOOKUP_CHUNK]):
                existing.setdefault(owner, []).append(member)
        self.replaced: dict[int, list[int]] = {}
        for owner in owners:
            entries, number = self.lists[owner], self.first_row[owner]
            missing = next((n for n in range(1, len(entries) + 1) if n not in entries), None)
            if missing is not None:
                self.add_errors(
                    number,
                    {
                        "rank": _(
                            "the ranks of %(owner)s must run 1, 2, 3... with no gap; "
                            "%(missing)d is missing."
                        )
                        % {"owner": self.owner_label(owner), "missing": missing}
                    },
                )
                continue
            members = [entries[rank] for rank in sorted(entries)]
            problem = self.check_list(owner, members)
            if problem:
                self.add_errors(number, problem)
                continue
            what = ngettext("%(owner)s: %(n)d ranked", "%(owner)s: %(n)d ranked", len(members)) % {
                "owner": self.owner_label(owner),
                "n": len(members),
            }
            if owner not in existing:
                self.plan.add_created(number, what)
            elif existing[owner] != members:
                self.plan.add_updated(number, what)
            else:
                self.plan.unchanged += 1
                continue
            self.replaced[owner] = members

    def check_list(self, owner: int, members: list[int]) -> dict[str, str]:
        """Errors of a whole list, by column; none by default."""
        return {}


class _PreferencePlanner(_RankedPlanner):
    resource = PreferenceResource
    member_column = "site"

    def fetch_cycle(self) -> None:
        self.applicants = {
            folio: (pk, specialty_id)
            for folio, pk, specialty_id in Applicant.objects.filter(cycle=self.cycle).values_list(
                "folio", "pk", "specialty_id"
            )
        }
        self.folios = {pk: folio for folio, (pk, _s) in self.applicants.items()}
        self.positions: dict[tuple[str, int], int] = {}
        self.offered: dict[int, dict[int, str]] = {}  # specialty -> position -> CLUES
        rows = Position.objects.filter(cycle=self.cycle).values_list(
            "pk", "programme__site__clues", "programme__specialty_id"
        )
        for pk, clues, specialty_id in rows:
            self.positions[(clues, specialty_id)] = pk
            self.offered.setdefault(specialty_id, {})[pk] = clues
        self.specialty_names = dict(Specialty.objects.values_list("pk", "name_es"))

    def read_pair(self, values, errors):
        folio = self.required(values, "folio", errors)
        clues = self.required(values, "site", errors).upper()
        found = self.applicants.get(folio)
        if folio and found is None:
            errors["folio"] = _(
                "there is no applicant with folio %(folio)s in the %(year)d cycle."
            ) % {
                "folio": folio,
                "year": self.cycle.year,
            }
        if found is None or not clues:
            return None, None
        applicant, specialty = found
        position = self.positions.get((clues, specialty))
        if position is None:
            errors["site"] = _(
                "the site with CLUES %(clues)s offers no places of %(specialty)s in the "
                "%(year)d cycle."
            ) % {
                "clues": clues,
                "specialty": self.specialty_names[specialty],
                "year": self.cycle.year,
            }
        return applicant, position

    def owner_label(self, owner: int) -> str:
        return self.folios[owner]

    def twice_message(self, owner: int) -> str:
        return _("applicant %(folio)s ranks this site twice.") % {"folio": self.folios[owner]}

    def check_list(self, owner: int, members: list[int]) -> dict[str, str]:
        if not self.cycle.requires_complete_lists:
            return {}
        specialty = self.applicants[self.folios[owner]][1]
        offered = self.offered[specialty]
        missing = sorted(offered[pk] for pk in set(offered) - set(members))
        if not missing:
            return {}
        named = ", ".join(missing[:MISSING_NAMED]) + ("…" if len(missing) > MISSING_NAMED else "")
        return {
            "site": ngettext(
                "the list of %(folio)s leaves out %(n)d site of %(specialty)s (%(sites)s); "
                "this cycle requires every site to be ranked.",
                "the list of %(folio)s leaves out %(n)d sites of %(specialty)s (%(sites)s); "
                "this cycle requires every site to be ranked.",
                len(missing),
            )
            % {
                "folio": self.folios[owner],
                "n": len(missing),
                "specialty": self.specialty_names[specialty],
                "sites": named,
            }
        }

    def saved_lists(self, owners: list[int]):
        return (
            Preference.objects.filter(applicant_id__in=owners)
            .order_by("applicant_id", "rank")
            .values_list("applicant_id", "position_id")
        )

    def write(self) -> None:
        services.replace_rank_lists(by=self.actor, cycle=self.cycle, preferences=self.replaced)


class _RankingPlanner(_RankedPlanner):
    resource = RankingResource
    member_column = "folio"

    def fetch_cycle(self) -> None:
        self.fetch_specialties()
        self.applicants = {
            folio: (pk, specialty_id)
            for folio, pk, specialty_id in Applicant.objects.filter(cycle=self.cycle).values_list(
                "folio", "pk", "specialty_id"
            )
        }
        self.positions = {}
        self.labels = {}
        rows = Position.objects.filter(cycle=self.cycle).values_list(
            "pk",
            "programme__site__clues",
            "programme__specialty_id",
            "programme__specialty__name_es",
        )
        for pk, clues, specialty_id, name in rows:
            self.positions[(clues, specialty_id)] = pk
            self.labels[pk] = f"{clues} · {name}"

    def read_pair(self, values, errors):
        clues = self.required(values, "site", errors).upper()
        specialty = self.read_specialty(values, errors)
        folio = self.required(values, "folio", errors)
        position = None
        if clues and specialty is not None:
            position = self.positions.get((clues, specialty.pk))
            if position is None:
                errors["site"] = _(
                    "the site with CLUES %(clues)s offers no places of %(specialty)s in the "
                    "%(year)d cycle."
                ) % {"clues": clues, "specialty": specialty.name_es, "year": self.cycle.year}
        found = self.applicants.get(folio)
        if folio and found is None:
            errors["folio"] = _(
                "there is no applicant with folio %(folio)s in the %(year)d cycle."
            ) % {
                "folio": folio,
                "year": self.cycle.year,
            }
        elif found is not None and specialty is not None and found[1] != specialty.pk:
            errors["folio"] = _("applicant %(folio)s does not apply to %(specialty)s.") % {
                "folio": folio,
                "specialty": specialty.name_es,
            }
        return position, found[0] if found else None

    def owner_label(self, owner: int) -> str:
        return self.labels[owner]

    def twice_message(self, owner: int) -> str:
        return _("%(programme)s ranks this applicant twice.") % {"programme": self.labels[owner]}

    def saved_lists(self, owners: list[int]):
        return (
            ProgrammeRanking.objects.filter(position_id__in=owners)
            .order_by("position_id", "rank")
            .values_list("position_id", "applicant_id")
        )

    def write(self) -> None:
        services.replace_rank_lists(by=self.actor, cycle=self.cycle, rankings=self.replaced)


PLANNERS = {
    "positions": _PositionPlanner,
    "applicants": _ApplicantPlanner,
    "preferences": _PreferencePlanner,
    "rankings": _RankingPlanner,
}
