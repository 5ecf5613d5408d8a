"""Checking a manager's band decision against the proposal (operating-model.md §4).

The rules core proposes a band (``banding.band``); the manager confirms it or places the case
higher. This module says whether a decision is complete, and why not:

- the band may not be below the proposal: floors and automatic bands are not for negotiation
  (F6 — complex cases were under-banded); red and blue share the top rung;
- a band above the proposal is a professional-judgement override and needs a rationale;
- every prompt must be answered, accept or decline; a decline needs a note saying why;
- accepting "consider blue/red" means the band must be red or blue;
- the "decide red or blue" prompt is answered by the choice of red or blue itself, and a
  closeness-to-change decision of red needs a note (the proposal was blue, the more protective);
- professional judgement of risk of reoffending (no OGRS3) needs a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .banding import BAND_COLOURS, BAND_RANK, BANDS
from .reasons import Phrase, Reason, gettext_noop

S4 = "operating-model.md §4"

# Prompts whose acceptance means "put the case in the top band" end like this.
CONSIDER_TOP_SUFFIX = "_consider_top"
RED_OR_BLUE_PROMPT = "s4_decide_red_or_blue"
# Asks the manager to confirm the recategorisation: recording the decision is the answer.
CONFIRM_PROMPT = "s4_manager_confirms"
ANSWERED_BY_DECISION = frozenset({RED_OR_BLUE_PROMPT, CONFIRM_PROMPT})
ANSWERS = ("accept", "decline")
PAST = {"accept": "accepted", "decline": "declined"}
# (answer, with a note) -> the reason's words; the note is the officer's, shown as they wrote it.
_PROMPT_ANSWERED = {
    ("accept", True): gettext_noop("Prompt %(prompt)s accepted: %(note)s"),
    ("accept", False): gettext_noop("Prompt %(prompt)s accepted."),
    ("decline", True): gettext_noop("Prompt %(prompt)s declined: %(note)s"),
    ("decline", False): gettext_noop("Prompt %(prompt)s declined."),
}


def _colour(band: str) -> Phrase:
    return Phrase.of(BAND_COLOURS[band])


@dataclass(frozen=True, slots=True)
class PromptAnswer:
    answer: str  # "accept" / "decline" / "" (unanswered)
    note: str = ""


@dataclass(frozen=True, slots=True)
class DecisionCheck:
    """``problems`` maps a field ("band", "rationale", "prompt:<code>", "ror_reason") to what is
    wrong, in words; empty when the decision can be recorded. ``overridden`` says the band is
    above the proposal."""

    problems: dict[str, str]
    overridden: bool
    reasons: tuple[Reason, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def is_consider_top(code: str) -> bool:
    return code.endswith(CONSIDER_TOP_SUFFIX)


def check_band_decision(
    *,
    proposed: str,
    prompt_codes: tuple[str, ...],
    chosen: str,
    answers: Mapping[str, PromptAnswer],
    rationale: str = "",
    ror_by_judgement: bool = False,
    ror_reason: str = "",
) -> DecisionCheck:
    problems: dict[str, str] = {}
    reasons: list[Reason] = []
    if chosen not in BANDS:
        return DecisionCheck({"band": "Choose a band"}, False, ())
    if proposed not in BANDS:
        return DecisionCheck({"band": "There is no proposed band to confirm yet"}, False, ())

    overridden = BAND_RANK[chosen] > BAND_RANK[proposed]
    if BAND_RANK[chosen] < BAND_RANK[proposed]:
        problems["band"] = (
            f"The band cannot be lower than the proposed {proposed}: the floors and automatic "
            "bands in §4 apply to every case"
        )
    elif overridden:
        reasons.append(Reason.of("s4_override_up", S4, gettext_noop(
            "Placed higher than proposed (%(proposed)s → %(chosen)s) on professional judgement."),
            proposed=_colour(proposed), chosen=_colour(chosen)))
        if not rationale.strip():
            problems["rationale"] = "Give the reason for placing the case higher than proposed"
    else:
        reasons.append(Reason.of(
            "s4_confirmed", S4,
            gettext_noop("The proposed band (%(proposed)s) is confirmed.") if chosen == proposed
            else gettext_noop("Placed %(chosen)s rather than %(proposed)s: the same top band, "
                              "differing in approach."),
            proposed=_colour(proposed), chosen=_colour(chosen)))

    for code in prompt_codes:
        if code == RED_OR_BLUE_PROMPT:
            if BAND_RANK[chosen] == 2 and chosen == "red" and not rationale.strip() \
                    and not answers.get(code, PromptAnswer("")).note.strip():
                problems[f"prompt:{code}"] = (
                    "Say why the person is close to change: the proposal was blue, the more "
                    "protective, because closeness to change is not known"
                )
            continue
        if code == CONFIRM_PROMPT:
            continue
        given = answers.get(code, PromptAnswer(""))
        if given.answer not in ANSWERS:
            problems[f"prompt:{code}"] = "Answer this prompt: accept or decline"
            continue
        if given.answer == "decline" and not given.note.strip():
            problems[f"prompt:{code}"] = "Say why you are declining this prompt"
        if given.answer == "accept" and is_consider_top(code) and BAND_RANK[chosen] < 2:
            problems[f"prompt:{code}"] = (
                "You accepted placing the case in the top band: choose red or blue, "
                "or decline the prompt with a note"
            )
        reasons.append(Reason.of(f"s4_prompt_{given.answer}", S4, _PROMPT_ANSWERED[
            given.answer, bool(given.note.strip())], prompt=code, note=given.note.strip()))

    if ror_by_judgement and not ror_reason.strip():
        problems["ror_reason"] = (
            "Give the reason for the professional judgement of risk of reoffending"
        )
    return DecisionCheck(problems, overridden and "band" not in problems, tuple(reasons))
