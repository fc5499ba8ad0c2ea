"""Abstract models several apps share; core has no tables of its own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderRunBase(models.Model):
    """E-mails sent at a coordinator's request, counted as they go (core.mailing.send_each).

    Each app adds what the reminders are about (a training rule, a survey campaign).
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    sent = models.PositiveIntegerField(_("e-mails sent"), default=0)
    without_email = models.PositiveIntegerField(_("people without e-mail"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-requested_at"]
        verbose_name = _("reminder run")
        verbose_name_plural = _("reminder runs")
