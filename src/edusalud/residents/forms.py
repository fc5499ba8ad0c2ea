from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from edusalud.catalog.models import Programme, Site, Specialty
from edusalud.catalog.selectors import sites_visible_to, specialties_visible_to
from edusalud.core.choices import ALL, ALL_FEMININE
from edusalud.core.forms import DateInput, add_service_errors, cleaned_or_blank
from edusalud.core.validators import normalise_curp, validate_curp
from edusalud.residents import selectors
from edusalud.residents.enums import EnrolmentStatus, Sex
from edusalud.residents.models import MEXICO, Person
from edusalud.residents.services import (
    PSEUDONYMISATION_REASON_MAX,
    check_enrolment,
    check_identity,
)

STATUS_CHOICES = [
    ("in_training", _("In training")),
    *EnrolmentStatus.choices,
    ("all", _("All")),
]


class EnrolmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or CURP"), required=False, max_length=100)
    site = forms.ChoiceField(label=_("Site"), required=False)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", ALL)] + [(n, f"R{n}") for n in range(1, 7)],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    origin = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        choices=[("", ALL_FEMININE), ("mexican", _("Mexican")), ("foreign", _("Foreign"))],
    )

    def __init__(self, *args, sites, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", ALL_FEMININE)] + [(s.clues, s.name) for s in sites]
        self.fields["specialty"].choices = [("", ALL_FEMININE)] + [
            (s.code, s.name) for s in specialties
        ]


def filtered_enrolments(user, data) -> tuple[EnrolmentFilterForm, object]:
    """The residents list's filter form and the enrolments it selects (page and exports)."""
    form = EnrolmentFilterForm(
        data,
        sites=sites_visible_to(user).select_related(None).only("clues", "name"),
        specialties=specialties_visible_to(user),
    )
    filters = cleaned_or_blank(form)
    status = filters["status"] or "in_training"
    enrolments = selectors.enrolment_list(
        user,
        search=filters["q"],
        site=filters["site"],
        specialty=filters["specialty"],
        year=filters["year"] or None,
        status="" if status == "all" else status,
        origin=filters["origin"],
    )
    return form, enrolments


class SiteByCluesField(forms.CharField):
    """A site typed by its CLUES code, as coordinators know them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("label", _("Site (CLUES)"))
        super().__init__(**kwargs)

    def clean(self, value):
        clues = super().clean(value).strip().upper()
        site = Site.objects.filter(clues=clues).first()
        if site is None:
            raise ValidationError(
                _("There is no site with CLUES «%(clues)s»."), params={"clues": clues}
            )
        return site


class PersonForm(forms.Form):
    """Who a person is: names, and a CURP or a foreigner's passport."""

    first_names = forms.CharField(label=_("First name(s)"), max_length=120)
    last_name = forms.CharField(label=_("First surname"), max_length=120)
    second_last_name = forms.CharField(label=_("Second surname"), max_length=120, required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), initial=MEXICO)
    curp = forms.CharField(label=_("CURP"), max_length=18, required=False)
    passport_number = forms.CharField(
        label=_("Passport number"),
        max_length=20,
        required=False,
        help_text=_("Only for foreign residents without a CURP."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_date = forms.DateField(label=_("Birth date"), widget=DateInput())
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = list(countries)

    def clean_curp(self):
        curp = normalise_curp(self.cleaned_data.get("curp", ""))
        if curp:
            validate_curp(curp)
        return curp or None


class ResidentForm(PersonForm):
    """A new resident: the person and their first enrolment, saved together."""

    site = SiteByCluesField()
    specialty = forms.ModelChoiceField(label=_("Specialty"), queryset=Specialty.objects.all())
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, choices=[(n, f"R{n}") for n in range(1, 7)]
    )
    started_on = forms.DateField(label=_("Start date"), widget=DateInput())
    prerequisite_evidence = forms.CharField(
        label=_("Prerequisite specialty certificate"),
        max_length=120,
        required=False,
        help_text=_("Branch specialties only: number of the prerequisite specialty certificate."),
    )

    def __init__(self, *args, manageable_sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.manageable_sites = manageable_sites

    def clean_site(self):
        site = self.cleaned_data["site"]
        if not self.manageable_sites.filter(pk=site.pk).exists():
            raise ValidationError(
                _("You cannot register residents at %(site)s: it is outside your scope."),
                params={"site": site.name},
            )
        return site

    def clean(self):
        data = super().clean()
        site, specialty = data.get("site"), data.get("specialty")
        if site and specialty:
            programme = (
                Programme.objects.filter(site=site, specialty=specialty)
                .select_related("specialty__prerequisite")
                .first()
            )
            if programme is None:
                self.add_error(
                    "specialty",
                    _("%(site)s does not teach %(specialty)s.")
                    % {"site": site.name, "specialty": specialty.name_es},
                )
            elif data.get("year"):
                data["programme"] = programme
                try:
                    check_enrolment(
                        person=None,
                        programme=programme,
                        year=data["year"],
                        prerequisite_evidence=data.get("prerequisite_evidence", ""),
                    )
                except ValidationError as error:
                    add_service_errors(self, error)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class TransferForm(forms.Form):
    site = SiteByCluesField(label=_("Destination site (CLUES)"))


class GraduateForm(forms.Form):
    on = forms.DateField(label=_("Graduation date"), widget=DateInput())


class HiringForm(forms.Form):
    is_hired = forms.TypedChoiceField(
        label=_("Hired by the institute"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
    )
    hired_on = forms.DateField(label=_("Hiring date"), required=False, widget=DateInput())


class EmptyForm(forms.Form):
    """A confirmation: the action needs nothing but the click."""


class PseudonymiseForm(forms.Form):
    """The confirmation of a cancellation request (services.pseudonymise_person)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=PSEUDONYMISATION_REASON_MAX,
        help_text=_(
            "The folio of the person's request, e.g. “ARCO-2025-0123”. "
            "Do not write their name: the reason stays in the history."
        ),
    )
    is_confirmed = forms.BooleanField(
        label=_("I understand that the names, CURP and contact data cannot be recovered."),
    )


class PersonAdminForm(forms.ModelForm):
    """The admin's person form, held to the same identity rules as the residents pages."""

    class Meta:
        model = Person
        fields = [
            "first_names",
            "last_name",
            "second_last_name",
            "curp",
            "nationality",
            "passport_number",
            "sex",
            "birth_date",
            "email",
            "user",
        ]

    def clean_curp(self):
        return normalise_curp(self.cleaned_data.get("curp") or "") or None

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                check_identity(
                    curp=data.get("curp"),
                    nationality=data.get("nationality"),
                    passport_number=data.get("passport_number", ""),
                    sex=data.get("sex"),
                    birth_date=data.get("birth_date"),
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data


class OwnRecordForm(PersonForm):
    """A professor's or coordinator's own personal record; the e-mail is their account's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["email"]
