"""Writes of surveys: campaigns and their invitations, drafts, submissions, reminders.

A submission writes the answers with no link to the person and marks the
invitation answered, in one transaction, so that "who answered" and "what was
answered" never disagree and neither names the other (decision 0017).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.core.history import save_checked
from edusalud.core.mailing import send_each
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import Enrolment
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import pheem, plans, selectors
from edusalud.surveys.models import (
    ActionStatus,
    Answer,
    Campaign,
    Draft,
    FlagThresholds,
    ImprovementPlan,
    Instrument,
    Invitation,
    Item,
    ItemKind,
    PlanAction,
    PlanComment,
    PlanGoal,
    PlanStatus,
    ReminderRun,
    Response,
)

TEXT_MAX = 2000  # characters of a free-text answer


def field_name(item: Item) -> str:
    """The name of an item's field in forms, API errors and drafts."""
    return f"item_{item.pk}"


def create_campaign(
    *,
    by: User,
    name: str,
    year: int,
    instruments: list[Instrument],
    opens_on: datetime.date,
    closes_on: datetime.date,
    region=None,
    site=None,
    specialty=None,
    resident_year: int | None = None,
) -> Campaign:
    """A campaign and an invitation for each active resident of the filter (national only)."""
    if not scope_of(by).is_national:
        raise PermissionDenied
    errors = {}
    if closes_on < opens_on:
        errors["closes_on"] = _("The closing date must be on or after the opening date.")
    if not instruments:
        errors["instruments"] = _("Choose at least one instrument.")
    elif any(not i.is_published for i in instruments):
        errors["instruments"] = _("Only published instruments can be used in a campaign.")
    if site is not None and region is not None and site.region_id != region.pk:
        errors["site"] = _("The site is not in the chosen region.")
    if errors:
        raise ValidationError(errors)
    enrolments = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE)
    if region is not None:
        enrolments = enrolments.filter(programme__site__region=region)
    if site is not None:
        enrolments = enrolments.filter(programme__site=site)
    if specialty is not None:
        enrolments = enrolments.filter(programme__specialty=specialty)
    if resident_year is not None:
        enrolments = enrolments.filter(year=resident_year)
    targets = list(
        enrolments.values_list(
            "person_id",
            "programme__site__region_id",
            "programme__site_id",
            "programme__specialty_id",
            "year",
        ).order_by("person_id")
    )
    if not targets:
        raise ValidationError(_("No active resident matches the filter: nobody would be asked."))
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name,
            year=year,
            opens_on=opens_on,
            closes_on=closes_on,
            region=region,
            site=site,
            specialty=specialty,
            resident_year=resident_year,
            created_by=by,
        )
        campaign.instruments.set(instruments)
        seen = set()  # a person enrolled twice is asked once, for the first enrolment
        Invitation.objects.bulk_create(
            Invitation(
                campaign=campaign,
                person_id=person,
                region_id=region_id,
                site_id=site_id,
                specialty_id=specialty_id,
                year=year_,
            )
            for person, region_id, site_id, specialty_id, year_ in targets
            if not (person in seen or seen.add(person))
        )
    return campaign


def invitation_for(user: User, campaign: Campaign) -> Invitation:
    """The user's invitation to the campaign; a clear refusal when they were not asked."""
    invitation = selectors.invitations_of(user).filter(campaign=campaign).first()
    if invitation is None:
        raise ValidationError(_("This survey is not addressed to you."), code="not_targeted")
    return invitation


def _check_open(invitation: Invitation, today: datetime.date) -> None:
    campaign = invitation.campaign
    if invitation.has_answered:
        raise ValidationError(
            _("You have already answered this survey; an answer cannot be sent twice or changed."),
            code="answered",
        )
    if today < campaign.opens_on:
        raise ValidationError(
            _("This survey opens on %(date)s.") % {"date": formats.date_format(campaign.opens_on)},
            code="not_open",
        )
    if today > campaign.closes_on:
        raise ValidationError(
            _("This survey closed on %(date)s; it no longer takes answers.")
            % {"date": formats.date_format(campaign.closes_on)},
            code="closed",
        )


