"""Background jobs of surveys: reminders. Eager without Redis (`make run`)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from edusalud.surveys import services
from edusalud.surveys.models import ReminderRun


@shared_task
def send_reminders(run_id: int, language: str = settings.LANGUAGE_CODE) -> int:
    run = ReminderRun.objects.select_related("campaign", "requested_by").get(pk=run_id)
    with translation.override(language):
        return services.send_reminders(run=run, today=timezone.localdate())
