"""Validators for Mexican identifiers, with messages users can act on."""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.mx import curp as stdnum_curp

# CLUES: two letters of the state, three of the institution, six digits.
CLUES_RE = re.compile(r"^[A-Z]{2}[A-Z]{3}\d{6}$")


# Already compact: 18 capital letters and digits. Most values are; they skip
# python-stdnum's character-by-character cleaning, the slow part of a bulk import.
_COMPACT_CURP_RE = re.compile(r"^[A-Z0-9]{18}$")


def normalise_curp(value: str) -> str:
    value = (value or "").strip().upper()
    if _COMPACT_CURP_RE.match(value):
        return value
    return stdnum_curp.compact(value)


_CURP_FORMAT_RE = re.compile(r"^[A-Z]{4}[0-9]{6}[A-Z]{6}[0-9A-Z][0-9]$")


def _compact_curp_problem(value: str) -> str | None:
    """python-stdnum's checks, in its order, for a CURP already compact.

    stdnum's validate() cleans the text character by character first, most of
    its cost in a 16,000-row import. tests/core/test_validators.py holds this
    equal to stdnum's verdict on random CURPs, so a change there is caught.
    """
    if not _CURP_FORMAT_RE.match(value):
        return "format"
    if value[:4] in stdnum_curp._name_blacklist or value[11:13] not in stdnum_curp._valid_states:
        return "component"
    if value[10] not in "HM":
        return "component"
    try:
        curp_birth_date(value)
    except ValueError:
        return "component"
    if value[-1] != stdnum_curp.calc_check_digit(value):
        return "check_digit"
    return None


@functools.lru_cache(maxsize=4096)
def _curp_problem(value: str) -> str | None:
    """The kind of stdnum error of a CURP, or None; cached because a row checks it twice."""
    if _COMPACT_CURP_RE.match(value):
        return _compact_curp_problem(value)
    try:
        stdnum_curp.validate(value)
    except stdnum_errors.InvalidLength:
        return "length"
    except stdnum_errors.InvalidChecksum:
        return "check_digit"
    except stdnum_errors.InvalidFormat:
        return "format"
    except stdnum_errors.ValidationError:
        return "component"
    return None


def validate_curp(value: str) -> None:
    problem = _curp_problem(value)
    if problem == "length":
        raise ValidationError(
            _("The CURP must have 18 characters; this one has %(n)d."),
            code="curp_length",
            params={"n": len(normalise_curp(value))},
        )
    if problem == "check_digit":
        raise ValidationError(_("The CURP check digit does not match."), code="curp_check_digit")
    if problem == "format":
        raise ValidationError(
            _("The CURP does not follow the format: 4 letters, 6 digits, 6 letters, 2 characters."),
            code="curp_format",
        )
    if problem == "component":
        raise ValidationError(
            _("The CURP has an invalid birth date, sex or state of birth."),
            code="curp_component",
        )


def curp_birth_date(value: str) -> datetime.date:
    """The birth date written in a valid CURP (the 17th character tells the century)."""
    if not _COMPACT_CURP_RE.match(value):
        return stdnum_curp.get_birth_date(value)
    century = 1900 if value[16].isdigit() else 2000
    return datetime.date(century + int(value[4:6]), int(value[6:8]), int(value[8:10]))


def curp_sex(value: str) -> str:
    """F or M, as written in a valid CURP (H = hombre, M = mujer)."""
    if not _COMPACT_CURP_RE.match(value):
        return stdnum_curp.get_gender(value)
    return {"H": "M", "M": "F"}[value[10]]


def validate_clues(value: str) -> None:
    if not CLUES_RE.match(value or ""):
        raise ValidationError(
            _(
                "The CLUES code must be 2 letters of the state, 3 of the institution and 6 digits "
                "(for example DFIMS000123)."
            ),
            code="clues_format",
        )
