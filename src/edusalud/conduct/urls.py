from django.urls import path

from edusalud.conduct import views

app_name = "conduct"
urlpatterns = [
    path("codigos/", views.code_list, name="code_list"),
    # Before codigos/<slug>/, which would otherwise take "cobertura" for a code.
    path("codigos/cobertura/", views.coverage, name="coverage"),
    path("codigos/cobertura/<str:clues>/", views.coverage_site, name="coverage_site"),
    path("codigos/<slug:slug>/", views.code_detail, name="code_detail"),
    path("codigos/<slug:slug>/nueva-version/", views.version_create, name="version_create"),
]
