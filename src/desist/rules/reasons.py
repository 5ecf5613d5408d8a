"""The explanation every rule result carries, as a code plus parameters (ADR 0016).

A reason is said once, in English, as a template with named placeholders
(``"The absence on %(on)s was acceptable."``) and its parameters (numbers, dates, codes). The
rules stay pure Python and keep ``text`` — the template filled in English — for logs, JSON and
the command line; pages and letters render ``template`` and ``params`` in the reader's language
(``desist.words.reason``), with dates written by the one localised date formatter.

Templates are marked with :func:`gettext_noop`, which does nothing here: Django's
``makemessages`` passes ``--keyword=gettext_noop`` to xgettext, so ``desist makemessages -l cy``
collects them into the Welsh catalogue without the rules importing Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# Dates in English for ``text`` (pages and letters use ``desist.dates``, in Welsh too).
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


class _NoParams(Mapping[str, object]):
    """The parameters of a reason built from text: one shared, immutable, empty mapping (the
    nightly batch builds many reasons; a dict each would be waste)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> object:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0


NO_PARAMS: Mapping[str, object] = _NoParams()


def gettext_noop(message: str) -> str:
    """Marks ``message`` for translation and returns it unchanged (see the module docstring)."""
    return message


def format_date(day: dt.date) -> str:
    """A date as practitioners write it: ``Monday 6 May 2024``.

    Table lookups rather than ``strftime``: independent of the process locale, and several times
    faster in the nightly batch, where every overdue alert carries a date in its reason.
    """
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month]} {day.year}"


class LongDate(dt.date):
    """A date a reason writes without its day name ("2 May 2024"), where its words always have
    (workload reductions); a plain ``date`` parameter is written with it ("Thursday 2 May
    2024"). Pages write it in the reader's language in the same long form. A stored record
    keeps it as an ISO date, shown later with its day name (no module stores these reasons)."""

    __slots__ = ()

    @classmethod
    def of(cls, day: dt.date) -> LongDate:
        return cls(day.year, day.month, day.day)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Part of a reason said several ways ("today", "3 days ago", "tier A2"), given to a reason
    as a parameter: its own template and parameters, so it is translated with the reason."""

    text: str
    template: str = field(compare=False, repr=False)
    params: Mapping[str, object] = field(default=NO_PARAMS, compare=False, repr=False)

    @classmethod
    def of(cls, template: str, **params: Any) -> Phrase:
        english = {name: _english(value) for name, value in params.items()}
        return cls(template % english, template, MappingProxyType(params))

    @classmethod
    def count(cls, n: float, one: str, many: str) -> Phrase:
        """``n`` things: ``one`` ("%(n)s day") when ``n`` is 1, else ``many`` ("%(n)s days");
        both marked with ``gettext_noop``, each translated whole."""
        return cls.of(one if n == 1 else many, n=n)

    def as_record(self) -> dict[str, object]:
        return {"template": self.template,
                "params": {name: _json_safe(value) for name, value in self.params.items()}}


# Numbers and words given as they are: most parameters, so checked first (reasons are built in
# bulk: ranking the candidates for a case builds hundreds).
_AS_THEY_ARE = frozenset({int, float, str})


def _english(value: object) -> object:
    if type(value) in _AS_THEY_ARE:
        return value
    if isinstance(value, Phrase | Reason):  # a reason quoted in another (a blocker, say)
        return value.text
    if isinstance(value, tuple):  # several dates (the bank holidays a deadline skips)
        return ", ".join(str(_english(item)) for item in value)
    if isinstance(value, LongDate):
        return f"{value.day} {_MONTH_NAMES[value.month]} {value.year}"
    return format_date(value) if isinstance(value, dt.date) else value


def _json_safe(value: object) -> object:
    if isinstance(value, Phrase | Reason):
        return value.as_record()
    if isinstance(value, tuple):
        return [_json_safe(item) for item in value]
    # A datetime is a date too; reasons carry days, so it is written as its day.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired.

    ``code`` is a stable machine name (``s4_drr_floor_yellow``); ``section`` cites the domain
    document (``operating-model.md §4``); ``text`` says it in words a practitioner understands,
    in English. ``template`` and ``params`` are the same sentence before it is filled in, so it
    can be said in another language; a reason built from plain text (a module not converted
    yet) has no template. Two reasons are equal when they say the same thing: the template and
    parameters are how it is said, not what.
    """

    code: str
    section: str
    text: str
    template: str = field(default="", compare=False, repr=False)
    params: Mapping[str, object] = field(default=NO_PARAMS, compare=False, repr=False)

    @classmethod
    def of(cls, code: str, section: str, template: str, **params: Any) -> Reason:
        """The reason ``template`` (marked with ``gettext_noop``) says with ``params`` filled in.

        Dates are given as ``date`` values, and written "Monday 6 May 2024" in ``text``; several
        dates as a tuple of them, written with commas between; a part said several ways as a
        :class:`Phrase`.
        """
        english = {name: _english(value) for name, value in params.items()}
        return cls(code, section, template % english, template, MappingProxyType(params))

    def as_dict(self) -> dict[str, str]:
        """The JSON contract (API, command line, logs): code, citation and English text."""
        return {"code": self.code, "section": self.section, "text": self.text}

    def as_record(self) -> dict[str, object]:
        """``as_dict`` plus the template and its parameters (dates as ISO strings): what is
        stored with a decision, so a page shows it later in the reader's language."""
        record: dict[str, object] = dict(self.as_dict())
        if self.template:
            record["template"] = self.template
            record["params"] = {name: _json_safe(value) for name, value in self.params.items()}
        return record
