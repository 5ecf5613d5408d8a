"""Errors raised for impossible input to a rule."""

from __future__ import annotations


class RuleInputError(ValueError):
    """Input a rule cannot score; names the offending field so a form or the CLI can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}
