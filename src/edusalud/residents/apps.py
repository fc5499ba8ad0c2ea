from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "edusalud.residents"
    label = "residents"
