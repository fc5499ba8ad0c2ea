# Loaded with Django so that tasks bind to this project's Celery application.
from edusalud.config.celery import app as celery_app

__all__ = ["celery_app"]
