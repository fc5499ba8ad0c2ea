"""The deferred-acceptance match (edusalud.admissions.matching): properties and known answers.

No database: the module is plain Python. Random markets come from Hypothesis;
stability is checked both with the module's own `blocking_pairs` and with an
independent reference written here, and tiny markets are solved by brute force
(every assignment enumerated) to check the optimality claims. The results are
also compared with the PyPI package `matching` (a test dependency).

Applicant identifiers in the random markets are bare numbers ("0" ... "11"),
so their text order ("10" < "2") differs from their numeric order, which is
what the tie rule (identifier ascending *as text*) is about.
"""

import dataclasses
import itertools
import warnings
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edusalud.admissions.matching import (
    Market,
    MarketError,
    blocking_pairs,
    match,
    match_programme_proposing,
)

# database=None: no example database written under .hypothesis/.
PROPERTY = settings(max_examples=300, deadline=None, database=None)
CROSS_CHECK = settings(max_examples=100, deadline=None, database=None)
BRUTE_FORCE = settings(max_examples=150, deadline=None, database=None)


# --- Random markets -------------------------------------------------------------------------


@st.composite
def markets(
    draw,
    *,
    rankings="some",
    kinds=("score", "permutation", "subset"),
    programmes=(1, 8),
    applicants=(0, 12),
    capacity=(0, 3),
    full_lists=False,
    balanced=False,
):
    """A small random market.

    rankings: "none" (every programme orders by score), "some" (a random set of
    programmes has an explicit ranking) or "all" (every programme has one). Each
    explicit ranking is of one of `kinds`: "score" (the full score order with the
    tie rule), "permutation" (everybody in random order) or "subset" (a random
    subset of the people in random order).
    """
    programmes = [f"P{i}" for i in range(draw(st.integers(*programmes)))]
    capacities = {programme: draw(st.integers(*capacity)) for programme in programmes}
    if balanced:  # as many applicants as places: the most contested case
        applicants = [str(i) for i in range(sum(capacities.values()))]
    else:
        applicants = [str(i) for i in range(draw(st.integers(*applicants)))]
    preferences = {}
    for applicant in applicants:
        order = draw(st.permutations(programmes))
        preferences[applicant] = (
            order if full_lists else order[: draw(st.integers(0, len(programmes)))]
        )
    # People with a score who applied nowhere: they take part in the score order and in
    # the rankings only, and must never appear in a result.
    bystanders = [f"x{i}" for i in range(draw(st.integers(0, 2)))]
    people = applicants + bystanders
    # A small range of scores, so that ties are frequent.
    scores = {person: draw(st.integers(60, 64)) for person in people}

    explicit = {}
    for programme in programmes:
        if rankings == "none" or (rankings == "some" and not draw(st.booleans())):
            continue
        kind = draw(st.sampled_from(kinds))
        if kind == "score":
            explicit[programme] = sorted(people, key=lambda p: (-scores[p], p))
        elif kind == "permutation":
            explicit[programme] = draw(st.permutations(people))
        else:
            explicit[programme] = (
                draw(st.lists(st.sampled_from(people), unique=True)) if people else []
            )
    return Market(preferences, capacities, scores, explicit)


# Loose markets: short lists, spare places, explicit rankings here and there; few conflicts.
LOOSE = markets()
# As many applicants as places, full lists, random explicit rankings on every side: the
# two sides' interests clash, so the applicant- and programme-optimal matchings often differ.
CONTESTED = markets(
    rankings="all",
    kinds=("permutation",),
    programmes=(2, 6),
    capacity=(1, 2),
    full_lists=True,
    balanced=True,
)
ANY_MARKET = st.one_of(LOOSE, CONTESTED)
# Small enough to enumerate every assignment.
TINY_MARKET = st.one_of(
    markets(programmes=(1, 3), applicants=(0, 5), capacity=(0, 2)),
    markets(
        rankings="all",
        kinds=("permutation",),
        programmes=(2, 3),
        capacity=(1, 2),
        full_lists=True,
        balanced=True,
    ),
)


def _reordered(data, mapping):
    """The same mapping with its keys inserted in a random order."""
    return dict(data.draw(st.permutations(list(mapping.items()))))


# --- Reference implementations, written independently of the module ------------------------


def _programme_accepts(market, applicant, programme):
    ranking = market.rankings.get(programme)
    return ranking is None or applicant in ranking


def _programme_key(market, programme):
    """A sort key over applicants for the programme: smaller is better."""
    if programme in market.rankings:
        position = {a: i for i, a in enumerate(market.rankings[programme])}
        return lambda applicant: position.get(applicant, len(position))  # unacceptable: last
    return lambda applicant: (-market.scores[applicant], applicant)


