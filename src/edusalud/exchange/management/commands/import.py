"""`edusalud import residents FILE [--dry-run]`: the page's import, for operators."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import SYSTEM
from edusalud.core.progress import ProgressBar
from edusalud.exchange import services
from edusalud.exchange.models import ImportKind


class Command(BaseCommand):
    help = _("Import a CSV or XLSX file: all rows or none.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Check the file and write nothing.")
        )

    def handle(self, *args, kind, file, dry_run, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        bar = ProgressBar(self.stdout, {"rows": _("Rows")})
        plan = services.plan_file(
            kind, content, SYSTEM, lambda done, total: bar("rows", done, total)
        )
        summary = _("%(create)d to create, %(update)d to update, %(same)d unchanged.") % {
            "create": plan.to_create,
            "update": plan.to_update,
            "same": plan.unchanged,
        }
        if not plan.is_valid:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("The file has %(n)d errors; nothing was imported.") % {"n": len(plan.errors)}
            )
        if dry_run:
            self.stdout.write(_("Dry run, nothing written: %(summary)s") % {"summary": summary})
            return
        services.apply_plan(plan)
        self.stdout.write(_("Imported: %(summary)s") % {"summary": summary})
