"""`edusalud demo`: load the deterministic national demo dataset.

The command parses options, guards the database, draws progress and prints
the demo accounts; edusalud.demo.generate does the work.
"""

import math
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from edusalud.accounts.enums import Role
from edusalud.accounts.models import User
from edusalud.core.progress import ProgressBar
from edusalud.demo import data
from edusalud.demo.generate import database_has_data, demo_accounts, erase_demo_data, load_demo


class Command(BaseCommand):
    help = "Load a deterministic national demo dataset (the published figures at scale 1)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Size of the people part: 1 gives 15,938 residents in training.",
        )
        parser.add_argument("--seed", type=int, default=42, help="Same seed and scale, same rows.")
        guard = parser.add_mutually_exclusive_group()
        guard.add_argument(
            "--force",
            action="store_true",
            help="Erase the catalog, residents and demo users first, then load.",
        )
        guard.add_argument(
            "--if-empty",
            action="store_true",
            help="On a database with data, print the demo accounts and exit without error.",
        )

    def handle(self, *args, scale: float, seed: int, force: bool, if_empty: bool, **options):
        if not (math.isfinite(scale) and scale > 0):
            raise CommandError(_("The scale must be a number greater than 0."))
        if database_has_data():
            if if_empty:
                self.stdout.write(_("The database already has data: the demo was not loaded."))
                print_demo_accounts(self.stdout)
                return
            if not force:
                raise CommandError(
                    _(
                        "The database already has data; demo refuses to mix with it. "
                        "Use --force to erase it and load the demo again."
                    )
                )
            self.stdout.write(_("Erasing the existing data..."))
            erase_demo_data()
        self.stdout.write(
            _("Loading the demo data (scale %(scale)s, seed %(seed)s)...")
            % {"scale": f"{scale:g}", "seed": seed}
        )
        started = time.monotonic()
        load_demo(
            scale=scale,
            seed=seed,
            on_progress=ProgressBar(
                self.stdout,
                {
                    "catalog": _("Catalog"),
                    "residents": _("Residents"),
                    "graduates": _("Graduates"),
                    "admissions": _("Applicants"),
                    "training": _("Courses"),
                    "surveys": _("Surveys"),
                },
            ),
        )
        self.stdout.write(
            _("Demo data loaded in %(seconds).1f s.") % {"seconds": time.monotonic() - started}
        )
        print_demo_accounts(self.stdout)


def print_demo_accounts(stdout) -> None:
    """Print the table of demo accounts that exist: username, role, scope, password."""
    rows = [(_("User"), _("Role"), _("Scope"), _("Password"))]
    for user, assignment in demo_accounts():
        rows.append(
            (
                user.username,
                str(Role(assignment.role).label),
                scope_label(user, assignment),
                data.DEMO_PASSWORD,
            )
        )
    applicant = User.objects.filter(username=data.APPLICANT.username).select_related("person")
    for user in applicant:
        person = getattr(user, "person", None)
        rows.append(
            (
                user.username,
                _("Applicant"),
                _("own application at /admisiones/mi-solicitud/: %(name)s")
                % {"name": person.full_name if person else "-"},
                data.DEMO_PASSWORD,
            )
        )
    if len(rows) == 1:
        return
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    stdout.write("\n" + _("Demo accounts") + "\n")
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        stdout.write("  " + "  ".join([*cells, row[3]]) + "\n")


def scope_label(user, assignment) -> str:
    if assignment.region:
        return assignment.region.name
    if assignment.site:
        return assignment.site.name
    if assignment.programme:
        return f"{assignment.programme.specialty.name_es}, {assignment.programme.site.name}"
    if assignment.role == Role.RESIDENT:
        person = getattr(user, "person", None)
        return _("own record: %(name)s") % {"name": person.full_name if person else "-"}
    if user.is_superuser:
        return _("whole country") + " + /admin/"
    return _("whole country")
