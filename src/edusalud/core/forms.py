from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def cleaned_or_blank(form: forms.Form) -> dict:
    """The valid filters of a list; an invalid one is ignored and its error shown on the form."""
    form.is_valid()
    return {name: form.cleaned_data.get(name) or "" for name in form.fields}


def resident_year_field(label) -> forms.TypedChoiceField:
    """A residents' year, R1 to R6, or every year when left empty."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Every year"))] + [(str(y), f"R{y}") for y in range(1, 7)],
        coerce=int,
        empty_value=None,
        required=False,
    )