def _reference_blocking_pairs(market, assignment):
    """The set that `blocking_pairs` should return, by the textbook definition."""
    admitted = {programme: [] for programme in market.capacities}
    for applicant, programme in assignment.items():
        if programme is not None:
            admitted[programme].append(applicant)
    pairs = set()
    for applicant, programmes in market.preferences.items():
        placed = assignment.get(applicant)
        if placed is not None and not (
            placed in programmes and _programme_accepts(market, applicant, placed)
        ):
            pairs.add((applicant, placed))
        # A programme the applicant did not rank is worse for them than anything they ranked.
        better = programmes[: programmes.index(placed)] if placed in programmes else programmes
        for programme in better:
            if not _programme_accepts(market, applicant, programme):
                continue
            key = _programme_key(market, programme)
            if len(admitted[programme]) < market.capacities[programme] or any(
                key(applicant) < key(other) for other in admitted[programme]
            ):
                pairs.add((applicant, programme))
    return pairs


def _serial_dictatorship(market):
    """Applicants by score desc, then identifier asc; each takes their best programme with room."""
    room = dict(market.capacities)
    assignment = {}
    for applicant in sorted(market.preferences, key=lambda a: (-market.scores[a], a)):
        choice = next((p for p in market.preferences[applicant] if room[p] > 0), None)
        assignment[applicant] = choice
        if choice is not None:
            room[choice] -= 1
    return assignment


def _stable_matchings(market):
    """Every stable matching, by enumerating every assignment (tiny markets only)."""
    applicants = list(market.preferences)
    options = [
        [None, *(p for p in market.preferences[a] if _programme_accepts(market, a, p))]
        for a in applicants
    ]
    stable = []
    for choice in itertools.product(*options):
        counts = Counter(p for p in choice if p is not None)
        if any(counts[p] > market.capacities[p] for p in counts):
            continue
        assignment = dict(zip(applicants, choice, strict=True))
        if not _reference_blocking_pairs(market, assignment):
            stable.append(assignment)
    return stable


def _rank(market, applicant, programme):
    """The applicant's rank of the programme; unmatched counts as infinitely bad."""
    if programme is None:
        return float("inf")
    return market.preferences[applicant].index(programme) + 1


def _counts(assignment):
    return Counter(p for p in assignment.values() if p is not None)


# --- Properties of match() -------------------------------------------------------------------


@PROPERTY
@given(ANY_MARKET)
def test_match_is_stable(market):
    result = match(market)

    assert blocking_pairs(market, result.assignment) == []
    assert _reference_blocking_pairs(market, result.assignment) == set()


@PROPERTY
@given(ANY_MARKET)
def test_match_respects_capacities_and_acceptability(market):
    result = match(market)

    assert set(result.assignment) == set(market.preferences)
    for programme, count in _counts(result.assignment).items():
        assert count <= market.capacities[programme]
    for applicant, programme in result.assignment.items():
        if programme is not None:
            assert programme in market.preferences[applicant]
            assert _programme_accepts(market, applicant, programme)


@PROPERTY
@given(ANY_MARKET)
def test_result_fields_agree_with_the_assignment(market):
    for result in (match(market), match_programme_proposing(market)):
        for applicant, programme in result.assignment.items():
            expected = None if programme is None else _rank(market, applicant, programme)
            assert result.rank_obtained[applicant] == expected
        assert set(result.rank_obtained) == set(result.assignment)

        counts = _counts(result.assignment)
        expected_unfilled = {
            p: c - counts[p] for p, c in market.capacities.items() if c > counts[p]
        }
        assert result.unfilled == expected_unfilled

        assert result.unmatched == sorted(a for a, p in result.assignment.items() if p is None)
        admitted = result.admitted()
        assert admitted == {
            p: sorted(a for a, q in result.assignment.items() if q == p) for p in counts
        }
        # Each applicant proposes (or is offered) each pair at most once.
        assert result.proposals <= sum(len(p) for p in market.preferences.values())


@PROPERTY
@given(ANY_MARKET, st.data())
def test_result_does_not_depend_on_input_order(market, data):
    shuffled = Market(
        preferences=_reordered(data, market.preferences),
        capacities=_reordered(data, market.capacities),
        scores=_reordered(data, market.scores),
        rankings=_reordered(data, market.rankings),
    )

    original, again = match(market), match(shuffled)
    assert again.assignment == original.assignment
    assert again.rank_obtained == original.rank_obtained
    assert again.unfilled == original.unfilled
    assert again.proposals == original.proposals

    original, again = match_programme_proposing(market), match_programme_proposing(shuffled)
    assert again.assignment == original.assignment
    assert again.unfilled == original.unfilled


