"""Reads of people and enrolments, always scoped to a user.

Coordinators see the residents of their region or site, professors those of
the programmes they teach, residents their own record. Writes are allowed to
coordinators only (enrolments_manageable_by).
"""

from dataclasses import replace

from django.db.models import Q, QuerySet

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
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


def history_of(person: Person) -> list[dict]:
    """Every recorded change of the person and their enrolments, newest first.

    Each entry says when, who, what happened and which fields went from what to what.
    """
    entries = []
    for model, rows in (
        (Person, person.history.select_related("history_user").order_by("history_date")),
        (
            Enrolment,
            Enrolment.history.filter(person_id=person.pk)
            .select_related("history_user")
            .order_by("id", "history_date"),
        ),
    ):
        previous_by_object = {}
        for row in rows:
            previous = previous_by_object.get(row.id)
            changes = row.diff_against(previous).changes if previous is not None else []
            previous_by_object[row.id] = row
            entries.append(
                {
                    "at": row.history_date,
                    "user": row.history_user,
                    "reason": CHANGE_REASONS.get(
                        row.history_change_reason or "", row.history_change_reason
                    ),
                    "record": model._meta.verbose_name,
                    "changes": [
                        (model._meta.get_field(c.field).verbose_name, c.old, c.new) for c in changes
                    ],
                }
            )
    _name_programmes(entries)
    return sorted(entries, key=lambda entry: entry["at"], reverse=True)


def _name_programmes(entries: list[dict]) -> None:
    """Show a transfer as programme names rather than ids, with one query."""
    label = Enrolment._meta.get_field("programme").verbose_name
    ids = {v for e in entries for f, *values in e["changes"] if f == label for v in values}
    names = {
        p.pk: str(p)
        for p in Programme.objects.filter(pk__in=ids).select_related("specialty", "site")
    }
    for entry in entries:
        entry["changes"] = [
            (f, names.get(old, old), names.get(new, new)) if f == label else (f, old, new)
            for f, old, new in entry["changes"]
        ]


def manageable_sites(user: User) -> QuerySet[Site]:
    """Sites where the user may register or change residents (coordinators only)."""
    scope = scope_of(user)
    if scope.is_national:
        return Site.objects.all()
    return Site.objects.filter(Q(region_id__in=scope.region_ids) | Q(pk__in=scope.site_ids))


def data_version() -> tuple:
    """Changes whenever a person, enrolment or catalog row is written (see core.versioning)."""
    return latest_changes(
        Person.history.model,
        Enrolment.history.model,
        Programme.history.model,
        Site.history.model,
        Specialty.history.model,
        Region.history.model,
    )
