"""Signed-in pages: authors write and submit their posts, coordinators review them.

The public page, each published post and the Atom feed are in public.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from edusalud.core.forms import add_service_errors
from edusalud.practices import selectors, services
from edusalud.practices.forms import PostForm, ReviewForm, WithdrawForm
from edusalud.practices.models import PostStatus

# Published posts listed for a coordinator to withdraw; older ones are on the public page.
RECENTLY_PUBLISHED = 20


@login_required
def post_list(request):
    """The user's own posts and, for coordinators, the posts waiting for their review."""
    writes = selectors.can_write(request.user)
    reviews = selectors.can_review(request.user)
    if not (writes or reviews):
        raise Http404
    context = {
        "writes": writes,
        "reviews": reviews,
        "posts": selectors.posts_of(request.user),
        "queue": selectors.review_queue(request.user) if reviews else [],
        "published": (
            selectors.published_in_scope(request.user)[:RECENTLY_PUBLISHED] if reviews else []
        ),
    }
    return render(request, "practices/post_list.html", context)


def _sent(request, post) -> None:
    if post.status == PostStatus.SUBMITTED:
        messages.success(request, _("Post sent for review."))
    else:
        messages.success(request, _("Draft saved."))


@login_required
def post_create(request):
    if not selectors.can_write(request.user):
        raise Http404
    sites = selectors.author_sites(request.user).order_by("name")
    form = PostForm(
        request.POST or None,
        sites=sites,
        initial={"author_name": request.user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_draft(
                by=request.user, for_review="submit" in request.POST, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _sent(request, post)
            return redirect("practices:post_list")
    return render(request, "practices/post_form.html", {"form": form, "post": None})


@login_required
def post_edit(request, pk: int):
    """The author's post: a form while it is a draft or returned, read-only after."""
    post = get_object_or_404(selectors.posts_of(request.user), pk=pk)
    form = None
    if post.is_editable or request.method == "POST":
        sites = selectors.author_sites(request.user).order_by("name")
        initial = {
            "title": post.title,
            "summary": post.summary,
            "body": post.body,
            "areas": list(post.areas.all()),
            "author_name": post.author_name,
            "site": post.site_id,
        }
        form = PostForm(request.POST or None, sites=sites, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.update_draft(
                by=request.user,
                post=post,
                for_review="submit" in request.POST,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _sent(request, post)
            return redirect("practices:post_list")
    return render(request, "practices/post_form.html", {"form": form, "post": post})


@login_required
def post_review(request, pk: int):
    """Approve or return a post awaiting review; withdraw a published one."""
    post = get_object_or_404(selectors.posts_reviewable_by(request.user), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in (None, "approve", "return", "withdraw"):
        return HttpResponseBadRequest()
    review_form = ReviewForm(request.POST if action in ("approve", "return") else None)
    withdraw_form = WithdrawForm(request.POST if action == "withdraw" else None)
    form = withdraw_form if action == "withdraw" else review_form
    if action and form.is_valid():
        try:
            if action == "approve":
                services.approve(by=request.user, post=post)
                done = _("Post published.")
            elif action == "return":
                services.return_to_author(
                    by=request.user, post=post, comment=form.cleaned_data["comment"]
                )
                done = _("Post returned to its author.")
            else:
                services.withdraw(by=request.user, post=post, reason=form.cleaned_data["reason"])
                done = _("Post withdrawn from publication.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("practices:post_list")
    context = {
        "post": post,
        "review_form": review_form,
        "withdraw_form": withdraw_form,
        "Status": PostStatus,
    }
    return render(request, "practices/post_review.html", context, status=400 if action else 200)
