from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from edusalud.core.forms import DateInput


class AcknowledgeForm(forms.Form):
    # The number of the version the page showed: a page left open while a new
    # version came out sends an old number, which the service refuses.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    accept = forms.BooleanField(
        error_messages={
            "required": gettext_lazy("Tick the box to confirm that you read this version.")
        }
    )

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, initial={"version": number}, **kwargs)
        self.fields["accept"].label = _("I have read and accept version %(n)d") % {"n": number}


class VersionForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 18}), strip=True
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary of changes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What changed, in a few lines: everyone reads it before the text."),
    )
    published_on = forms.DateField(
        label=gettext_lazy("In force from"),
        widget=DateInput(),
        help_text=gettext_lazy("From this day everyone is asked to accept the new version."),
    )
