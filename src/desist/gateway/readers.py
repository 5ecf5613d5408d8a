"""Strict readers for national-record bundles: pure Python, no Django (``gateway.parse``).

Each reader returns the value or None and records a problem against the field's path
(``offender.dateOfBirth: not an ISO date``); dates must be ISO and possible, never rolled over.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$")
DATETIME_KEYS = {"contactStart", "contactEnd"}
RANGE_KEYS = {"from", "to"}


class Reader:
    """Strict readers: each records a problem against its field path and returns None."""

    def __init__(self):
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, reason: str) -> None:
        if all(path != known for known, _ in self.problems):  # one problem per field
            self.problems.append((path, reason))

    def obj(self, value, path: str) -> dict | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(path, "not an object")
            return None
        return value

    def lst(self, value, path: str) -> list | None:
        if value is None:
            return None
        if not isinstance(value, list):
            self.problem(path, "not a list")
            return None
        return value

    def text(self, value, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(path, "not text")
            return None
        return value

    def boolean(self, value, path: str) -> bool | None:
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem(path, "not true or false")
            return None
        return value

    def number(self, value, path: str) -> int | float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(path, "not a number")
            return None
        if value < 0:
            self.problem(path, "negative")
            return None
        return value

    def ident(self, value, path: str):
        """A national id: an integer (or a string of digits, read as one)."""
        if value is None:
            self.problem(path, "required")
            return None
        if isinstance(value, bool):
            self.problem(path, "not an id")
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip():
            return int(value) if value.isdigit() else value
        self.problem(path, "not an id")
        return None

    def date(self, value, path: str) -> dt.date | None:
        if value is None:
            return None
        if not isinstance(value, str) or not ISO_DATE.match(value):
            self.problem(path, "not an ISO date")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(path, "impossible date")
            return None

    def datetime(self, value, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not ISO_DATETIME.match(value):
            self.problem(path, "not an ISO date and time")
            return None
        try:
            dt.date.fromisoformat(value[:10])
            if len(value) > 10:
                dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
        except ValueError:
            self.problem(path, "impossible date")
            return None
        return value

    def walk_dates(self, value, path: str) -> None:
        """Every date anywhere in the bundle is checked, used or not: a bad one is a bad record.
        (A field's path is only spelt out for a problem or a nested object, and each key is
        classified once: this runs over every value of every bundle.)"""
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None:
                    continue
                kind = _KEY_KINDS.get(key)
                if kind is None:
                    kind = _key_kind(key)
                if kind == DATE:
                    if not isinstance(item, dict) and not (
                            isinstance(item, str) and _date_ok(item)):
                        self.date(item, f"{path}.{key}" if path else key)
                elif kind == DATETIME:
                    if not (isinstance(item, str) and _datetime_ok(item)):
                        self.datetime(item, f"{path}.{key}" if path else key)
                elif isinstance(item, (dict, list)):
                    self.walk_dates(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    self.walk_dates(item, f"{path}[{index}]")


OTHER, DATE, DATETIME = 0, 1, 2
_KEY_KINDS: dict = {}


def _key_kind(key) -> int:
    """Whether a field named ``key`` holds a date, a date and time, or something else."""
    if not isinstance(key, str):
        return OTHER
    if key == "dateOfBirth" or key.endswith("Date") or key in RANGE_KEYS:
        kind = DATE
    elif key in DATETIME_KEYS or key.endswith(("DateTime", "Datetime")):
        kind = DATETIME
    else:
        kind = OTHER
    if len(_KEY_KINDS) < 10_000:  # field names, not values: a bounded set in practice
        _KEY_KINDS[key] = kind
    return kind


# A batch repeats the same dates many times over: each distinct string is checked once.
@lru_cache(maxsize=1 << 16)
def _date_ok(value: str) -> bool:
    reader = Reader()
    return reader.date(value, "") is not None


@lru_cache(maxsize=1 << 16)
def _datetime_ok(value: str) -> bool:
    reader = Reader()
    return reader.datetime(value, "") is not None
