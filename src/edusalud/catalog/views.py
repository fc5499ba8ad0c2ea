from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from edusalud.catalog import selectors
from edusalud.catalog.forms import filtered_programmes, filtered_sites, filtered_specialties
from edusalud.core.pagination import paginate


@login_required
def site_list(request):
    form, sites = filtered_sites(request.user, request.GET)
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
    form, specialties = filtered_specialties(request.user, request.GET)
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
    form, programmes = filtered_programmes(request.user, request.GET)
    return render(
        request,
        "catalog/programme_list.html",
        {"form": form, "page": paginate(request, programmes)},
    )


@login_required
def programme_detail(request, pk: int):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    return render(request, "catalog/programme_detail.html", {"programme": programme})
