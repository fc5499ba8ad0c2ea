"""The PHEEM items, scoring and bands match the published instrument."""

from collections import Counter

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from edusalud.surveys.pheem import (
    BANDS,
    ITEMS,
    MAX_SCORES,
    SCALES,
    SOURCE,
    SUBSCALES,
    Band,
    Scores,
    band_of,
    band_problems,
    group_scores,
    score,
)

NUMBERS = [item.number for item in ITEMS]
REVERSE = {item.number for item in ITEMS if item.reverse}

answers = st.fixed_dictionaries({n: st.integers(0, 4) for n in NUMBERS})


def all_answers(value):
    return dict.fromkeys(NUMBERS, value)


def test_items_are_forty_numbered_one_to_forty():
    assert len(ITEMS) == 40
    assert [item.number for item in ITEMS] == list(range(1, 41))


def test_items_have_both_texts():
    assert all(item.text_es.strip() and item.text_en.strip() for item in ITEMS)


def test_subscale_sizes_are_14_15_11():
    sizes = Counter(item.subscale for item in ITEMS)

    assert sizes == {"autonomy": 14, "teaching": 15, "social": 11}


def test_subscale_membership_is_roffs():
    members = {code: {i.number for i in ITEMS if i.subscale == code} for code in SUBSCALES}

    assert members == {
        "autonomy": {1, 4, 5, 8, 9, 11, 14, 17, 18, 29, 30, 32, 34, 40},
        "teaching": {2, 3, 6, 10, 12, 15, 21, 22, 23, 27, 28, 31, 33, 37, 39},
        "social": {7, 13, 16, 19, 20, 24, 25, 26, 35, 36, 38},
    }


def test_reverse_items_are_7_8_11_13():
    assert {item.number for item in ITEMS if item.reverse} == {7, 8, 11, 13}


def test_maxima_are_56_60_44_and_160():
    assert {code: s[2] for code, s in SUBSCALES.items()} == {
        "autonomy": 56,
        "teaching": 60,
        "social": 44,
    }
    assert MAX_SCORES["total"] == 160


def test_source_cites_roff_and_the_spanish_version():
    assert "Roff" in SOURCE
    assert "Riquelme" in SOURCE


@pytest.mark.parametrize("scale", SCALES)
def test_bands_cover_each_scale_without_gap_or_overlap(scale):
    own = sorted((b for b in BANDS if b.scale == scale), key=lambda b: b.low)

    covered = [v for b in own for v in range(b.low, b.high + 1)]

    assert covered == list(range(MAX_SCORES[scale] + 1))
    assert len(own) == 4


def test_band_problems_of_the_published_bands_is_empty():
    assert band_problems(BANDS) == []


def test_band_problems_names_a_gap_an_overlap_and_a_short_end():
    edited = [b for b in BANDS if b.scale != "social"] + [
        Band("social", 0, 11, "", ""),
        Band("social", 13, 22, "", ""),
        Band("social", 20, 33, "", ""),
    ]

    assert band_problems(edited) == [
        "social: nothing covers 12-12",
        "social: 20-33 overlaps the band before it",
        "social: nothing covers 34-44",
    ]


def test_best_answers_score_the_maximum():
    best = {n: 0 if n in REVERSE else 4 for n in NUMBERS}

    assert score(best) == Scores(total=160, autonomy=56, teaching=60, social=44)


def test_worst_answers_score_zero():
    worst = {n: 4 if n in REVERSE else 0 for n in NUMBERS}

    assert score(worst) == Scores(0, 0, 0, 0)


@given(answers)
def test_total_is_the_sum_of_subscales_within_0_160(values):
    result = score(values)

    assert result.total == result.autonomy + result.teaching + result.social
    assert 0 <= result.total <= 160
    for code in SUBSCALES:
        assert 0 <= getattr(result, code) <= MAX_SCORES[code]


@given(answers, st.sampled_from(NUMBERS))
def test_raising_one_answer_moves_the_total_by_its_direction(values, number):
    assume(values[number] < 4)
    before = score(values).total

    after = score({**values, number: values[number] + 1}).total

    assert after == before + (-1 if number in REVERSE else 1)


def test_all_twos_example_lands_in_the_middle_bands():
    # Hand count: every item 2, and 4 - 2 = 2 on the reverse items, so
    # autonomy 14*2 = 28, teaching 15*2 = 30, social 11*2 = 22, total 80.
    result = score(all_answers(2))

    assert result == Scores(total=80, autonomy=28, teaching=30, social=22)
    assert band_of("total", result.total).label_en == "Plenty of problems"
    assert band_of("autonomy", result.autonomy).label_en == "A negative view of one's role"
    assert band_of("teaching", result.teaching).label_en == "In need of some retraining"
    assert band_of("social", result.social).label_en == "Not a pleasant place"


