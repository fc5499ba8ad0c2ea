from django import forms
from django.utils.translation import gettext_lazy as _

from edusalud.core.choices import ALL_FEMININE
from edusalud.core.forms import DateInput, resident_year_field
from edusalud.training.models import Audience, CompetencyArea, Course, Modality, RuleKind


class AreaForm(forms.Form):
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=120)
    name_en = forms.CharField(label=_("Name in English"), max_length=120)


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Competency areas"),
        queryset=CompetencyArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=1000)
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    resident_year = resident_year_field(_("Residents' year"))


class EditionForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=None, required=False, empty_label=_("National (every site)")
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=20000)
    instructors = forms.CharField(label=_("Instructors"), max_length=300, required=False)
    venue = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        required=False,
        help_text=_("A room and building, or the address of the online session."),
    )

    def __init__(self, *args, sites, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        # Only the national coordination runs editions for every site.
        self.fields["site"].required = not national
        if not national:
            self.fields["site"].empty_label = None


class BulkEnrolForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Site"), queryset=None, empty_label=None)
    year = resident_year_field(_("Year"))

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=20)


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    audience = forms.ChoiceField(
        label=_("Who"),
        choices=[(Audience.RESIDENTS, _("Residents")), (Audience.PROFESSORS, _("Professors"))],
    )
    resident_year = resident_year_field(_("Residents' year"))
    kind = forms.ChoiceField(label=_("Rule"), choices=RuleKind.choices, widget=forms.RadioSelect)
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.order_by("title"), required=False
    )
    days = forms.IntegerField(
        label=_("Within (days)"),
        min_value=1,
        max_value=730,
        required=False,
        help_text=_(
            "Counted from the start of the resident's year; for professors, from 1 January."
        ),
    )
    hours = forms.IntegerField(label=_("Hours a year"), min_value=1, max_value=1000, required=False)
    area = forms.ModelChoiceField(
        label=_("Only courses of the area"),
        queryset=CompetencyArea.objects.all(),
        required=False,
        empty_label=_("Any course"),
    )


class CoverageFilterForm(forms.Form):
    site = forms.ChoiceField(label=_("Site"), required=False)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    year = resident_year_field(_("Year"))

    def __init__(self, *args, sites, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", ALL_FEMININE)] + [(s.clues, s.name) for s in sites]
        self.fields["specialty"].choices = [("", ALL_FEMININE)] + [
            (s.code, s.name) for s in specialties
        ]
