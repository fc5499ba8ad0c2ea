"""Imports: upload a file, check it (the preview), then apply it all or nothing.

Checking and applying run as background tasks (exchange.tasks) because a
national file takes seconds; both report progress on the job. Applying checks
the file again against the data of that moment, so nothing changed since the
preview can slip through.
"""

import functools
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.exchange.admission_import import plan_admissions
from edusalud.exchange.catalog_import import plan_catalog
from edusalud.exchange.models import (
    ADMISSION_KINDS,
    CATALOG_KINDS,
    ImportJob,
    ImportKind,
    ImportStatus,
)
from edusalud.exchange.plans import Plan, Progress, RowError
from edusalud.exchange.readers import UnreadableFile, read_table
from edusalud.exchange.resident_import import plan_residents
from edusalud.exchange.selectors import can_import

PLANNERS = {
    ImportKind.RESIDENTS: plan_residents,
    **{kind: functools.partial(plan_catalog, kind) for kind in CATALOG_KINDS},
    **{kind: functools.partial(plan_admissions, kind) for kind in ADMISSION_KINDS},
}


def plan_file(
    kind: str,
    content: bytes,
    actor: User,
    progress: Progress | None = None,
    options: dict | None = None,
) -> Plan:
    """Read and check a file without writing anything; `options` say where its rows go."""
    try:
        table = read_table(content)
    except UnreadableFile as error:
        return Plan(errors=[RowError(0, "", str(error))])
    return PLANNERS[kind](table, actor, progress, **(options or {}))


def apply_plan(plan: Plan) -> None:
    if not plan.is_valid:
        raise ValidationError(_("A file with errors cannot be imported."))
    with transaction.atomic():
        plan.write()


# A preview nobody confirmed within this time is dropped, with the personal data of its file.
UNCONFIRMED_PREVIEW_LIFETIME = timedelta(days=1)


def create_import(
    *, by: User, kind: str, filename: str, content: bytes, options: dict | None = None
) -> ImportJob:
    if not can_import(by, kind):
        raise PermissionDenied
    forget_unconfirmed_previews()
    return ImportJob.objects.create(
        kind=kind, owner=by, filename=filename[:200], content=content, options=options or {}
    )


def forget_unconfirmed_previews(now=None) -> int:
    """Erase the files of previews left unconfirmed too long; returns how many.

    Every upload calls it, so no scheduler is needed. The job stays listed, as failed.
    """
    cutoff = (now or timezone.now()) - UNCONFIRMED_PREVIEW_LIFETIME
    return ImportJob.objects.filter(status=ImportStatus.READY, created_at__lt=cutoff).update(
        status=ImportStatus.FAILED, content=b"", finished_at=now or timezone.now()
    )


def check_import(job: ImportJob) -> ImportJob:
    """The preview: what the file would do, saved on the job."""
    plan = plan_file(job.kind, bytes(job.content), job.owner, _progress_of(job), job.options)
    job.status = ImportStatus.READY if plan.is_valid else ImportStatus.INVALID
    job.summary = plan.summary()
    if not plan.is_valid:
        job.content = b""  # personal data: a file with errors is uploaded again, fixed
    job.save(update_fields=["status", "summary", "content"])
    return job


def confirm_import(*, by: User, job: ImportJob) -> ImportJob:
    """Mark a checked job to be applied; the task does the work."""
    if job.owner_id != by.pk or not can_import(by, job.kind):
        raise PermissionDenied
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
        status=ImportStatus.IMPORTING, rows_done=0
    )
    if not updated:
        raise ValidationError(_("This import is not waiting for confirmation."))
    job.refresh_from_db()
    return job


def run_import(job: ImportJob) -> ImportJob:
    """Check the file again and, if it is still clean, write it in one transaction."""
    plan = plan_file(job.kind, bytes(job.content), job.owner, _progress_of(job), job.options)
    if plan.is_valid:
        apply_plan(plan)
        job.status = ImportStatus.DONE
        job.finished_at = timezone.now()
    else:
        job.status = ImportStatus.INVALID
    job.content = b""  # personal data: not kept once the job ends
    job.summary = plan.summary()
    job.save(update_fields=["status", "summary", "content", "finished_at"])
    return job


def fail_import(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, content=b"", finished_at=timezone.now()
    )


def _progress_of(job: ImportJob) -> Progress:
    def progress(done: int, total: int) -> None:
        job.rows_done, job.rows_total = done, total
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    return progress
