from django import forms
from django.utils.translation import gettext_lazy as _

from edusalud.core.forms import DateInput


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the cycle"))
    requires_complete_lists = forms.BooleanField(
        label=_("Applicants must rank every site of their specialty"), required=False
    )


class PeriodForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
