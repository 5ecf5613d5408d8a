"""Plain words for what Desist stores as codes: the documents rules cite, local authority codes
and team codes that reach the text of a reason, and the reason itself in the reader's language.
Used as Jinja filters (``cite``, ``plain``, ``reason``).

Rules stay pure and cite their source precisely (``operating-model.md §4``); a practitioner
reads "Operating model, section 4", and a place or team by its name, not its code.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Mapping

from django.utils.translation import gettext as _

from desist.dates import format_date
from desist.rules.reasons import LongDate

# The domain documents, in words (section → their reference: shared/domain/*.md).
DOCUMENTS = {
    "operating-model.md": "Operating model",
    "risk-predictors.md": "Risk predictors",
    "inspection-framework.md": "Inspection framework",
    "tiering.md": "National tiering",
}
_CITATION = re.compile(r"(?P<doc>[\w-]+)\.md(?:,? ?§\s?(?P<section>[\w.]+)|, (?P<part>[A-Z]\w*))?")
_LA_CODE = re.compile(r"\b[EWSN]\d{8}\b")
_LMC_CODE = re.compile(r"\bLMC (?P<code>[A-Z]{2,5})\b")
GLOSSARY_SECONDS = 60


def _document(name: str) -> str:
    return _(DOCUMENTS.get(f"{name}.md", name.replace("-", " ").capitalize()))


def _cite_match(match: re.Match) -> str:
    doc = _document(match["doc"])
    if match["section"]:
        return _("%(doc)s, section %(section)s") % {"doc": doc, "section": match["section"]}
    if match["part"]:
        return f"{doc}, {match['part'].lower()}"
    return doc


def cite(section) -> str:
    """A rule's citation in words: 'operating-model.md §3' → 'Operating model, section 3'."""
    return _CITATION.sub(_cite_match, str(section or ""))


def _load_glossary() -> dict[str, dict[str, str]]:
    from desist.organisation.models import LocalAuthority, Team

    return {
        "la": dict(LocalAuthority.objects.values_list("code", "name")),
        "lmc": dict(Team.objects.order_by("-pk").values_list("code", "name")),
    }


# Names of places and teams change rarely: kept in the process for a minute, dropped when one is
# saved (signals below), and reloaded when a code is not in it.
_memo: dict = {"at": 0.0, "glossary": None}


def forget_glossary(**_kwargs) -> None:
    _memo["glossary"] = None


def _glossary(*, missing: str = "", kind: str = "") -> dict[str, dict[str, str]]:
    glossary = _memo["glossary"]
    stale = glossary is None or time.monotonic() - _memo["at"] > GLOSSARY_SECONDS
    if stale or (missing and missing not in glossary[kind]):
        glossary = _memo["glossary"] = _load_glossary()
        _memo["at"] = time.monotonic()
    return glossary


def _name(kind: str, code: str) -> str:
    return _glossary(missing=code, kind=kind)[kind].get(code, code)


def plain(text) -> str:
    """Reason text in plain words: citations, local authority codes and LMC codes named."""
    text = str(text or "")
    if ".md" in text:
        text = cite(text)
    if not (_LA_CODE.search(text) or _LMC_CODE.search(text)):
        return text
    text = _LA_CODE.sub(lambda m: _name("la", m[0]), text)
    return _LMC_CODE.sub(lambda m: "LMC " + _name("lmc", m["code"]), text)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _localised(value: object) -> object:
    """One parameter of a reason in the reader's language: a phrase (``Phrase``, "3 days ago",
    "community order") translated in turn; a date (a ``date``, or an ISO string from a stored
    reason) in the localised long form with its day; numbers, codes and what a person typed
    (a note) as they are: only words the rule marked are translated."""
    if isinstance(value, Mapping) or hasattr(value, "template"):
        return _said(value)
    if isinstance(value, (list, tuple)):  # several dates (the bank holidays a deadline skips)
        return ", ".join(str(_localised(item)) for item in value)
    if isinstance(value, LongDate):  # said without its day name (workload reductions)
        return format_date(value, "long")
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.date):
        return format_date(value, "full")
    return value


def reason(item) -> str:
    """A rule's reason in the reader's language, in plain words (codes named).

    ``item`` is a ``Reason`` or its stored record (``Reason.as_record``, a dict): the translated
    template filled with localised parameters; the English ``text`` when the reason has no
    template (a rules module not converted yet, or a record stored before ADR 0016)."""
    return plain(_said(item))


def _said(item) -> str:
    get = item.get if isinstance(item, Mapping) else functools.partial(getattr, item)
    template, params = get("template", ""), get("params", None) or {}
    if not template:
        return str(get("text", ""))
    return _(template) % {name: _localised(value) for name, value in params.items()}


def team_name(code) -> str:
    """A team (LMC) by its name rather than its code; the code when it is not known."""
    return _name("lmc", str(code)) if code else ""


@functools.cache
def _labelled() -> dict:
    """Each registration type, RoSH level and band by its code (the list pages label every row's
    codes: one dictionary look-up, where ``get_…_display`` translates every choice to find one)."""
    from desist.people.choices import Band, RegistrationType, RoshLevel

    return {member.value: member for choices in (Band, RoshLevel, RegistrationType)
            for member in choices}


def label(code) -> str:
    """A stored code in words: a registration type, RoSH level, band or assignment warning."""
    from desist.rules.assignment import WARNING_TITLES

    code = str(code or "")
    member = _labelled().get(code)
    if member is not None:
        return str(member.label)  # translated now, in the reader's language
    if code in WARNING_TITLES:
        title = WARNING_TITLES[code]
        return title[:1].upper() + title[1:]  # not .capitalize(): it lowers "PSO"
    return code.replace("_", " ")
