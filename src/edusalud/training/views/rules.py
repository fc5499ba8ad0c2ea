"""Required training: the rules, their coverage by site, and reminders.

Coordinators only (national, regional, site), each within their sites; national
coordinators define the rules. Anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Specialty
from edusalud.core.forms import add_service_errors, cleaned_or_blank
from edusalud.residents.selectors import manageable_sites
from edusalud.training import coverage, services, tasks
from edusalud.training.forms import CoverageFilterForm, RuleForm
from edusalud.training.models import ReminderRun


def _rules(request):
    if not scope_of(request.user).is_coordinator:
        raise Http404
    return coverage.rules_visible_to(request.user)


@login_required
def rule_list(request):
    rules = _rules(request)
    national = scope_of(request.user).is_national
    form = RuleForm(request.POST or None) if national else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                rule = services.create_rule(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Rule created."))
                return redirect("training:rule_detail", pk=rule.pk)
    today = timezone.localdate()
    summaries = [
        coverage.summary(rule, request.user, today=today) | {"rule": rule}
        for rule in rules.filter(is_active=True)
    ]
    return render(
        request,
        "training/rule_list.html",
        {"summaries": summaries, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def rule_detail(request, pk: int):
    """Coverage by site; the people and their status once the list names one site."""
    rule = get_object_or_404(_rules(request), pk=pk)
    sites = manageable_sites(request.user).order_by("name")
    filters_form = CoverageFilterForm(
        request.GET,
        sites=sites,
        specialties=Specialty.objects.order_by("name_es"),
    )
    filters = cleaned_or_blank(filters_form)
    today = timezone.localdate()
    rows = coverage.standings_in(rule, request.user, today=today, **filters)
    by_site = coverage.by_site(rows)
    one_site = filters["site"] or (sites[0].clues if len(sites) == 1 else "")
    site_id = next((site.pk for site in sites if site.clues == one_site), None)
    people = sorted(
        (row for row in rows if row.target.site_id == site_id),
        key=lambda row: (row.status != coverage.OVERDUE, row.status, row.target.name),
    )
    total = coverage.totals(by_site)
    context = {
        "rule": rule,
        "filters": filters_form,
        "by_site": by_site,
        "total": total,
        "targeted": sum(total.values()),
        "people": people,
        "one_site": one_site,
        "run": rule.reminders.filter(requested_by=request.user).first(),
        "DONE": coverage.DONE,
        "OVERDUE": coverage.OVERDUE,
    }
    return render(request, "training/rule_detail.html", context)


@login_required
@require_POST
def rule_remind(request, pk: int):
    """E-mail everyone pending or overdue in the user's sites, as a background job."""
    rule = get_object_or_404(_rules(request), pk=pk)
    run = ReminderRun.objects.create(rule=rule, requested_by=request.user)
    tasks.send_reminders.delay(run.pk, get_language())
    messages.success(
        request, _("The reminders are being sent; the count below grows as they go out.")
    )
    return redirect("training:rule_detail", pk=rule.pk)
