from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from edusalud.admissions.selectors import importable_cycles
from edusalud.catalog.forms import filtered_programmes, filtered_sites, filtered_specialties
from edusalud.core.search import recall_search
from edusalud.exchange import selectors, services, tasks
from edusalud.exchange.exports import CONTENT_TYPES, export_rows
from edusalud.exchange.forms import ExportForm, UploadForm
from edusalud.exchange.models import ADMISSION_KINDS, ImportKind, ImportStatus
from edusalud.exchange.resources import (
    LIST_PAGES,
    ProgrammeResource,
    ResidentResource,
    SiteResource,
    SpecialtyResource,
    columns_of,
)
from edusalud.residents.forms import filtered_enrolments

# Errors listed on the page; the count says how many more there are.
ERRORS_SHOWN = 200


def _require_import_permission(request) -> None:
    if not selectors.can_import(request.user):
        raise Http404


@login_required
def import_list(request):
    _require_import_permission(request)
    kinds = selectors.importable_kinds(request.user)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        kinds=kinds,
        cycles=list(importable_cycles(request.user).values_list("year", flat=True)),
        # Links from a cycle's page name the kind and the cycle: ?kind=positions&cycle=2027
        initial={name: request.GET[name] for name in ("kind", "cycle") if name in request.GET},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.create_import(
            by=request.user,
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            content=upload.read(),
            options=form.options(),
        )
        tasks.check_import.delay(job.pk, get_language())
        return redirect("exchange:import_detail", job.pk)
    jobs = selectors.import_jobs_of(request.user)[:20]
    formats = [(ImportKind(kind).label, *columns_of(kind)) for kind in kinds]
    return render(
        request, "exchange/import_list.html", {"form": form, "jobs": jobs, "formats": formats}
    )


@login_required
def import_detail(request, pk):
    _require_import_permission(request)
    job = get_object_or_404(selectors.import_jobs_of(request.user), pk=pk)
    if job.kind in ADMISSION_KINDS:
        list_url = reverse("admissions:cycle_detail", args=[job.options.get("cycle")])
    else:
        list_url = reverse(LIST_PAGES[job.kind])
    context = {
        "job": job,
        "list_url": list_url,
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


# What each list exports: its file format and the filtered rows of its page.
EXPORTS = {
    "residentes": (ResidentResource, filtered_enrolments),
    "sedes": (SiteResource, filtered_sites),
    "especialidades": (
        SpecialtyResource,
        lambda user, data: (
            None,
            filtered_specialties(user, data)[1].select_related("prerequisite"),
        ),
    ),
    "programas": (ProgrammeResource, filtered_programmes),
}


@login_required
def export(request, kind: str):
    if kind not in EXPORTS:
        raise Http404
    resource, filtered = EXPORTS[kind]
    export = ExportForm(request.GET)
    file_format = (export.is_valid() and export.cleaned_data["format"]) or "csv"
    _form, rows = filtered(request.user, recall_search(request))
    response = HttpResponse(
        export_rows(resource, rows, file_format), content_type=CONTENT_TYPES[file_format]
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.{file_format}"'
    return response
