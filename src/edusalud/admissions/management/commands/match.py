"""`edusalud match`: the admissions match on files alone, for auditors (no database)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from edusalud.admissions import files
from edusalud.admissions.matching import blocking_pairs, match


class Command(BaseCommand):
    help = _(
        "Match applicants to programmes from CSV files (formats in the README) and write "
        "the result; reruns a published match exactly."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--positions", type=Path, required=True, help="programme,capacity")
        parser.add_argument("--applicants", type=Path, required=True, help="applicant,score")
        parser.add_argument(
            "--preferences", type=Path, required=True, help="applicant,rank,programme"
        )
        parser.add_argument(
            "--programme-rankings", type=Path, help="programme,rank,applicant (optional)"
        )
        parser.add_argument(
            "--out", type=Path, required=True, help="applicant,programme,rank_obtained"
        )

    def handle(self, *args, positions, applicants, preferences, programme_rankings, out, **_o):
        started = time.perf_counter()
        try:
            market = files.read_market(positions, applicants, preferences, programme_rankings)
        except files.MatchFilesError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                ngettext(
                    "The files have %(n)d problem; nothing was matched.",
                    "The files have %(n)d problems; nothing was matched.",
                    error.total,
                )
                % {"n": error.total}
            ) from None
        read = time.perf_counter()
        result = match(market)
        matched = time.perf_counter()
        blocking = blocking_pairs(market, result.assignment)
        if blocking:  # never, unless the algorithm is broken: refuse to write such a result
            raise CommandError(
                _("The result is not stable (%(n)d blocking pairs); nothing was written.")
                % {"n": len(blocking)}
            )
        checked = time.perf_counter()
        try:
            files.write_result(result, out)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": out, "error": error.strerror}
            ) from None
        done = time.perf_counter()

        pairs = sum(map(len, market.preferences.values()))
        unmatched = len(result.unmatched)
        self.stdout.write(
            _(
                "%(applicants)d applicants, %(programmes)d programmes, %(pairs)d ranked pairs: "
                "%(matched)d matched, %(unmatched)d unmatched, %(unfilled)d places unfilled; "
                "stable (no blocking pair)."
            )
            % {
                "applicants": len(market.preferences),
                "programmes": len(market.capacities),
                "pairs": pairs,
                "matched": len(market.preferences) - unmatched,
                "unmatched": unmatched,
                "unfilled": sum(result.unfilled.values()),
            }
        )
        self.stdout.write(
            _(
                "Read %(read).2f s, match %(match).2f s (%(proposals)d applications), "
                "stability check %(check).2f s, write %(write).2f s."
            )
            % {
                "read": read - started,
                "match": matched - read,
                "proposals": result.proposals,
                "check": checked - matched,
                "write": done - checked,
            }
        )
