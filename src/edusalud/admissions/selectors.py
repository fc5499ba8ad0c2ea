"""Reads of admission cycles: the market of a cycle, the files of its match, its results."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Q, Sum

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.admissions import files
from edusalud.admissions.matching import Market
from edusalud.admissions.models import (
    AdmissionCycle,
    Applicant,
    ApplicantCategory,
    Assignment,
    CycleStatus,
    Position,
    Preference,
    ProgrammeRanking,
    RankingPeriod,
)


def market_of(cycle: AdmissionCycle, keys: dict[int, str] | None = None) -> Market:
    """The cycle's places, scores, rank lists and programme rankings, as the match reads them.

    A fixed number of queries, whatever the size of the cycle; `keys` are the
    cycle's position_keys when the caller has them already.
    """
    keys = keys if keys is not None else position_keys(cycle)
    capacities, reserved = {}, {}
    rows = Position.objects.filter(cycle=cycle).values_list("pk", "places", "foreign_places")
    for pk, places, foreign_places in rows:
        capacities[keys[pk]] = places
        if foreign_places:
            reserved[keys[pk]] = foreign_places
    scores, eligible = {}, set()
    rows = Applicant.objects.filter(cycle=cycle).values_list("folio", "score", "category")
    for folio, score, category in rows:
        scores[folio] = float(score)
        if category == ApplicantCategory.FOREIGN:
            eligible.add(folio)
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
    return Market(
        preferences=preferences,
        capacities=capacities,
        scores=scores,
        rankings=rankings,
        reserved=reserved,
        eligible=frozenset(eligible),
    )


def match_files(cycle: AdmissionCycle) -> dict[str, str]:
    """The cycle's match as the CSV files of `edusalud match` (name -> text).

    An auditor who runs the command on the input files gets `result.csv` exactly.
    The reserved places and categories are written only when some place is reserved.
    """
    keys = position_keys(cycle)
    market = market_of(cycle, keys)
    if market.reserved:
        positions = files.csv_text(
            (*files.POSITIONS, files.RESERVED),
            ((p, c, market.reserved.get(p, 0)) for p, c in market.capacities.items()),
        )
        applicants = files.csv_text(
            (*files.APPLICANTS, files.CATEGORY),
            (
                (a, _score_text(s), files.FOREIGN if a in market.eligible else files.MEXICAN)
                for a, s in market.scores.items()
            ),
        )
    else:
        positions = files.csv_text(files.POSITIONS, market.capacities.items())
        applicants = files.csv_text(
            files.APPLICANTS, ((a, _score_text(s)) for a, s in market.scores.items())
        )
    texts = {
        "positions.csv": positions,
        "applicants.csv": applicants,
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


@dataclass(frozen=True)
class Missed:
    """A programme an applicant ranked above the one they got, and why they did not get it."""

    position: Position
    rank: int
    lowest_admitted_score: Decimal | None  # None: nobody was admitted there
    by_own_ranking: bool  # the programme ordered applicants by its own ranking, not by score


def missed_choices(applicant: Applicant) -> list[Missed]:
    """The applicant's choices ranked above their result (all of them when unmatched).

    For transparency: with the lowest score admitted at each, an applicant sees
    that everyone admitted there scored at least that much. Three queries.
    """
    obtained = (
        Assignment.objects.filter(applicant=applicant)
        .values_list("rank_obtained", flat=True)
        .first()
    )
    above = (
        Preference.objects.filter(applicant=applicant)
        .select_related("position__programme__site", "position__programme__specialty")
        .order_by("rank")
    )
    if obtained:
        above = above.filter(rank__lt=obtained)
    above = list(above)
    positions = [preference.position_id for preference in above]
    admitted: dict[int, list[tuple[Decimal, str, str]]] = {}
    rows = Assignment.objects.filter(position_id__in=positions).values_list(
        "position_id", "applicant__score", "applicant__folio", "applicant__category"
    )
    for position_id, score, folio, category in rows:
        admitted.setdefault(position_id, []).append((score, folio, category))
    floors = {
        preference.position_id: _lowest_open_to(
            applicant, preference.position, admitted.get(preference.position_id, [])
        )
        for preference in above
    }
    ranked = set(
        ProgrammeRanking.objects.filter(position_id__in=positions)
        .values_list("position_id", flat=True)
        .distinct()
    )
    return [
        Missed(
            position=preference.position,
            rank=preference.rank,
            lowest_admitted_score=floors.get(preference.position_id),
            by_own_ranking=preference.position_id in ranked,
        )
        for preference in above
    ]


def _lowest_open_to(applicant: Applicant, position: Position, admitted) -> Decimal | None:
    """The lowest score among the places `applicant` could have taken (decision 0012).

    A Mexican applicant never competes for reserved places, so the best foreign
    applicants admitted, who hold them, do not set the bar for them.
    """
    if applicant.category == ApplicantCategory.MEXICAN and position.foreign_places:
        # The tie rule: a higher score, then the smaller folio, holds the reserve.
        holders = sorted(
            (
                (score, folio)
                for score, folio, category in admitted
                if category == ApplicantCategory.FOREIGN
            ),
            key=lambda entry: (-entry[0], entry[1]),
        )
        reserve = set(holders[: position.foreign_places])
        admitted = [entry for entry in admitted if (entry[0], entry[1]) not in reserve]
    return min((score for score, _folio, _category in admitted), default=None)


def cycles_visible_to(user: User):
    """Admission cycles run nationally: only national coordinators see them (for now)."""
    if not scope_of(user).is_national:
        return AdmissionCycle.objects.none()
    return AdmissionCycle.objects.all()


def importable_cycles(user: User):
    """The cycles whose places, applicants and lists the user may still load from files."""
    return cycles_visible_to(user).exclude(status=CycleStatus.PUBLISHED)


@dataclass(frozen=True)
class Review:
    """What a national coordinator checks before publishing, computed from rows."""

    positions: int
    places: int
    reserved: int  # places reserved for foreign applicants
    applicants: int
    with_list: int  # applicants who ranked at least one site
    ranked_pairs: int
    own_rankings: int  # programmes that order applicants by their own ranking
    with_account: int  # applicants who can sign in (an account, with or without a password)
    invited: int  # applicants e-mailed the link to choose their password
    to_invite: int  # applicants with an account that never had a password, not yet invited
    matched: int
    unmatched: int
    rank_obtained: dict[int, int]  # 1 -> applicants who got their first choice, ...
    by_specialty: list[dict]  # specialty, programmes, places, filled
    unmatched_applicants: list[Applicant]  # the best-scored first, at most UNMATCHED_LISTED


UNMATCHED_LISTED = 100


def review_of(cycle: AdmissionCycle) -> Review:
    """The cycle's size and, once matched, its result: a fixed number of queries."""
    positions = Position.objects.filter(cycle=cycle).aggregate(
        n=Count("pk"), places=Sum("places"), reserved=Sum("foreign_places")
    )
    preferences = Preference.objects.filter(applicant__cycle=cycle).aggregate(
        pairs=Count("pk"), applicants=Count("applicant", distinct=True)
    )
    assignments = Assignment.objects.filter(applicant__cycle=cycle)
    ranks = dict(
        assignments.filter(position__isnull=False)
        .values("rank_obtained")
        .annotate(n=Count("pk"))
        .values_list("rank_obtained", "n")
    )
    filled = dict(
        assignments.filter(position__isnull=False)
        .values("position__programme__specialty")
        .annotate(n=Count("pk"))
        .values_list("position__programme__specialty", "n")
    )
    specialties = (
        Position.objects.filter(cycle=cycle)
        .values(
            "programme__specialty",
            "programme__specialty__name_es",
            "programme__specialty__name_en",
        )
        .annotate(programmes=Count("pk"), places=Sum("places"))
        .order_by("programme__specialty__name_es")
    )
    by_specialty = [
        {**row, "filled": filled.get(row["programme__specialty"], 0)} for row in specialties
    ]
    applicants = Applicant.objects.filter(cycle=cycle).aggregate(
        applicants=Count("pk"),
        with_account=Count("pk", filter=Q(person__user__isnull=False)),
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
        to_invite=Count(
            "pk",
            filter=Q(
                invited_at__isnull=True,
                person__user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
                person__user__is_active=True,
            ),
        ),
    )
    unmatched = Applicant.objects.filter(cycle=cycle, assignment__position__isnull=True).filter(
        assignment__isnull=False
    )
    matched = sum(ranks.values())
    return Review(
        positions=positions["n"],
        places=positions["places"] or 0,
        reserved=positions["reserved"] or 0,
        with_list=preferences["applicants"],
        ranked_pairs=preferences["pairs"],
        own_rankings=ProgrammeRanking.objects.filter(position__cycle=cycle)
        .values("position")
        .distinct()
        .count(),
        **applicants,
        matched=matched,
        unmatched=unmatched.count(),
        # Every choice from the first to the worst obtained, none skipped: a chart's axis.
        rank_obtained={rank: ranks.get(rank, 0) for rank in range(1, max(ranks, default=0) + 1)},
        by_specialty=by_specialty,
        unmatched_applicants=list(
            unmatched.select_related("specialty").order_by("-score", "folio")[:UNMATCHED_LISTED]
        ),
    )


