"""Serializers that take JSON values of the declared type only.

DRF reads 0 as "0" for a text field and "1" as 1 for a number; the schema says
otherwise, and a client that sends the wrong type has a bug it should hear about.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

_MESSAGES = {
    str: _("Enter a text value."),
    int: _("Enter a whole number."),
    bool: _("Enter true or false."),
}


def _json_type(field) -> type | None:
    if isinstance(field, serializers.BooleanField):
        return bool
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return int
    if isinstance(field, serializers.ChoiceField):
        kinds = {type(value) for value in field.choices}
        return kinds.pop() if len(kinds) == 1 and kinds <= {int, str} else None
    if isinstance(
        field, serializers.CharField | serializers.SlugRelatedField | serializers.DateField
    ):
        return str
    return None


class StrictTypes:
    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name)
                if field.read_only or value is None:
                    continue
                expected = _json_type(field)
                if expected is None:
                    continue
                if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                    errors[name] = [_MESSAGES[expected]]
                elif value == "" and not getattr(field, "allow_blank", False):
                    errors[name] = [serializers.CharField.default_error_messages["blank"]]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class Serializer(StrictTypes, serializers.Serializer):
    pass


class ModelSerializer(StrictTypes, serializers.ModelSerializer):
    pass
