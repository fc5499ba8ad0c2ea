from django.contrib import admin
from django.urls import include, path

from edusalud.core import apidocs

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("edusalud.accounts.urls")),
    path("", include("edusalud.catalog.urls")),
    path("", include("edusalud.residents.urls")),
    path("", include("edusalud.exchange.urls")),
    path("", include("edusalud.admissions.urls")),
    path("", include("edusalud.training.urls")),
    path("", include("edusalud.conduct.urls")),
    path("", include("edusalud.practices.urls")),
    path("", include("edusalud.surveys.urls")),
    path("", include("edusalud.dashboards.urls")),
    # The API's description (OpenAPI 3) and its readers, for signed-in users.
    path("api/schema/", apidocs.schema_view, name="api_schema"),
    path("api/docs/", apidocs.swagger_view, name="api_docs"),
    path("api/redoc/", apidocs.redoc_view, name="api_redoc"),
]

# JSON for a URL under /api/ that names no endpoint; the 404 page elsewhere.
handler404 = "edusalud.core.api.not_found"
