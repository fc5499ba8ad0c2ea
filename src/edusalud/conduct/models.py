"""Codes of conduct and ethics, their numbered versions, and who accepted which.

The version in force of a code is the one with the highest number already
published (selectors.current_versions); a new one asks everyone again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Code(models.Model):
    title = models.CharField(_("title"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = pgettext_lazy("code of conduct or ethics", "code")
        verbose_name_plural = pgettext_lazy("code of conduct or ethics", "codes")
        constraints = [
            # codigos/cobertura/ is the coverage page: a code there could never be opened.
            models.CheckConstraint(name="code_slug_not_reserved", condition=~Q(slug="cobertura"))
        ]

    def __str__(self) -> str:
        return self.title


class CodeVersion(models.Model):
    """The text of a code as published on a day; what people accept, so it is never edited."""

    code = models.ForeignKey(
        Code,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=pgettext_lazy("code of conduct or ethics", "code"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    published_on = models.DateField(_("published on"))
    body = models.TextField(_("text"))
    summary = models.TextField(_("summary of changes"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-number"]
        verbose_name = _("code version")
        verbose_name_plural = _("code versions")
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="code_version_number_once"),
            models.CheckConstraint(name="code_version_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.number}"


class Acknowledgement(models.Model):
    """A person's statement that they read and accept one version of a code."""

    version = models.ForeignKey(
        CodeVersion,
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("version"),
    )
    # An account deleted takes its statements with it; the history keeps them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="code_acknowledgements",
        verbose_name=_("user"),
    )
    acknowledged_at = models.DateTimeField(_("accepted at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="acknowledgement_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.version}"
