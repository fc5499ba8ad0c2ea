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
from edusalud.core.mailing import send_each
from edusalud.residents.enums import EnrolmentStatus
from edusalud.residents.models import Enrolment
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import selectors
from edusalud.surveys.models import (
    Answer,
    Campaign,
    Draft,
    Instrument,
    Invitation,
    Item,
    ItemKind,
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
