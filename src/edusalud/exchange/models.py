from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    SITES = "sites", _("sites")
    SPECIALTIES = "specialties", _("specialties")
    PROGRAMMES = "programmes", _("programmes")
    POSITIONS = "positions", _("admission places")
    APPLICANTS = "applicants", _("admission applicants")
    PREFERENCES = "preferences", _("applicants' rank lists")
    RANKINGS = "rankings", _("programmes' rankings of applicants")


# The catalog is national reference data: only national coordinators import it.
CATALOG_KINDS = (ImportKind.SITES, ImportKind.SPECIALTIES, ImportKind.PROGRAMMES)
# Admission cycles run nationally; these files go into one cycle (ImportJob.options).
ADMISSION_KINDS = (
    ImportKind.POSITIONS,
    ImportKind.APPLICANTS,
    ImportKind.PREFERENCES,
    ImportKind.RANKINGS,
)


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("checking the file")
    READY = "ready", _("ready to import")
    INVALID = "invalid", _("the file has errors")
    IMPORTING = "importing", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """One uploaded file, from its preview to its result.

    The file itself is kept in the database, not on disk, so a worker on another
    machine can read it; it is erased when the job ends (imported, refused or
    failed) or a preview waits unconfirmed for a day, because it holds personal data.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    filename = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict)
    # What the rows go into, when the file alone does not say: {"cycle": 2027}.
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        permissions = [("import_files", _("Can import CSV and XLSX files"))]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
