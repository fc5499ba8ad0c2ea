from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "edusalud.demo"
    label = "demo"
