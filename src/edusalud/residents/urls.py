from django.urls import include, path

from edusalud.residents import api, views

app_name = "residents"
urlpatterns = [
    path("residentes/", views.enrolment_list, name="enrolment_list"),
    path("residentes/nuevo/", views.resident_create, name="resident_create"),
    path("residentes/<int:pk>/", views.person_detail, name="person_detail"),
    path("residentes/<int:pk>/historial/", views.person_history, name="person_history"),
    path(
        "residentes/<int:pk>/seudonimizar/",
        views.person_pseudonymise,
        name="person_pseudonymise",
    ),
    path("perfil/", views.profile, name="profile"),
    path("perfil/mis-datos.json", views.my_data, name="my_data"),
    path("perfil/expediente/", views.own_record, name="own_record"),
    path(
        "inscripciones/<int:pk>/<slug:action>/",
        views.enrolment_transition,
        name="enrolment_transition",
    ),
    path("api/v1/", include(api.router.urls)),
]
