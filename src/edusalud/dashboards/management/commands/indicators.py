import json

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import SYSTEM
from edusalud.dashboards.filters import parse_filters
from edusalud.dashboards.indicators import indicators_for


class Command(BaseCommand):
    help = _("Print the national indicators (the same figures as the dashboard and the API).")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help=_("Print JSON."))
        parser.add_argument("--site", default="", help=_("Site CLUES."))
        parser.add_argument("--region", default="", help=_("Region code."))
        parser.add_argument("--specialty", default="", help=_("Specialty code."))
        parser.add_argument("--year", default="", help=_("Resident year, 1 to 6."))

    def handle(self, *args, **options):
        query = {key: options[key] for key in ("site", "region", "specialty", "year")}
        try:
            form, filters = parse_filters(SYSTEM, query)
        except Http404:
            raise CommandError(_("No site or region matches those filters.")) from None
        if filters is None:
            problems = "; ".join(
                f"--{field}: {' '.join(messages)}" for field, messages in form.errors.items()
            )
            raise CommandError(problems)
        figures = indicators_for(SYSTEM, filters)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        for key, value in figures.items():
            if not isinstance(value, (list, dict)):
                self.stdout.write(f"{key}: {value}")
