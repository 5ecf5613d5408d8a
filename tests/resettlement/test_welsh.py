"""Welsh for Through the Gate through the shared catalogue (locale/cy): the person's page words,
the support needs they read, and the staff pages; the compiled .mo matches the .po."""

from __future__ import annotations

import datetime as dt
import gettext
import html
import re
from pathlib import Path

import pytest
from django.utils import timezone, translation

from desist.organisation.roles import Role
from desist.resettlement import person_words, services
from desist.resettlement.choices import NEED_TYPES
from desist.resettlement.models import CustodyCase
from tests import factories as f

TODAY = timezone.localdate()
LOCALE = Path(services.__file__).resolve().parents[1] / "locale"


def _entries(po: Path) -> dict[str, str]:
    """Translated, not fuzzy, singular entries of a .po file."""
    out = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        if any(x.startswith(("#~", "msgctxt", "msgid_plural")) for x in lines):
            continue
        if any(x.startswith("#,") and "fuzzy" in x for x in lines):
            continue
        parts: dict[str, list[str]] = {}
        key = None
        for line in lines:
            m = re.match(r'^(msgid|msgstr) "(.*)"$', line)
            if m:
                key = m.group(1)
                parts[key] = [m.group(2)]
            elif key and line.startswith('"'):
                parts[key].append(line[1:-1])
        msgid, msgstr = "".join(parts.get("msgid", [])), "".join(parts.get("msgstr", []))
        if msgid and msgstr:
            unescape = lambda s: s.replace('\\"', '"').replace("\\n", "\n")  # noqa: E731
            out[unescape(msgid)] = unescape(msgstr)
    return out


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_the_compiled_catalogue_matches_the_po(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    entries = _entries(folder / "django.po")
    stale = {k: v for k, v in entries.items() if compiled.gettext(k) != v}
    assert not stale, f"Run scripts/messages.sh: {len(stale)} entries not compiled, e.g. " \
                      f"{next(iter(stale))!r}"


def test_the_person_page_words_come_from_the_catalogue():
    assert not hasattr(person_words, "WORDS")  # no hand-written dictionary beside the page
    english, welsh = person_words.words("en"), person_words.words("cy")
    assert welsh["title"] == "Eich cynllun ar gyfer gadael y carchar"
    same = {k for k in english if english[k] == welsh[k]}
    assert same == set(), f"not translated: {same}"
    catalogue = _entries(LOCALE / "cy" / "LC_MESSAGES" / "django.po")
    for key, text in english.items():
        if key not in ("other_language", "other_lang"):
            assert catalogue[text] == welsh[key]
    assert person_words.pathways("cy")["accommodation"] == "Rhywle i fyw"
    for need in NEED_TYPES.values():  # the help the person reads about, in Welsh too
        with translation.override("en"):
            english_label = str(need.label)
        with translation.override("cy"):
            assert str(need.label) == catalogue[english_label] != english_label, need.code


@pytest.mark.django_db
def test_the_staff_resettlement_pages_are_in_welsh(client_for, staff_by_role, provider, team):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    person = f.PersonFactory(provider=provider, crn="C400001", responsible_officer=officer,
                             team=team)
    sentence = f.SentenceFactory(person=person, type="custody", custodial_months=24,
                                 sentence_date=TODAY - dt.timedelta(days=300),
                                 start_date=TODAY - dt.timedelta(days=300),
                                 expected_end_date=TODAY + dt.timedelta(days=500),
                                 release_date=TODAY + dt.timedelta(weeks=20))
    case = services.custody_case_open(acting_user=officer.user, person=person,
                                      sentence=sentence, prison="HMP Parc",
                                      reception_on=TODAY - dt.timedelta(days=300))
    services.need_add(acting_user=officer.user, case=case, kind="bank_account",
                      due_on=case.release_on)
    client = client_for(officer)
    tab = client.get(f"/cases/{person.crn}/resettlement/", HTTP_ACCEPT_LANGUAGE="cy")
    text = html.unescape(tab.content.decode())
    assert tab.status_code == 200
    for welsh in ("Llwybrau ailsefydlu", "Anghenion cymorth", "Cyfrif banc wedi'i agor",
                  "Cwblhau'r cynllun ailsefydlu", "Rhestr wirio diwrnod rhyddhau"):
        assert welsh in text, welsh
    checklist = client.get(f"/cases/{person.crn}/resettlement/release-day",
                           HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Llety ar gyfer y noson gyntaf" in checklist
    refer = client.get(f"/cases/{person.crn}/resettlement/refer",
                       HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Atgyfeirio angen cymorth at bartner" in refer
    english = client.get(f"/cases/{person.crn}/resettlement/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Resettlement pathways" in english.content.decode()
    assert CustodyCase.objects.count() == 1
