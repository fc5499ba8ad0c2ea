from django.urls import path

from edusalud.exchange import views

app_name = "exchange"
urlpatterns = [
    path("importaciones/", views.import_list, name="import_list"),
    path("importaciones/<int:pk>/", views.import_detail, name="import_detail"),
    path("importaciones/<int:pk>/confirmar/", views.import_confirm, name="import_confirm"),
    path("exportar/<slug:kind>/", views.export, name="export"),
]
