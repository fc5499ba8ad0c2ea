"""`edusalud export KIND [--format csv|xlsx] [--out FILE]`: every row, in the import format."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from edusalud.accounts.selectors import SYSTEM
from edusalud.catalog.selectors import programme_list, site_list, specialty_list
from edusalud.exchange.exports import export_rows
from edusalud.exchange.models import ImportKind
from edusalud.exchange.resources import RESOURCES
from edusalud.residents.selectors import enrolment_list


def rows_of(kind: str, *, everyone: bool):
    if kind == ImportKind.RESIDENTS:
        return enrolment_list(SYSTEM, status="" if everyone else "in_training")
    return {
        ImportKind.SITES: site_list,
        ImportKind.SPECIALTIES: specialty_list,
        ImportKind.PROGRAMMES: programme_list,
    }[kind](SYSTEM)


class Command(BaseCommand):
    help = _("Export rows in the format the import reads.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", type=Path, help=_("File to write; standard output if absent."))
        parser.add_argument(
            "--all", action="store_true", help=_("Include graduated and withdrawn residents.")
        )

    def handle(self, *args, kind, format, out, all, **options):
        content = export_rows(RESOURCES[kind], rows_of(kind, everyone=all), format)
        if out is None:
            sys.stdout.buffer.write(content)
            return
        out.write_bytes(content)
        self.stderr.write(_("Written to %(file)s.") % {"file": out})
