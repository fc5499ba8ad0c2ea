from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.core.forms import add_service_errors
from edusalud.core.pagination import paginate
from edusalud.residents import selectors, services
from edusalud.residents.forms import ResidentForm, filtered_enrolments
from edusalud.residents.transitions import TRANSITIONS


@login_required
def enrolment_list(request):
    form, enrolments = filtered_enrolments(request.user, request.GET)
    can_admit = selectors.manageable_sites(request.user).exists()
    return render(
        request,
        "residents/enrolment_list.html",
        {"form": form, "page": paginate(request, enrolments), "can_admit": can_admit},
    )


def _person_page(request, person, *, failed=None, status=200):
    """The person's record; `failed` is a (enrolment id, transition, bound form) to show again."""
    enrolments = list(selectors.enrolments_of(request.user, person))
    can_manage = selectors.can_manage_person(request.user, person)
    for enrolment in enrolments:
        enrolment.actions = []
        if not can_manage:
            continue
        for transition in TRANSITIONS.values():
            if transition.allowed(enrolment):
                form = transition.form_class(prefix=f"{transition.name}-{enrolment.pk}")
                is_open = False
                if failed and failed[0] == enrolment.pk and failed[1] is transition:
                    form, is_open = failed[2], True
                enrolment.actions.append((transition, form, is_open))
    context = {
        "person": person,
        "enrolments": enrolments,
        "can_manage": can_manage,
        "history": selectors.history_of(person) if can_manage else [],
    }
    return render(request, "residents/person_detail.html", context, status=status)


@login_required
def person_detail(request, pk: int):
    person = get_object_or_404(selectors.people_visible_to(request.user), pk=pk)
    return _person_page(request, person)


@login_required
@require_POST
def enrolment_transition(request, pk: int, action: str):
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404
    enrolment = get_object_or_404(selectors.enrolments_manageable_by(request.user), pk=pk)
    form = transition.form_class(request.POST, prefix=f"{action}-{enrolment.pk}")
    if form.is_valid():
        try:
            transition.run(request.user, enrolment, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect("residents:person_detail", pk=enrolment.person_id)
    return _person_page(
        request, enrolment.person, failed=(enrolment.pk, transition, form), status=400
    )


@login_required
def resident_create(request):
    manageable = selectors.manageable_sites(request.user)
    if not manageable.exists():
        raise Http404
    form = ResidentForm(request.POST or None, manageable_sites=manageable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("site")
        data.pop("specialty")
        try:
            enrolment = services.admit_resident(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Resident registered."))
            return redirect("residents:person_detail", pk=enrolment.person_id)
    return render(request, "residents/resident_form.html", {"form": form})
