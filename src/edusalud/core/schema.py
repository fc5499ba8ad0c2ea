"""How the API describes itself (OpenAPI 3); the pages that show it are in core.apidocs.

The settings name Schema, so this module imports no DRF or drf-spectacular view.
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Any refusal other than invalid input: not signed in, not allowed, not found."""

    detail = serializers.CharField()


# Invalid input: messages per field ("non_field_errors" for the rest); a body
# that is not JSON at all gets {"detail": "..."}.
VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
    },
}


class Schema(AutoSchema):
    """drf-spectacular's schema, with the error answers every operation can give.

    Documented so that clients (and schemathesis) know them: 401 without valid
    credentials, 404 for objects outside the user's scope (and pages past the
    end), 403 when the user may read but not write, 400 for invalid filters or input.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if not self.view.permission_classes:
            return responses
        codes = {"401": ErrorSerializer, "404": ErrorSerializer}
        if self.method != "GET":
            codes["403"] = ErrorSerializer
        if (
            self.method != "GET"
            or self._is_list_view()
            or self.get_filter_backends()
            or self.get_override_parameters()
        ):
            codes["400"] = VALIDATION_ERROR
        for code, serializer in codes.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code, direction=direction)
        return responses
