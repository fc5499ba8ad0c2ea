"""Good teaching practices: short posts by professors and coordinators, reviewed, then public.

A post is written at a site (the author's), reviewed by a coordinator whose
scope reaches that site, and once approved it is shown to anyone on the public
page and in the Atom feed the communications team reads.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from edusalud.catalog.models import Site
from edusalud.training.models import CompetencyArea

TITLE_MAX = 120
# What a social-media post can carry: the campaign copies it as it is.
SUMMARY_MAX = 280
BODY_MAX = 5000


class PostStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("practice status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("practice status", "awaiting review")
    APPROVED = "approved", pgettext_lazy("practice status", "published")
    RETURNED = "returned", pgettext_lazy("practice status", "returned to the author")
    WITHDRAWN = "withdrawn", pgettext_lazy("practice status", "withdrawn from publication")


# The author may still change these; the others are in a reviewer's hands or final.
EDITABLE = (PostStatus.DRAFT, PostStatus.RETURNED)


class Post(models.Model):
    """A good teaching practice, as its author tells it."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_posts",
        verbose_name=_("author"),
    )
    # As it will be published ("Dra. Leticia Robles Garza"), not the account's name.
    author_name = models.CharField(_("author's name as published"), max_length=150)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="practice_posts", verbose_name=_("site")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX)
    body = models.TextField(_("text"), validators=[MaxLengthValidator(BODY_MAX)])
    areas = models.ManyToManyField(
        CompetencyArea,
        blank=True,
        related_name="practice_posts",
        verbose_name=_("competency areas"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    created_at = models.DateTimeField(_("date written"), default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(_("date submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("date reviewed"), null=True, blank=True)
    # What the reviewer asks the author to change; kept until the next review.
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Given on approval, from the title then: the public address never changes after.
    slug = models.SlugField(_("address"), max_length=140, unique=True, null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_at = models.DateTimeField(_("date withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("good teaching practice")
        verbose_name_plural = _("good teaching practices")
        constraints = [
            models.CheckConstraint(
                name="practice_has_text",
                condition=~Q(title="") & ~Q(summary="") & ~Q(body="") & ~Q(author_name=""),
            ),
            # SQLite does not enforce a varchar's length; these hold on every database.
            models.CheckConstraint(
                name="practice_summary_fits_a_social_post",
                condition=LessThanOrEqual(Length("summary"), SUMMARY_MAX),
            ),
            models.CheckConstraint(
                name="practice_body_at_most_5000",
                condition=LessThanOrEqual(Length("body"), BODY_MAX),
            ),
            models.CheckConstraint(
                name="practice_submitted_has_date",
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
            ),
            models.CheckConstraint(
                name="practice_returned_has_comment",
                condition=~Q(status="returned") | ~Q(review_comment=""),
            ),
            models.CheckConstraint(
                name="practice_published_has_review_and_address",
                condition=~Q(status__in=["approved", "withdrawn"])
                | Q(
                    reviewed_by__isnull=False,
                    reviewed_at__isnull=False,
                    published_on__isnull=False,
                    slug__isnull=False,
                ),
            ),
            models.CheckConstraint(
                name="practice_withdrawn_has_reason",
                condition=~Q(status="withdrawn")
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.APPROVED
