"""The Spanish catalogue is complete and the compiled file matches it.

`make run` must work on a machine without GNU gettext, so the compiled .mo is
committed; this test keeps it in step with the .po.
"""

from pathlib import Path

import polib

import edusalud

CATALOGUE = Path(edusalud.__file__).parent / "locale" / "es_MX" / "LC_MESSAGES"


def test_spanish_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(CATALOGUE / "django.po"))

    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    def entries(catalogue):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue
            if not e.obsolete
        }

    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))

    assert entries(mo) == entries(po)
