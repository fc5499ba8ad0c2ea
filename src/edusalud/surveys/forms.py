from django import forms
from django.utils.translation import gettext_lazy as _

from edusalud.catalog.models import Region, Site, Specialty
from edusalud.core.choices import ALL, ALL_FEMININE
from edusalud.core.forms import DateInput, resident_year_field
from edusalud.surveys.models import ActionStatus, ItemKind
from edusalud.surveys.selectors import published_instruments


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    year = forms.IntegerField(label=_("Year reported"), min_value=2000, max_value=2100)
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.order_by("name"), required=False, empty_label=ALL
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.order_by("name"),
        to_field_name="clues",
        required=False,
        empty_label=ALL_FEMININE,
    )
    specialty = forms.ModelChoiceField(
        label=_("Specialty"),
        queryset=Specialty.objects.order_by("name_es"),
        to_field_name="code",
        required=False,
        empty_label=ALL_FEMININE,
    )
    resident_year = resident_year_field(_("Residents' year"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instruments"].queryset = published_instruments()


class ResultsFilterForm(forms.Form):
    """The group a coordinator asks for; choices limited to what their scope reaches."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    site = forms.ChoiceField(label=_("Site"), required=False)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    year = resident_year_field(_("Year"))

    def __init__(self, *args, regions, sites, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", ALL)] + [(r.code, r.name) for r in regions]
        self.fields["site"].choices = [("", ALL_FEMININE)] + [(s.clues, s.name) for s in sites]
        self.fields["specialty"].choices = [("", ALL_FEMININE)] + [
            (s.code, s.name) for s in specialties
        ]


class ThresholdsForm(forms.Form):
    min_satisfaction = forms.IntegerField(
        label=_("Flag when satisfaction is under (%)"), min_value=0, max_value=100, required=False
    )
    min_recommendation = forms.IntegerField(
        label=_("Flag when recommendation is under (%)"), min_value=0, max_value=100, required=False
    )
    pheem_lowest_bands = forms.TypedChoiceField(
        label=_("Flag when a PHEEM scale falls in"),
        coerce=int,
        choices=[
            (0, _("never (PHEEM does not flag)")),
            (1, _("its lowest band")),
            (2, _("its two lowest bands (“very poor”, “plenty of problems”)")),
            (3, _("its three lowest bands")),
        ],
    )


class NewPlanForm(forms.Form):
    campaign = forms.IntegerField(widget=forms.HiddenInput)
    site = forms.CharField(max_length=11, widget=forms.HiddenInput)


class GoalForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Question to improve"), coerce=int)
    description = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.FloatField(label=_("Target mean (0 to 4)"), min_value=0, max_value=4)

    def __init__(self, *args, weak, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            (
                r.item.pk,
                f"{r.item.instrument.short_name} {r.item.number} ({mean:.2f}): {r.item.text}",
            )
            for r, mean in weak
        ]


class ActionForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("Goal"), coerce=int)
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Owner"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [(g.pk, g.description[:80]) for g in goals]


class ActionUpdateForm(forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the plan")), ("return", _("Return it with comments"))],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InstrumentForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    abbreviation = forms.CharField(
        label=_("Abbreviation (shown before each question number)"), max_length=24, required=False
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=ItemKind.choices)
    text_es = forms.CharField(
        label=_("Question in Spanish"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Question in English"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    options_es = forms.CharField(
        label=_("Options in Spanish, one per line (single choice only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    options_en = forms.CharField(
        label=_("Options in English, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_options_es(self) -> list[str]:
        return _lines(self.cleaned_data["options_es"])

    def clean_options_en(self) -> list[str]:
        return _lines(self.cleaned_data["options_en"])
