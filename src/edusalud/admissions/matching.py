"""Stable assignment of applicants to programmes: deferred acceptance, many-to-one.

Plain data in and out, no database: the same code serves the match of a cycle,
the `edusalud match` command that auditors rerun on the published files, and
the tests. Applicants and programmes are identified by strings (the ENARM
folio, the programme's key).

A `Market` holds each applicant's rank list (best first), each programme's
capacity, the applicants' scores and, for the programmes that uploaded one,
an explicit ranking of applicants.

How a programme orders its applicants (decision 0011):
- By default, by ENARM score, higher first. Equal scores are broken by the
  applicant's identifier (the ENARM folio), in ascending order of its text:
  an arbitrary rule, but fixed, public and independent of the input order, so
  anybody rerunning the match gets the same result.
- A programme with an explicit ranking orders by it, and an applicant it does
  not rank is not acceptable to it.

`match()` runs applicant-proposing deferred acceptance (Gale and Shapley;
Roth's many-to-one form) and returns the applicant-optimal stable matching.
Every applicant moves down their list at most once per entry, and a programme
keeps its admitted applicants in a heap keyed by its order: the cost is
O(L log c) for L ranked pairs and capacities c, linear in L for practical
purposes. Applicants propose in the global score order, so when every
programme ranks by score nobody is ever displaced and the run is serial
dictatorship (which gives the same matching: it is the unique stable one).
`match_programme_proposing()` is the programme-optimal counterpart, for the
tests (the rural-hospitals theorem); `blocking_pairs()` checks any matching.

Reserved places (decision 0012): a programme may reserve some of its places
for eligible applicants (the foreign ones). It then acts as two programmes
with the same order of applicants: its reserved places, open only to eligible
applicants, and its other places, open to everyone. An eligible applicant
asks for the reserved places first and then for the others, so the
best-ranked eligible applicants a programme admits hold its reserved places.
Reserved places nobody eligible takes stay empty, listed as unfilled. The
three functions solve and check that wider market and report each applicant's
programme and rank as they gave it.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from heapq import heappush, heapreplace


class MarketError(ValueError):
    """The data cannot form a market (e.g. a rank list names an unknown programme)."""


@dataclass(frozen=True)
class Market:
    preferences: Mapping[str, Sequence[str]]  # applicant -> programmes, best first
    capacities: Mapping[str, int]  # programme -> places
    scores: Mapping[str, float]  # applicant -> ENARM score
    rankings: Mapping[str, Sequence[str]] = field(default_factory=dict)  # programme -> applicants
    reserved: Mapping[str, int] = field(default_factory=dict)  # programme -> places of capacity
    eligible: frozenset[str] = frozenset()  # applicants who may take reserved places

    def check(self) -> None:
        """Raise MarketError when the data are inconsistent; say where."""
        for applicant, score in self.scores.items():
            # NaN would compare false both ways and make the order depend on the input.
            if not math.isfinite(score):
                raise MarketError(f"applicant {applicant!r} has no finite score")
        for applicant, programmes in self.preferences.items():
            if applicant not in self.scores:
                raise MarketError(f"applicant {applicant!r} has preferences but no score")
            if len(set(programmes)) != len(programmes):
                raise MarketError(f"applicant {applicant!r} ranks a programme twice")
            for programme in programmes:
                if programme not in self.capacities:
                    raise MarketError(f"applicant {applicant!r} ranks unknown {programme!r}")
        for programme, capacity in self.capacities.items():
            if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
                raise MarketError(f"programme {programme!r} needs a whole number of places")
        for programme, applicants in self.rankings.items():
            if programme not in self.capacities:
                raise MarketError(f"ranking of unknown programme {programme!r}")
            if len(set(applicants)) != len(applicants):
                raise MarketError(f"programme {programme!r} ranks an applicant twice")
        for programme, places in self.reserved.items():
            if programme not in self.capacities:
                raise MarketError(f"reserved places of unknown programme {programme!r}")
            capacity = self.capacities[programme]
            if (
                isinstance(places, bool)
                or not isinstance(places, int)
                or not 0 <= places <= capacity
            ):
                raise MarketError(f"programme {programme!r} reserves more places than it has")
            if _reserved_key(programme) in self.capacities:
                raise MarketError(f"programme {programme!r} clashes with a reserved-places key")
        for applicant in self.eligible:
            if applicant not in self.scores:
                raise MarketError(f"eligible applicant {applicant!r} has no score")

    def score_order(self) -> list[str]:
        """Every applicant, best first: higher score, then smaller identifier (the tie rule)."""
        return sorted(self.scores, key=lambda applicant: (-self.scores[applicant], applicant))


@dataclass(frozen=True)
class Result:
    assignment: dict[str, str | None]  # applicant -> programme, or None when unmatched
    rank_obtained: dict[str, int | None]  # applicant -> 1 for their first choice...
    unfilled: dict[str, int]  # programme -> places left empty (only those with some)
    proposals: int  # applications made while matching (the measure of its work)

    @property
    def unmatched(self) -> list[str]:
        return sorted(a for a, programme in self.assignment.items() if programme is None)

    def admitted(self) -> dict[str, list[str]]:
        """Programme -> its admitted applicants, in identifier order."""
        admitted: dict[str, list[str]] = {}
        for applicant, programme in sorted(self.assignment.items()):
            if programme is not None:
                admitted.setdefault(programme, []).append(applicant)
        return admitted


class _Priorities:
    """A programme's order of applicants as numbers: smaller is better, None is unacceptable."""

    def __init__(self, market: Market, order: Sequence[str]):
        self.by_score = {applicant: position for position, applicant in enumerate(order)}
        self.explicit = {
            programme: {applicant: position for position, applicant in enumerate(applicants)}
            for programme, applicants in market.rankings.items()
        }

    def of(self, programme: str) -> Mapping[str, int]:
        return self.explicit.get(programme, self.by_score)


