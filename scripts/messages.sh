#!/usr/bin/env bash
# Refreshes the translation catalogues (en, cy) from the Python sources and Jinja templates,
# then compiles them. Jinja's gettext calls look like Python's, so xgettext reads both.
# gettext_noop marks the rules' reason templates (desist.rules.reasons, ADR 0015).
set -euo pipefail
cd "$(dirname "$0")/.."
locale=src/desist/locale
mkdir -p "$locale"
find src/desist -name '*.py' -o -name '*.html' | grep -v /migrations/ | sort > var/messages-files.txt
xgettext --from-code=UTF-8 -L Python --keyword=_ --keyword=gettext --keyword=gettext_lazy --keyword=gettext_noop \
  --keyword=ngettext:1,2 --keyword=ngettext_lazy:1,2 --keyword=pgettext:1c,2 --no-location \
  -f var/messages-files.txt -o var/django.pot 2>/dev/null
for lang in en cy; do
  po="$locale/$lang/LC_MESSAGES/django.po"
  mkdir -p "$(dirname "$po")"
  if [ -f "$po" ]; then msgmerge -q --backup=none -U "$po" var/django.pot; else msginit --no-translator -l "$lang" -i var/django.pot -o "$po"; fi
  msgfmt -o "${po%.po}.mo" "$po"
done
