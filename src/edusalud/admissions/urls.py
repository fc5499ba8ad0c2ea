from django.urls import path

from edusalud.admissions import api, views

app_name = "admissions"
urlpatterns = [
    path("admisiones/", views.cycle_list, name="cycle_list"),
    path("admisiones/mi-solicitud/", views.my_application, name="my_application"),
    path("admisiones/mi-solicitud/orden/", views.my_application_order, name="my_application_order"),
    path("admisiones/mi-solicitud/mover/", views.my_application_move, name="my_application_move"),
    path("admisiones/<int:year>/", views.cycle_detail, name="cycle_detail"),
    path("admisiones/<int:year>/periodos/", views.cycle_period, name="cycle_period"),
    path("admisiones/<int:year>/abrir/", views.cycle_open, name="cycle_open"),
    path("admisiones/<int:year>/invitar/", views.cycle_invite, name="cycle_invite"),
    path("admisiones/<int:year>/asignar/", views.cycle_match, name="cycle_match"),
    path("admisiones/<int:year>/progreso/", views.cycle_progress, name="cycle_progress"),
    path("admisiones/<int:year>/publicar/", views.cycle_publish, name="cycle_publish"),
    path("admisiones/<int:year>/archivos.zip", views.cycle_files, name="cycle_files"),
    path("api/v1/admission-cycles/", api.CycleList.as_view(), name="api-cycle-list"),
    path("api/v1/admission-cycles/<int:year>/", api.CycleDetail.as_view(), name="api-cycle-detail"),
    path(
        "api/v1/admission-cycles/<int:year>/positions/",
        api.PositionList.as_view(),
        name="api-position-list",
    ),
    path(
        "api/v1/admission-cycles/<int:year>/applicants/",
        api.ApplicantList.as_view(),
        name="api-applicant-list",
    ),
    path(
        "api/v1/admission-cycles/<int:year>/applicants/<str:folio>/",
        api.ApplicantDetail.as_view(),
        name="api-applicant-detail",
    ),
    path(
        "api/v1/admission-cycles/<int:year>/results/",
        api.ResultList.as_view(),
        name="api-result-list",
    ),
    path("api/v1/my-application/", api.MyApplication.as_view(), name="api-my-application"),
]
