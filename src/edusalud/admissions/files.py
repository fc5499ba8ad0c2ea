"""The match on files alone: read positions, applicants, preferences and rankings; write the result.

The formats (UTF-8, a header row; README, "Admissions") are those a published
match is exported in, so an auditor reruns it with `edusalud match` and gets
the same result:

- positions    `programme,capacity`, or `programme,capacity,reserved` when
  some places are reserved for foreign applicants (decision 0012)
- applicants   `applicant,score`, or `applicant,score,category` with
  `mexican` or `foreign` (only foreign applicants take reserved places)
- preferences  `applicant,rank,programme` (rank 1 is the first choice)
- rankings     `programme,rank,applicant` (optional; replaces the score order
  of that programme, and an applicant it does not rank is not acceptable to it)
- result       `applicant,programme,rank_obtained` (both empty when unmatched)

Reading is all or nothing: every problem is collected with its file, row and
column, and nothing is matched unless there is none. Rows are numbered as a
spreadsheet shows them: the header is row 1.
"""

import csv
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from edusalud.admissions.matching import Market, Result

POSITIONS = ("programme", "capacity")
APPLICANTS = ("applicant", "score")
# The optional last column of each: only a match with reserved places needs it.
RESERVED = "reserved"
CATEGORY = "category"
MEXICAN, FOREIGN = "mexican", "foreign"
CATEGORIES = (MEXICAN, FOREIGN)
PREFERENCES = ("applicant", "rank", "programme")
RANKINGS = ("programme", "rank", "applicant")
RESULT = ("applicant", "programme", "rank_obtained")

# Past this many, the rest of the problems are counted, not listed.
MAX_LISTED_ERRORS = 50


@dataclass(frozen=True)
class FileProblem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return _("%(file)s: %(message)s") % vars(self)
        if not self.column:
            return _("%(file)s, row %(row)d: %(message)s") % vars(self)
        return _("%(file)s, row %(row)d, column %(column)s: %(message)s") % vars(self)


class MatchFilesError(Exception):
    def __init__(self, problems: list[FileProblem], total: int):
        self.problems, self.total = problems, total
        super().__init__("\n".join(map(str, problems)))


class _Problems:
    def __init__(self):
        self.listed: list[FileProblem] = []
        self.total = 0

    def add(self, path: Path, row: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.listed) < MAX_LISTED_ERRORS:
            self.listed.append(FileProblem(path.name, row, column, message))


def read_market(
    positions: Path, applicants: Path, preferences: Path, rankings: Path | None = None
) -> Market:
    """The market the files describe; MatchFilesError lists every problem found."""
    problems = _Problems()
    capacities, reserved = _read_positions(positions, problems)
    scores, eligible = _read_applicants(applicants, problems)
    lists = _read_ranked(preferences, PREFERENCES, scores, capacities, problems)
    ranked = _read_ranked(rankings, RANKINGS, capacities, scores, problems) if rankings else {}
    if problems.total:
        raise MatchFilesError(problems.listed, problems.total)
    for applicant in scores:
        lists.setdefault(applicant, [])
    return Market(
        preferences=lists,
        capacities=capacities,
        scores=scores,
        rankings=ranked,
        reserved=reserved,
        eligible=frozenset(eligible),
    )


def write_result(result: Result, path: Path) -> None:
    path.write_text(result_text(result), encoding="utf-8")


def result_text(result: Result) -> str:
    """The result file: one row per applicant, in identifier order."""
    return csv_text(
        RESULT,
        (
            (applicant, result.assignment[applicant] or "", result.rank_obtained[applicant] or "")
            for applicant in sorted(result.assignment)
        ),
    )


