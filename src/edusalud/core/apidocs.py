"""The API's OpenAPI 3 schema and its two readers, Swagger UI and Redoc."""

from django.contrib.auth.decorators import login_required
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

# The schema and its two readers, for signed-in users only. The pages send an
# anonymous browser to the login page; the schema answers 401.
schema_view = SpectacularAPIView.as_view()
swagger_view = login_required(
    # The split view loads its start-up script from a URL: no inline script, as
    # the content security policy demands.
    SpectacularSwaggerSplitView.as_view(url_name="api_schema")
)
redoc_view = login_required(
    # Our template: the stock one loads web fonts from Google, which the CSP refuses.
    SpectacularRedocView.as_view(url_name="api_schema", template_name="api/redoc.html")
)
