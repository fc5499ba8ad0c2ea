"""Reads of surveys: what a resident is asked, and the campaigns coordinators follow."""

import datetime

from django.db.models import Case, Count, Q, QuerySet, When

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Region
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import results
from edusalud.surveys.models import Campaign, Instrument, Invitation, Item


def invitations_of(user: User) -> QuerySet[Invitation]:
    """The campaigns that ask this user, newest first; nobody else's."""
    return (
        Invitation.objects.filter(person__user=user)
        .select_related("campaign")
        .order_by("-campaign__opens_on", "-campaign__pk")
    )


def open_invitations(user: User, today: datetime.date) -> QuerySet[Invitation]:
    """What the user may still answer today."""
    return invitations_of(user).filter(
        has_answered=False, campaign__opens_on__lte=today, campaign__closes_on__gte=today
    )


def items_to_answer(campaign: Campaign) -> list[Item]:
    """The campaign's items, instrument by instrument, in order."""
    return list(
        Item.objects.filter(instrument__campaigns=campaign)
        .select_related("instrument")
        .order_by("instrument_id", "number")
    )


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    """Coordinators follow every campaign (figures stay within their sites); others none."""
    if not scope_of(user).is_coordinator:
        return Campaign.objects.none()
    return Campaign.objects.all()


def published_instruments() -> QuerySet[Instrument]:
    return Instrument.objects.filter(published_on__isnull=False).order_by("code", "-version")


def participation_by_site(campaign: Campaign, sites) -> list[dict]:
    """Invited and answered per site, during and after the campaign.

    Who has answered is not secret (reminders need it); what they answered is.
    """
    return list(
        Invitation.objects.filter(campaign=campaign, site__in=sites)
        .values("site_id", "site__clues", "site__name", "site__region__code")
        .annotate(
            targeted=Count("pk"),
            answered=Count("pk", filter=Q(has_answered=True)),
        )
        .order_by("site__name")
    )


def campaign_summaries(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Campaigns with how many were asked (`targeted`) and have answered (`answered`)."""
    return campaigns.annotate(
        targeted=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__has_answered=True)),
    ).prefetch_related("instruments")


def group_in_scope(
    user: User, *, region: str = "", site: str = "", specialty: str = "", year: int | None = None
) -> results.Group:
    """The group named by codes; outside the national level, inside the user's part.

    Regional coordinators ask for their regions or sites in them, site
    coordinators for their sites; naming neither gets their own (the first by
    name). Raises results.GroupNotFound for a code that does not exist or lies
    outside the user's part.
    """
    scope = scope_of(user)
    if not scope.is_national:
        regions = Region.objects.filter(pk__in=scope.region_ids).order_by("name")
        sites = manageable_sites(user).order_by("name")
        if region and not regions.filter(code=region).exists():
            raise results.GroupNotFound(f"region {region!r}")
        if site and not sites.filter(clues=site).exists():
            raise results.GroupNotFound(f"site {site!r}")
        if not (site or region):
            if scope.region_ids:
                region = regions.values_list("code", flat=True).first()
            else:
                site = sites.values_list("clues", flat=True).first()
    return results.group_from_codes(region=region, site=site, specialty=specialty, year=year)


def reported_campaign(today: datetime.date) -> Campaign | None:
    """The campaign whose results are reported: the latest closed, else the latest opened."""
    return (
        Campaign.objects.filter(opens_on__lte=today)
        .annotate(closed=Case(When(closes_on__lt=today, then=1), default=0))
        .order_by("-closed", "-closes_on", "-pk")
        .first()
    )
