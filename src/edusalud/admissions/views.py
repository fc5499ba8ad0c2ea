"""The admissions pages of national coordinators: cycles, the match's review, publication.

Anyone else gets a 404, as for any page outside their scope.
"""

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.accounts.selectors import scope_of
from edusalud.admissions import selectors, services, tasks
from edusalud.admissions.forms import CycleForm, PeriodForm
from edusalud.admissions.models import CycleStatus, MatchRunStatus
from edusalud.core.forms import add_service_errors


def _cycle(request, year: int):
    return get_object_or_404(selectors.cycles_visible_to(request.user), year=year)


@login_required
def cycle_list(request):
    """The cycles, and a new one created as a draft."""
    if not scope_of(request.user).is_national:
        raise Http404
    today = timezone.localdate()
    form = CycleForm(
        request.POST or None, initial={"year": today.year + 1, "requires_complete_lists": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.create_cycle(by=request.user, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Cycle %(year)d created.") % {"year": cycle.year})
            return redirect("admissions:cycle_detail", year=cycle.year)
    return render(
        request,
        "admissions/cycle_list.html",
        {"cycles": selectors.cycles_visible_to(request.user), "form": form},
    )


@login_required
def cycle_detail(request, year: int, **kwargs):
    cycle = _cycle(request, year)
    review = selectors.review_of(cycle)
    chart = {
        "labels": [str(rank) for rank in review.rank_obtained],
        "values": list(review.rank_obtained.values()),
    }
    context = {
        "cycle": cycle,
        "review": review,
        "chart": chart,
        "periods": cycle.periods.all(),
        "open_period": selectors.open_period(cycle, timezone.localdate()),
        "period_form": kwargs.get("period_form") or PeriodForm(),
        "run": cycle.runs.select_related("requested_by").first(),
        "Status": CycleStatus,
        "RunStatus": MatchRunStatus,
    }
    return render(request, "admissions/cycle_detail.html", context)


@login_required
@require_POST
def cycle_period(request, year: int):
    """Add a ranking period; a refused one shows the page again with the form's errors."""
    cycle = _cycle(request, year)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            period = services.add_period(
                by=request.user, cycle=cycle, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Period %(n)d added.") % {"n": period.number})
            return redirect("admissions:cycle_detail", year=cycle.year)
    return cycle_detail(request, year, period_form=form)


@login_required
@require_POST
def cycle_open(request, year: int):
    cycle = _cycle(request, year)
    try:
        services.open_for_ranking(by=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The cycle is open: applicants rank sites during its periods."))
    return redirect("admissions:cycle_detail", year=cycle.year)


@login_required
@require_POST
def cycle_invite(request, year: int):
    """E-mail the applicants not yet invited a link to their account, as a background job."""
    cycle = _cycle(request, year)
    tasks.invite_applicants.delay(cycle.pk)
    messages.success(
        request,
        _("The invitations are being sent; the count below grows as they go out."),
    )
    return redirect("admissions:cycle_detail", year=cycle.year)


@login_required
@require_POST
def cycle_match(request, year: int):
    """Start the match as a background job; the cycle page shows its progress."""
    cycle = _cycle(request, year)
    try:
        run = services.request_match(by=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        tasks.match_cycle.delay(run.pk, get_language())
    return redirect("admissions:cycle_detail", year=cycle.year)


@login_required
def cycle_progress(request, year: int):
    """The progress box, polled by htmx while the match runs; then the page reloads."""
    cycle = _cycle(request, year)
    run = cycle.runs.first()
    if run is not None and run.is_running:
        return render(request, "admissions/includes/progress.html", {"cycle": cycle, "run": run})
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def cycle_publish(request, year: int):
    cycle = _cycle(request, year)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm: a publication is final."))
        return redirect("admissions:cycle_detail", year=cycle.year)
    try:
        created = services.publish(by=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Published: %(n)d R1 enrolment created.",
                "Published: %(n)d R1 enrolments created.",
                created,
            )
            % {"n": created},
        )
    return redirect("admissions:cycle_detail", year=cycle.year)


@login_required
def cycle_files(request, year: int):
    """The match's files for auditors, as one ZIP (formats of `edusalud match`)."""
    cycle = _cycle(request, year)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in selectors.match_files(cycle).items():
            archive.writestr(name, text)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="asignacion-{cycle.year}.zip"'
    return response


def _application(request):
    applicant = selectors.application_of(request.user)
    if applicant is None:
        raise Http404
    return applicant


@login_required
def my_application(request):
    """The applicant's own page: rank the sites while a period is open; then the result."""
    applicant = _application(request)
    positions, saved = selectors.ranking_of(applicant)
    assignment = selectors.published_assignment(applicant)
    missed = selectors.missed_choices(applicant) if assignment else []
    context = {
        "applicant": applicant,
        "positions": positions,
        "saved": saved,
        "period": selectors.open_period(applicant.cycle, timezone.localdate()),
        "assignment": assignment,
        "missed": missed,
    }
    return render(request, "admissions/my_application.html", context)


@login_required
@require_POST
def my_application_order(request):
    """Save the whole list (position ids, best first): the drag-and-drop saves each move."""
    applicant = _application(request)
    try:
        order = [int(pk) for pk in request.POST.get("order", "").split(",") if pk]
    except ValueError:
        order = None
    return _save_order(request, applicant, order)


@login_required
@require_POST
def my_application_move(request):
    """Move one site up or down a place: the buttons that work without a mouse or JavaScript."""
    applicant = _application(request)
    positions, _saved = selectors.ranking_of(applicant)
    order = [position.pk for position in positions]
    try:
        index = order.index(int(request.POST.get("position", "")))
    except ValueError:
        return _save_order(request, applicant, None)
    other = index - 1 if request.POST.get("direction") == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    return _save_order(request, applicant, order)


def _save_order(request, applicant, order):
    is_script = request.headers.get("X-Requested-With") == "fetch"
    try:
        if order is None:
            raise ValidationError(_("The list sent is not valid."), code="invalid")
        services.save_ranking(applicant=applicant, order=order, today=timezone.localdate())
    except ValidationError as error:
        if is_script:
            return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
        messages.error(request, " ".join(error.messages))
    else:
        if is_script:
            return HttpResponse(_("Saved."), content_type="text/plain")
        messages.success(request, _("Your list was saved."))
    return redirect("admissions:my_application")
