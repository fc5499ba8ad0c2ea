from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The blank choice of a filter. Spanish agrees "all" with the field's noun:
# "Todos" los grados, "Todas" las sedes.
ALL = _("All")
ALL_FEMININE = pgettext_lazy("feminine", "All")


class JobStatus(models.TextChoices):
    """Where a background job kept in a row stands (a match run, a batch of certificates)."""

    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