def clean_values(items: list[Item], raw: dict, *, complete: bool) -> dict:
    """Item pk -> value (int) or text (str), from form or API input keyed by `field_name`.

    Raises ValidationError keyed by field name for values out of range, unknown
    fields, and (when `complete`) required items left empty.
    """
    by_name = {field_name(item): item for item in items}
    errors = {
        name: _("There is no such question in this survey.") for name in raw if name not in by_name
    }
    clean = {}
    for name, item in by_name.items():
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if complete and item.required:
                errors[name] = _("This question is required.")
            continue
        if item.kind == ItemKind.TEXT:
            if not isinstance(value, str):
                errors[name] = _("Write the answer as text.")
            elif len(value) > TEXT_MAX:
                errors[name] = _("Write at most %(max)s characters.") % {"max": TEXT_MAX}
            else:
                clean[item.pk] = value
            continue
        low, high = item.value_range
        try:
            number = int(value) if not isinstance(value, (bool, float)) else None
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            errors[name] = _("Choose a whole number from %(low)s to %(high)s.") % {
                "low": low,
                "high": high,
            }
        else:
            clean[item.pk] = number
    if errors:
        raise ValidationError(errors)
    return clean


def save_draft(*, invitation: Invitation, raw: dict, today: datetime.date) -> Draft:
    """Keep what the resident has answered so far; checked, but nothing is required yet."""
    _check_open(invitation, today)
    clean = clean_values(selectors.items_to_answer(invitation.campaign), raw, complete=False)
    draft, _created = Draft.objects.update_or_create(
        invitation=invitation, defaults={"values": {str(k): v for k, v in clean.items()}}
    )
    return draft


def draft_values(invitation: Invitation) -> dict:
    """The saved draft as form initial values (field name -> value)."""
    draft = Draft.objects.filter(invitation=invitation).first()
    return {f"item_{pk}": value for pk, value in (draft.values if draft else {}).items()}


def submit(*, invitation: Invitation, raw: dict, today: datetime.date) -> None:
    """Store the answers without the person, mark the invitation answered, drop the draft.

    Nothing is saved when anything is wrong. The invitation row is locked, so two
    simultaneous submissions of one resident store one answer.
    """
    _check_open(invitation, today)
    items = selectors.items_to_answer(invitation.campaign)
    clean = clean_values(items, raw, complete=True)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_open(locked, today)
        response = Response.objects.create(
            campaign_id=locked.campaign_id,
            submitted_on=today,
            region_id=locked.region_id,
            site_id=locked.site_id,
            specialty_id=locked.specialty_id,
            year=locked.year,
        )
        kinds = {item.pk: item.kind for item in items}
        Answer.objects.bulk_create(
            Answer(response=response, item_id=pk, text=value)
            if kinds[pk] == ItemKind.TEXT
            else Answer(response=response, item_id=pk, value=value)
            for pk, value in clean.items()
        )
        Invitation.objects.filter(pk=locked.pk).update(has_answered=True)
        Draft.objects.filter(invitation=locked).delete()
        Campaign.objects.filter(pk=locked.campaign_id).update(submitted=F("submitted") + 1)
    invitation.has_answered = True


def request_reminders(*, by: User, campaign: Campaign) -> ReminderRun:
    if not scope_of(by).is_coordinator:
        raise PermissionDenied
    return ReminderRun.objects.create(campaign=campaign, requested_by=by)


