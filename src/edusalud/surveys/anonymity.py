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


def _matches(filters: Mapping[str, object]):
    positions = [(DIMENSIONS.index(d), v) for d, v in filters.items()]
    return lambda cell: all(cell[i] == v for i, v in positions)


def _primary_hidden(answers: int, targeted: int, t: Thresholds) -> str | None:
    if answers < t.min_answers:
        return FEW_ANSWERS
    if targeted and answers / targeted < t.min_rate:
        return LOW_RATE
    return None


class Census:
    """The answers and targets of one campaign, per cell; answers verdicts on its groups.

    Counts are remembered and read through an index of cells by value, so the
    verdicts of every site of a ranking walk each site's own cells, not all.
    """

    def __init__(self, answers: Counter, targeted: Counter, thresholds: Thresholds = Thresholds()):
        self.answers = +answers  # drop cells of zero
        self.targeted = targeted
        self.thresholds = thresholds
        self._breakdowns = {}
        # (counter, dimension index, value) -> the cells with that value, so that a
        # group's counts walk only the cells of its rarest filter, not all of them.
        self._index = {}
        for which in ("answers", "targeted"):
            for cell, n in getattr(self, which).items():
                for i, value in enumerate(cell):
                    self._index.setdefault((which, i, value), []).append((cell, n))

    def _cells(self, which: str, filters: Mapping[str, object]):
        if not filters:
            return getattr(self, which).items()
        lists = [self._index.get((which, DIMENSIONS.index(d), v), []) for d, v in filters.items()]
        return min(lists, key=len)

    def breakdown(self, which: str, parent: Mapping[str, object], dimension: str) -> dict:
        """Value of `dimension` -> count under `parent`; `which` is "answers" or "targeted"."""
        key = (which, frozenset(parent.items()), dimension)
        if key not in self._breakdowns:
            index, match = DIMENSIONS.index(dimension), _matches(parent)
            sums = Counter()
            for cell, n in self._cells(which, parent):
                if match(cell):
                    sums[cell[index]] += n
            self._breakdowns[key] = sums
        return self._breakdowns[key]

    def count(self, which: str, filters: Mapping[str, object]) -> int:
        if not filters:
            return sum(getattr(self, which).values())
        *rest, last = filters.items()
        return self.breakdown(which, dict(rest), last[0]).get(last[1], 0)

    def values(self, filters: Mapping[str, object], dimension: str) -> set:
        """The values the dimension takes among the answers of the group."""
        return {v for v, n in self.breakdown("answers", filters, dimension).items() if n}

    def _hidden_siblings(self, parent: dict, dimension: str) -> set:
        """Values of `dimension` whose groups under `parent` are hidden by rules 1 and 3."""
        key = ("hidden", frozenset(parent.items()), dimension)
        if key in self._breakdowns:
            return self._breakdowns[key]
        t = self.thresholds
        sizes = self.breakdown("answers", parent, dimension)
        targets = self.breakdown("targeted", parent, dimension)
        hidden, shown = set(), []
        for value in self.values(parent, dimension):
            if _primary_hidden(sizes[value], targets.get(value, 0), t):
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
        self._breakdowns[key] = hidden
        return hidden

    def _with_implied(self, filters: dict) -> dict:
        for dimension, implied in IMPLIES.items():
            if dimension in filters and implied not in filters:
                values = self.values({dimension: filters[dimension]}, implied)
                if len(values) == 1:
                    filters[implied] = values.pop()
        return filters

    def verdict(self, filters: Mapping[str, object]) -> Verdict:
        """Whether the group `filters` may be shown."""
        unknown = set(filters) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown dimensions: {sorted(unknown)}")
        # A fixed order of filters, so that equal groups share remembered counts.
        filters = self._with_implied(dict(filters))
        filters = {d: filters[d] for d in DIMENSIONS if d in filters}
        n, total = self.count("answers", filters), self.count("targeted", filters)

        def hidden(reason: str) -> Verdict:
            return Verdict(False, reason, n, total, False)

        reason = _primary_hidden(n, total, self.thresholds)
        if reason:
            return hidden(reason)
        # Every wider group: any of the values all its answers share (its own filters,
        # and those the data implies: a site whose answers are all Anesthesiology is
        # inside "Anesthesiology").
        shared = {
            d: values.pop() for d in DIMENSIONS if len(values := self.values(filters, d)) == 1
        }
        for size in range(len(shared)):
            for kept in combinations(shared, size):
                wider = self.count("answers", {d: shared[d] for d in kept})
                if 0 < wider - n < self.thresholds.min_answers:
                    return hidden(DIFFERENCE)
        for dimension, value in filters.items():
            parent = {d: v for d, v in filters.items() if d != dimension}
            parents = [parent]
            if IMPLIES.get(dimension) in parent:
                # The site among all sites too, not only those of its region: the
                # country minus its shown sites must not isolate a region's few.
                parents.append({d: v for d, v in parent.items() if d != IMPLIES[dimension]})
            for wider in parents:
                if value in self._hidden_siblings(wider, dimension):
                    return hidden(DIFFERENCE)
        return Verdict(True, None, n, total, n >= self.thresholds.min_answers_for_comments)


def verdict(
    filters: Mapping[str, object],
    answers: Counter,
    targeted: Counter,
    thresholds: Thresholds = Thresholds(),
) -> Verdict:
    """Whether the group `filters` may be shown; `answers` and `targeted` count people per cell."""
    return Census(answers, targeted, thresholds).verdict(filters)
