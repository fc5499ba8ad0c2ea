"""Filter forms of the catalog lists: they turn a query string into clean values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from edusalud.catalog import selectors
from edusalud.catalog.enums import CareLevel, EntryKind, SiteKind
from edusalud.core.choices import ALL, ALL_FEMININE
from edusalud.core.forms import cleaned_or_blank


def _with_blank(choices, label=ALL):
    return [("", label), *choices]


class SiteFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=_with_blank(SiteKind.choices))
    care_level = forms.TypedChoiceField(
        label=_("Care level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_with_blank(CareLevel.choices),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _with_blank(
            [(r.code, r.name) for r in regions], ALL_FEMININE
        )


class SpecialtyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    entry = forms.ChoiceField(
        label=_("Entry"), required=False, choices=_with_blank(EntryKind.choices)
    )


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    quality = forms.ChoiceField(
        label=_("Quality recognition"),
        required=False,
        choices=[("", ALL), ("recognised", _("PNPC/SNP recognised"))],
    )

    def __init__(self, *args, regions, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _with_blank(
            [(r.code, r.name) for r in regions], ALL_FEMININE
        )
        self.fields["specialty"].choices = _with_blank(
            [(s.code, s.name) for s in specialties], ALL_FEMININE
        )


# Each list's filter form and the rows it selects: the list pages and their exports.


def filtered_sites(user, data):
    form = SiteFilterForm(data, regions=selectors.regions_visible_to(user))
    filters = cleaned_or_blank(form)
    sites = selectors.site_list(
        user,
        search=filters["q"],
        region=filters["region"],
        kind=filters["kind"],
        care_level=filters["care_level"],
    )
    return form, sites


def filtered_specialties(user, data):
    form = SpecialtyFilterForm(data)
    filters = cleaned_or_blank(form)
    return form, selectors.specialty_list(user, search=filters["q"], entry=filters["entry"])


def filtered_programmes(user, data):
    form = ProgrammeFilterForm(
        data,
        regions=selectors.regions_visible_to(user),
        specialties=selectors.specialties_visible_to(user),
    )
    filters = cleaned_or_blank(form)
    programmes = selectors.programme_list(
        user,
        search=filters["q"],
        specialty=filters["specialty"],
        region=filters["region"],
        quality=filters["quality"],
    )
    return form, programmes
