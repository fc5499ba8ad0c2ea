"""Code pages: read and accept the current versions, publish one, read the coverage per site."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import scope_of
from edusalud.conduct import selectors, services
from edusalud.conduct.forms import AcknowledgeForm, VersionForm
from edusalud.core.forms import add_service_errors


@login_required
def code_list(request):
    """The codes in force and whether the user accepted their current versions."""
    scope = scope_of(request.user)
    context = {
        "versions": selectors.my_codes(request.user, timezone.localdate()),
        "sees_coverage": scope.is_coordinator,
    }
    return render(request, "conduct/code_list.html", context)


@login_required
def code_detail(request, slug: str):
    """The current version's text and the form to accept it."""
    code = get_object_or_404(selectors.codes_visible_to(request.user), slug=slug)
    today = timezone.localdate()
    current = selectors.current_version_of(code, today)
    if current is None:
        raise Http404
    errors = []
    if request.method == "POST":
        form = AcknowledgeForm(request.POST, number=current.number)
        if form.is_valid():
            version = get_object_or_404(code.versions, number=form.cleaned_data["version"])
            try:
                services.acknowledge(user=request.user, version=version, today=today)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    _("You accepted version %(n)d of the %(title)s.")
                    % {"n": version.number, "title": code.title},
                )
                return redirect("conduct:code_list")
        else:
            errors = [e for field_errors in form.errors.values() for e in field_errors]
    context = {
        "code": code,
        "current": current,
        "accepted": selectors.acknowledgement_of(request.user, current),
        # Always a fresh form: after a refusal it must carry the current number, not the old one.
        "form": AcknowledgeForm(number=current.number),
        "errors": errors,
        "versions": selectors.versions_of(code, request.user, today),
        "can_publish": selectors.can_publish_versions(request.user),
        "today": today,
    }
    return render(request, "conduct/code_detail.html", context, status=400 if errors else 200)


@login_required
def version_create(request, slug: str):
    """A national coordinator publishes the next version, starting from the last text."""
    if not selectors.can_publish_versions(request.user):
        raise Http404
    code = get_object_or_404(selectors.codes_visible_to(request.user), slug=slug)
    last = selectors.latest_version_of(code)
    form = VersionForm(
        request.POST or None,
        initial={"body": last.body if last else "", "published_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.publish_version(by=request.user, code=code, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(n)d published: everyone will be asked to accept it from %(date)s.")
                % {
                    "n": version.number,
                    "date": date_format(version.published_on, "SHORT_DATE_FORMAT"),
                },
            )
            return redirect("conduct:code_detail", slug=code.slug)
    return render(request, "conduct/version_form.html", {"code": code, "last": last, "form": form})


@login_required
def coverage(request):
    """Per site of the coordinator's scope, how many accepted each current version."""
    if not scope_of(request.user).is_coordinator:
        raise Http404
    report = selectors.coverage(request.user, timezone.localdate())
    return render(request, "conduct/coverage.html", {"report": report})


@login_required
def coverage_site(request, clues: str):
    """Who at one site has not accepted a current version yet."""
    site = get_object_or_404(selectors.coverage_sites(request.user), clues=clues)
    report = selectors.site_coverage(site, timezone.localdate())
    return render(request, "conduct/coverage_site.html", {"report": report})
