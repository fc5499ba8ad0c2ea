from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django_countries import countries

from edusalud.accounts.selectors import scope_of
from edusalud.admissions.selectors import application_of
from edusalud.catalog.selectors import sites_visible_to
from edusalud.dashboards.filters import parse_filters
from edusalud.dashboards.indicators import indicators_for


@login_required
def home(request):
    """Send each user where their work starts."""
    scope = scope_of(request.user)
    if scope.sees_dashboards:
        return redirect("dashboards:national")
    if scope.self_user_id and not scope.programme_ids and hasattr(request.user, "person"):
        return redirect("residents:person_detail", pk=request.user.person.pk)
    if scope.is_empty and application_of(request.user) is not None:
        return redirect("admissions:my_application")
    return redirect("residents:enrolment_list")


@login_required
def national(request):
    """Indicators for national and regional coordinators; a site coordinator sees their site."""
    if not scope_of(request.user).sees_dashboards:
        raise Http404
    form, filters = parse_filters(request.user, request.GET)
    if filters is None:
        return render(request, "dashboards/national.html", {"form": form}, status=400)
    figures = indicators_for(request.user, filters)
    scope = scope_of(request.user)
    site = None
    if filters.site:
        site = sites_visible_to(request.user).get(clues=filters.site)
    elif not scope.is_national and not scope.region_ids and len(scope.site_ids) == 1:
        # A site coordinator's dashboard is their site's page.
        site = sites_visible_to(request.user).first()
    context = {
        "form": form,
        "figures": figures,
        "site": site,
        "country_names": {code: countries.name(code) for code in figures["foreign_countries"]},
    }
    return render(request, "dashboards/national.html", context)
