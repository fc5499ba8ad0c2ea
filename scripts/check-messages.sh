#!/usr/bin/env bash
# Fail when the code has a translatable text that the Spanish catalogue lacks.
# Needs GNU gettext (xgettext); without it, says so and passes.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v xgettext >/dev/null 2>&1; then
  echo "== gettext not installed: catalogue freshness not checked"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r src/edusalud "$work/edusalud"
(cd "$work/edusalud" && DJANGO_SETTINGS_MODULE=edusalud.config.test_settings \
  "$OLDPWD/.venv/bin/edusalud" makemessages -l es_MX --no-obsolete --no-location -i "static/vendor/*" -v 0)
.venv/bin/python - "$work/edusalud/locale/es_MX/LC_MESSAGES/django.po" <<'PY'
import sys
import polib
fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(sys.argv[1])}
kept = {(e.msgctxt, e.msgid) for e in polib.pofile("src/edusalud/locale/es_MX/LC_MESSAGES/django.po")}
missing = sorted(fresh - kept, key=str)
if missing:
    print("Texts missing from the Spanish catalogue (run `make messages` and translate):")
    for ctxt, msgid in missing:
        print(f"  - {msgid!r}" + (f" [{ctxt}]" if ctxt else ""))
    sys.exit(1)
print("== Spanish catalogue covers every text")
PY
