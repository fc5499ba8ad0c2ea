"""Instruments: coordinators read them; national coordinators build, publish and version them.

A published instrument is never edited; a change is a new version.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import scope_of
from edusalud.core.forms import add_service_errors
from edusalud.surveys import instrument_services
from edusalud.surveys.forms import InstrumentForm, ItemForm
from edusalud.surveys.models import Instrument


def _instruments(request):
    if not scope_of(request.user).is_coordinator:
        raise Http404
    return Instrument.objects.order_by("code", "-version")


@login_required
def instrument_list(request):
    instruments = _instruments(request)
    national = scope_of(request.user).is_national
    form = InstrumentForm(request.POST or None) if national else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                instrument = instrument_services.create_instrument(
                    by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("surveys:instrument_detail", pk=instrument.pk)
    return render(
        request,
        "surveys/instrument_list.html",
        {"instruments": instruments.prefetch_related("items"), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def instrument_detail(request, pk: int):
    instrument = get_object_or_404(_instruments(request), pk=pk)
    national = scope_of(request.user).is_national
    operation = request.POST.get("operation") if request.method == "POST" else None
    form = ItemForm(request.POST if operation == "item" else None)
    problem = None
    if operation:
        if not national or operation not in ("item", "remove", "publish", "version"):
            raise Http404
        try:
            if operation == "item" and form.is_valid():
                instrument_services.add_item(
                    by=request.user, instrument=instrument, **form.cleaned_data
                )
                messages.success(request, _("Question added."))
                return redirect("surveys:instrument_detail", pk=instrument.pk)
            if operation == "remove":
                item = get_object_or_404(instrument.items, pk=request.POST.get("item", "0"))
                instrument_services.remove_item(by=request.user, item=item)
                return redirect("surveys:instrument_detail", pk=instrument.pk)
            if operation == "publish":
                instrument_services.publish_instrument(
                    by=request.user, instrument=instrument, today=timezone.localdate()
                )
                messages.success(request, _("Published: it can now be used in campaigns."))
                return redirect("surveys:instrument_detail", pk=instrument.pk)
            if operation == "version":
                copy = instrument_services.new_version(by=request.user, instrument=instrument)
                messages.success(request, _("New version created, unpublished: edit it freely."))
                return redirect("surveys:instrument_detail", pk=copy.pk)
        except ValidationError as error:
            if operation == "item":
                add_service_errors(form, error)
            else:
                problem = " ".join(error.messages)
    return render(
        request,
        "surveys/instrument_detail.html",
        {
            "instrument": instrument,
            "items": instrument.items.all(),
            "bands": instrument.bands.all(),
            "form": form if national and not instrument.is_published else None,
            "national": national,
            "problem": problem,
        },
        status=400 if problem or form.errors else 200,
    )
