"""Writes of good-practice posts: draft, submit, approve, return, withdraw.

Each transition locks the post, checks its status and who acts, and saves with
history (the acting user and a reason). A refused transition raises
ValidationError and changes nothing. The views fetch posts through the
selectors, so a post outside the user's scope is a 404 before it gets here;
the checks below hold for every other caller too (the demo, the shell).

`at`, where a service takes it, is when the step happened: now by default;
the demo dates its posts in the past.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.catalog.models import Site
from edusalud.core.history import save_checked
from edusalud.practices import selectors
from edusalud.practices.models import EDITABLE, Post, PostStatus
from edusalud.training.models import CompetencyArea

SLUG_MAX = 100


def _locked(post: Post) -> Post:
    # Two reviewers clicking at once: the second sees the first one's decision.
    return Post.objects.select_for_update().get(pk=post.pk)


def _check_site(by: User, site: Site) -> None:
    if not selectors.author_sites(by).filter(pk=site.pk).exists():
        raise ValidationError({"site": _("You can only write about a site where you work.")})


def _fill(post: Post, *, title, summary, body, author_name, site) -> None:
    post.title = title.strip()
    post.summary = summary.strip()
    post.body = body.strip()
    post.author_name = author_name.strip()
    post.site = site


@transaction.atomic
def create_draft(
    *,
    by: User,
    site: Site,
    title: str,
    summary: str,
    body: str,
    author_name: str,
    areas: list[CompetencyArea] | None = None,
    for_review: bool = False,
    at: datetime.datetime | None = None,
) -> Post:
    """A new post by `by`: a draft only its author sees, or sent for review with `for_review`."""
    if not selectors.can_write(by):
        raise ValidationError(_("Only professors and coordinators write good practices."))
    _check_site(by, site)
    post = Post(author=by, status=PostStatus.DRAFT, created_at=at or timezone.now())
    _fill(post, title=title, summary=summary, body=body, author_name=author_name, site=site)
    save_checked(post, by=by, reason="created")
    post.areas.set(areas or [])
    if for_review:
        post = submit(by=by, post=post, at=at)
    return post


@transaction.atomic
def update_draft(
    *,
    by: User,
    post: Post,
    site: Site,
    title: str,
    summary: str,
    body: str,
    author_name: str,
    areas: list[CompetencyArea] | None = None,
    for_review: bool = False,
    at: datetime.datetime | None = None,
) -> Post:
    """The author's changes to a draft or a returned post; sent for review with `for_review`."""
    post = _locked(post)
    _refuse_unless_author(by, post)
    if post.status not in EDITABLE:
        raise ValidationError(
            _(
                "The status of this post is “%(status)s”: only a draft or a post returned "
                "to you can be changed."
            )
            % {"status": post.get_status_display()}
        )
    _check_site(by, site)
    _fill(post, title=title, summary=summary, body=body, author_name=author_name, site=site)
    save_checked(post, by=by, reason="changed")
    post.areas.set(areas or [])
    if for_review:
        post = submit(by=by, post=post, at=at)
    return post


def _refuse_unless_author(by: User, post: Post) -> None:
    if post.author_id != by.pk:
        raise ValidationError(_("Only the author can change or submit this post."))


@transaction.atomic
def submit(*, by: User, post: Post, at: datetime.datetime | None = None) -> Post:
    """Send a draft or a returned post to the coordinators for review."""
    post = _locked(post)
    _refuse_unless_author(by, post)
    if post.status not in EDITABLE:
        raise ValidationError(
            _(
                "The status of this post is “%(status)s”: only a draft or a post returned "
                "to you can be submitted."
            )
            % {"status": post.get_status_display()}
        )
    post.status = PostStatus.SUBMITTED
    post.submitted_at = at or timezone.now()
    return save_checked(post, by=by, reason="submitted")


def _refuse_unless_reviewer(by: User, post: Post) -> None:
    if not selectors.can_review(by):
        raise ValidationError(_("Only coordinators review good practices."))
    if post.author_id == by.pk:
        raise ValidationError(_("You cannot review your own post: another coordinator will."))
    if not selectors.reviews_site_of(by, post):
        raise ValidationError(_("This post is from a site outside your coordination."))


def _refuse_unless_submitted(post: Post) -> None:
    if post.status != PostStatus.SUBMITTED:
        raise ValidationError(
            _(
                "The status of this post is “%(status)s”: only a post awaiting review "
                "can be reviewed."
            )
            % {"status": post.get_status_display()}
        )


def _free_slug(title: str, pk: int) -> str:
    base = slugify(title)[:SLUG_MAX].strip("-") or f"practica-{pk}"
    slug, n = base, 1
    while Post.objects.filter(slug=slug).exclude(pk=pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def approve(*, by: User, post: Post, at: datetime.datetime | None = None) -> Post:
    """Publish the post: it appears on the public page and in the feed, under a fixed address."""
    post = _locked(post)
    _refuse_unless_reviewer(by, post)
    _refuse_unless_submitted(post)
    post.status = PostStatus.APPROVED
    post.reviewed_by = by
    post.reviewed_at = at or timezone.now()
    post.published_on = timezone.localdate(post.reviewed_at)
    post.review_comment = ""
    post.slug = _free_slug(post.title, post.pk)
    return save_checked(post, by=by, reason="approved")


@transaction.atomic
def return_to_author(
    *, by: User, post: Post, comment: str, at: datetime.datetime | None = None
) -> Post:
    """Send the post back to its author with what to change; they edit and submit again."""
    post = _locked(post)
    _refuse_unless_reviewer(by, post)
    _refuse_unless_submitted(post)
    if not comment.strip():
        raise ValidationError({"comment": _("Tell the author what to change.")})
    post.status = PostStatus.RETURNED
    post.reviewed_by = by
    post.reviewed_at = at or timezone.now()
    post.review_comment = comment.strip()
    return save_checked(post, by=by, reason="returned to the author")


@transaction.atomic
def withdraw(*, by: User, post: Post, reason: str, at: datetime.datetime | None = None) -> Post:
    """Take a published post off the public page and the feed. Final: it is not published again."""
    post = _locked(post)
    _refuse_unless_reviewer(by, post)
    if post.status != PostStatus.APPROVED:
        raise ValidationError(
            _("The status of this post is “%(status)s”: only a published post can be withdrawn.")
            % {"status": post.get_status_display()}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the post is withdrawn.")})
    post.status = PostStatus.WITHDRAWN
    post.withdrawn_by = by
    post.withdrawn_at = at or timezone.now()
    post.withdrawal_reason = reason.strip()
    return save_checked(post, by=by, reason="withdrawn")
