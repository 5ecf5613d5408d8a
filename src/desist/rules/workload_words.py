"""The words of the workload reasons (operating-model.md §16; ADR 0016): registration, grade,
band, RoSH and case-type names marked for translation, and the counted phrases ("1 point", "37
hours", "104.6%") the reasons of :mod:`desist.rules.workload` and the assignment ranking take as
parameters. Phrases are built once and shared: a ``Phrase`` is immutable, and ranking the
candidates for one case builds hundreds of reasons."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from desist.rules.reasons import Phrase, gettext_noop

#: Plain-English names for reasons shown to practitioners.
REGISTRATION_NAMES = {
    "domestic_abuse": gettext_noop("domestic abuse perpetrator"),
    "domestic_abuse_victim": gettext_noop("domestic abuse victim"),
    "child_protection_plan": gettext_noop("child protection plan"),
    "child_concern": gettext_noop("child concern"),
    "child_in_need": gettext_noop("child in need"),
    "mappa": gettext_noop("MAPPA"),
    "iom": gettext_noop("IOM nominal"),
    "sex_offender": gettext_noop("sex offender"),
    "prevent": gettext_noop("Prevent"),
    "hate_crime": gettext_noop("hate crime"),
    "serious_organised_crime": gettext_noop("serious organised crime"),
    "complex_mental_health": gettext_noop("complex mental health"),
    "aces": gettext_noop("adverse childhood experiences"),
    "restraining_order": gettext_noop("restraining order"),
    "visor": gettext_noop("ViSOR record"),
    "previous_very_high_rosh": gettext_noop("previous very high RoSH"),
}

GRADE_NAMES = {
    "PO": gettext_noop("probation officer"),
    "PSO": gettext_noop("probation services officer"),
    "PQIP": gettext_noop("trainee probation officer (PQiP)"),
    "SPO": gettext_noop("senior probation officer"),
}

BAND_NAMES = {"green": gettext_noop("Green band"), "yellow": gettext_noop("Yellow band"),
              "red": gettext_noop("Red band"), "blue": gettext_noop("Blue band")}
ROSH_NAMES = {"low": gettext_noop("Low risk of serious harm"),
              "medium": gettext_noop("Medium risk of serious harm"),
              "high": gettext_noop("High risk of serious harm"),
              "very_high": gettext_noop("Very high risk of serious harm")}
# As the reasons have always written them (tests pin "Pss case" and "Upw only case").
CASE_TYPE_NAMES = {"community": gettext_noop("Community case"),
                   "licence": gettext_noop("Licence case"), "pss": gettext_noop("Pss case"),
                   "custody": gettext_noop("Custody case"),
                   "upw_only": gettext_noop("Upw only case")}


def registration_name(code: str) -> str:
    return REGISTRATION_NAMES.get(code, code.replace("_", " "))


@lru_cache(maxsize=1024)
def marked(words: str) -> Phrase:
    """Marked words without parameters, as a reason's parameter (built once, shared)."""
    return Phrase.of(words)


def registration_phrase(code: str) -> Phrase | str:
    """A registration as a reason's parameter: its marked name, translated on pages; a code
    Desist has no name for (one added to the weights table) as words, untranslated."""
    name = REGISTRATION_NAMES.get(code)
    return marked(name) if name is not None else code.replace("_", " ")


def grade_phrase(grade: str) -> Phrase | str:
    """A grade as a reason's parameter: its marked name; a grade with none as its code."""
    name = GRADE_NAMES.get(grade)
    return marked(name) if name is not None else grade


def said(table: Mapping[str, str], code: str, fallback: str) -> Phrase | str:
    """``code``'s marked words in ``table``; ``fallback`` (as written) for a code a configured
    weights table added."""
    words = table.get(code)
    return marked(words) if words is not None else fallback


@lru_cache(maxsize=8192)
def point_count(n: float) -> Phrase:
    """``n`` workload points: "1 point", "12 points", "3.6 points"."""
    return Phrase.count(n, gettext_noop("%(n)g point"), gettext_noop("%(n)g points"))


@lru_cache(maxsize=1024)
def hour_count(n: float) -> Phrase:
    """``n`` hours: "1 hour", "37 hours", "29.6 hours"."""
    return Phrase.count(n, gettext_noop("%(n)g hour"), gettext_noop("%(n)g hours"))


@lru_cache(maxsize=8192)
def percent_phrase(percent: float | None) -> Phrase:
    """A workload as a reason's parameter: "104.6%", or "no capacity" (said in words)."""
    if percent is None:
        return marked(gettext_noop("no capacity"))
    return Phrase.of(gettext_noop("%(percent)g%%"), percent=percent)
