"""Parse the indicator filters of a page, an API call or a command, the same way."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.selectors import regions_visible_to, sites_visible_to, specialties_visible_to
from edusalud.core.choices import ALL, ALL_FEMININE
from edusalud.dashboards.indicators import IndicatorFilters


class IndicatorFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    site = forms.CharField(label=_("Site (CLUES)"), required=False, max_length=11)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", ALL)] + [(str(n), f"R{n}") for n in range(1, 7)],
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Callables: the choices are queried only when a page draws the form or
        # a value must be checked, not on every API call without filters.
        self.fields["region"].choices = lambda: (
            [("", ALL_FEMININE)]
            + [
                (r.code, r.name)
                # Only the regions where the user sees sites.
                for r in regions_visible_to(user).filter(
                    pk__in=sites_visible_to(user).values("region_id")
                )
            ]
        )
        self.fields["specialty"].choices = lambda: (
            [("", ALL_FEMININE)] + [(s.code, s.name) for s in specialties_visible_to(user)]
        )

        scope = scope_of(user)
        # A site coordinator's dashboard is their site: the page offers no region
        # or site to choose (the parameters still work, and a foreign one is 404).
        self.is_single_site = (
            not scope.is_national and not scope.region_ids and len(scope.site_ids) == 1
        )

    def visible_filters(self):
        hidden = {"region", "site"} if self.is_single_site else set()
        return [field for field in self if field.name not in hidden]

    def clean_site(self):
        return (self.cleaned_data.get("site") or "").strip().upper()


def parse_filters(user: User, data) -> tuple[IndicatorFilterForm, IndicatorFilters | None]:
    """Turn query parameters into filters; None with the form's errors when malformed.

    A region or site outside the user's scope raises Http404: the same answer as
    for one that does not exist, so nothing about foreign data leaks.
    """
    form = IndicatorFilterForm(data, user=user)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    visible_sites = sites_visible_to(user)
    if data["site"] and not visible_sites.filter(clues=data["site"]).exists():
        raise Http404
    if data["region"] and not visible_sites.filter(region__code=data["region"]).exists():
        raise Http404
    filters = IndicatorFilters(
        region=data["region"], site=data["site"], specialty=data["specialty"], year=data["year"]
    )
    return form, filters
