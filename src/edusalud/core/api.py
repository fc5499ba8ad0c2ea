"""What every app's API shares: pagination and errors (the schema is in core.schema).

The apps' `api.py` modules hold the endpoints; this module knows no business app.
The settings name these classes, so this module imports no DRF view or generic
(they read the settings when imported).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.settings import api_settings


class Pagination(PageNumberPagination):
    """Pages of 50 (as the list pages); `page_size` from 1 to 200, anything else is a 400."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        if not text.isdigit() or not 1 <= int(text) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(text)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


def exception_handler(exc, context):
    """DRF's handler, plus a service's ValidationError as a 400 keyed by field.

    Services raise django.core.exceptions.ValidationError with translated
    messages keyed by field (e.g. {"curp": [...]}); errors of no field go
    under "non_field_errors", as DRF's own.
    """
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {
                (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, ValidationError) and isinstance(exc.detail, dict):
        exc = ValidationError(_flat_errors(exc.detail))
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)


def _flat_errors(detail, prefix: str = "") -> dict[str, list]:
    """Nested serializers' errors keyed by path ("results.1.grade"), as the schema describes.

    A list's own errors (e.g. an empty list) stay under the list's name.
    """
    flat: dict[str, list] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            own = key == api_settings.NON_FIELD_ERRORS_KEY and prefix
            flat.update(_flat_errors(value, prefix if own else f"{prefix}.{key}".lstrip(".")))
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        for index, item in enumerate(detail):
            if item:
                flat.update(_flat_errors(item, f"{prefix}.{index}"))
    else:
        flat[prefix or api_settings.NON_FIELD_ERRORS_KEY] = (
            detail if isinstance(detail, list) else [detail]
        )
    return flat


def not_found(request, exception):
    """The project's 404: JSON under /api/ (a URL that names no endpoint), the page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number within the database's range (django-filter's NumberFilter takes decimals)."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value=1, max_value=2**63 - 1, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


class StrictBooleanField(forms.Field):
    """`true` or `false` (also `1`/`0`); nothing else."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(_("Write true or false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter that answers a 400 to any other value.

    django-filter's own reads an unknown value as "no filter", which answers the
    whole list to a caller who asked for something else.
    """

    field_class = StrictBooleanField


class _NoEmptyChoice:
    """A choice that is absent (None) filters nothing; one sent empty ("?entry=") is a 400.

    django-filter reads both as "no filter", which answers the whole list to a
    caller who sent a value outside the listed ones.
    """

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(
                _("Choose one of the listed values, or leave the filter out."),
                code="invalid_choice",
            )
        return super().clean(value)


class StrictChoiceField(_NoEmptyChoice, django_filters.fields.ChoiceField):
    pass


class StrictTypedChoiceField(_NoEmptyChoice, forms.TypedChoiceField):
    pass


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = StrictChoiceField


class TypedChoiceFilter(django_filters.TypedChoiceFilter):
    field_class = StrictTypedChoiceField
