from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.accounts.selectors import roles_of, scope_of
from edusalud.core.forms import add_service_errors
from edusalud.core.pagination import paginate
from edusalud.core.search import recall_search, stash_search
from edusalud.residents import selectors, services
from edusalud.residents.forms import (
    OwnRecordForm,
    PseudonymiseForm,
    ResidentForm,
    filtered_enrolments,
)
from edusalud.residents.transitions import TRANSITIONS


@login_required
def enrolment_list(request):
    # The search box takes names and CURPs: it posts, and the URL carries a token.
    if request.method == "POST":
        return redirect(f"{request.path}?{stash_search(request, request.POST)}")
    form, enrolments = filtered_enrolments(request.user, recall_search(request))
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
        "can_pseudonymise": selectors.can_pseudonymise(request.user)
        and not person.is_pseudonymised,
    }
    return render(request, "residents/person_detail.html", context, status=status)


@login_required
def person_detail(request, pk: int):
    person = get_object_or_404(selectors.people_visible_to(request.user), pk=pk)
    return _person_page(request, person)


@login_required
def person_history(request, pk: int):
    """Who changed what and when, for the coordinators who manage the person (others: 404).

    Residents do not get this page: it names the staff who acted, and their own
    history reaches them whole through the download of their data (profile page).
    """
    person = get_object_or_404(selectors.people_manageable_by(request.user), pk=pk)
    entries = selectors.history_visible_to(request.user, person)
    return render(
        request,
        "residents/person_history.html",
        {"person": person, "page": paginate(request, entries)},
    )


@login_required
def person_pseudonymise(request, pk: int):
    """Confirm, then carry out, a cancellation request: national coordinators only."""
    if not selectors.can_pseudonymise(request.user):
        raise Http404
    person = get_object_or_404(selectors.people_visible_to(request.user), pk=pk)
    form = PseudonymiseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pseudonymise_person(
                    by=request.user, person=person, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The person was pseudonymised."))
                return redirect("residents:person_detail", pk=person.pk)
        status = 400
    return render(
        request,
        "residents/person_pseudonymise.html",
        {"person": person, "form": form},
        status=status,
    )


@login_required
def profile(request):
    """The signed-in user's own page: who they are, their roles, and their data to download."""
    return render(
        request,
        "residents/profile.html",
        {
            "roles": roles_of(request.user),
            "person": selectors.person_of(request.user),
        },
    )


@login_required
def own_record(request):
    """Professors and coordinators register their own personal record, to take courses."""
    if selectors.person_of(request.user) is not None:
        return redirect("residents:profile")
    scope = scope_of(request.user)
    if not (scope.is_coordinator or scope.programme_ids):
        raise Http404
    form = OwnRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_own_person(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your personal record is saved: you can enrol in courses."))
            return redirect("training:course_list")
    return render(request, "residents/own_record.html", {"form": form})


@login_required
def my_data(request):
    """Everything the product holds about the signed-in user, as a JSON file (access right)."""
    response = JsonResponse(
        selectors.personal_data_of(request.user),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="mis-datos-edusalud.json"'
    # Personal data: never kept by the browser or a proxy.
    response["Cache-Control"] = "no-store"
    return response


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
            if selectors.people_visible_to(request.user).filter(pk=enrolment.person_id).exists():
                return redirect("residents:person_detail", pk=enrolment.person_id)
            # A transfer to a site outside the user's scope: the person page is now a 404.
            messages.info(request, _("The resident is now outside your scope."))
            return redirect("residents:enrolment_list")
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
