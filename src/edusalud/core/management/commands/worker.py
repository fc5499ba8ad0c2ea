"""`edusalud worker`: the Celery worker of the background jobs, for production.

Without REDIS_URL the tasks run in-process (`make run`), so no worker is needed.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Run the worker that executes background jobs (imports, exports); needs REDIS_URL.")

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, help=_("Processes; one per CPU if absent."))
        parser.add_argument("--pool", default="prefork", choices=["prefork", "solo", "threads"])
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args, concurrency, pool, loglevel, **options):
        if not settings.REDIS_URL:
            raise CommandError(
                _(
                    "REDIS_URL is not set: background jobs run inside the web process; "
                    "no worker is needed."
                )
            )
        # Imported here: the web process never needs the worker machinery.
        from celery import current_app

        argv = ["worker", "--loglevel", loglevel, "--pool", pool]
        if concurrency:
            argv += ["--concurrency", str(concurrency)]
        current_app.worker_main(argv)