def test_all_threes_example_counts_reverse_items_as_one():
    # Hand count: 3 on 36 items, 4 - 3 = 1 on items 7, 8, 11, 13.
    # Autonomy: 12*3 + 1 (8) + 1 (11) = 38; teaching: 15*3 = 45;
    # social: 9*3 + 1 (7) + 1 (13) = 29; total 112.
    result = score(all_answers(3))

    assert result == Scores(total=112, autonomy=38, teaching=45, social=29)
    assert band_of("total", 112).label_en == "More positive than negative but room for improvement"
    assert band_of("autonomy", 38).label_en == "A more positive perception of one's job"
    assert band_of("teaching", 45).label_en == "Moving in the right direction"
    assert band_of("social", 29).label_en == "More pros than cons"


def test_score_missing_item_names_it():
    values = all_answers(2)
    del values[17]

    with pytest.raises(ValueError, match=r"^item 17: missing answer"):
        score(values)


@pytest.mark.parametrize("bad", [-1, 5, 2.5, True, "3", None])
def test_score_answer_out_of_range_names_the_item(bad):
    values = {**all_answers(2), 23: bad}

    with pytest.raises(ValueError, match=r"^item 23: answer .* is not an integer from 0 to 4"):
        score(values)


@pytest.mark.parametrize("number", [0, 41])
def test_score_unknown_item_names_it(number):
    values = {**all_answers(2), number: 2}

    with pytest.raises(ValueError, match=rf"^item {number}: there is no such item"):
        score(values)


@pytest.mark.parametrize(
    ("value", "low"),
    [
        (40, 0),
        (40.49, 0),
        (40.5, 41),  # half goes up, not to even
        (41, 41),
        (80.5, 81),
        (120.4999, 81),
        (120.5, 121),
        (0, 0),
        (160, 121),
    ],
)
def test_band_of_rounds_half_up_at_the_edges(value, low):
    assert band_of("total", value).low == low


def test_band_of_rounds_half_up_on_subscales_too():
    assert band_of("autonomy", 14.5).label_en == "A negative view of one's role"
    assert band_of("teaching", 45.49).label_en == "Moving in the right direction"
    assert band_of("social", 33.5).label_en == "A good supportive environment"


@pytest.mark.parametrize(("scale", "value"), [("total", -1), ("total", 160.5), ("social", 45)])
def test_band_of_outside_the_scale_raises(scale, value):
    with pytest.raises(ValueError, match=rf"^{scale}: .* is outside 0-"):
        band_of(scale, value)


def test_band_of_unknown_scale_raises():
    with pytest.raises(ValueError, match="unknown scale 'climate'"):
        band_of("climate", 10)


def test_band_of_uses_the_bands_given():
    corrected = [Band("total", 0, 100, "Bajo", "Low"), Band("total", 101, 160, "Alto", "High")]

    assert band_of("total", 90, corrected).label_en == "Low"


def test_band_of_in_a_gap_of_edited_bands_raises():
    gapped = [Band("total", 0, 40, "", ""), Band("total", 42, 160, "", "")]

    with pytest.raises(ValueError, match="total: no band covers 41"):
        band_of("total", 41, gapped)


def test_group_scores_means_and_bands():
    # Means: total (80 + 81) / 2 = 80.5, which rounds up into 81-120.
    group = group_scores([Scores(80, 28, 30, 22), Scores(81, 29, 30, 22)])

    assert group.count == 2
    assert group.means == {"total": 80.5, "autonomy": 28.5, "teaching": 30.0, "social": 22.0}
    assert {scale: band.low for scale, band in group.bands.items()} == {
        "total": 81,
        "autonomy": 29,
        "teaching": 16,
        "social": 12,
    }


@given(st.lists(answers, min_size=1, max_size=8))
def test_group_scores_mean_lies_between_the_extremes(many):
    scores = [score(values) for values in many]

    group = group_scores(scores)

    for scale in SCALES:
        values = [getattr(s, scale) for s in scores]
        assert min(values) <= group.means[scale] <= max(values)
        assert group.bands[scale].scale == scale


def test_group_scores_of_nobody_raises():
    with pytest.raises(ValueError, match="no scores"):
        group_scores([])
