from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SurveysConfig(AppConfig):
    name = "edusalud.surveys"
    label = "surveys"

    def ready(self):
        from edusalud.surveys.defaults import create_default_instruments

        post_migrate.connect(create_default_instruments, sender=self)
