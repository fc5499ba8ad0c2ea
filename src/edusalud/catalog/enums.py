from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteKind(models.TextChoices):
    UMAE = "UMAE", _("High-specialty medical unit (UMAE)")
    HGR = "HGR", _("Regional general hospital (HGR)")
    HGZ = "HGZ", _("Zone general hospital (HGZ)")
    UMF = "UMF", _("Family medicine unit (UMF)")
    OTHER = "OTHER", _("Other")


class CareLevel(models.IntegerChoices):
    FIRST = 1, _("First level")
    SECOND = 2, _("Second level")
    THIRD = 3, _("Third level")


class EntryKind(models.TextChoices):
    DIRECT = "direct", _("Direct entry")
    BRANCH = "branch", _("Branch (requires a previous specialty)")


class QualityRecognition(models.TextChoices):
    NONE = "", _("None")
    PNPC = "PNPC", _("PNPC (CONACyT)")
    SNP = "SNP", _("SNP (CONAHCYT)")


class QualityLevel(models.TextChoices):
    NONE = "", _("None")
    NEW = "new", _("Recently created")
    DEVELOPING = "developing", _("In development")
    CONSOLIDATED = "consolidated", _("Consolidated")
    INTERNATIONAL = "international", _("International standing")