def csv_text(header: tuple[str, ...], rows: Iterable[Iterable]) -> str:
    """A CSV text in these files' dialect: a header row, commas, newline endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _rows(
    path: Path, header: tuple[str, ...], problems: _Problems, optional: str = ""
) -> Iterator[tuple[int, list]]:
    """(row number, cells) of each data row; header and width problems are reported.

    With `optional`, the header may also end with that column; rows then have one
    more cell, and rows of a file without it get an empty one.
    """
    try:
        file = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        problems.add(path, 0, "", _("the file cannot be read (%(error)s).") % {"error": error})
        return
    with file:
        reader = csv.reader(file)
        try:
            first = next(reader, None)
            found = tuple(cell.strip().lower() for cell in first or ())
            accepted = [header, (*header, optional)] if optional else [header]
            if found not in accepted:
                problems.add(
                    path,
                    1,
                    "",
                    _("the header must be %(expected)s; it is “%(found)s”.")
                    % {
                        "expected": _(" or ").join(
                            _("“%(header)s”") % {"header": ",".join(h)} for h in accepted
                        ),
                        "found": ",".join(first or ()),
                    },
                )
                return
            width = len(found)
            padding = [""] * (len(accepted[-1]) - width)
            for number, cells in enumerate(reader, start=2):
                if len(cells) != width:
                    if any(cell.strip() for cell in cells):
                        problems.add(
                            path,
                            number,
                            "",
                            _("%(expected)d columns expected; there are %(found)d.")
                            % {"expected": width, "found": len(cells)},
                        )
                    continue
                # Millions of rank-list rows: copy a row only when it needs padding.
                yield number, (cells + padding) if padding else cells
        except UnicodeDecodeError:
            problems.add(path, 0, "", _("the file is not UTF-8 text."))
        except csv.Error as error:
            problems.add(path, reader.line_num, "", str(error))


def _read_positions(path: Path, problems: _Problems) -> tuple[dict[str, int], dict[str, int]]:
    capacities: dict[str, int] = {}
    reserved: dict[str, int] = {}
    for row, (programme, capacity, kept) in _rows(path, POSITIONS, problems, RESERVED):
        programme = programme.strip()
        if not programme:
            problems.add(path, row, "programme", _("it is empty."))
        elif programme in capacities:
            problems.add(
                path, row, "programme", _("“%(value)s” is repeated.") % {"value": programme}
            )
        places = _whole_number(capacity, minimum=0)
        if places is None:
            problems.add(path, row, "capacity", _not_whole(capacity, 0))
            continue
        reserve = _whole_number(kept, minimum=0) if kept.strip() else 0
        if reserve is None:
            problems.add(path, row, RESERVED, _not_whole(kept, 0))
        elif reserve > places:
            problems.add(
                path,
                row,
                RESERVED,
                _("%(reserved)d places reserved out of %(places)d: more than there are.")
                % {"reserved": reserve, "places": places},
            )
        elif programme:
            capacities[programme] = places
            if reserve:
                reserved[programme] = reserve
    return capacities, reserved


def _read_applicants(path: Path, problems: _Problems) -> tuple[dict[str, float], set[str]]:
    scores: dict[str, float] = {}
    eligible: set[str] = set()
    for row, (applicant, score, category) in _rows(path, APPLICANTS, problems, CATEGORY):
        applicant = applicant.strip()
        if not applicant:
            problems.add(path, row, "applicant", _("it is empty."))
        elif applicant in scores:
            problems.add(
                path, row, "applicant", _("“%(value)s” is repeated.") % {"value": applicant}
            )
        category = category.strip().lower() or MEXICAN
        if category not in CATEGORIES:
            problems.add(
                path,
                row,
                CATEGORY,
                _("“%(value)s” is not a category; write %(options)s.")
                % {"value": category, "options": _(" or ").join(CATEGORIES)},
            )
        try:
            value = float(score)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            problems.add(path, row, "score", _("“%(value)s” is not a number.") % {"value": score})
        elif applicant:
            scores[applicant] = value
            if category == FOREIGN:
                eligible.add(applicant)
    return scores, eligible


def _read_ranked(path, header, owners, members, problems) -> dict[str, list[str]]:
    """Rank lists, `owner,rank,member` rows: each owner's members in rank order.

    Preferences: owner = applicant, member = programme; rankings the reverse.
    An owner's ranks are 1, 2, 3... without gaps or repeats, in any row order.
    """
    owner_column, _rank, member_column = header
    ranked: dict[str, dict[int, str]] = {}
    first_row: dict[str, int] = {}
    # The hot loop of the whole command (one pass per ranked pair): identifiers
    # are stripped only when not found as they are, and the few rank texts
    # that recur millions of times are parsed once each.
    ranks: dict[str, int | None] = {}
    for row, (owner, rank, member) in _rows(path, header, problems):
        if owner not in owners:
            owner = owner.strip()
            if owner not in owners:
                problems.add(path, row, owner_column, _unknown(owner_column, owner))
                continue
        if member not in members:
            member = member.strip()
            if member not in members:
                problems.add(path, row, member_column, _unknown(member_column, member))
                continue
        if rank in ranks:
            position = ranks[rank]
        else:
            position = ranks[rank] = _whole_number(rank, minimum=1)
        if position is None:
            problems.add(path, row, "rank", _not_whole(rank, 1))
            continue
        entries = ranked.get(owner)
        if entries is None:
            entries = ranked[owner] = {}
            first_row[owner] = row
        if position in entries:
            problems.add(
                path,
                row,
                "rank",
                _("%(owner)s already has rank %(rank)d.") % {"owner": owner, "rank": position},
            )
            continue
        entries[position] = member

    lists = {}
    for owner, entries in ranked.items():
        members_in_order = [entries[position] for position in sorted(entries)]
        if len(set(members_in_order)) != len(members_in_order):
            twice = next(m for i, m in enumerate(members_in_order) if m in members_in_order[:i])
            problems.add(path, first_row[owner], member_column, _twice(owner, member_column, twice))
        # Distinct ranks from 1 have no gap exactly when the largest is their count.
        if max(entries) != len(entries):
            missing = next(n for n in range(1, len(entries) + 1) if n not in entries)
            problems.add(
                path,
                first_row[owner],
                "rank",
                _("the ranks of %(owner)s must run 1, 2, 3... with no gap; %(missing)d is missing.")
                % {"owner": owner, "missing": missing},
            )
        lists[owner] = members_in_order
    return lists


def _twice(owner: str, column: str, value: str) -> str:
    if column == "programme":
        return _("applicant %(owner)s ranks programme “%(value)s” twice.") % {
            "owner": owner,
            "value": value,
        }
    return _("programme %(owner)s ranks applicant “%(value)s” twice.") % {
        "owner": owner,
        "value": value,
    }


def _unknown(column: str, value: str) -> str:
    if column == "programme":
        return _("there is no programme “%(value)s” in the positions file.") % {"value": value}
    return _("there is no applicant “%(value)s” in the applicants file.") % {"value": value}


def _not_whole(text: str, minimum: int) -> str:
    return _("“%(value)s” is not a whole number of %(minimum)d or more.") % {
        "value": text,
        "minimum": minimum,
    }


def _whole_number(text: str, *, minimum: int) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value >= minimum else None
