import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import SYSTEM
from edusalud.training import selectors


class Command(BaseCommand):
    help = _("Course certificates: `list` prints them, newest first.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help=_("Print the certificates, newest first."))
        listing.add_argument("--limit", type=int, help=_("At most this many."))
        listing.add_argument("--json", action="store_true", help=_("Print JSON."))

    def handle(self, *args, **options):
        limit = options["limit"]
        if limit is not None and limit < 1:
            raise CommandError(_("--limit must be a whole number of at least 1."))
        rows = selectors.certificate_rows(SYSTEM, limit=limit)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['code']}  {row['issued_on']}  {row['status']:<8}  {row['hours']:>4} h  "
                f"{row['person']} — {row['course']}"
            )
