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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from edusalud.accounts.selectors import scope_of
from edusalud.admissions import selectors, services
from edusalud.admissions.models import CycleStatus


def _cycle(request, year: int):
    return get_object_or_404(selectors.cycles_visible_to(request.user), year=year)


@login_required
def cycle_list(request):
    if not scope_of(request.user).is_national:
        raise Http404
    return render(
        request, "admissions/cycle_list.html", {"cycles": selectors.cycles_visible_to(request.user)}
    )


@login_required
def cycle_detail(request, year: int):
    cycle = _cycle(request, year)
    review = selectors.review_of(cycle)
    chart = {
        "labels": [str(rank) for rank in review.rank_obtained],
        "values": list(review.rank_obtained.values()),
    }
    context = {"cycle": cycle, "review": review, "chart": chart, "Status": CycleStatus}
    return render(request, "admissions/cycle_detail.html", context)


@login_required
@require_POST
def cycle_match(request, year: int):
    cycle = _cycle(request, year)
    try:
        result = services.run_match(by=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        matched = len(result.assignment) - len(result.unmatched)
        messages.success(
            request,
            ngettext(
                "Match done: %(n)d applicant placed; review it before publishing.",
                "Match done: %(n)d applicants placed; review it before publishing.",
                matched,
            )
            % {"n": matched},
        )
    return redirect("admissions:cycle_detail", year=cycle.year)


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
