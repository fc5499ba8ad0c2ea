from django.urls import include, path

from edusalud.surveys import api
from edusalud.surveys.views import answering, campaigns, instruments, plans

app_name = "surveys"
urlpatterns = [
    path("encuestas/", answering.my_surveys, name="my_surveys"),
    path("encuestas/<int:pk>/responder/", answering.answer, name="answer"),
    path("encuestas/campanas/", campaigns.campaign_list, name="campaign_list"),
    path("encuestas/campanas/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path(
        "encuestas/campanas/<int:pk>/resultados.<str:fmt>",
        campaigns.campaign_export,
        name="campaign_export",
    ),
    path(
        "encuestas/campanas/<int:pk>/recordar/",
        campaigns.campaign_remind,
        name="campaign_remind",
    ),
    path("encuestas/instrumentos/", instruments.instrument_list, name="instrument_list"),
    path(
        "encuestas/instrumentos/<int:pk>/",
        instruments.instrument_detail,
        name="instrument_detail",
    ),
    path("encuestas/planes/", plans.plan_list, name="plan_list"),
    path("encuestas/planes/nuevo/", plans.plan_create, name="plan_create"),
    path("encuestas/planes/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("api/v1/", include(api.router.urls)),
]
