from django.urls import path

from edusalud.dashboards import api, views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("tablero/", views.national, name="national"),
    path("api/v1/indicators/", api.IndicatorsView.as_view(), name="api_indicators"),
]
