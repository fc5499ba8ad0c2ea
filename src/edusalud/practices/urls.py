from django.urls import path

from edusalud.practices import public, views

app_name = "practices"
urlpatterns = [
    path("practicas/", views.post_list, name="post_list"),
    path("practicas/nueva/", views.post_create, name="post_create"),
    path("practicas/<int:pk>/editar/", views.post_edit, name="post_edit"),
    path("practicas/<int:pk>/revisar/", views.post_review, name="post_review"),
    # Public: no sign-in.
    path("buenas-practicas/", public.post_list, name="public_list"),
    path("buenas-practicas/feed.atom", public.PostFeed(), name="feed"),
    path("buenas-practicas/<slug:slug>/", public.post_detail, name="public_detail"),
]
