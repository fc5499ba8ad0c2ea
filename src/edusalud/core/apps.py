from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "edusalud.core"
    label = "core"
