"""Reads of people and enrolments, always scoped to a user.

Coordinators see the residents of their region or site, professors those of
the programmes they teach, residents their own record. Writes are allowed to
coordinators only (enrolments_manageable_by).
"""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import CountryField

from edusalud.accounts.models import User
from edusalud.accounts.selectors import roles_of, scope_of
from edusalud.accounts.tokens import tokens_of
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.catalog.selectors import programme_scope_q
from edusalud.core.versioning import latest_changes
from edusalud.residents.enums import CHANGE_REASONS, IN_TRAINING
from edusalud.residents.models import Enrolment, Person


def enrolments_visible_to(user: User) -> QuerySet[Enrolment]:
    scope = scope_of(user)
    base = Enrolment.objects.select_related(
        "person", "programme__specialty", "programme__site__region"
    )
    if scope.is_national:
        return base
    q = programme_scope_q(scope, prefix="programme__")
    if scope.self_user_id:
        q |= Q(person__user_id=scope.self_user_id)
    return base.filter(q)


def enrolments_manageable_by(user: User) -> QuerySet[Enrolment]:
    """Enrolments the user may change: coordinators in scope; never professors or residents."""
    scope = scope_of(user)
    base = enrolments_visible_to(user)
    if scope.is_national:
        return base
    # Only the coordinator part of the scope grants writes.
    coordinator_scope = replace(scope, programme_ids=frozenset(), self_user_id=None)
    return base.filter(programme_scope_q(coordinator_scope, prefix="programme__"))


def people_visible_to(user: User) -> QuerySet[Person]:
    scope = scope_of(user)
    if scope.is_national:
        return Person.objects.all()
    return Person.objects.filter(pk__in=enrolments_visible_to(user).values("person_id"))


def can_manage_person(user: User, person: Person) -> bool:
    return enrolments_manageable_by(user).filter(person=person).exists()


