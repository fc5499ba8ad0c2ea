from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("edusalud.accounts.urls")),
    path("", include("edusalud.catalog.urls")),
    path("", include("edusalud.residents.urls")),
    path("", include("edusalud.exchange.urls")),
    path("", include("edusalud.dashboards.urls")),
]