def application_of(user: User) -> Applicant | None:
    """The signed-in user's application in the latest cycle they applied to, if any."""
    if not user.pk:
        return None
    return (
        Applicant.objects.filter(person__user=user)
        .select_related("cycle", "specialty")
        .order_by("-cycle__year")
        .first()
    )


def open_period(cycle: AdmissionCycle, today: datetime.date) -> RankingPeriod | None:
    """The ranking period open today, if the cycle is open for ranking."""
    if cycle.status != CycleStatus.OPEN:
        return None
    return cycle.periods.filter(opens_on__lte=today, closes_on__gte=today).first()


def offered_positions(applicant: Applicant):
    """The cycle's positions of the applicant's specialty: what they rank."""
    return Position.objects.filter(
        cycle_id=applicant.cycle_id, programme__specialty_id=applicant.specialty_id
    ).select_related("programme__site__region")


def ranking_of(applicant: Applicant) -> tuple[list[Position], bool]:
    """The applicant's list, best first, and whether it was ever saved.

    Sites not in a saved list come after it, by name; an unsaved list is every
    offered site by name, for the applicant to reorder.
    """
    offered = {p.pk: p for p in offered_positions(applicant).order_by("programme__site__name")}
    ranked = list(
        Preference.objects.filter(applicant=applicant)
        .order_by("rank")
        .values_list("position_id", flat=True)
    )
    first = [offered[pk] for pk in ranked if pk in offered]
    saved = set(ranked)
    rest = [position for pk, position in offered.items() if pk not in saved]
    return first + rest, bool(ranked)


def published_assignment(applicant: Applicant) -> Assignment | None:
    """The applicant's assignment once the cycle is published (before, it may still change)."""
    if applicant.cycle.status != CycleStatus.PUBLISHED:
        return None
    return (
        Assignment.objects.filter(applicant=applicant)
        .select_related("position__programme__site")
        .first()
    )