@PROPERTY
@given(ANY_MARKET)
def test_programme_proposing_is_stable_and_rural_hospitals_theorem_holds(market):
    applicant_optimal = match(market)
    programme_optimal = match_programme_proposing(market)

    assert blocking_pairs(market, programme_optimal.assignment) == []
    assert _reference_blocking_pairs(market, programme_optimal.assignment) == set()
    for programme, count in _counts(programme_optimal.assignment).items():
        assert count <= market.capacities[programme]
    # Rural hospitals: the same applicants are matched, each programme fills as many places.
    assert programme_optimal.unmatched == applicant_optimal.unmatched
    assert _counts(programme_optimal.assignment) == _counts(applicant_optimal.assignment)
    assert programme_optimal.unfilled == applicant_optimal.unfilled


@PROPERTY
@given(ANY_MARKET)
def test_every_applicant_weakly_prefers_the_applicant_optimal_matching(market):
    applicant_optimal = match(market).assignment
    programme_optimal = match_programme_proposing(market).assignment

    for applicant in market.preferences:
        assert _rank(market, applicant, applicant_optimal[applicant]) <= _rank(
            market, applicant, programme_optimal[applicant]
        )


@BRUTE_FORCE
@given(TINY_MARKET)
def test_optimality_against_every_stable_matching(market):
    stable = _stable_matchings(market)
    applicant_optimal = match(market).assignment
    programme_optimal = match_programme_proposing(market).assignment

    assert applicant_optimal in stable
    assert programme_optimal in stable
    for other in stable:
        for applicant in market.preferences:
            rank = _rank(market, applicant, other[applicant])
            assert _rank(market, applicant, applicant_optimal[applicant]) <= rank
            assert _rank(market, applicant, programme_optimal[applicant]) >= rank


# Explicit rankings leaving people out, so that random placements are often unacceptable.
PARTIAL_RANKINGS = markets(
    rankings="all", kinds=("subset", "permutation"), programmes=(1, 4), applicants=(1, 8)
)


@PROPERTY
@given(st.one_of(ANY_MARKET, PARTIAL_RANKINGS), st.data())
def test_blocking_pairs_agrees_with_the_reference_on_any_assignment(market, data):
    # Any assignment within capacities, including unranked and unacceptable placements.
    room = dict(market.capacities)
    assignment = {}
    for applicant in market.preferences:
        choice = data.draw(st.sampled_from([None, *market.capacities]))
        if choice is not None and room[choice] == 0:
            choice = None
        if choice is not None:
            room[choice] -= 1
        assignment[applicant] = choice

    found = blocking_pairs(market, assignment)
    assert len(found) == len(set(found))
    assert set(found) == _reference_blocking_pairs(market, assignment)


# --- Serial dictatorship ---------------------------------------------------------------------


@PROPERTY
@given(markets(rankings="none"))
def test_without_explicit_rankings_match_is_serial_dictatorship(market):
    result = match(market)

    assert result.assignment == _serial_dictatorship(market)
    # Nobody is displaced: each applicant proposes down to their place, or through their list.
    assert result.proposals == sum(
        result.rank_obtained[a] or len(market.preferences[a]) for a in market.preferences
    )
    # With a common order there is a single stable matching.
    assert match_programme_proposing(market).assignment == result.assignment


# --- Cross-check with the PyPI package `matching` -------------------------------------------


def _hospital_resident_class():
    # matching/__init__.py runs warnings.simplefilter("always") on import: keep it contained.
    with warnings.catch_warnings():
        from matching.games import HospitalResident
    return HospitalResident


def _package_assignment(market, optimal):
    """Solve the market with `matching`; every programme must have an explicit ranking.

    The package wants mutually consistent lists (a resident ranks only hospitals
    that rank them and each hospital ranks exactly the residents who rank it),
    no empty lists and capacities of at least one (matching/games/hospital_resident.py,
    check_inputs): restrict both sides to the mutually acceptable pairs and drop
    whoever is left with nothing.
    """
    open_programmes = {p for p, c in market.capacities.items() if c > 0}
    resident_prefs = {}
    for applicant, programmes in market.preferences.items():
        acceptable = [
            p for p in programmes if p in open_programmes and applicant in market.rankings[p]
        ]
        if acceptable:
            resident_prefs[applicant] = acceptable
    hospital_prefs = {}
    for programme in open_programmes:
        ranked = [a for a in market.rankings[programme] if programme in resident_prefs.get(a, ())]
        if ranked:
            hospital_prefs[programme] = ranked
    capacities = {p: market.capacities[p] for p in hospital_prefs}

    assignment = dict.fromkeys(market.preferences)
    if not resident_prefs:
        return assignment
    hospital_resident = _hospital_resident_class()
    with warnings.catch_warnings():
        # A warning from the package means the input broke one of its rules: fail loudly.
        warnings.simplefilter("error")
        game = hospital_resident.create_from_dictionaries(
            resident_prefs, hospital_prefs, capacities
        )
        solution = game.solve(optimal=optimal)
    for hospital in solution.keys():  # noqa: SIM118 (a dict subclass that overrides keys())
        for resident in solution[hospital]:
            assert assignment[resident.name] is None
            assignment[resident.name] = hospital.name
    return assignment


