from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from edusalud.exchange import selectors, services, tasks
from edusalud.exchange.exports import CONTENT_TYPES, export_rows
from edusalud.exchange.forms import ExportForm, UploadForm
from edusalud.exchange.models import ImportStatus
from edusalud.exchange.resources import ResidentResource
from edusalud.residents.forms import filtered_enrolments

# Errors listed on the page; the count says how many more there are.
ERRORS_SHOWN = 200


def _require_import_permission(request) -> None:
    if not selectors.can_import(request.user):
        raise Http404


@login_required
def import_list(request):
    _require_import_permission(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.create_import(
            by=request.user,
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            content=upload.read(),
        )
        tasks.check_import.delay(job.pk, get_language())
        return redirect("exchange:import_detail", job.pk)
    jobs = selectors.import_jobs_of(request.user)[:20]
    return render(request, "exchange/import_list.html", {"form": form, "jobs": jobs})


@login_required
def import_detail(request, pk):
    _require_import_permission(request)
    job = get_object_or_404(selectors.import_jobs_of(request.user), pk=pk)
    context = {
        "job": job,
        "errors": job.summary.get("errors", [])[:ERRORS_SHOWN],
        "ImportStatus": ImportStatus,
    }
    # htmx polls the progress box while the job runs; the full page otherwise.
    if request.headers.get("HX-Request") and job.is_running:
        return render(request, "exchange/includes/progress.html", context)
    if request.headers.get("HX-Request"):
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    return render(request, "exchange/import_detail.html", context)


@require_POST
@login_required
def import_confirm(request, pk):
    _require_import_permission(request)
    job = get_object_or_404(selectors.import_jobs_of(request.user), pk=pk)
    try:
        services.confirm_import(by=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("exchange:import_detail", job.pk)
    tasks.run_import.delay(job.pk, get_language())
    return redirect("exchange:import_detail", job.pk)


@login_required
def resident_export(request):
    export = ExportForm(request.GET)
    file_format = (export.is_valid() and export.cleaned_data["format"]) or "csv"
    _form, enrolments = filtered_enrolments(request.user, request.GET)
    content = export_rows(ResidentResource, enrolments, file_format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="residentes-{stamp}.{file_format}"'
    return response
