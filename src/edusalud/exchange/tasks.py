"""Background work of imports. In the embedded default these run in-process."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import translation

from edusalud.exchange import services
from edusalud.exchange.models import ImportJob

logger = logging.getLogger(__name__)


@shared_task
def check_import(job_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    return _run(job_id, services.check_import, language)


@shared_task
def run_import(job_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    return _run(job_id, services.run_import, language)


def _run(job_id: int, step, language: str) -> str:
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    try:
        # The messages of the preview are stored: write them in the uploader's language.
        with translation.override(language):
            return step(job).status
    except Exception:
        logger.exception("import job %s failed", job_id)
        services.fail_import(job)
        raise