@CROSS_CHECK
@given(st.one_of(markets(rankings="all"), CONTESTED))
def test_match_equals_the_matching_package(market):
    assert match(market).assignment == _package_assignment(market, "resident")
    assert match_programme_proposing(market).assignment == _package_assignment(market, "hospital")


# --- Textbook and hand-made instances --------------------------------------------------------


def _flat_scores(people):
    """Scores for instances decided by explicit rankings: all equal, they play no part."""
    return dict.fromkeys(people, 70.0)


def test_classic_three_by_three_where_the_two_sides_disagree():
    # The usual one-to-one example where the proposing side gets its way:
    # applicants A: X>Y>Z, B: Y>X>Z, C: X>Y>Z; programmes X: B>A>C, Y: A>B>C, Z: A>B>C.
    # Applicants propose: A->X, B->Y, C->X; X keeps A over C; C->Y, refused (Y holds B);
    # C->Z. So A-X, B-Y, C-Z. Programmes propose: X->B, Y->A, Z->A; A keeps Y over Z;
    # Z->B, refused (B holds X); Z->C. So A-Y, B-X, C-Z.
    market = Market(
        preferences={"A": ["X", "Y", "Z"], "B": ["Y", "X", "Z"], "C": ["X", "Y", "Z"]},
        capacities={"X": 1, "Y": 1, "Z": 1},
        scores=_flat_scores("ABC"),
        rankings={"X": ["B", "A", "C"], "Y": ["A", "B", "C"], "Z": ["A", "B", "C"]},
    )

    applicant_optimal = match(market)
    programme_optimal = match_programme_proposing(market)

    assert applicant_optimal.assignment == {"A": "X", "B": "Y", "C": "Z"}
    assert applicant_optimal.rank_obtained == {"A": 1, "B": 1, "C": 3}
    assert applicant_optimal.unfilled == {}
    assert programme_optimal.assignment == {"A": "Y", "B": "X", "C": "Z"}
    assert programme_optimal.rank_obtained == {"A": 2, "B": 2, "C": 3}


def test_gale_shapley_cyclic_example_with_three_stable_matchings():
    # Gale and Shapley (1962), "College Admissions and the Stability of Marriage", Amer.
    # Math. Monthly 69: the 3x3 example with cyclic preferences and three stable matchings.
    # Men (applicants) a: A>B>C, b: B>C>A, c: C>A>B; women (programmes)
    # A: b>c>a, B: c>a>b, C: a>b>c. Every man gets his first choice when men propose,
    # every woman hers when women propose, and everybody gets their second choice in
    # the third stable matching.
    market = Market(
        preferences={"a": ["A", "B", "C"], "b": ["B", "C", "A"], "c": ["C", "A", "B"]},
        capacities={"A": 1, "B": 1, "C": 1},
        scores=_flat_scores("abc"),
        rankings={"A": ["b", "c", "a"], "B": ["c", "a", "b"], "C": ["a", "b", "c"]},
    )

    assert match(market).assignment == {"a": "A", "b": "B", "c": "C"}
    assert match_programme_proposing(market).assignment == {"a": "C", "b": "A", "c": "B"}
    middle = {"a": "B", "b": "C", "c": "A"}
    assert blocking_pairs(market, middle) == []
    assert _stable_matchings(market) == [
        {"a": "A", "b": "B", "c": "C"},
        {"a": "B", "b": "C", "c": "A"},
        {"a": "C", "b": "A", "c": "B"},
    ]


def test_many_to_one_with_displacement():
    # Hand-made hospital/resident instance, worked out by hand.
    # Residents: A: C; S: C>M; D: C>M>G; J: C>G>M; L: M>C>G.
    # Hospitals (2 places each): M: D>L>S>J; C: D>A>S>L>J; G: D>J>L.
    # Residents propose (in any order, the result is the same): C ends up with its two
    # best proposers D and A; S, displaced from C, goes to M; J, refused by C, goes to
    # G; L gets M, its first choice. M: L, S; C: A, D; G: J (one place left).
    # It is the only stable matching, so hospitals proposing give the same.
    market = Market(
        preferences={
            "A": ["C"],
            "S": ["C", "M"],
            "D": ["C", "M", "G"],
            "J": ["C", "G", "M"],
            "L": ["M", "C", "G"],
        },
        capacities={"M": 2, "C": 2, "G": 2},
        scores=_flat_scores("ASDJL"),
        rankings={
            "M": ["D", "L", "S", "J"],
            "C": ["D", "A", "S", "L", "J"],
            "G": ["D", "J", "L"],
        },
    )

    expected = {"A": "C", "S": "M", "D": "C", "J": "G", "L": "M"}
    result = match(market)
    assert result.assignment == expected
    assert result.admitted() == {"C": ["A", "D"], "G": ["J"], "M": ["L", "S"]}
    assert result.rank_obtained == {"A": 1, "S": 2, "D": 1, "J": 2, "L": 1}
    assert result.unfilled == {"G": 1}
    assert match_programme_proposing(market).assignment == expected
    assert _stable_matchings(market) == [expected]


