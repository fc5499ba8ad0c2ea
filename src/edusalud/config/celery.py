"""The Celery application: a real worker when REDIS_URL is set, in-process otherwise.

Settings named CELERY_* configure it (see settings.py); tasks live in each
app's tasks.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")

app = Celery("edusalud")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
