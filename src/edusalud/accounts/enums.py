from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL = "national", _("National coordinator")
    REGIONAL = "regional", _("Regional coordinator")
    SITE = "site", _("Site coordinator")
    PROFESSOR = "professor", _("Professor")
    RESIDENT = "resident", _("Resident")
