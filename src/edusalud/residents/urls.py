from django.urls import path

from edusalud.residents import views

app_name = "residents"
urlpatterns = [
    path("residentes/", views.enrolment_list, name="enrolment_list"),
    path("residentes/nuevo/", views.resident_create, name="resident_create"),
    path("residentes/<int:pk>/", views.person_detail, name="person_detail"),
    path(
        "inscripciones/<int:pk>/<slug:action>/",
        views.enrolment_transition,
        name="enrolment_transition",
    ),
]
