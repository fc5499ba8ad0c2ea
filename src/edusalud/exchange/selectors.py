from django.db.models import QuerySet

from edusalud.accounts.models import User
from edusalud.exchange.models import ImportJob
from edusalud.residents.selectors import manageable_sites


def can_import(user: User) -> bool:
    """Importing needs the explicit permission and a site to import into."""
    return (
        user.is_authenticated
        and user.has_perm("exchange.import_files")
        and manageable_sites(user).exists()
    )


def import_jobs_of(user: User) -> QuerySet[ImportJob]:
    """A job holds its owner's file, with personal data: nobody else sees it."""
    return ImportJob.objects.filter(owner_id=user.pk).defer("content")
