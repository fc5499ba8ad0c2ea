"""Background jobs of training: reminders, and an edition's certificates as one ZIP.

Eager without Redis (`make run`).
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from edusalud.training import services
from edusalud.training.models import CertificateBatch, ReminderRun


@shared_task
def send_reminders(run_id: int, language: str = settings.LANGUAGE_CODE) -> int:
    run = ReminderRun.objects.select_related("rule", "requested_by").get(pk=run_id)
    with translation.override(language):
        return services.send_reminders(run=run, today=timezone.localdate())


@shared_task
def make_batch(batch_id: int) -> int:
    return services.make_batch(
        batch=CertificateBatch.objects.select_related("edition").get(pk=batch_id)
    )