def match(market: Market) -> Result:
    """The applicant-optimal stable matching (applicant-proposing deferred acceptance)."""
    market.check()
    if _has_reserves(market):
        return _collapse(market, _match(_expanded(market)))
    return _match(market)


def _match(market: Market) -> Result:
    order = market.score_order()
    priorities = _Priorities(market, order)
    capacities = market.capacities
    preferences = market.preferences
    rank_of = {programme: priorities.of(programme) for programme in capacities}
    held: dict[str, list[tuple[int, str]]] = {programme: [] for programme in capacities}
    next_choice = dict.fromkeys(preferences, 0)
    proposals = 0

    # A stack: the best applicant first, and a displaced applicant right away.
    waiting = [applicant for applicant in reversed(order) if applicant in preferences]
    while waiting:
        applicant = waiting.pop()
        programmes = preferences[applicant]
        choice = next_choice[applicant]
        while choice < len(programmes):
            programme = programmes[choice]
            choice += 1
            proposals += 1
            rank = rank_of[programme].get(applicant)
            if rank is None:
                continue
            admitted = held[programme]  # a max-heap of (-rank, applicant): worst on top
            if len(admitted) < capacities[programme]:
                heappush(admitted, (-rank, applicant))
                break
            if admitted and -admitted[0][0] > rank:
                displaced = heapreplace(admitted, (-rank, applicant))[1]
                waiting.append(displaced)
                break
        next_choice[applicant] = choice

    assignment: dict[str, str | None] = dict.fromkeys(preferences)
    for programme, admitted in held.items():
        for _, applicant in admitted:
            assignment[applicant] = programme
    return _result(market, assignment, proposals)


def match_programme_proposing(market: Market) -> Result:
    """The programme-optimal stable matching: programmes offer places down their order."""
    market.check()
    if _has_reserves(market):
        return _collapse(market, _match_programme_proposing(_expanded(market)))
    return _match_programme_proposing(market)


def _match_programme_proposing(market: Market) -> Result:
    priorities = _Priorities(market, market.score_order())
    preference_rank = {
        applicant: {programme: position for position, programme in enumerate(programmes)}
        for applicant, programmes in market.preferences.items()
    }
    # Each programme's candidates: the applicants who rank it and whom it accepts, best first.
    candidates: dict[str, list[str]] = {programme: [] for programme in market.capacities}
    for applicant, programmes in market.preferences.items():
        for programme in programmes:
            if applicant in priorities.of(programme):
                candidates[programme].append(applicant)
    for programme, applicants in candidates.items():
        applicants.sort(key=priorities.of(programme).__getitem__)

    next_offer = dict.fromkeys(market.capacities, 0)
    holding = dict.fromkeys(market.capacities, 0)
    assignment: dict[str, str | None] = dict.fromkeys(market.preferences)
    proposals = 0
    active = [p for p in market.capacities if market.capacities[p] > 0]
    while active:
        programme = active.pop()
        applicants = candidates[programme]
        while holding[programme] < market.capacities[programme] and next_offer[programme] < len(
            applicants
        ):
            applicant = applicants[next_offer[programme]]
            next_offer[programme] += 1
            proposals += 1
            current = assignment[applicant]
            ranks = preference_rank[applicant]
            if current is None or ranks[programme] < ranks[current]:
                assignment[applicant] = programme
                holding[programme] += 1
                if current is not None:
                    holding[current] -= 1
                    active.append(current)
    return _result(market, assignment, proposals)


def blocking_pairs(market: Market, assignment: Mapping[str, str | None]) -> list[tuple[str, str]]:
    """Pairs (applicant, programme) that would both rather be together: none in a stable match.

    Also lists an applicant placed where they, or the programme, find the pair
    unacceptable, as the pair (applicant, their programme), and raises
    MarketError when a programme holds more applicants than places.
    """
    market.check()
    if not _has_reserves(market):
        return _blocking_pairs(market, assignment)
    # Pairs of the wider market, named by the programme as applicants know it.
    pairs = _blocking_pairs(_expanded(market), _pooled(market, assignment))
    return list(dict.fromkeys((applicant, _base(programme)) for applicant, programme in pairs))


