"""Risk escalation to the NPS (operating-model.md §2, §7; failure F18 in §18).

A CRC manages low and medium RoSH; a case whose RoSH reaches high or very high must be
escalated to the National Probation Service. Two things the first version missed (issue 12):

- an open escalation must follow the *current* RoSH: when a later assessment brings RoSH back
  to medium the escalation is no longer needed (``resolve``); when a later assessment changes
  it while it stays high or very high, the escalation is replaced by one for the new assessment
  (``replace``), keeping the earlier deadline; otherwise it stands (``keep``);
- what the manager did is recorded as a structured outcome — a choice and its date, with notes —
  not only free text: "referred to the NPS on 2 December 2026".

Pure Python: the services gather the facts and act on the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import format_date

S2 = "operating-model.md §2"
HIGH_LEVELS = frozenset({"high", "very_high"})
ROSH_LEVELS = ("low", "medium", "high", "very_high")
_LEVEL_TEXT = {"low": gettext_noop("low"), "medium": gettext_noop("medium"),
               "high": gettext_noop("high"), "very_high": gettext_noop("very high")}

KEEP, RESOLVE, REPLACE = "keep", "resolve", "replace"

#: The outcomes a manager records, with how each reads on the case.
OUTCOMES = {
    "referred": "Referred to the NPS",
    "nps_declined": "The NPS declined the referral: the CRC keeps the case",
    "not_escalated": "Not escalated after review",
}
#: Outcomes whose notes are required: the reason matters more than the fact.
NOTES_REQUIRED = frozenset({"nps_declined", "not_escalated"})


@dataclass(frozen=True, slots=True)
class RoshAssessment:
    """A RoSH level and the date it was assessed (None when the record has no date)."""

    level: str
    assessed_on: date | None

    def __post_init__(self) -> None:
        if self.level not in ROSH_LEVELS and self.level != "":
            raise RuleInputError("level", f"must be one of {', '.join(ROSH_LEVELS)} or empty")
        if self.assessed_on is not None and not isinstance(self.assessed_on, date):
            raise RuleInputError("assessed_on", "must be a date")


@dataclass(frozen=True, slots=True)
class Reconciliation:
    action: str  # keep / resolve / replace
    reasons: tuple[Reason, ...]

    @property
    def text(self) -> str:
        return " ".join(r.text for r in self.reasons)


def _describe(a: RoshAssessment) -> Phrase:
    level = Phrase.of(_LEVEL_TEXT.get(a.level, gettext_noop("not recorded")))
    if a.assessed_on:
        return Phrase.of(gettext_noop("%(level)s (assessed on %(on)s)"), level=level,
                         on=a.assessed_on)
    return level


def needs_escalation(rosh: str) -> bool:
    return rosh in HIGH_LEVELS


def reconcile(escalated: RoshAssessment, current: RoshAssessment) -> Reconciliation:
    """What to do with an open escalation raised for ``escalated`` now RoSH is ``current``."""
    if not needs_escalation(current.level):
        return Reconciliation(RESOLVE, (Reason.of(
            "s2_escalation_no_longer_needed", S2, gettext_noop(
                "No longer needed: RoSH is now %(now)s, within the CRC's remit. The escalation "
                "was raised for RoSH %(raised)s."),
            now=_describe(current), raised=_describe(escalated),
        ),))
    if (current.level, current.assessed_on) != (escalated.level, escalated.assessed_on):
        return Reconciliation(REPLACE, (Reason.of(
            "s2_escalation_updated", S2, gettext_noop(
                "Updated: RoSH is now %(now)s; the escalation raised for RoSH %(raised)s is "
                "replaced by one for the new assessment, with the same deadline."),
            now=_describe(current), raised=_describe(escalated),
        ),))
    return Reconciliation(KEEP, (Reason.of(
        "s2_escalation_stands", S2,
        gettext_noop("RoSH is still %(now)s: the escalation to the NPS stands."),
        now=_describe(current),
    ),))


@dataclass(frozen=True, slots=True)
class OutcomeCheck:
    problems: dict[str, str]
    text: str  # how the outcome reads, e.g. "Referred to the NPS on Wednesday 2 December 2026."

    @property
    def ok(self) -> bool:
        return not self.problems


def check_outcome(*, outcome: str, on: date | None, notes: str, today: date,
                  raised_on: date | None = None) -> OutcomeCheck:
    """Validate a manager's escalation outcome; ``raised_on`` is when the RoSH was assessed."""
    problems: dict[str, str] = {}
    if outcome not in OUTCOMES:
        problems["outcome"] = "Choose what happened"
    if on is None:
        problems["on"] = "Enter the date"
    elif on > today:
        problems["on"] = "The date cannot be in the future"
    elif raised_on is not None and on < raised_on:
        problems["on"] = (f"The date cannot be before the RoSH assessment of "
                          f"{format_date(raised_on)}")
    if outcome in NOTES_REQUIRED and not notes.strip():
        problems["notes"] = "Say why, and how the risk is managed now"
    text = ""
    if not problems and on is not None:  # no problems means the date was given
        text = f"{OUTCOMES[outcome]} on {format_date(on)}."
        if notes.strip():
            text += f" {notes.strip()}"
    return OutcomeCheck(problems, text)
