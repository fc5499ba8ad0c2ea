import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
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
