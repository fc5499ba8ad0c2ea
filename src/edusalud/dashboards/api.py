from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from edusalud.accounts.selectors import scope_of
from edusalud.dashboards.filters import parse_filters
from edusalud.dashboards.indicators import indicators_for


class IndicatorsView(APIView):
    """The dashboard's figures as JSON, with the same filters and the same scope."""

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, description="Region code"),
            OpenApiParameter("site", str, description="Site CLUES"),
            OpenApiParameter("specialty", str, description="Specialty code"),
            OpenApiParameter("year", int, description="Resident year, 1..6"),
        ],
        responses={200: dict},
    )
    def get(self, request):
        if not scope_of(request.user).sees_dashboards:
            raise NotFound
        form, filters = parse_filters(request.user, request.query_params)
        if filters is None:
            return Response(
                {
                    field: [e["message"] for e in errors]
                    for field, errors in form.errors.get_json_data().items()
                },
                status=400,
            )
        return Response(indicators_for(request.user, filters))
