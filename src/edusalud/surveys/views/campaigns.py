"""Coordinators follow campaigns: participation, results of the groups they may see, ranking.

National coordinators create campaigns and see every group; regional
coordinators the groups inside their regions; site coordinators those of their
sites. Every group's figures pass the anonymity rules first. Anyone else gets a
404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Region, Site, Specialty
from edusalud.core.forms import add_service_errors, cleaned_or_blank
from edusalud.residents.selectors import manageable_sites
from edusalud.surveys import exports, results, selectors, services, tasks
from edusalud.surveys.forms import CampaignForm, ResultsFilterForm


def _campaigns(request):
    if not scope_of(request.user).is_coordinator:
        raise Http404
    return selectors.campaigns_visible_to(request.user)


@login_required
def campaign_list(request):
    campaigns = _campaigns(request)
    form = CampaignForm(request.POST or None) if scope_of(request.user).is_national else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                campaign = services.create_campaign(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Campaign created: %(n)s residents are invited.")
                    % {"n": campaign.invitations.count()},
                )
                return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaign_list.html",
        {
            "campaigns": selectors.campaign_summaries(campaigns),
            "form": form,
            "today": timezone.localdate(),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _group(request, sites):
    """The group asked for, kept inside what the user may see; the filter form."""
    scope = scope_of(request.user)
    regions = Region.objects.order_by("name")
    if not scope.is_national:
        regions = regions.filter(pk__in=scope.region_ids)
    form = ResultsFilterForm(
        request.GET,
        regions=regions,
        sites=sites,
        specialties=Specialty.objects.order_by("name_es"),
    )
    filters = cleaned_or_blank(form)
    group = selectors.group_in_scope(
        request.user,
        region=filters["region"],
        site=filters["site"],
        specialty=filters["specialty"],
        year=filters["year"] or None,
    )
    return group, form


@login_required
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(_campaigns(request), pk=pk)
    sites = list(manageable_sites(request.user).order_by("name"))
    if not sites:
        raise Http404
    group, form = _group(request, sites)
    census = results.census_of(campaign)
    result = results.cached_result(campaign, group, census)
    national = results.cached_result(campaign, results.Group(), census) if group.filters() else None
    trend = results.trend(campaign, group, result)
    context = {
        "campaign": campaign,
        "filters": form,
        "result": result,
        "national": national,
        "trend": trend,
        "trend_chart": _trend_chart(trend),
        "ranking": results.cached_ranking(campaign, sites, census),
        "participation": selectors.participation_by_site(campaign, sites),
        "is_open": campaign.is_open_on(timezone.localdate()),
        "run": campaign.reminders.filter(requested_by=request.user).first(),
    }
    return render(request, "surveys/campaign_detail.html", context)


def _trend_chart(trend: list) -> dict:
    def percent(result, rate):
        value = getattr(result, rate)
        return round(100 * value, 1) if result.shown and value is not None else None

    return {
        "labels": [str(r.campaign.year) for r in trend],
        "max": 100,
        "datasets": [
            {
                "label": _("Satisfied (%)"),
                "values": [percent(r, "satisfaction_rate") for r in trend],
            },
            {
                "label": _("Recommend (%)"),
                "values": [percent(r, "recommendation_rate") for r in trend],
            },
        ],
    }


@login_required
def campaign_export(request, pk: int, fmt: str):
    """The group's aggregated tables as CSV, XLSX or a PDF report; none for a hidden group."""
    campaign = get_object_or_404(_campaigns(request), pk=pk)
    sites = list(manageable_sites(request.user).order_by("name"))
    if fmt not in exports.FORMATS or not sites:
        raise Http404
    group, _form = _group(request, sites)
    result = results.cached_result(campaign, group)
    if not result.shown:
        return HttpResponse(
            _("Not enough answers to protect anonymity: there is no file for this group."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    title = f"{campaign.name} — {_group_label(group)}"
    render, content_type = exports.FORMATS[fmt]
    response = HttpResponse(render(result, title), content_type=content_type)
    name = slugify(f"{campaign.name} {_group_label(group)}") or "resultados"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _group_label(group: results.Group) -> str:
    """The group in words, for file names and report titles."""
    parts = []
    if group.site:
        parts.append(Site.objects.get(pk=group.site).name)
    elif group.region:
        parts.append(Region.objects.get(pk=group.region).name)
    else:
        parts.append(_("national"))
    if group.specialty:
        parts.append(Specialty.objects.get(pk=group.specialty).name)
    if group.year:
        parts.append(f"R{group.year}")
    return ", ".join(parts)


@login_required
@require_POST
def campaign_remind(request, pk: int):
    """E-mail those of the user's sites who have not answered, as a background job."""
    campaign = get_object_or_404(_campaigns(request), pk=pk)
    if not campaign.is_open_on(timezone.localdate()):
        messages.error(request, _("The campaign is not open: there is nobody to remind."))
        return redirect("surveys:campaign_detail", pk=campaign.pk)
    run = services.request_reminders(by=request.user, campaign=campaign)
    tasks.send_reminders.delay(run.pk, get_language())
    messages.success(
        request, _("The reminders are being sent; the count below grows as they go out.")
    )
    return redirect("surveys:campaign_detail", pk=campaign.pk)
