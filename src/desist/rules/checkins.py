"""Self-reporting check-ins: who may use them, PIN lock-out, and which answers need the officer.

Implements ``operating-model.md`` §10 (kiosk: self check-in with a PIN or one-time code and a
short questionnaire; exceptions routed to the RO) and §7 (risk of harm):

- **eligibility**: not for very high RoSH, MAPPA level 2 or 3, open child-protection or
  domestic-abuse concerns; a sexual offence excludes the person unless a senior officer
  approved self-reporting for them (recorded);
- **lock-out**: after ``max_pin_attempts`` wrong PINs (default 5) the check-in is locked until
  the officer unlocks it, and the officer is told;
- **exceptions**: a changed address, work, health or circumstances, or a wish to speak to the
  officer, each becomes something the officer must act on.

The lock-out figure is Desist's (the doc gives none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desist.rules import planning
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S7 = "operating-model.md §7"
S10 = "operating-model.md §10"

ROSH_LEVELS = planning.ROSH_ORDER
CHILD_PROTECTION_FLAGS = planning.CHILD_FLAGS
DA_FLAGS = planning.DA_FLAGS
SEXUAL_OFFENCE_FLAGS = frozenset({"sex_offender", "visor"})
MAX_PIN_ATTEMPTS = 5

# The questionnaire's questions: each "yes" is an exception for the officer (§10).
QUESTIONS = ("address_changed", "work_changed", "health_changed", "circumstances_changed",
             "wants_to_speak")
QUESTION_WORDS = {
    "address_changed": gettext_noop("Their address has changed"),
    "work_changed": gettext_noop("Their work has changed"),
    "health_changed": gettext_noop("Their health has changed"),
    "circumstances_changed": gettext_noop("Something else in their circumstances has changed"),
    "wants_to_speak": gettext_noop("They want to speak to their officer"),
}


@dataclass(frozen=True, slots=True)
class EligibilityInput:
    rosh: str | None
    mappa_level: int | None
    flags: frozenset[str]
    senior_approved: bool = False


@dataclass(frozen=True, slots=True)
class Eligibility:
    eligible: bool
    blocks: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {"eligible": self.eligible, "blocks": list(self.blocks),
                "reasons": [r.as_dict() for r in self.reasons]}


def check_in_eligibility(case: EligibilityInput) -> Eligibility:
    """Whether the person may check in by kiosk or online, with every reason they may not."""
    if case.rosh is not None and case.rosh not in ROSH_LEVELS:
        raise RuleInputError("rosh", f"must be one of {', '.join(ROSH_LEVELS)} or null")
    if case.mappa_level is not None and (
        isinstance(case.mappa_level, bool) or case.mappa_level not in (1, 2, 3)
    ):
        raise RuleInputError("mappa_level", "must be 1, 2, 3 or null")
    if not isinstance(case.senior_approved, bool):
        raise RuleInputError("senior_approved", "must be true or false")
    flags = frozenset(case.flags)
    blocks: list[str] = []
    reasons: list[Reason] = []

    def block(code: str, section: str, template: str, **params: object) -> None:
        blocks.append(code)
        reasons.append(Reason.of(f"s10_checkin_{code}", section, template, **params))

    if case.rosh == "very_high":
        block("very_high_rosh", S7, gettext_noop(
            "RoSH is very high: the officer must see the person, not a kiosk or an online "
            "form."))
    if case.mappa_level in (2, 3):
        block("mappa_level", S7, gettext_noop(
            "Managed at MAPPA level %(level)s: multi-agency management needs the officer's "
            "direct contact."), level=case.mappa_level)
    if flags & CHILD_PROTECTION_FLAGS:
        block("child_protection_concern", S7, gettext_noop(
            "A child-protection concern is open on the case: self-reporting is not safe while "
            "it is."))
    if flags & DA_FLAGS:
        block("domestic_abuse_concern", S7, gettext_noop(
            "A domestic-abuse concern is open on the case: self-reporting is not safe while it "
            "is."))
    if flags & SEXUAL_OFFENCE_FLAGS:
        if case.senior_approved:
            reasons.append(Reason.of("s10_checkin_senior_approved", S10, gettext_noop(
                "Sexual offence: a senior officer approved self-reporting for this person.")))
        else:
            block("sexual_offence", S10, gettext_noop(
                "Sexual offence: self-reporting needs a senior officer's approval, and none is "
                "recorded."))
    if not blocks:
        reasons.insert(0, Reason.of("s10_checkin_eligible", S10, gettext_noop(
            "The person may check in at the kiosk or online; what they report that needs "
            "attention goes to the officer.")))
    return Eligibility(not blocks, tuple(blocks), tuple(reasons))


@dataclass(frozen=True, slots=True)
class PinState:
    locked: bool
    attempts_left: int
    reasons: tuple[Reason, ...]


def pin_state(failed_attempts: int, max_attempts: int = MAX_PIN_ATTEMPTS) -> PinState:
    """Locked once ``max_attempts`` wrong PINs have been entered in a row."""
    if isinstance(failed_attempts, bool) or not isinstance(failed_attempts, int) \
            or failed_attempts < 0:
        raise RuleInputError("failed_attempts", "must be a count, 0 or more")
    left = max(0, max_attempts - failed_attempts)
    if left == 0:
        template = gettext_noop(
            "%(attempts)s wrong PIN was entered: check-in is locked until the officer unlocks "
            "it.") if max_attempts == 1 else gettext_noop(
            "%(attempts)s wrong PINs were entered: check-in is locked until the officer unlocks "
            "it.")
        return PinState(True, 0, (Reason.of("s10_checkin_locked", S10, template,
                                            attempts=max_attempts),))
    return PinState(False, left, ())


def exceptions(answers: dict[str, bool]) -> tuple[Reason, ...]:
    """The answers that need the officer's attention (§10: exceptions routed to the RO)."""
    unknown = set(answers) - set(QUESTIONS)
    if unknown:
        raise RuleInputError("answers", f"unknown questions: {sorted(unknown)}")
    return tuple(Reason.of(f"s10_checkin_{q}", S10, gettext_noop("%(answer)s."),
                           answer=Phrase.of(QUESTION_WORDS[q]))
                 for q in QUESTIONS if answers.get(q) is True)


def flags_of(registrations: Iterable[str]) -> frozenset[str]:
    return frozenset(registrations)
