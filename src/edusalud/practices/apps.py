from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "edusalud.practices"
    label = "practices"