def send_reminders(*, run: ReminderRun, today: datetime.date) -> int:
    """E-mail the invited of the requester's sites who have not answered; how many were sent.

    The campaign must be open: a reminder for a closed survey only confuses.
    """
    campaign = run.campaign
    pending = []
    if campaign.is_open_on(today):
        pending = list(
            Invitation.objects.filter(
                campaign=campaign,
                has_answered=False,
                site__in=manageable_sites(run.requested_by),
            ).select_related("person")
        )
    reachable = [i for i in pending if i.person.email]
    context = {"campaign": campaign, "site_url": settings.SITE_URL.rstrip("/")}

    send_each(
        [(i.person.email, context | {"person": i.person}) for i in reachable],
        subject_template="surveys/email/reminder_subject.txt",
        body_template="surveys/email/reminder.txt",
        progress=lambda sent: ReminderRun.objects.filter(pk=run.pk).update(sent=sent),
    )
    ReminderRun.objects.filter(pk=run.pk).update(
        sent=len(reachable),
        without_email=len(pending) - len(reachable),
        finished_at=timezone.now(),
    )
    return len(reachable)


# Improvement plans


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


# Instruments built by coordinators


def _check_national(by: User) -> None:
    if not scope_of(by).is_national:
        raise PermissionDenied


def _check_draft(instrument: Instrument) -> None:
    if instrument.is_published:
        raise ValidationError(
            _("A published instrument is never edited: make a new version to change it.")
        )


def create_instrument(*, by: User, code: str, name_es: str, name_en: str = "") -> Instrument:
    """A new instrument, version 1, unpublished (national coordinators)."""
    _check_national(by)
    if Instrument.objects.filter(code=code).exists():
        raise ValidationError({"code": _("An instrument already has this code.")})
    return save_checked(
        Instrument(code=code, version=1, name_es=name_es, name_en=name_en, created_by=by),
        by=by,
        reason="created",
    )


def add_item(
    *,
    by: User,
    instrument: Instrument,
    kind: str,
    text_es: str,
    text_en: str = "",
    required: bool = True,
    options_es: list[str] = (),
    options_en: list[str] = (),
) -> Item:
    """A question at the end of an unpublished instrument."""
    _check_national(by)
    _check_draft(instrument)
    choices = []
    if kind == ItemKind.CHOICE:
        if len(options_es) < 2:
            raise ValidationError({"options_es": _("A single-choice question needs two options.")})
        if options_en and len(options_en) != len(options_es):
            raise ValidationError(
                {"options_en": _("Give as many English options as Spanish ones, or none.")}
            )
        choices = [[es, options_en[i] if options_en else ""] for i, es in enumerate(options_es)]
    last = instrument.items.order_by("-number").values_list("number", flat=True).first() or 0
    return save_checked(
        Item(
            instrument=instrument,
            number=last + 1,
            kind=kind,
            text_es=text_es,
            text_en=text_en,
            required=required,
            choices=choices,
        ),
        by=by,
        reason="created",
    )


def remove_item(*, by: User, item: Item) -> None:
    _check_national(by)
    _check_draft(item.instrument)
    with transaction.atomic():
        instrument, number = item.instrument, item.number
        item.delete()
        # Keep the numbers consecutive: they are what respondents read.
        for later in instrument.items.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])


def publish_instrument(*, by: User, instrument: Instrument, today: datetime.date) -> Instrument:
    _check_national(by)
    _check_draft(instrument)
    if not instrument.items.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    instrument.published_on = today
    return save_checked(instrument, by=by, reason="published")


def new_version(*, by: User, instrument: Instrument) -> Instrument:
    """An unpublished copy, numbered after the latest version, with its questions and bands."""
    _check_national(by)
    latest = Instrument.objects.filter(code=instrument.code).order_by("-version").first()
    with transaction.atomic():
        copy = save_checked(
            Instrument(
                code=instrument.code,
                version=latest.version + 1,
                name_es=instrument.name_es,
                name_en=instrument.name_en,
                introduction_es=instrument.introduction_es,
                introduction_en=instrument.introduction_en,
                created_by=by,
            ),
            by=by,
            reason="created",
        )
        Item.objects.bulk_create(
            Item(
                **{
                    f.name: getattr(item, f.name)
                    for f in Item._meta.concrete_fields
                    if f.name not in ("id", "instrument")
                },
                instrument=copy,
            )
            for item in instrument.items.all()
        )
        for band in instrument.bands.all():
            band.pk, band.instrument = None, copy
            band.save()
    return copy
