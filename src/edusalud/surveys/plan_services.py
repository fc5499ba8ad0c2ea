"""Writes of improvement plans: thresholds, plans, goals, actions, review (decision 0018).

Those who manage a site write its plan; national coordinators set the
thresholds and review. Every change keeps its history row.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.core.history import save_checked
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import pheem, plans
from edusalud.surveys.models import (
    ActionStatus,
    Campaign,
    FlagThresholds,
    ImprovementPlan,
    Item,
    PlanAction,
    PlanComment,
    PlanGoal,
    PlanStatus,
)


def set_thresholds(
    *,
    by: User,
    min_satisfaction: int | None,
    min_recommendation: int | None,
    pheem_lowest_bands: int,
    today: datetime.date,
) -> FlagThresholds:
    if not scope_of(by).is_national:
        raise PermissionDenied
    return save_checked(
        FlagThresholds(
            min_satisfaction=min_satisfaction,
            min_recommendation=min_recommendation,
            pheem_lowest_bands=pheem_lowest_bands,
            set_by=by,
            set_on=today,
        ),
        by=by,
        reason="created",
    )


def _check_manages(by: User, plan_or_site) -> None:
    """Plans are written by those who manage the site, never by their national reviewers."""
    site_id = getattr(plan_or_site, "site_id", None) or plan_or_site.pk
    if not plans.writes_plan(by, site_id):
        raise PermissionDenied


def create_plan(*, by: User, campaign: Campaign, site) -> ImprovementPlan:
    """The plan of a site the campaign flags, written by those who manage the site."""
    _check_manages(by, site)
    if not plans.is_flagged(campaign, site):
        raise ValidationError(_("This site is not flagged by the campaign: it needs no plan."))
    if ImprovementPlan.objects.filter(campaign=campaign, site=site).exists():
        raise ValidationError(_("This site already has a plan for this campaign."))
    return save_checked(
        ImprovementPlan(site=site, campaign=campaign, created_by=by), by=by, reason="created"
    )


def _check_editable(by: User, plan: ImprovementPlan) -> None:
    _check_manages(by, plan)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise ValidationError(_("The plan was sent for review: its goals can no longer change."))


def add_goal(
    *, by: User, plan: ImprovementPlan, item: Item, description: str, target: float
) -> PlanGoal:
    """A goal for one of the site's weak items; its baseline is the site's current mean."""
    _check_editable(by, plan)
    weak = {r.item.pk: mean for r, mean in plans.weak_items(plan)}
    if item.pk not in weak:
        raise ValidationError({"item": _("Choose one of the site's weakest questions.")})
    if not weak[item.pk] < target <= pheem.MAX_ANSWER:
        raise ValidationError(
            {
                "target": _("The target must be above the current %(now).2f and at most 4.")
                % {"now": weak[item.pk]}
            }
        )
    if plan.goals.filter(item=item).exists():
        raise ValidationError({"item": _("The plan already has a goal for this question.")})
    return save_checked(
        PlanGoal(
            plan=plan, item=item, description=description, baseline=weak[item.pk], target=target
        ),
        by=by,
        reason="created",
    )


def add_action(
    *, by: User, goal: PlanGoal, description: str, owner: str, due_on: datetime.date
) -> PlanAction:
    _check_editable(by, goal.plan)
    return save_checked(
        PlanAction(goal=goal, description=description, owner=owner, due_on=due_on),
        by=by,
        reason="created",
    )


def update_action(*, by: User, action: PlanAction, status: str, evidence: str) -> PlanAction:
    """Progress of an action, at any time of the plan's year; done needs its evidence."""
    _check_manages(by, action.goal.plan)
    if status == ActionStatus.DONE and not evidence.strip():
        raise ValidationError({"evidence": _("Describe the evidence that the action is done.")})
    action.status, action.evidence = status, evidence
    return save_checked(action, by=by, reason="changed")


def submit_plan(*, by: User, plan: ImprovementPlan) -> ImprovementPlan:
    _check_editable(by, plan)
    goals = list(plans.goals_of(plan))
    if not goals:
        raise ValidationError(_("Add at least one goal before sending the plan."))
    if any(not goal.actions.all() for goal in goals):
        raise ValidationError(_("Every goal needs at least one action before sending the plan."))
    plan.status = PlanStatus.SUBMITTED
    return save_checked(plan, by=by, reason="submitted")


def review_plan(*, by: User, plan: ImprovementPlan, approve: bool, comment: str) -> None:
    """The national coordinator approves the plan or returns it with a comment."""
    if not scope_of(by).is_national:
        raise PermissionDenied
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Only a plan sent for review can be approved or returned."))
    if not approve and not comment.strip():
        raise ValidationError({"text": _("Say what must change when returning a plan.")})
    with transaction.atomic():
        plan.status = PlanStatus.APPROVED if approve else PlanStatus.RETURNED
        save_checked(plan, by=by, reason="approved" if approve else "returned")
        if comment.strip():
            PlanComment.objects.create(plan=plan, author=by, text=comment.strip())


def comment_plan(*, by: User, plan: ImprovementPlan, text: str) -> PlanComment:
    if not (scope_of(by).is_national or manageable_sites(by).filter(pk=plan.site_id).exists()):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    return PlanComment.objects.create(plan=plan, author=by, text=text.strip())
