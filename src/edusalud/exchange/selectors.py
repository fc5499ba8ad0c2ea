from django.db.models import QuerySet

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.admissions.selectors import importable_cycles
from edusalud.exchange.models import ADMISSION_KINDS, CATALOG_KINDS, ImportJob, ImportKind
from edusalud.residents.selectors import manageable_sites


def importable_kinds(user: User) -> list[str]:
    """What the user may import: the explicit permission first, then their scope.

    Residents go into the sites the user coordinates; the catalog is national
    reference data, and admission cycles run nationally, so only national
    coordinators import them (admission files while a cycle is unpublished).
    """
    if not (user.is_authenticated and user.has_perm("exchange.import_files")):
        return []
    kinds = []
    if manageable_sites(user).exists():
        kinds.append(ImportKind.RESIDENTS)
    if scope_of(user).is_national:
        kinds += CATALOG_KINDS
        if importable_cycles(user).exists():
            kinds += ADMISSION_KINDS
    return kinds


def can_import(user: User, kind: str | None = None) -> bool:
    kinds = importable_kinds(user)
    return bool(kinds) if kind is None else kind in kinds


def import_jobs_of(user: User) -> QuerySet[ImportJob]:
    """A job holds its owner's file, with personal data: nobody else sees it."""
    return ImportJob.objects.filter(owner_id=user.pk).defer("content")