def test_many_to_one_by_score_with_an_unmatched_applicant_and_an_unfilled_place():
    # Hand-made, ranked by score (no explicit rankings). Cardiology has 2 places,
    # Pediatrics 1, Surgery 3. In score order:
    #   r1 (95): Pediatrics > Cardiology   -> Pediatrics
    #   r2 (90): Pediatrics > Cardiology   -> Cardiology (Pediatrics full)
    #   r3 (85): Cardiology                -> Cardiology
    #   r4 (80): Pediatrics > Cardiology   -> unmatched (both full)
    #   r5 (75): Surgery                   -> Surgery; Surgery keeps 2 places empty.
    market = Market(
        preferences={
            "r4": ["PED", "CAR"],
            "r1": ["PED", "CAR"],
            "r5": ["SUR"],
            "r3": ["CAR"],
            "r2": ["PED", "CAR"],
        },
        capacities={"CAR": 2, "PED": 1, "SUR": 3},
        scores={"r1": 95, "r2": 90, "r3": 85, "r4": 80, "r5": 75},
    )

    result = match(market)

    assert result.assignment == {"r1": "PED", "r2": "CAR", "r3": "CAR", "r4": None, "r5": "SUR"}
    assert result.unmatched == ["r4"]
    assert result.rank_obtained["r4"] is None
    assert result.unfilled == {"SUR": 2}
    assert blocking_pairs(market, result.assignment) == []


def test_programme_with_capacity_zero_takes_nobody_and_is_not_listed_as_unfilled():
    market = Market(
        preferences={"a": ["CLOSED", "OPEN"], "b": ["CLOSED"]},
        capacities={"CLOSED": 0, "OPEN": 1},
        scores={"a": 80, "b": 90},
    )

    for result in (match(market), match_programme_proposing(market)):
        assert result.assignment == {"a": "OPEN", "b": None}
        assert result.rank_obtained == {"a": 2, "b": None}
        assert result.unfilled == {}
    assert blocking_pairs(market, {"a": "OPEN", "b": None}) == []
    with pytest.raises(MarketError):
        blocking_pairs(market, {"a": "OPEN", "b": "CLOSED"})


def test_equal_scores_are_broken_by_identifier_as_text():
    # "10" < "9" as text (not as numbers): "10" gets the only place.
    market = Market(
        preferences={"9": ["P"], "10": ["P"]}, capacities={"P": 1}, scores={"9": 70, "10": 70}
    )

    assert match(market).assignment == {"9": None, "10": "P"}
    assert match_programme_proposing(market).assignment == {"9": None, "10": "P"}
    assert blocking_pairs(market, {"9": "P", "10": None}) == [("10", "P")]


def test_a_higher_score_displaces_regardless_of_proposal_order():
    # Ranked by score, the better applicant wins the place even if listed last,
    # and the loser falls back to her second choice.
    market = Market(
        preferences={"low": ["P", "Q"], "high": ["P"]},
        capacities={"P": 1, "Q": 1},
        scores={"low": 61.5, "high": 88.25},
    )

    assert match(market).assignment == {"low": "Q", "high": "P"}


def test_an_applicant_absent_from_an_explicit_ranking_is_unacceptable():
    # P ranks only "b": "a" is not admitted even though P has room, and P's ranking
    # beats the score order ("a" has the higher score).
    market = Market(
        preferences={"a": ["P", "Q"], "b": ["P"], "c": ["P"]},
        capacities={"P": 2, "Q": 1},
        scores={"a": 99, "b": 50, "c": 40},
        rankings={"P": ["b", "c"]},
    )

    assert match(market).assignment == {"a": "Q", "b": "P", "c": "P"}
    market = Market(
        preferences={"a": ["P"], "b": ["P"]},
        capacities={"P": 2},
        scores={"a": 99, "b": 50},
        rankings={"P": ["b"]},
    )
    result = match(market)
    assert result.assignment == {"a": None, "b": "P"}
    assert result.unfilled == {"P": 1}


# --- blocking_pairs on hand-made assignments -------------------------------------------------


def _three_by_three():
    return Market(
        preferences={"A": ["X", "Y", "Z"], "B": ["Y", "X", "Z"], "C": ["X", "Y", "Z"]},
        capacities={"X": 1, "Y": 1, "Z": 1},
        scores=_flat_scores("ABC"),
        rankings={"X": ["B", "A", "C"], "Y": ["A", "B", "C"], "Z": ["A", "B", "C"]},
    )


