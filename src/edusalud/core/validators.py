"""Validators for Mexican identifiers, with messages users can act on."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.mx import curp as stdnum_curp

# CLUES: two letters of the state, three of the institution, six digits.
CLUES_RE = re.compile(r"^[A-Z]{2}[A-Z]{3}\d{6}$")


def normalise_curp(value: str) -> str:
    return stdnum_curp.compact(value or "")


def validate_curp(value: str) -> None:
    try:
        stdnum_curp.validate(value)
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("The CURP must have 18 characters; this one has %(n)d."),
            code="curp_length",
            params={"n": len(normalise_curp(value))},
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The CURP check digit does not match."), code="curp_check_digit"
        ) from None
    except stdnum_errors.InvalidFormat:
        raise ValidationError(
            _("The CURP does not follow the format: 4 letters, 6 digits, 6 letters, 2 characters."),
            code="curp_format",
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("The CURP has an invalid birth date, sex or state of birth."),
            code="curp_component",
        ) from None


def curp_birth_date(value: str):
    return stdnum_curp.get_birth_date(value)


def curp_sex(value: str) -> str:
    """F or M, as written in the CURP (H = hombre, M = mujer)."""
    return stdnum_curp.get_gender(value)


def validate_clues(value: str) -> None:
    if not CLUES_RE.match(value or ""):
        raise ValidationError(
            _(
                "The CLUES code must be 2 letters of the state, 3 of the institution and 6 digits "
                "(for example DFIMS000123)."
            ),
            code="clues_format",
        )
