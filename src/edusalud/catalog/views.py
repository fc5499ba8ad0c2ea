from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from edusalud.catalog import selectors
from edusalud.catalog.forms import (
    ProgrammeFilterForm,
    SiteFilterForm,
    SpecialtyFilterForm,
)
from edusalud.core.forms import cleaned_or_blank
from edusalud.core.pagination import paginate


@login_required
def site_list(request):
    regions = selectors.regions_visible_to(request.user)
    form = SiteFilterForm(request.GET, regions=regions)
    filters = cleaned_or_blank(form)
    sites = selectors.site_list(
        request.user,
        search=filters["q"],
        region=filters["region"],
        kind=filters["kind"],
        care_level=filters["care_level"],
    )
    return render(
        request, "catalog/site_list.html", {"form": form, "page": paginate(request, sites)}
    )


@login_required
def site_detail(request, clues: str):
    site = get_object_or_404(selectors.sites_visible_to(request.user), clues=clues)
    programmes = selectors.programmes_visible_to(request.user).filter(site=site)
    return render(request, "catalog/site_detail.html", {"site": site, "programmes": programmes})


@login_required
def specialty_list(request):
    form = SpecialtyFilterForm(request.GET)
    filters = cleaned_or_blank(form)
    specialties = selectors.specialty_list(
        request.user, search=filters["q"], entry=filters["entry"]
    )
    return render(
        request,
        "catalog/specialty_list.html",
        {"form": form, "page": paginate(request, specialties)},
    )


@login_required
def specialty_detail(request, code: str):
    specialty = get_object_or_404(selectors.specialties_visible_to(request.user), code=code)
    programmes = selectors.programmes_visible_to(request.user).filter(specialty=specialty)
    return render(
        request,
        "catalog/specialty_detail.html",
        {"specialty": specialty, "programmes": programmes, "branches": specialty.branches.all()},
    )


@login_required
def programme_list(request):
    form = ProgrammeFilterForm(
        request.GET,
        regions=selectors.regions_visible_to(request.user),
        specialties=selectors.specialties_visible_to(request.user),
    )
    filters = cleaned_or_blank(form)
    programmes = selectors.programme_list(
        request.user,
        search=filters["q"],
        specialty=filters["specialty"],
        region=filters["region"],
        quality=filters["quality"],
    )
    return render(
        request,
        "catalog/programme_list.html",
        {"form": form, "page": paginate(request, programmes)},
    )


@login_required
def programme_detail(request, pk: int):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    return render(request, "catalog/programme_detail.html", {"programme": programme})
