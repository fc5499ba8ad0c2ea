from django.urls import include, path

from edusalud.catalog import api, views

app_name = "catalog"
urlpatterns = [
    path("sedes/", views.site_list, name="site_list"),
    path("sedes/<str:clues>/", views.site_detail, name="site_detail"),
    path("especialidades/", views.specialty_list, name="specialty_list"),
    path("especialidades/<str:code>/", views.specialty_detail, name="specialty_detail"),
    path("programas/", views.programme_list, name="programme_list"),
    path("programas/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("api/v1/", include(api.router.urls)),
]