def enrolment_list(
    user: User,
    *,
    search: str = "",
    site: str = "",
    specialty: str = "",
    year: int | None = None,
    status: str = "in_training",
    origin: str = "",
) -> QuerySet[Enrolment]:
    enrolments = enrolments_visible_to(user)
    if status == "in_training":
        enrolments = enrolments.filter(status__in=IN_TRAINING)
    elif status:
        enrolments = enrolments.filter(status=status)
    if search:
        for word in search.split():
            enrolments = enrolments.filter(
                Q(person__first_names__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(person__second_last_name__icontains=word)
                | Q(person__curp__icontains=word)
            )
    if site:
        enrolments = enrolments.filter(programme__site__clues=site)
    if specialty:
        enrolments = enrolments.filter(programme__specialty__code=specialty)
    if year:
        enrolments = enrolments.filter(year=year)
    if origin == "foreign":
        enrolments = enrolments.exclude(person__nationality="MX")
    elif origin == "mexican":
        enrolments = enrolments.filter(person__nationality="MX")
    return enrolments.order_by(
        "person__last_name", "person__second_last_name", "person__first_names", "pk"
    )


def enrolments_of(user: User, person: Person) -> QuerySet[Enrolment]:
    return enrolments_visible_to(user).filter(person=person).order_by("-started_on", "-pk")


def people_manageable_by(user: User) -> QuerySet[Person]:
    """People whose record the user may change and audit: coordinators in scope only."""
    if scope_of(user).is_national:
        return Person.objects.all()
    return Person.objects.filter(pk__in=enrolments_manageable_by(user).values("person_id"))


def can_pseudonymise(user: User) -> bool:
    """Only national coordinators honour cancellation requests (decision 0008)."""
    return scope_of(user).is_national


@dataclass(frozen=True)
class FieldChange:
    label: str  # the field's verbose name
    old: str  # "" when there was no value
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    actor: str  # the acting user's name; "" for operator commands
    record: str  # "person", or "enrolment" and its programme
    kind: str  # "+" created, "~" changed, "-" deleted (django-simple-history's codes)
    reason: str
    changes: list[FieldChange]


def history_visible_to(user: User, person: Person) -> list[HistoryEntry]:
    """Every recorded change of the person and of their enrolments the user sees, newest first.

    Creations list the values the record started with; changes, each field that
    went from one value to another, both shown as on the pages (choice labels,
    names rather than ids, local dates). At most four queries, however long the history.
    """
    rows = [
        (Person, row) for row in _history_values(Person.history.filter(id=person.pk), Person)
    ] + [
        (Enrolment, row)
        for row in _history_values(
            Enrolment.history.filter(
                id__in=enrolments_visible_to(user).filter(person=person).values("pk")
            ),
            Enrolment,
        )
    ]
    names = _names_of_related(rows)
    previous: dict[tuple, dict] = {}
    entries = []
    # A person is registered before their enrolment, even within the same instant.
    rows.sort(key=lambda mr: (mr[1]["history_date"], mr[0] is Enrolment, mr[1]["history_id"]))
    for model, row in rows:
        before = previous.get((model, row["id"]))
        previous[(model, row["id"])] = row
        changes = []
        for field in _audited_fields(model):
            old = before[field.attname] if before is not None else None
            new = row[field.attname]
            if old == new or (before is None and new in (None, "")):
                continue
            changes.append(
                FieldChange(
                    str(field.verbose_name),
                    _display(field, old, names),
                    _display(field, new, names),
                )
            )
        record = str(model._meta.verbose_name)
        if model is Enrolment:
            record = f"{record} · {names.get((Programme, row['programme_id']), '')}"
        entries.append(
            HistoryEntry(
                at=row["history_date"],
                actor=_actor_name(row),
                record=record,
                kind=row["history_type"],
                reason=reason_label(row["history_change_reason"]),
                changes=changes,
            )
        )
    entries.reverse()
    return entries


def reason_label(raw: str | None) -> str:
    """The history row's reason as users read it: "pseudonymised: F-1" → "seudonimizada: F-1"."""
    if not raw:
        return ""
    code, separator, detail = raw.partition(": ")
    label = CHANGE_REASONS.get(code)
    if label is None:
        return raw
    return f"{label}{separator}{detail}"


def _audited_fields(model) -> list:
    # The person of an enrolment never changes and is the page's subject.
    return [
        f
        for f in model._meta.concrete_fields
        if f.name != "id" and not (model is Enrolment and f.name == "person")
    ]


def _history_values(history, model) -> list[dict]:
    columns = [f.attname for f in model._meta.concrete_fields]
    return list(
        history.values(
            *columns,
            "history_id",
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
        )
    )


def _actor_name(row: dict) -> str:
    if row["history_user__username"] is None:
        return ""  # an operator command, or a user since deleted
    full_name = f"{row['history_user__first_name']} {row['history_user__last_name']}".strip()
    return full_name or row["history_user__username"]


def _names_of_related(rows) -> dict:
    """Names of the programmes and user accounts the rows point to: one query per model."""
    programme_ids = {row["programme_id"] for model, row in rows if model is Enrolment}
    user_ids = {row["user_id"] for model, row in rows if model is Person} - {None}
    names: dict[tuple, str] = {}
    if programme_ids:
        for programme in Programme.objects.filter(pk__in=programme_ids).select_related(
            "specialty", "site"
        ):
            names[(Programme, programme.pk)] = str(programme)
    if user_ids:
        for pk, username in User.objects.filter(pk__in=user_ids).values_list("pk", "username"):
            names[(User, pk)] = username
    return names


def _display(field, value, names: dict) -> str:
    if value is None or value == "":
        return ""
    if isinstance(field, CountryField):
        return str(countries.name(value) or value)
    if field.is_relation:
        return names.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def person_of(user: User) -> Person | None:
    """The person record linked to the user's account, if any."""
    return Person.objects.filter(user_id=user.pk).first() if user.pk else None


def personal_data_of(user: User) -> dict:
    """Everything the product holds about a signed-in user, for them to download (access right).

    Their account (never the password hash, session data or token digests), and when the account
    is linked to a person: the person, their enrolments and the history of both,
    as stored. Plain JSON types except dates, which the caller's encoder writes as ISO 8601.
    """
    data = {
        "generated_at": timezone.now(),
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "roles": [
                {
                    "role": assignment.role,
                    "role_label": str(assignment.get_role_display()),
                    "covers": str(
                        assignment.region or assignment.site or assignment.programme or ""
                    ),
                }
                for assignment in roles_of(user)
            ],
            # What identifies a token to its owner; its fingerprint is no use to them.
            "api_tokens": [
                {
                    "name": token.name,
                    "prefix": token.prefix,
                    "created_at": token.created_at,
                    "last_used_at": token.last_used_at,
                    "revoked_at": token.revoked_at,
                }
                for token in tokens_of(user)
            ],
        },
        "person": None,
        "enrolments": [],
        "history": [],
    }
    person = person_of(user)
    if person is None:
        return data
    data["person"] = _plain_values(Person, _values_of(person))
    enrolments = Enrolment.objects.filter(person=person).select_related(
        "programme__specialty", "programme__site"
    )
    data["enrolments"] = [
        _plain_values(Enrolment, _values_of(enrolment))
        | {
            "specialty": enrolment.programme.specialty.name,
            "site": enrolment.programme.site.name,
            "site_clues": enrolment.programme.site.clues,
        }
        for enrolment in enrolments
    ]
    for model, history in (
        (Person, Person.history.filter(id=person.pk)),
        (Enrolment, Enrolment.history.filter(person_id=person.pk)),
    ):
        for row in _history_values(history, model):
            data["history"].append(
                {
                    "record": model._meta.model_name,
                    "at": row["history_date"],
                    "type": HISTORY_TYPES[row["history_type"]],
                    "by": _actor_name(row),
                    "reason": row["history_change_reason"] or "",
                    "values": _plain_values(model, row),
                }
            )
    data["history"].sort(key=lambda entry: entry["at"])
    return data


HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def _values_of(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _plain_values(model, row: dict) -> dict:
    values = {f.attname: row[f.attname] for f in model._meta.concrete_fields}
    for name, value in values.items():
        if hasattr(value, "code"):  # a django-countries Country
            values[name] = value.code
    return values


def manageable_sites(user: User) -> QuerySet[Site]:
    """Sites where the user may register or change residents (coordinators only)."""
    scope = scope_of(user)
    if scope.is_national:
        return Site.objects.all()
    return Site.objects.filter(Q(region_id__in=scope.region_ids) | Q(pk__in=scope.site_ids))


def data_version(*more_history_models) -> tuple:
    """Changes whenever a person, enrolment or catalog row is written (see core.versioning).

    Callers whose figures also read other apps' rows name those history tables:
    still one query.
    """
    return latest_changes(
        Person.history.model,
        Enrolment.history.model,
        Programme.history.model,
        Site.history.model,
        Specialty.history.model,
        Region.history.model,
        *more_history_models,
    )
