"""Which groups of survey answers may be shown without exposing anyone: plain data, no ORM.

An answer carries only the attributes reports group by (DIMENSIONS); a group is
a set of filters over them ({} is everyone). A group's figures are shown only
when:

1. it has at least `min_answers` answers and a response rate of at least
   `min_rate` (its comments need `min_answers_for_comments`);
2. no wider group differs from it by 1 to `min_answers - 1` answers:
   "everyone at the site" minus "the site's R1" must not be the answers of
   three R2s. Wider groups are those with fewer of its filters, and those the
   data makes wider: when every answer of a site is from Anesthesiology,
   "Anesthesiology" minus "the site" isolates the other sites' few;
3. among its siblings (the groups that differ from it in one filter's value,
   under the same wider group, or under it without the site's region), the
   ones hidden by rule 1 add up to 0 or at
   least `min_answers`; when they add up to fewer, the smallest shown siblings
   are hidden too, in a fixed order, until they do ("complementary
   suppression"), so the wider group minus the shown siblings never isolates
   a small group.

A site lies in one region: filtering by a site adds its region, so that "the
region" counts as a wider group of "the site" (rule 2) and a site's siblings
are the other sites of its region.

Rules 2 and 3 only ever hide groups of at least `min_answers` answers, so
hiding more never brings a hidden sum back under the threshold. The verdict of
a group does not depend on which other groups were asked before: the same
filters over the same answers always get the same answer.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

DIMENSIONS = ("region", "site", "specialty", "year")

Cell = tuple  # one value per dimension, in DIMENSIONS order

FEW_ANSWERS, LOW_RATE, DIFFERENCE = "few_answers", "low_rate", "difference"
# A dimension whose value fixes another's: a site lies in one region.
IMPLIES = {"site": "region"}


@dataclass(frozen=True)
class Thresholds:
    min_answers: int = 5
    min_rate: float = 0.5
    min_answers_for_comments: int = 10


@dataclass(frozen=True)
class Verdict:
    shown: bool
    reason: str | None  # FEW_ANSWERS, LOW_RATE or DIFFERENCE when hidden
    answers: int
    targeted: int
    comments_shown: bool


def _count(cells: Counter, filters: Mapping[str, object]) -> int:
    positions = [(DIMENSIONS.index(d), v) for d, v in filters.items()]
    return sum(n for cell, n in cells.items() if all(cell[i] == v for i, v in positions))


def _values(cells: Counter, filters: Mapping[str, object], dimension: str) -> set:
    """The values the dimension takes among the answers of the group."""
    positions = [(DIMENSIONS.index(d), v) for d, v in filters.items()]
    index = DIMENSIONS.index(dimension)
    return {
        cell[index] for cell, n in cells.items() if n and all(cell[i] == v for i, v in positions)
    }


def _primary_hidden(answers: int, targeted: int, t: Thresholds) -> str | None:
    if answers < t.min_answers:
        return FEW_ANSWERS
    if targeted and answers / targeted < t.min_rate:
        return LOW_RATE
    return None


def _hidden_siblings(
    answers: Counter, targeted: Counter, parent: dict, dimension: str, t: Thresholds
) -> set:
    """Values of `dimension` whose groups under `parent` are hidden by rules 1 and 3."""
    sizes = {}
    hidden, shown = set(), []
    for value in _values(answers, parent, dimension):
        group = {**parent, dimension: value}
        sizes[value] = _count(answers, group)
        if _primary_hidden(sizes[value], _count(targeted, group), t):
            hidden.add(value)
        else:
            shown.append(value)
    hidden_sum = sum(sizes[v] for v in hidden)
    # Smallest first; ties by the value's text, so the choice never depends on order.
    shown.sort(key=lambda v: (sizes[v], str(v)))
    while 0 < hidden_sum < t.min_answers and shown:
        value = shown.pop(0)
        hidden.add(value)
        hidden_sum += sizes[value]
    return hidden


def _with_implied(filters: dict, answers: Counter) -> dict:
    for dimension, implied in IMPLIES.items():
        if dimension in filters and implied not in filters:
            values = _values(answers, {dimension: filters[dimension]}, implied)
            if len(values) == 1:
                filters[implied] = values.pop()
    return filters


def verdict(
    filters: Mapping[str, object],
    answers: Counter,
    targeted: Counter,
    thresholds: Thresholds = Thresholds(),
) -> Verdict:
    """Whether the group `filters` may be shown; `answers` and `targeted` count people per cell."""
    unknown = set(filters) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    filters = _with_implied(dict(filters), answers)
    n, total = _count(answers, filters), _count(targeted, filters)

    def hidden(reason: str) -> Verdict:
        return Verdict(False, reason, n, total, False)

    reason = _primary_hidden(n, total, thresholds)
    if reason:
        return hidden(reason)
    # Every wider group: any of the values all its answers share (its own filters,
    # and those the data implies: a site whose answers are all Anesthesiology is
    # inside "Anesthesiology").
    shared = {
        d: values.pop() for d in DIMENSIONS if len(values := _values(answers, filters, d)) == 1
    }
    for size in range(len(shared)):
        for kept in combinations(shared, size):
            wider = _count(answers, {d: shared[d] for d in kept})
            if 0 < wider - n < thresholds.min_answers:
                return hidden(DIFFERENCE)
    for dimension, value in filters.items():
        parent = {d: v for d, v in filters.items() if d != dimension}
        parents = [parent]
        if IMPLIES.get(dimension) in parent:
            # The site among all sites too, not only those of its region: the
            # country minus its shown sites must not isolate a region's few.
            parents.append({d: v for d, v in parent.items() if d != IMPLIES[dimension]})
        for wider in parents:
            if value in _hidden_siblings(answers, targeted, wider, dimension, thresholds):
                return hidden(DIFFERENCE)
    return Verdict(True, None, n, total, n >= thresholds.min_answers_for_comments)
