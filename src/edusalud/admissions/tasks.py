"""The match as a background job. In the embedded default it runs in-process."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from edusalud.admissions import services
from edusalud.admissions.models import AdmissionCycle, MatchRun, MatchRunStatus

logger = logging.getLogger(__name__)


@shared_task
def match_cycle(run_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    run = MatchRun.objects.select_related("cycle", "requested_by").get(pk=run_id)
    runs = MatchRun.objects.filter(pk=run.pk)
    runs.update(status=MatchRunStatus.RUNNING)
    try:
        with translation.override(language):  # the error, if any, is shown to the requester
            result = services.run_match(
                by=run.requested_by,
                cycle=run.cycle,
                progress=lambda steps: runs.update(steps_done=steps),
            )
    except ValidationError as error:  # refused (e.g. published meanwhile): said on the page
        runs.update(
            status=MatchRunStatus.FAILED, error=" ".join(error.messages), finished_at=timezone.now()
        )
        return MatchRunStatus.FAILED
    except Exception:
        logger.exception("match run %s failed", run_id)
        runs.update(status=MatchRunStatus.FAILED, finished_at=timezone.now())
        raise
    placed = len(result.assignment) - len(result.unmatched)
    runs.update(status=MatchRunStatus.DONE, placed=placed, finished_at=timezone.now())
    return MatchRunStatus.DONE


@shared_task
def invite_applicants(cycle_id: int) -> int:
    """E-mail the cycle's applicants their link, in the institute's language (Spanish)."""
    cycle = AdmissionCycle.objects.get(pk=cycle_id)
    with translation.override(settings.LANGUAGE_CODE):
        return services.invite_applicants(cycle)
