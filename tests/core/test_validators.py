import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import exceptions as stdnum_errors
from stdnum.mx import curp as stdnum_curp

from edusalud.core.validators import curp_birth_date, curp_sex, validate_clues, validate_curp
from edusalud.residents.enums import Sex
from tests.factories import make_curp


def test_validate_curp_accepts_a_valid_curp():
    curp = make_curp(birth_date=datetime.date(1994, 2, 3), sex=Sex.MALE)

    validate_curp(curp)


def test_validate_curp_rejects_a_wrong_check_digit_with_a_specific_message():
    curp = make_curp(birth_date=datetime.date(1994, 2, 3), sex=Sex.MALE)
    wrong = curp[:-1] + str((int(curp[-1]) + 1) % 10)

    with pytest.raises(ValidationError) as error:
        validate_curp(wrong)

    assert error.value.code == "curp_check_digit"


@pytest.mark.parametrize(
    ("value", "code"),
    [("GAXX940203", "curp_length"), ("1234567890123456789"[:18], "curp_format")],
)
def test_validate_curp_names_the_problem(value, code):
    with pytest.raises(ValidationError) as error:
        validate_curp(value)

    assert error.value.code == code


@given(
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2009, 12, 31)),
    st.sampled_from([Sex.FEMALE, Sex.MALE]),
    st.integers(min_value=1, max_value=9),
)
def test_every_other_check_digit_is_rejected(birth_date, sex, shift):
    curp = make_curp(birth_date=birth_date, sex=sex)
    wrong = curp[:-1] + str((int(curp[-1]) + shift) % 10)

    with pytest.raises(ValidationError) as error:
        validate_curp(wrong)

    assert error.value.code == "curp_check_digit"


@pytest.mark.parametrize("value", ["DFIMS000123", "JCIMS123456"])
def test_validate_clues_accepts_the_national_format(value):
    validate_clues(value)


@pytest.mark.parametrize("value", ["DFIMS00012", "dfims000123", "DF-IMS000123", ""])
def test_validate_clues_rejects_other_shapes(value):
    with pytest.raises(ValidationError):
        validate_clues(value)


@given(
    born=st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2029, 12, 31)),
    sex=st.sampled_from(["F", "M"]),
)
def test_birth_date_and_sex_read_from_a_curp_agree_with_python_stdnum(born, sex):
    curp = make_curp(birth_date=born, sex=sex)

    assert curp_birth_date(curp) == stdnum_curp.get_birth_date(curp) == born
    assert curp_sex(curp) == stdnum_curp.get_gender(curp) == sex


def stdnum_verdict(value: str) -> str | None:
    try:
        stdnum_curp.validate(value)
    except stdnum_errors.InvalidLength:
        return "curp_length"
    except stdnum_errors.InvalidChecksum:
        return "curp_check_digit"
    except stdnum_errors.InvalidFormat:
        return "curp_format"
    except stdnum_errors.ValidationError:
        return "curp_component"
    return None


def our_verdict(value: str) -> str | None:
    try:
        validate_curp(value)
    except ValidationError as error:
        return error.code
    return None


CURP_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@given(
    born=st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2029, 12, 31)),
    sex=st.sampled_from(["F", "M"]),
    position=st.integers(min_value=0, max_value=17),
    character=st.sampled_from(CURP_CHARACTERS),
)
def test_a_curp_with_one_character_changed_gets_python_stdnums_verdict(
    born, sex, position, character
):
    # Our fast path for compact CURPs must refuse exactly what stdnum refuses,
    # for the same reason: a bad state, sex, date, blacklisted word or check digit.
    curp = make_curp(birth_date=born, sex=sex)
    changed = curp[:position] + character + curp[position + 1 :]

    assert our_verdict(changed) == stdnum_verdict(changed)


@given(st.text(alphabet=CURP_CHARACTERS, min_size=18, max_size=18))
def test_any_eighteen_characters_get_python_stdnums_verdict(value):
    assert our_verdict(value) == stdnum_verdict(value)
