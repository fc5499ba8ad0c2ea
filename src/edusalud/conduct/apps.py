from django.apps import AppConfig


class ConductConfig(AppConfig):
    name = "edusalud.conduct"
    label = "conduct"
