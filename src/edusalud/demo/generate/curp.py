"""Valid CURPs built from name, birth date, sex and state, check digit included."""

import datetime
import functools
import unicodedata

from stdnum.mx import curp as stdnum_curp

from edusalud.core.validators import validate_curp
from edusalud.residents.enums import Sex

_PARTICLES = {"DA", "DAS", "DE", "DEL", "DER", "DI", "DIE", "DD", "EL", "LA", "LOS", "LAS", "LE"}
_PARTICLES |= {"LES", "MAC", "MC", "VAN", "VON", "Y"}
_COMMON_FIRST_NAMES = {"MARIA", "MA", "JOSE", "J"}
_VOWELS = "AEIOU"
_CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"


def curp_letters(text: str) -> str:
    """Upper case without accents; Ñ becomes X, as the CURP writes it."""
    text = unicodedata.normalize("NFD", text.upper().replace("Ñ", "X"))
    return "".join(c for c in text if c.isascii())


def curp_word(name: str, *, skip_common: bool = False) -> str:
    """The word of a name the CURP uses: no particles, no María/José before another name."""
    words = [w for w in curp_letters(name).replace(".", " ").split() if w not in _PARTICLES]
    if skip_common and len(words) > 1 and words[0] in _COMMON_FIRST_NAMES:
        words = words[1:]
    return words[0] if words else ""


def first_inner(word: str, letters: str) -> str:
    return next((c for c in word[1:] if c in letters), "X")


def build_curp(
    *,
    first_names: str,
    last_name: str,
    second_last_name: str,
    birth_date: datetime.date,
    sex: str,
    state: str,
    taken: set[str],
) -> str | None:
    """A valid CURP not in `taken` (which it joins), or None if all 10 or 26 are taken.

    The 17th character (the homoclave's differentiator) tells apart people
    whose first 16 characters coincide: digits for births before 2000,
    letters after, as RENAPO assigns it.
    """
    first, second = curp_word(last_name), curp_word(second_last_name)
    given = curp_word(first_names, skip_common=True)
    letters = first[0] + first_inner(first, _VOWELS) + (second[:1] or "X") + given[0]
    middle = (
        birth_date.strftime("%y%m%d")
        + ("M" if sex == Sex.FEMALE else "H")
        + state
        + first_inner(first, _CONSONANTS)
        + (first_inner(second, _CONSONANTS) if second else "X")
        + first_inner(given, _CONSONANTS)
    )
    if is_inconvenient(letters):
        # RENAPO writes X second when the first four letters make a rude word.
        letters = letters[0] + "X" + letters[2:]
    differentiators = "0123456789" if birth_date.year < 2000 else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for differentiator in differentiators:
        curp = with_check_digit(letters + middle + differentiator)
        if curp not in taken:
            validate_curp(curp)
            taken.add(curp)
            return curp
    return None


# The rest of a valid CURP (born 1 January 2000, man, Mexico City, internal
# consonants R, M, N), so that only the four letters decide the validator's verdict.
VALID_TAIL = "000101HDFRMN0"


@functools.cache
def is_inconvenient(letters: str) -> bool:
    """Whether the CURP validator rejects these first four letters as a rude word."""
    return not stdnum_curp.is_valid(with_check_digit(letters + VALID_TAIL))


def with_check_digit(body: str) -> str:
    return body + stdnum_curp.calc_check_digit(body)


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if c.isascii() and c.isalnum())
