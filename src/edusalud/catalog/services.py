"""Writes on the catalog. Sites, specialties and programmes change through the
admin and through imports (exchange); both leave history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.catalog.enums import EntryKind
from edusalud.catalog.models import Programme, Site, Specialty
from edusalud.core.bulk import save_with_history

# What a file may change on each catalog model (see exchange).
IMPORTED_FIELDS = {
    Site: ["name", "kind", "care_level", "region", "beds"],
    Specialty: ["name_es", "name_en", "entry", "prerequisite", "duration_years"],
    Programme: [
        "university",
        "quality_recognition",
        "quality_level",
        "quality_valid_from",
        "quality_valid_until",
        "yearly_positions",
    ],
}


@transaction.atomic
def save_imported(*, by: User | None, model, created: list, changed: list) -> None:
    """Write checked catalog rows in bulk with history.

    A new branch specialty may name a prerequisite that is new in the same
    file: rows whose prerequisite is not saved yet are created after the others.
    """

    waiting = [row for row in created if _waits_for_prerequisite(row)]
    first = [row for row in created if not _waits_for_prerequisite(row)]
    save_with_history(model, created=first, by=by, reason="imported")
    # Changed rows may point at a specialty created just above.
    save_with_history(
        model,
        created=waiting,
        changed=changed,
        fields=IMPORTED_FIELDS[model],
        by=by,
        reason="imported",
    )


def _waits_for_prerequisite(row) -> bool:
    return getattr(row, "prerequisite", None) is not None and row.prerequisite.pk is None


def check_specialty(specialty: Specialty) -> None:
    """A branch specialty names its prerequisite (not itself); a direct-entry one names none."""
    if specialty.entry == EntryKind.BRANCH and specialty.prerequisite_id is None:
        raise ValidationError(
            {"prerequisite": _("A branch specialty needs its prerequisite specialty.")}
        )
    if specialty.entry == EntryKind.DIRECT and specialty.prerequisite_id is not None:
        raise ValidationError(
            {"prerequisite": _("A direct-entry specialty has no prerequisite specialty.")}
        )
    if specialty.pk is not None and specialty.prerequisite_id == specialty.pk:
        raise ValidationError({"prerequisite": _("A specialty cannot be its own prerequisite.")})


@transaction.atomic
def save_catalog_entry(*, by: User | None, instance, reason: str):
    """Create or change one region, site, specialty or programme, leaving history.

    The model's own validation runs first (field validators, unique fields and
    check constraints): a rule broken raises ValidationError keyed by field.
    National coordinators only; the caller checks it, as for imports.
    """
    if isinstance(instance, Specialty):
        check_specialty(instance)
    instance.full_clean()
    instance._history_user = by
    instance._change_reason = reason
    instance.save()
    return instance
