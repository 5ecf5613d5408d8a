"""The explanation every rule result carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired.

    ``code`` is a stable machine name (``s4_drr_floor_yellow``); ``section`` cites the domain
    document (``operating-model.md §4``); ``text`` says it in words a practitioner understands.
    """

    code: str
    section: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "section": self.section, "text": self.text}
