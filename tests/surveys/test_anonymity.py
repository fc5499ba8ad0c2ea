"""No group of survey answers is shown that is small, or that a difference could isolate."""

from collections import Counter
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edusalud.surveys.anonymity import (
    DIFFERENCE,
    DIMENSIONS,
    FEW_ANSWERS,
    LOW_RATE,
    Thresholds,
    verdict,
)

SITES = {"S1": "R1", "S2": "R1", "S3": "R1", "S4": "R2"}  # site -> its region
SPECIALTIES = ("ANES", "PED")
YEARS = (1, 2)
MIN = Thresholds().min_answers


def cell(site, specialty, year):
    return (SITES[site], site, specialty, year)


people = st.tuples(
    st.sampled_from(sorted(SITES)), st.sampled_from(SPECIALTIES), st.sampled_from(YEARS)
)


@st.composite
def campaigns(draw):
    """Who answered and who was targeted: every answer comes from someone targeted."""
    answered = draw(st.lists(people, max_size=60))
    silent = draw(st.lists(people, max_size=30))
    answers = Counter(cell(*p) for p in answered)
    return answers, answers + Counter(cell(*p) for p in silent)


def all_filters():
    """Every combination of filters, a site's region included or not."""
    choices = [
        [None, "R1", "R2"],
        [None, *SITES],
        [None, *SPECIALTIES],
        [None, *YEARS],
    ]
    for values in product(*choices):
        filters = {d: v for d, v in zip(DIMENSIONS, values, strict=True) if v is not None}
        if (
            "site" in filters
            and filters.get("region", SITES[filters["site"]]) != SITES[filters["site"]]
        ):
            continue
        yield filters


def members(filters, answers) -> Counter:
    return Counter(
        {
            c: n
            for c, n in answers.items()
            if all(c[DIMENSIONS.index(d)] == v for d, v in filters.items())
        }
    )


@settings(max_examples=150, deadline=None)
@given(campaigns())
def test_no_shown_group_is_small_or_isolates_a_small_group_by_difference(campaign):
    answers, targeted = campaign
    shown = []
    for filters in all_filters():
        result = verdict(filters, answers, targeted)
        if result.shown:
            shown.append((filters, members(filters, answers)))
            assert result.answers >= MIN
            assert result.answers >= 0.5 * result.targeted
    # Any shown group minus any shown group inside it: nobody, or at least MIN people.
    for (_, wide), (_, narrow) in product(shown, repeat=2):
        if narrow <= wide:
            difference = sum((wide - narrow).values())
            assert difference == 0 or difference >= MIN
    # A shown group minus all its shown subgroups along one dimension: the same.
    for filters, group in shown:
        for dimension in DIMENSIONS:
            if dimension in filters:
                continue
            children = [
                g
                for f, g in shown
                if set(f) - set(filters) <= {dimension, "region"}
                and dimension in f
                and all(f.get(d) == v for d, v in filters.items())
                and g <= group
            ]
            covered = Counter()
            for child in children:
                covered |= child
            rest = sum((group - covered).values())
            assert rest == 0 or rest >= MIN


def test_a_small_group_is_hidden_with_its_reason():
    answers = Counter({cell("S1", "ANES", 1): 4})

    result = verdict({"site": "S1"}, answers, answers)

    assert (result.shown, result.reason, result.answers) == (False, FEW_ANSWERS, 4)


def test_a_low_response_rate_hides_the_group():
    answers = Counter({cell("S1", "ANES", 1): 6})
    targeted = Counter({cell("S1", "ANES", 1): 13})

    assert verdict({"site": "S1"}, answers, targeted).reason == LOW_RATE


def test_the_site_minus_its_r1_must_not_be_a_few_r2():
    answers = Counter({cell("S1", "ANES", 1): 8, cell("S1", "ANES", 2): 3})

    assert verdict({"site": "S1"}, answers, answers).shown
    assert verdict({"site": "S1", "year": 1}, answers, answers).reason == DIFFERENCE


def test_a_hidden_sibling_is_protected_by_hiding_the_smallest_shown_one():
    answers = Counter(
        {cell("S1", "ANES", 1): 9, cell("S2", "ANES", 1): 6, cell("S3", "ANES", 1): 2}
    )

    verdicts = {site: verdict({"site": site}, answers, answers) for site in ("S1", "S2", "S3")}

    # The region shows 17; S3's 2 would be 17 - 9 - 6: S2, the smallest shown, is hidden too.
    assert verdict({"region": "R1"}, answers, answers).shown
    assert verdicts["S1"].shown
    assert (verdicts["S2"].reason, verdicts["S3"].reason) == (DIFFERENCE, FEW_ANSWERS)


def test_comments_need_ten_answers():
    nine = Counter({cell("S4", "PED", 2): 9})
    ten = Counter({cell("S4", "PED", 2): 10})

    assert not verdict({}, nine, nine).comments_shown
    assert verdict({}, ten, ten).comments_shown


def test_an_unknown_filter_is_refused():
    with pytest.raises(ValueError, match="unknown dimensions"):
        verdict({"sex": "F"}, Counter(), Counter())
