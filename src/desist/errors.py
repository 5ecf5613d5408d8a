"""One refusal error for every write Desist refuses (ADR 0006).

A service that will not do what it was asked raises :class:`Refused` (or a subclass named for
its context) with a machine-readable ``code``, a message a person understands, and either one
``field`` or a ``problems`` map (field → message). Pages show it in the GOV.UK error summary;
the API answers ``{"error": {"status", "code", "message", "fields"}}`` with 400, or 409 when the
record's state forbids the write (``conflict=True``) rather than the input. Views never match
message text to decide what went wrong: they read ``code``, ``field`` and ``conflict``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class Refused(Exception):
    """A write the rules or the record's state refuse. Nothing has been changed."""

    #: default code for a subclass; an instance may carry a more specific one
    default_code = "refused"

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        field: str | None = None,
        problems: Mapping[str, str] | None = None,
        reasons: Iterable[Any] = (),
        conflict: bool = False,
        params: Mapping[str, Any] | None = None,
    ):
        self.problems: dict[str, str] = dict(problems or {})
        if not message and self.problems:
            message = "; ".join(self.problems.values())
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.reasons = tuple(reasons)
        # True when the record's state forbids the write (HTTP 409), not the input (400).
        self.conflict = conflict
        self.params = dict(params or {})

    @property
    def status(self) -> int:
        return 409 if self.conflict else 400

    def field_errors(self) -> dict[str, list[str]]:
        """Field → messages, for a form's errors or the API's ``fields``."""
        if self.problems:
            return {name: [text] for name, text in self.problems.items()}
        return {self.field or "non_field_errors": [self.message]}

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "code": self.code, "message": self.message,
                "fields": self.field_errors()}
