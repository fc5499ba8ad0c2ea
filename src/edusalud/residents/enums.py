from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    NON_BINARY = "X", _("Non-binary")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("enrolment status", "active")
    ON_LEAVE = "on_leave", pgettext_lazy("enrolment status", "on leave")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment status", "withdrawn")
    GRADUATED = "graduated", pgettext_lazy("enrolment status", "graduated")


# Residents still in the course: they count as "in training" on the dashboards.
IN_TRAINING = (EnrolmentStatus.ACTIVE, EnrolmentStatus.ON_LEAVE)


# The reason each service writes into the history row, and how the page names it.
CHANGE_REASONS = {
    "registered": _("registered"),
    "enrolled": _("enrolled"),
    "promoted": _("promoted"),
    "put on leave": _("put on leave"),
    "returned from leave": _("returned from leave"),
    "withdrawn": _("withdrawn"),
    "transferred": _("transferred"),
    "graduated": _("graduated"),
    "hiring outcome recorded": _("hiring outcome recorded"),
    "imported": _("imported from a file"),
    "admitted": _("admitted by the admissions match"),
    "changed": _("changed"),
    "linked to its account": _("linked to its owner's account"),
    # Written by the admin (residents.admin.PersonAdmin).
    "registered in the admin": _("registered in the admin"),
    "changed in the admin": _("changed in the admin"),
    "deleted in the admin": _("deleted in the admin"),
    # Followed by ": " and the request's folio (services.pseudonymise_person).
    "pseudonymised": _("pseudonymised"),
}
