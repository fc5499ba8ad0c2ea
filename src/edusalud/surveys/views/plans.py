"""Improvement plans: the sites a campaign flags, their plans, goals, actions and review.

Coordinators only, each for the sites they manage; national coordinators set
the thresholds and review. Anyone else gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import scope_of
from edusalud.core.forms import add_service_errors
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import plan_services, plans, selectors
from edusalud.surveys.forms import (
    ActionForm,
    ActionUpdateForm,
    CommentForm,
    GoalForm,
    NewPlanForm,
    ReviewForm,
    ThresholdsForm,
)
from edusalud.surveys.models import PlanAction, PlanStatus


def _coordinator(request) -> None:
    if not scope_of(request.user).is_coordinator:
        raise Http404


@login_required
def plan_list(request):
    """Flagged sites of a campaign (the reported one by default), and the thresholds."""
    _coordinator(request)
    national = scope_of(request.user).is_national
    campaigns = selectors.campaigns_visible_to(request.user)
    campaign = (
        campaigns.filter(pk=request.GET.get("campaign")).first()
        if request.GET.get("campaign", "").isdigit()
        else selectors.reported_campaign(timezone.localdate())
    )
    in_force = plans.thresholds_in_force()
    thresholds = None
    if national:
        thresholds = ThresholdsForm(
            request.POST or None,
            initial={
                "min_satisfaction": in_force.min_satisfaction,
                "min_recommendation": in_force.min_recommendation,
                "pheem_lowest_bands": in_force.pheem_lowest_bands,
            },
        )
    if request.method == "POST":
        if thresholds is None:
            raise Http404
        if thresholds.is_valid():
            plan_services.set_thresholds(
                by=request.user, today=timezone.localdate(), **thresholds.cleaned_data
            )
            messages.success(request, _("Thresholds saved: the flagged sites below follow them."))
            return redirect(request.get_full_path())
    context = {
        "campaign": campaign,
        "campaigns": campaigns,
        "flags": plans.flags(campaign, request.user) if campaign else [],
        "thresholds": thresholds,
        "in_force": in_force,
        "writes_plans": not national,
        "plans": plans.plans_visible_to(request.user).order_by("-campaign__year", "site__name"),
    }
    return render(
        request,
        "surveys/plan_list.html",
        context,
        status=400 if thresholds is not None and thresholds.errors else 200,
    )


@login_required
def plan_create(request):
    _coordinator(request)
    if request.method != "POST":
        raise Http404
    form = NewPlanForm(request.POST)
    if not form.is_valid():
        raise Http404
    campaign = get_object_or_404(
        selectors.campaigns_visible_to(request.user), pk=form.cleaned_data["campaign"]
    )
    site = get_object_or_404(manageable_sites(request.user), clues=form.cleaned_data["site"])
    try:
        plan = plan_services.create_plan(by=request.user, campaign=campaign, site=site)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('surveys:plan_list')}?campaign={campaign.pk}")
    return redirect("surveys:plan_detail", pk=plan.pk)


OPERATIONS = ("goal", "action", "update", "submit", "review", "comment")


@login_required
def plan_detail(request, pk: int):
    """The plan: goals with before and after, actions and their progress, review and comments."""
    plan = get_object_or_404(plans.plans_visible_to(request.user), pk=pk)
    goals = list(plans.goals_of(plan))
    weak = plans.weak_items(plan)
    operation = request.POST.get("operation") if request.method == "POST" else None
    if operation is not None and operation not in OPERATIONS:
        raise Http404

    def data(name):
        return request.POST if operation == name else None

    # One page, several forms: ids per form (the field names stay plain).
    forms = {
        "goal": GoalForm(data("goal"), weak=weak, auto_id="goal-%s"),
        "action": ActionForm(data("action"), goals=goals, auto_id="action-%s"),
        "update": ActionUpdateForm(data("update"), auto_id="update-%s"),
        "comment": CommentForm(data("comment"), auto_id="comment-%s"),
        "review": ReviewForm(data("review"), auto_id="review-%s"),
    }
    problem = None
    if operation:
        form = forms.get(operation)
        try:
            if form is None or form.is_valid():
                _apply(request, plan, goals, operation, form)
                return redirect("surveys:plan_detail", pk=plan.pk)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            if form is None:
                problem = " ".join(error.messages)
            else:
                add_service_errors(form, error)
    after = plans.before_and_after(plan)
    editable = plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)
    context = {
        "plan": plan,
        "goals": [{"goal": g, "after": after.get(g.pk)} for g in goals],
        "forms": forms,
        "problem": problem,
        "editable": editable and plans.writes_plan(request.user, plan.site_id),
        "reviews": scope_of(request.user).is_national and plan.status == PlanStatus.SUBMITTED,
        "comments": plan.comments.select_related("author"),
        "next_campaign": plans.next_campaign(plan.campaign),
        "Status": PlanStatus,
        # A refused update is shown on its own row, with what the user chose.
        "refused_action": forms["update"].data.get("action") if forms["update"].errors else None,
    }
    invalid = problem or any(f.errors for f in forms.values())
    return render(request, "surveys/plan_detail.html", context, status=400 if invalid else 200)


def _apply(request, plan, goals, operation, form) -> None:
    user, data = request.user, form.cleaned_data if form is not None else {}
    if operation == "goal":
        item = next(r.item for r, _mean in plans.weak_items(plan) if r.item.pk == data["item"])
        plan_services.add_goal(
            by=user, plan=plan, item=item, **{k: data[k] for k in ("description", "target")}
        )
        messages.success(request, _("Goal added."))
    elif operation == "action":
        goal = next(g for g in goals if g.pk == data["goal"])
        plan_services.add_action(
            by=user,
            goal=goal,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
        )
        messages.success(request, _("Action added."))
    elif operation == "update":
        action = get_object_or_404(PlanAction.objects.filter(goal__plan=plan), pk=data["action"])
        plan_services.update_action(
            by=user, action=action, status=data["status"], evidence=data["evidence"]
        )
        messages.success(request, _("Action updated."))
    elif operation == "submit":
        plan_services.submit_plan(by=user, plan=plan)
        messages.success(request, _("The plan was sent to the national coordination for review."))
    elif operation == "review":
        plan_services.review_plan(
            by=user, plan=plan, approve=data["decision"] == "approve", comment=data["text"]
        )
        messages.success(request, _("Review saved."))
    else:
        plan_services.comment_plan(by=user, plan=plan, text=data["text"])
        messages.success(request, _("Comment added."))