def test_blocking_pairs_finds_the_pairs_after_swapping_two_applicants():
    market = _three_by_three()
    assert blocking_pairs(market, {"A": "X", "B": "Y", "C": "Z"}) == []

    # Swap A and C: A (at Z) prefers X and Y; X prefers A to C, Y prefers A to B.
    assert sorted(blocking_pairs(market, {"A": "Z", "B": "Y", "C": "X"})) == [
        ("A", "X"),
        ("A", "Y"),
    ]
    # Swap A and B: both move to their second choice, but each programme then holds
    # someone it ranks first (X: B, Y: A): stable, it is the programme-optimal matching.
    assert blocking_pairs(market, {"A": "Y", "B": "X", "C": "Z"}) == []


def test_blocking_pairs_by_score():
    market = Market(
        preferences={"a": ["P", "Q"], "b": ["P", "Q"]},
        capacities={"P": 1, "Q": 1},
        scores={"a": 90, "b": 80},
    )

    assert blocking_pairs(market, {"a": "P", "b": "Q"}) == []
    assert blocking_pairs(market, {"a": "Q", "b": "P"}) == [("a", "P")]
    # An unmatched applicant and a programme with room block.
    assert blocking_pairs(market, {"a": "P", "b": None}) == [("b", "Q")]
    assert sorted(blocking_pairs(market, {"a": None, "b": None})) == [
        ("a", "P"),
        ("a", "Q"),
        ("b", "P"),
        ("b", "Q"),
    ]


def test_blocking_pairs_refuses_an_over_full_programme():
    market = Market(
        preferences={"a": ["P"], "b": ["P"]}, capacities={"P": 1}, scores={"a": 90, "b": 80}
    )

    with pytest.raises(MarketError, match="more applicants than places"):
        blocking_pairs(market, {"a": "P", "b": "P"})


def test_blocking_pairs_lists_an_unranked_or_unacceptable_placement():
    market = Market(
        preferences={"a": ["P"], "b": ["Q"]},
        capacities={"P": 1, "Q": 1, "R": 1},
        scores={"a": 90, "b": 80},
        rankings={"Q": ["a"]},
    )

    # a was put in R, which a did not rank; P (ranked by a, with room) blocks too.
    assert sorted(blocking_pairs(market, {"a": "R", "b": None})) == [("a", "P"), ("a", "R")]
    # b was put in Q, whose ranking does not include b.
    assert blocking_pairs(market, {"a": "P", "b": "Q"}) == [("b", "Q")]
    # Q is full, but with b, whom it does not accept: a, whom it accepts, blocks with it.
    market = Market(
        preferences={"a": ["Q", "P"], "b": ["Q"]},
        capacities={"P": 1, "Q": 1},
        scores={"a": 90, "b": 80},
        rankings={"Q": ["a"]},
    )
    assert sorted(blocking_pairs(market, {"a": "P", "b": "Q"})) == [("a", "Q"), ("b", "Q")]


def test_blocking_pairs_flags_a_place_given_to_someone_who_ranked_nothing():
    market = Market({"a": ["P"]}, {"P": 1}, {"a": 1, "x": 2})

    # x outscores a, so P prefers x: only the placement itself is wrong.
    assert blocking_pairs(market, {"a": None, "x": "P"}) == [("x", "P")]


def test_blocking_pairs_refuses_a_placement_in_an_unknown_programme():
    market = Market({"a": ["P"]}, {"P": 1}, {"a": 1})

    with pytest.raises(MarketError, match="unknown programme 'NOPE'"):
        blocking_pairs(market, {"a": "NOPE"})


# --- Market.check() refusals -----------------------------------------------------------------


