from django.urls import path

from edusalud.admissions import views

app_name = "admissions"
urlpatterns = [
    path("admisiones/", views.cycle_list, name="cycle_list"),
    path("admisiones/<int:year>/", views.cycle_detail, name="cycle_detail"),
    path("admisiones/<int:year>/asignar/", views.cycle_match, name="cycle_match"),
    path("admisiones/<int:year>/publicar/", views.cycle_publish, name="cycle_publish"),
    path("admisiones/<int:year>/archivos.zip", views.cycle_files, name="cycle_files"),
]
