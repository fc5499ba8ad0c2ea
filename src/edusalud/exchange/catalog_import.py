"""Plan an import of sites, specialties or programmes (national coordinators only).

Catalog files are small (hundreds of rows), so each row is checked by the
model's own validation (field validators and check constraints) after its
values are read; rows are matched by CLUES, specialty code, or site and
specialty. Only an error-free file is written, in one transaction with history.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.catalog import services
from edusalud.catalog.enums import CareLevel, EntryKind, QualityLevel, QualityRecognition, SiteKind
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.exchange.cells import ChoiceReader, parse_date
from edusalud.exchange.plans import PROGRESS_EVERY, Plan, Progress, RowError, locate_columns
from edusalud.exchange.readers import Table, restore
from edusalud.exchange.resources import (
    FileResource,
    ProgrammeResource,
    SiteResource,
    SpecialtyResource,
    normalise_header,
)


def parse_count(text: str) -> int:
    if not text.isdigit():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
    return int(text)


class _CatalogPlanner:
    resource: type[FileResource]
    model: type
    # Fields the model's validation must not check: matched or checked here.
    not_validated: tuple[str, ...] = ()

    def __init__(self, table: Table, positions: dict[str, int], actor: User, plan: Plan):
        self.table, self.positions, self.actor, self.plan = table, positions, actor, plan
        self.headers = {name: table.header[index] for name, index in positions.items()}
        self.created: list = []
        self.changed: list = []

    def column(self, name: str) -> str:
        if name not in self.resource().fields:
            name = self.resource.required[0]  # a rule across fields: shown on the key
        return self.headers.get(name) or self.resource.column_name(name)

    def run(self, progress: Progress | None) -> None:
        rows = [
            (number, {name: restore(cells[i]) for name, i in self.positions.items()})
            for number, cells in self.table.rows
        ]
        self.fetch(rows)
        seen: dict = {}
        for done, (number, values) in enumerate(rows, start=1):
            errors = self.plan_row(number, values, seen)
            self.plan.errors += [RowError(number, self.column(n), m) for n, m in errors.items()]
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(rows))
        if progress:
            progress(len(rows), len(rows))
        if self.plan.is_valid:
            self.plan.write = self.write

    def plan_row(self, number: int, values: dict[str, str], seen: dict) -> dict[str, str]:
        errors: dict[str, str] = {}
        fields = self.read(values, errors)
        if errors:
            return errors
        key = self.key(fields)
        if key in seen:
            return {
                self.resource.required[0]: _("the same row is already in row %(row)d.")
                % {"row": seen[key]}
            }
        seen[key] = number
        instance = self.existing(key)
        is_new = instance is None
        instance = instance or self.model()
        changed = []
        for name, value in fields.items():
            field = self.model._meta.get_field(name)
            # Foreign keys compare by id: an unset one cannot be read as an object.
            current = getattr(instance, field.attname)
            new = value.pk if field.is_relation and value is not None else value
            if current != new or (field.is_relation and value is not None and new is None):
                setattr(instance, name, value)
                changed.append(str(field.verbose_name))
        try:
            instance.full_clean(exclude=self.not_validated, validate_unique=False)
        except ValidationError as error:
            return {
                name: messages[0]
                for name, messages in error.message_dict.items()
                if name != "__all__"
            } or {"__all__": error.messages[0]}
        self.remember(key, instance)
        if is_new:
            self.created.append(instance)
            self.plan.add_created(number, str(instance))
        elif changed:
            self.changed.append(instance)
            self.plan.add_updated(number, f"{instance}: {', '.join(changed)}")
        else:
            self.plan.unchanged += 1
        return {}

    def read_fields(self, values, errors, readers: dict) -> dict:
        """Read the columns present in the file; absent ones keep their value."""
        fields = {}
        for name, read in readers.items():
            if name not in self.positions:
                continue
            text = values.get(name, "")
            if not text:
                if name in self.resource.required:
                    errors[name] = _("this column is required.")
                else:
                    fields[name] = read("")
                continue
            try:
                fields[name] = read(text)
            except ValueError as error:
                errors[name] = str(error)
        return fields

    def remember(self, key, instance) -> None:
        pass

    def write(self) -> None:
        services.save_imported(
            by=self.actor if isinstance(self.actor, User) else None,
            model=self.model,
            created=self.created,
            changed=self.changed,
        )


class _SitePlanner(_CatalogPlanner):
    resource = SiteResource
    model = Site

    def fetch(self, rows) -> None:
        self.sites = {site.clues: site for site in Site.objects.all()}
        self.regions = {}
        for region in Region.objects.all():
            self.regions[normalise_header(region.code)] = region
            self.regions[normalise_header(region.name)] = region
        self.read_kind = ChoiceReader(SiteKind, _("type"))
        self.read_level = ChoiceReader(CareLevel, _("care level"))

    def read(self, values, errors) -> dict:
        return self.read_fields(
            values,
            errors,
            {
                "clues": lambda text: text.upper(),
                "name": str,
                "kind": self.read_kind,
                "care_level": self.read_level,
                "region": self.read_region,
                "beds": lambda text: parse_count(text) if text else 0,
            },
        )

    def read_region(self, text: str) -> Region:
        try:
            return self.regions[normalise_header(text)]
        except KeyError:
            raise ValueError(_("there is no region “%(value)s”.") % {"value": text}) from None

    def key(self, fields):
        return fields["clues"]

    def existing(self, key):
        return self.sites.get(key)


class _SpecialtyPlanner(_CatalogPlanner):
    resource = SpecialtyResource
    model = Specialty
    # A prerequisite new in the same file has no id yet; its presence is checked here.
    not_validated = ("prerequisite",)

    def fetch(self, rows) -> None:
        self.specialties = {s.code: s for s in Specialty.objects.all()}
        self.read_entry = ChoiceReader(
            EntryKind,
            _("entry"),
            {"directo": EntryKind.DIRECT, "directa": EntryKind.DIRECT, "rama": EntryKind.BRANCH},
        )

    def read(self, values, errors) -> dict:
        fields = self.read_fields(
            values,
            errors,
            {
                "code": lambda text: text.upper(),
                "name_es": str,
                "name_en": str,
                "entry": self.read_entry,
                "prerequisite": self.read_prerequisite,
                "duration_years": parse_count,
            },
        )
        if "name_en" in fields and not fields["name_en"]:
            fields["name_en"] = fields.get("name_es", "")
        entry, prerequisite = fields.get("entry"), fields.get("prerequisite")
        if entry == EntryKind.BRANCH and prerequisite is None and "prerequisite" not in errors:
            errors["prerequisite"] = _("a branch specialty needs its previous specialty.")
        if entry == EntryKind.DIRECT and prerequisite is not None:
            errors["prerequisite"] = _("a direct-entry specialty has no previous specialty.")
        return fields

    def read_prerequisite(self, text: str):
        if not text:
            return None
        try:
            return self.specialties[text.upper()]
        except KeyError:
            raise ValueError(
                _("there is no specialty with code “%(value)s” (earlier rows count).")
                % {"value": text}
            ) from None

    def key(self, fields):
        return fields["code"]

    def existing(self, key):
        return self.specialties.get(key)

    def remember(self, key, instance) -> None:
        # Later rows may name this one as their prerequisite.
        self.specialties[key] = instance


class _ProgrammePlanner(_CatalogPlanner):
    resource = ProgrammeResource
    model = Programme

    def fetch(self, rows) -> None:
        self.sites = {site.clues: site for site in Site.objects.all()}
        self.specialties = {s.code: s for s in Specialty.objects.all()}
        self.programmes = {(p.site_id, p.specialty_id): p for p in Programme.objects.all()}
        self.read_recognition = ChoiceReader(QualityRecognition, _("quality recognition"))
        self.read_level = ChoiceReader(QualityLevel, _("quality level"))

    def read(self, values, errors) -> dict:
        return self.read_fields(
            values,
            errors,
            {
                "site": lambda text: self.lookup(
                    self.sites, text, _("there is no site “%(value)s”.")
                ),
                "specialty": lambda text: self.lookup(
                    self.specialties, text, _("there is no specialty “%(value)s”.")
                ),
                "university": str,
                "quality_recognition": lambda text: self.read_recognition(text) if text else "",
                "quality_level": lambda text: self.read_level(text) if text else "",
                "quality_valid_from": lambda text: parse_date(text) if text else None,
                "quality_valid_until": lambda text: parse_date(text) if text else None,
                "yearly_positions": lambda text: parse_count(text) if text else 0,
            },
        )

    @staticmethod
    def lookup(found: dict, text: str, message: str):
        try:
            return found[text.upper()]
        except KeyError:
            raise ValueError(message % {"value": text}) from None

    def key(self, fields):
        return (fields["site"].pk, fields["specialty"].pk)

    def existing(self, key):
        return self.programmes.get(key)


PLANNERS = {
    "sites": _SitePlanner,
    "specialties": _SpecialtyPlanner,
    "programmes": _ProgrammePlanner,
}


def plan_catalog(kind: str, table: Table, actor: User, progress: Progress | None = None) -> Plan:
    planner_class = PLANNERS[kind]
    plan = Plan(total=len(table.rows))
    positions = locate_columns(table, planner_class.resource, plan)
    if plan.errors:
        return plan
    planner_class(table, positions, actor, plan).run(progress)
    return plan