REFUSED = {
    "unknown programme": (
        Market({"a": ["P", "NOPE"]}, {"P": 1}, {"a": 80}),
        "unknown 'NOPE'",
    ),
    "programme ranked twice": (
        Market({"a": ["P", "Q", "P"]}, {"P": 1, "Q": 1}, {"a": 80}),
        "ranks a programme twice",
    ),
    "no score": (
        Market({"a": ["P"], "b": ["P"]}, {"P": 1}, {"a": 80}),
        "'b' has preferences but no score",
    ),
    "negative capacity": (
        Market({"a": ["P"]}, {"P": 1, "Q": -1}, {"a": 80}),
        "'Q' needs a whole number of places",
    ),
    "fractional capacity": (
        Market({"a": ["P"], "b": ["P"]}, {"P": 1.5}, {"a": 80, "b": 70}),
        "'P' needs a whole number of places",
    ),
    "score that is not a number": (
        Market({"a": ["P"], "b": ["P"]}, {"P": 1}, {"a": float("nan"), "b": 80}),
        "'a' has no finite score",
    ),
    "ranking of unknown programme": (
        Market({"a": ["P"]}, {"P": 1}, {"a": 80}, {"GHOST": ["a"]}),
        "unknown programme 'GHOST'",
    ),
    "applicant ranked twice": (
        Market({"a": ["P"]}, {"P": 1}, {"a": 80}, {"P": ["a", "a"]}),
        "ranks an applicant twice",
    ),
    "more places reserved than offered": (
        Market({"a": ["P"]}, {"P": 1}, {"a": 80}, reserved={"P": 2}),
        "'P' reserves more places than it has",
    ),
    "reserve of unknown programme": (
        Market({"a": ["P"]}, {"P": 1}, {"a": 80}, reserved={"GHOST": 1}),
        "reserved places of unknown programme 'GHOST'",
    ),
    "eligible applicant without a score": (
        Market({"a": ["P"]}, {"P": 1}, {"a": 80}, reserved={"P": 1}, eligible=frozenset("z")),
        "eligible applicant 'z' has no score",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_check_refuses_inconsistent_data(case):
    market, message = REFUSED[case]

    with pytest.raises(MarketError, match=message):
        market.check()
    for function in (match, match_programme_proposing):
        with pytest.raises(MarketError, match=message):
            function(market)
    with pytest.raises(MarketError, match=message):
        blocking_pairs(market, {})


def test_check_accepts_a_consistent_market():
    market = Market(
        preferences={"a": ["P", "Q"], "b": []},
        capacities={"P": 0, "Q": 2},
        scores={"a": 80, "b": 70, "c": 60},
        rankings={"Q": ["c", "a"]},
    )

    market.check()  # no exception
    assert match(market).assignment == {"a": "Q", "b": None}


# --- Reserved places (decision 0012) ---------------------------------------------------------


@st.composite
def with_reserves(draw, base):
    """A market of `base` where programmes reserve some places and some people are eligible."""
    market = draw(base)
    reserved = {p: draw(st.integers(0, c)) for p, c in market.capacities.items()}
    people = sorted(market.scores)
    eligible = draw(st.lists(st.sampled_from(people), unique=True)) if people else []
    return dataclasses.replace(market, reserved=reserved, eligible=frozenset(eligible))


RESERVED_MARKET = with_reserves(ANY_MARKET)
TINY_RESERVED_MARKET = with_reserves(TINY_MARKET)


def _pools(market, programme, admitted):
    """(reserved, general) holders: the programme's best eligible admitted hold the reserve."""
    key = _programme_key(market, programme)
    eligible = sorted((a for a in admitted if a in market.eligible), key=key)
    reserve = eligible[: market.reserved.get(programme, 0)]
    return reserve, [a for a in admitted if a not in reserve]


def _reference_reserved_feasible(market, assignment):
    admitted = {programme: [] for programme in market.capacities}
    for applicant, programme in assignment.items():
        if programme is not None:
            admitted[programme].append(applicant)
    for programme, applicants in admitted.items():
        _reserve, general = _pools(market, programme, applicants)
        open_places = market.capacities[programme] - market.reserved.get(programme, 0)
        if len(general) > open_places:
            return False
    return True


def _reference_reserved_blocking_pairs(market, assignment):
    """The textbook definition with two kinds of place: a reserve for the eligible, the rest."""
    admitted = {programme: [] for programme in market.capacities}
    for applicant, programme in assignment.items():
        if programme is not None:
            admitted[programme].append(applicant)
    pairs = set()
    for applicant, programmes in market.preferences.items():
        placed = assignment.get(applicant)
        better = programmes[: programmes.index(placed)] if placed in programmes else programmes
        for programme in better:
            if not _programme_accepts(market, applicant, programme):
                continue
            key = _programme_key(market, programme)
            reserve, general = _pools(market, programme, admitted[programme])
            reserved = market.reserved.get(programme, 0)
            open_places = market.capacities[programme] - reserved
            seats = [(general, open_places)]
            if applicant in market.eligible:
                seats.append((reserve, reserved))
            if any(
                len(holders) < size or any(key(applicant) < key(other) for other in holders)
                for holders, size in seats
            ):
                pairs.add((applicant, programme))
    return pairs


def _reserved_stable_matchings(market):
    applicants = list(market.preferences)
    options = [
        [None, *(p for p in market.preferences[a] if _programme_accepts(market, a, p))]
        for a in applicants
    ]
    stable = []
    for choice in itertools.product(*options):
        assignment = dict(zip(applicants, choice, strict=True))
        if _reference_reserved_feasible(market, assignment) and not (
            _reference_reserved_blocking_pairs(market, assignment)
        ):
            stable.append(assignment)
    return stable


@PROPERTY
@given(RESERVED_MARKET)
def test_match_with_reserved_places_is_stable_and_keeps_the_reserve(market):
    for result in (match(market), match_programme_proposing(market)):
        assert _reference_reserved_feasible(market, result.assignment)
        assert _reference_reserved_blocking_pairs(market, result.assignment) == set()
        assert blocking_pairs(market, result.assignment) == []
        for applicant, programme in result.assignment.items():
            expected = None if programme is None else _rank(market, applicant, programme)
            assert result.rank_obtained[applicant] == expected
        counts = _counts(result.assignment)
        assert result.unfilled == {
            p: c - counts[p] for p, c in market.capacities.items() if c > counts[p]
        }


@BRUTE_FORCE
@given(TINY_RESERVED_MARKET)
def test_reserved_places_optimality_and_rural_hospitals_against_every_stable_matching(market):
    stable = _reserved_stable_matchings(market)
    best, worst = match(market).assignment, match_programme_proposing(market).assignment

    assert best in stable
    assert worst in stable
    for other in stable:
        for applicant in market.preferences:
            assert _rank(market, applicant, best[applicant]) <= _rank(
                market, applicant, other[applicant]
            )
        assert {a for a, p in other.items() if p} == {a for a, p in best.items() if p}
        assert _counts(other) == _counts(best)


@PROPERTY
@given(RESERVED_MARKET, st.data())
def test_reserved_result_does_not_depend_on_input_order(market, data):
    shuffled = dataclasses.replace(
        market,
        preferences=_reordered(data, market.preferences),
        capacities=_reordered(data, market.capacities),
        scores=_reordered(data, market.scores),
        reserved=_reordered(data, market.reserved),
    )

    assert match(shuffled).assignment == match(market).assignment


@PROPERTY
@given(RESERVED_MARKET)
def test_a_reserve_for_everyone_is_no_reserve_and_one_for_nobody_removes_its_places(market):
    everyone = dataclasses.replace(market, eligible=frozenset(market.scores))
    unreserved = dataclasses.replace(market, reserved={}, eligible=frozenset())
    assert match(everyone).assignment == match(unreserved).assignment

    nobody = dataclasses.replace(market, eligible=frozenset())
    reduced = dataclasses.replace(
        unreserved,
        capacities={p: c - market.reserved[p] for p, c in market.capacities.items()},
    )
    assert match(nobody).assignment == match(reduced).assignment


def test_a_reserved_place_goes_to_the_eligible_applicant_below_a_higher_score():
    market = Market(
        preferences={"m1": ["P", "Q"], "m2": ["P", "Q"], "f1": ["P", "Q"], "f2": ["P", "Q"]},
        capacities={"P": 2, "Q": 2},
        scores={"m1": 90, "m2": 80, "f1": 70, "f2": 60},
        reserved={"P": 1},
        eligible=frozenset({"f1", "f2"}),
    )

    result = match(market)

    # m1 takes P's open place; f1 its reserved one; m2 outscores f1 but may not take it.
    assert result.assignment == {"m1": "P", "m2": "Q", "f1": "P", "f2": "Q"}
    assert result.rank_obtained == {"m1": 1, "m2": 2, "f1": 1, "f2": 2}
    assert result.unfilled == {}


def test_an_eligible_applicant_also_competes_for_the_open_places():
    market = Market(
        preferences={"f1": ["P"], "f2": ["P"], "m1": ["P"]},
        capacities={"P": 2},
        scores={"f1": 90, "f2": 85, "m1": 80},
        reserved={"P": 1},
        eligible=frozenset({"f1", "f2"}),
    )

    assert match(market).assignment == {"f1": "P", "f2": "P", "m1": None}


def test_a_reserved_place_nobody_eligible_wants_stays_unfilled():
    market = Market(
        preferences={"m1": ["P"], "m2": ["P"]},
        capacities={"P": 2},
        scores={"m1": 90, "m2": 80},
        reserved={"P": 1},
    )

    result = match(market)

    assert result.assignment == {"m1": "P", "m2": None}
    assert result.unfilled == {"P": 1}


def test_blocking_pairs_sees_a_reserved_place_given_to_the_wrong_applicant():
    market = Market(
        preferences={"m1": ["P", "Q"], "m2": ["P", "Q"], "f1": ["P", "Q"]},
        capacities={"P": 2, "Q": 2},
        scores={"m1": 90, "m2": 80, "f1": 70},
        reserved={"P": 1},
        eligible=frozenset({"f1"}),
    )

    with pytest.raises(MarketError, match="'P' holds more applicants than places"):
        blocking_pairs(market, {"m1": "P", "m2": "P", "f1": "Q"})
    # f1 left out of the place reserved for them, which stays empty.
    assert blocking_pairs(market, {"m1": "P", "m2": "Q", "f1": "Q"}) == [("f1", "P")]