def _blocking_pairs(market: Market, assignment: Mapping[str, str | None]) -> list[tuple[str, str]]:
    priorities = _Priorities(market, market.score_order())
    admitted: dict[str, list[str]] = {programme: [] for programme in market.capacities}
    for applicant, programme in assignment.items():
        if programme is None:
            continue
        if programme not in admitted:
            raise MarketError(f"{applicant!r} is placed in unknown programme {programme!r}")
        admitted[programme].append(applicant)
    worst: dict[str, int] = {}
    for programme, applicants in admitted.items():
        if len(applicants) > market.capacities[programme]:
            raise MarketError(f"programme {programme!r} holds more applicants than places")
        if len(applicants) == market.capacities[programme]:
            # Full: only an applicant it ranks above its worst admitted can block it.
            ranks = priorities.of(programme)
            worst[programme] = max((ranks.get(a, len(ranks)) for a in applicants), default=-1)

    # Placed without having ranked anything: the place is taken by someone who never asked.
    pairs = [
        (applicant, programme)
        for applicant, programme in assignment.items()
        if programme is not None and applicant not in market.preferences
    ]
    for applicant, programmes in market.preferences.items():
        placed = assignment.get(applicant)
        if placed is not None and (
            placed not in programmes or applicant not in priorities.of(placed)
        ):
            pairs.append((applicant, placed))
        for programme in programmes:
            if programme == placed:
                break
            rank = priorities.of(programme).get(applicant)
            if rank is None:
                continue
            if programme not in worst or rank < worst[programme]:
                pairs.append((applicant, programme))
    return pairs


def _result(market: Market, assignment: dict[str, str | None], proposals: int) -> Result:
    rank_obtained = {}
    filled = dict.fromkeys(market.capacities, 0)
    for applicant, programme in assignment.items():
        if programme is None:
            rank_obtained[applicant] = None
        else:
            rank_obtained[applicant] = market.preferences[applicant].index(programme) + 1
            filled[programme] += 1
    unfilled = {
        programme: capacity - filled[programme]
        for programme, capacity in market.capacities.items()
        if capacity > filled[programme]
    }
    return Result(
        assignment=assignment, rank_obtained=rank_obtained, unfilled=unfilled, proposals=proposals
    )


# --- Reserved places: the wider market of decision 0012 -------------------------------------

_RESERVED = " [reserved]"


def _reserved_key(programme: str) -> str:
    return programme + _RESERVED


def _base(programme: str) -> str:
    return programme.removesuffix(_RESERVED)


def _has_reserves(market: Market) -> bool:
    return any(market.reserved.values())


def _expanded(market: Market) -> Market:
    """Each programme with reserved places split in two; eligible applicants ask its reserve first.

    The reserve keeps the programme's order; nobody else ranks it, so only
    eligible applicants can hold it.
    """
    capacities = dict(market.capacities)
    rankings = dict(market.rankings)
    split = {programme for programme, places in market.reserved.items() if places}
    for programme in split:
        capacities[programme] -= market.reserved[programme]
        capacities[_reserved_key(programme)] = market.reserved[programme]
        if programme in market.rankings:
            rankings[_reserved_key(programme)] = market.rankings[programme]
    preferences = {}
    for applicant, programmes in market.preferences.items():
        if applicant in market.eligible:
            preferences[applicant] = [
                key
                for programme in programmes
                for key in (
                    (_reserved_key(programme), programme) if programme in split else (programme,)
                )
            ]
        else:
            preferences[applicant] = programmes
    return Market(
        preferences=preferences, capacities=capacities, scores=market.scores, rankings=rankings
    )


def _collapse(market: Market, wide: Result) -> Result:
    assignment = {
        applicant: None if programme is None else _base(programme)
        for applicant, programme in wide.assignment.items()
    }
    return _result(market, assignment, wide.proposals)


def _pooled(market: Market, assignment: Mapping[str, str | None]) -> dict[str, str | None]:
    """Which of a programme's places each admitted applicant holds, as a stable match has it.

    In a stable match a programme's best-ranked eligible admitted applicants
    hold its reserved places (any other split has a blocking pair), so the
    split follows from the assignment alone.
    """
    pooled = dict(assignment)
    admitted: dict[str, list[str]] = {}
    for applicant, programme in assignment.items():
        if programme in market.reserved and applicant in market.eligible:
            admitted.setdefault(programme, []).append(applicant)
    order = market.score_order()
    by_score = {applicant: position for position, applicant in enumerate(order)}
    for programme, applicants in admitted.items():
        ranks = by_score
        if programme in market.rankings:
            ranks = {a: i for i, a in enumerate(market.rankings[programme])}
        applicants.sort(key=lambda a: ranks.get(a, len(ranks)))
        for applicant in applicants[: market.reserved[programme]]:
            pooled[applicant] = _reserved_key(programme)
    return pooled
