"""Read one cell of an office sheet into a value, or say in Spanish what is wrong.

Each parser takes the cell's text and returns the value; a ValueError carries
the message shown next to the row and column.
"""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from edusalud.exchange.resources import normalise_header

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y")
YEAR_RE = re.compile(r"^R?\s*([1-9])$", re.IGNORECASE)


def parse_date(text: str) -> datetime.date:
    if len(text) == 10 and text[4] == "-":
        # ISO dates (our exports, Excel date cells) parse in C, far faster than strptime.
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date; write it as DD/MM/YYYY or YYYY-MM-DD.") % {"value": text}
    )


def parse_year(text: str) -> int:
    match = YEAR_RE.match(text.strip())
    if not match:
        raise ValueError(
            _("“%(value)s” is not a resident year; write R1, R2… or 1, 2…") % {"value": text}
        )
    return int(match.group(1))


class ChoiceReader:
    """Reads a TextChoices value by its code, its label (Spanish or English) or a synonym."""

    def __init__(self, choices, what: str, synonyms: dict[str, str] | None = None):
        self.what = what
        self.options = ", ".join(str(value) for value, _label in choices.choices if value)
        self.values = {normalise_header(word): value for word, value in (synonyms or {}).items()}
        for language in ("es-mx", "en"):
            with translation.override(language):
                for value, label in choices.choices:
                    self.values[normalise_header(str(label))] = value
        for value, _label in choices.choices:
            self.values[normalise_header(str(value))] = value

    def __call__(self, text: str) -> str:
        try:
            return self.values[normalise_header(text)]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not a valid %(what)s; use one of: %(options)s.")
                % {"value": text, "what": self.what, "options": self.options}
            ) from None


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def parse_country(text: str) -> str:
    code = text.strip().upper()
    if code in _country_codes():
        return code
    if len(code) == 3 and countries.alpha2(code):
        return countries.alpha2(code)
    by_name = countries.by_name(text.strip(), insensitive=True) or countries.by_name(
        text.strip(), insensitive=True, language="es"
    )
    if by_name:
        return by_name
    raise ValueError(
        _("“%(value)s” is not a country; use the two-letter ISO code (MX, CO, VE…).")
        % {"value": text}
    )


def parse_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(
            _("“%(value)s” is not a valid e-mail address.") % {"value": text}
        ) from None
    return text.lower()
