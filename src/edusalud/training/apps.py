from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TrainingConfig(AppConfig):
    name = "edusalud.training"
    label = "training"

    def ready(self):
        from edusalud.training.areas import create_default_areas

        post_migrate.connect(create_default_areas, sender=self)
