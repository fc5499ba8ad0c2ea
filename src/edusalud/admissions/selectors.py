"""Reads of admission cycles: the market of a cycle, and the files of its match."""

from edusalud.admissions import files
from edusalud.admissions.matching import Market
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    Assignment,
    Position,
    Preference,
    ProgrammeRanking,
)


def market_of(cycle: AdmissionCycle) -> Market:
    """The cycle's places, scores, rank lists and programme rankings, as the match reads them.

    A fixed number of queries, whatever the size of the cycle.
    """
    keys = position_keys(cycle)
    capacities = {
        keys[pk]: places
        for pk, places in Position.objects.filter(cycle=cycle).values_list("pk", "places")
    }
    scores = {
        folio: float(score)
        for folio, score in Applicant.objects.filter(cycle=cycle).values_list("folio", "score")
    }
    preferences: dict[str, list[str]] = {folio: [] for folio in scores}
    rows = (
        Preference.objects.filter(applicant__cycle=cycle)
        .order_by("applicant_id", "rank")
        .values_list("applicant__folio", "position_id")
    )
    for folio, position_id in rows.iterator(chunk_size=10_000):
        preferences[folio].append(keys[position_id])
    rankings: dict[str, list[str]] = {}
    rows = (
        ProgrammeRanking.objects.filter(position__cycle=cycle)
        .order_by("position_id", "rank")
        .values_list("position_id", "applicant__folio")
    )
    for position_id, folio in rows.iterator(chunk_size=10_000):
        rankings.setdefault(keys[position_id], []).append(folio)
    return Market(preferences=preferences, capacities=capacities, scores=scores, rankings=rankings)


def match_files(cycle: AdmissionCycle) -> dict[str, str]:
    """The cycle's match as the CSV files of `edusalud match` (name -> text).

    An auditor who runs the command on the input files gets `result.csv` exactly.
    """
    market = market_of(cycle)
    texts = {
        "positions.csv": files.csv_text(files.POSITIONS, market.capacities.items()),
        "applicants.csv": files.csv_text(
            files.APPLICANTS, ((a, _score_text(s)) for a, s in market.scores.items())
        ),
        "preferences.csv": files.csv_text(
            files.PREFERENCES,
            (
                (applicant, rank, programme)
                for applicant, programmes in market.preferences.items()
                for rank, programme in enumerate(programmes, start=1)
            ),
        ),
    }
    if market.rankings:
        texts["programme-rankings.csv"] = files.csv_text(
            files.RANKINGS,
            (
                (programme, rank, applicant)
                for programme, applicants in market.rankings.items()
                for rank, applicant in enumerate(applicants, start=1)
            ),
        )
    keys = position_keys(cycle)
    assignments = Assignment.objects.filter(applicant__cycle=cycle).values_list(
        "applicant__folio", "position_id", "rank_obtained"
    )
    texts["result.csv"] = files.csv_text(
        files.RESULT,
        (
            (folio, keys[position_id] if position_id else "", rank or "")
            for folio, position_id, rank in sorted(assignments)
        ),
    )
    return texts


def position_keys(cycle: AdmissionCycle) -> dict[int, str]:
    """Position id -> its key in the files (site CLUES and specialty code)."""
    rows = Position.objects.filter(cycle=cycle).values_list(
        "pk", "programme__site__clues", "programme__specialty__code"
    )
    return {pk: f"{clues}-{code}" for pk, clues, code in rows}


def _score_text(score: float) -> str:
    return f"{score:.2f}"
