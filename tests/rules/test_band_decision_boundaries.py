"""Boundary-pinning examples for a manager's band decision (operating-model.md §4).

Each example asserts the whole check: every problem with its exact words, whether the band is an
override, and every reason.
"""

from __future__ import annotations

import pytest

from desist.rules.band_decision import (
    ANSWERED_BY_DECISION,
    CONFIRM_PROMPT,
    CONSIDER_TOP_SUFFIX,
    RED_OR_BLUE_PROMPT,
    S4,
    DecisionCheck,
    PromptAnswer,
    check_band_decision,
    is_consider_top,
)

DA = "s4_domestic_abuse_consider_top"
OTHER = "s4_check_accommodation"
ANSWER = "Answer this prompt: accept or decline"
DECLINE_NOTE = "Say why you are declining this prompt"
CHOOSE_TOP = ("You accepted placing the case in the top band: choose red or blue, or decline the "
              "prompt with a note")
CLOSE_TO_CHANGE = ("Say why the person is close to change: the proposal was blue, the more "
                   "protective, because closeness to change is not known")
RATIONALE = "Give the reason for placing the case higher than proposed"
ROR = "Give the reason for the professional judgement of risk of reoffending"


def check(proposed="green", chosen="green", prompts=(), answers=None, **kwargs) -> DecisionCheck:
    return check_band_decision(proposed=proposed, prompt_codes=tuple(prompts), chosen=chosen,
                               answers=answers or {}, **kwargs)


def whole(result: DecisionCheck):
    assert all(reason.section == S4 for reason in result.reasons)
    return (result.problems, result.overridden, result.ok,
            [(reason.code, reason.text) for reason in result.reasons])


def confirmed(band):
    return ("s4_confirmed", f"The proposed band ({band}) is confirmed.")


def override(low, high):
    return ("s4_override_up", f"Placed higher than proposed ({low} → {high}) on professional "
                              "judgement.")


def lower(proposed):
    return (f"The band cannot be lower than the proposed {proposed}: the floors and automatic "
            "bands in §4 apply to every case")


# --- the band against the proposal -------------------------------------------------------------


@pytest.mark.parametrize(("proposed", "chosen", "expected"), [
    ("green", "green", ({}, False, True, [confirmed("green")])),
    ("yellow", "yellow", ({}, False, True, [confirmed("yellow")])),
    ("red", "red", ({}, False, True, [confirmed("red")])),
    ("blue", "blue", ({}, False, True, [confirmed("blue")])),
    ("blue", "red", ({}, False, True, [("s4_confirmed", "Placed red rather than blue: the same "
                                         "top band, differing in approach.")])),
    ("red", "blue", ({}, False, True, [("s4_confirmed", "Placed blue rather than red: the same "
                                         "top band, differing in approach.")])),
    ("yellow", "green", ({"band": lower("yellow")}, False, False, [])),
    ("red", "yellow", ({"band": lower("red")}, False, False, [])),
    ("blue", "green", ({"band": lower("blue")}, False, False, [])),
    ("green", "yellow", ({"rationale": RATIONALE}, True, False, [override("green", "yellow")])),
    ("yellow", "red", ({"rationale": RATIONALE}, True, False, [override("yellow", "red")])),
    ("green", "blue", ({"rationale": RATIONALE}, True, False, [override("green", "blue")])),
])
def test_s4_band_no_lower_than_proposed_and_a_higher_band_needs_a_rationale(
        proposed, chosen, expected):
    assert whole(check(proposed, chosen)) == expected


@pytest.mark.parametrize(("rationale", "problems"), [
    ("", {"rationale": RATIONALE}),
    ("   \n", {"rationale": RATIONALE}),
    ("Escalating violence", {}),
])
def test_s4_override_rationale_must_have_words(rationale, problems):
    result = check("green", "yellow", rationale=rationale)
    assert whole(result) == (problems, True, not problems, [override("green", "yellow")])


def test_s4_confirming_does_not_need_a_rationale_and_ignores_one():
    assert whole(check("yellow", "yellow", rationale="because")) == (
        {}, False, True, [confirmed("yellow")])


@pytest.mark.parametrize(("proposed", "chosen", "problem"), [
    ("green", "", "Choose a band"),
    ("green", "purple", "Choose a band"),
    ("", "", "Choose a band"),  # the band chosen is checked first
    ("", "green", "There is no proposed band to confirm yet"),
    (None, "red", "There is no proposed band to confirm yet"),
])
def test_s4_a_band_and_a_proposal_are_needed(proposed, chosen, problem):
    result = check(proposed, chosen, prompts=(DA,), ror_by_judgement=True)
    assert whole(result) == ({"band": problem}, False, False, [])


# --- prompts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "problems", "reasons"), [
    (None, {f"prompt:{OTHER}": ANSWER}, []),
    (PromptAnswer(""), {f"prompt:{OTHER}": ANSWER}, []),
    (PromptAnswer("", "a note alone"), {f"prompt:{OTHER}": ANSWER}, []),
    (PromptAnswer("Accept"), {f"prompt:{OTHER}": ANSWER}, []),
    (PromptAnswer("accept"), {}, [("s4_prompt_accept", f"Prompt {OTHER} accepted.")]),
    (PromptAnswer("accept", "  "), {}, [("s4_prompt_accept", f"Prompt {OTHER} accepted.")]),
    (PromptAnswer("accept", " Agreed \n"), {},
     [("s4_prompt_accept", f"Prompt {OTHER} accepted: Agreed")]),
    (PromptAnswer("decline"), {f"prompt:{OTHER}": DECLINE_NOTE},
     [("s4_prompt_decline", f"Prompt {OTHER} declined.")]),
    (PromptAnswer("decline", " \t"), {f"prompt:{OTHER}": DECLINE_NOTE},
     [("s4_prompt_decline", f"Prompt {OTHER} declined.")]),
    (PromptAnswer("decline", " Housed last week "), {},
     [("s4_prompt_decline", f"Prompt {OTHER} declined: Housed last week")]),
])
def test_s4_every_prompt_is_answered_and_a_decline_says_why(answer, problems, reasons):
    answers = {} if answer is None else {OTHER: answer}
    result = check("green", "green", prompts=(OTHER,), answers=answers)
    assert whole(result) == (problems, False, not problems, [confirmed("green"), *reasons])


@pytest.mark.parametrize(("chosen", "rationale", "problems", "overridden", "first"), [
    ("green", "", {f"prompt:{DA}": CHOOSE_TOP}, False, confirmed("green")),
    ("yellow", "DA call-outs", {f"prompt:{DA}": CHOOSE_TOP}, True, override("green", "yellow")),
    ("red", "DA call-outs", {}, True, override("green", "red")),
    ("blue", "DA call-outs", {}, True, override("green", "blue")),
])
def test_s4_accepting_consider_top_needs_red_or_blue(chosen, rationale, problems, overridden,
                                                     first):
    result = check("green", chosen, prompts=(DA,), answers={DA: PromptAnswer("accept")},
                   rationale=rationale)
    assert whole(result) == (problems, overridden, not problems,
                             [first, ("s4_prompt_accept", f"Prompt {DA} accepted.")])


def test_s4_accepting_an_ordinary_prompt_does_not_need_the_top_band():
    result = check("green", "green", prompts=(OTHER,), answers={OTHER: PromptAnswer("accept")})
    assert result.ok


def test_s4_declining_consider_top_with_a_note_keeps_the_band():
    result = check("yellow", "yellow", prompts=(DA,),
                   answers={DA: PromptAnswer("decline", "Historic, no current partner")})
    assert whole(result) == ({}, False, True, [
        confirmed("yellow"),
        ("s4_prompt_decline", f"Prompt {DA} declined: Historic, no current partner"),
    ])


@pytest.mark.parametrize(("chosen", "rationale", "note", "problems"), [
    ("red", "", "", {f"prompt:{RED_OR_BLUE_PROMPT}": CLOSE_TO_CHANGE}),
    ("red", " ", " ", {f"prompt:{RED_OR_BLUE_PROMPT}": CLOSE_TO_CHANGE}),
    ("red", "Engaging well, stable housing", "", {}),
    ("red", "", "Engaging well", {}),
    ("blue", "", "", {}),
])
def test_s4_red_or_blue_prompt_is_answered_by_the_choice(chosen, rationale, note, problems):
    answers = {RED_OR_BLUE_PROMPT: PromptAnswer("", note)} if note else {}
    result = check("blue", chosen, prompts=(RED_OR_BLUE_PROMPT,), answers=answers,
                   rationale=rationale)
    first = confirmed("blue") if chosen == "blue" else (
        "s4_confirmed", "Placed red rather than blue: the same top band, differing in approach.")
    # The prompt itself adds no reason: the band is the answer.
    assert whole(result) == (problems, False, not problems, [first])


def test_s4_red_or_blue_prompt_without_answers_entry_for_a_red_choice_needs_the_note():
    result = check("blue", "red", prompts=(RED_OR_BLUE_PROMPT,),
                   answers={OTHER: PromptAnswer("accept", "elsewhere")})
    assert result.problems == {f"prompt:{RED_OR_BLUE_PROMPT}": CLOSE_TO_CHANGE}


@pytest.mark.parametrize("first", [RED_OR_BLUE_PROMPT, CONFIRM_PROMPT])
def test_s4_a_prompt_after_the_red_or_blue_or_confirm_prompt_is_still_checked(first):
    result = check("blue", "blue", prompts=(first, OTHER), answers={})
    assert whole(result) == ({f"prompt:{OTHER}": ANSWER}, False, False, [confirmed("blue")])
    result = check("blue", "blue", prompts=(first, OTHER, DA),
                   answers={OTHER: PromptAnswer("decline", "n/a"), DA: PromptAnswer("accept")})
    assert whole(result) == ({}, False, True, [
        confirmed("blue"),
        ("s4_prompt_decline", f"Prompt {OTHER} declined: n/a"),
        ("s4_prompt_accept", f"Prompt {DA} accepted."),
    ])


def test_s4_confirm_prompt_is_answered_by_recording_the_decision():
    result = check("yellow", "yellow", prompts=(CONFIRM_PROMPT,), answers={})
    assert whole(result) == ({}, False, True, [confirmed("yellow")])
    assert ANSWERED_BY_DECISION == frozenset({RED_OR_BLUE_PROMPT, CONFIRM_PROMPT})
    assert (RED_OR_BLUE_PROMPT, CONFIRM_PROMPT) == ("s4_decide_red_or_blue", "s4_manager_confirms")


def test_s4_an_unanswered_prompt_after_an_unanswered_one_is_reported_too():
    result = check("green", "green", prompts=(OTHER, DA), answers={})
    assert whole(result) == ({f"prompt:{OTHER}": ANSWER, f"prompt:{DA}": ANSWER}, False, False,
                             [confirmed("green")])


def test_s4_prompts_are_checked_even_when_the_band_is_too_low():
    result = check("yellow", "green", prompts=(OTHER,), answers={OTHER: PromptAnswer("accept")})
    assert whole(result) == ({"band": lower("yellow")}, False, False,
                             [("s4_prompt_accept", f"Prompt {OTHER} accepted.")])


@pytest.mark.parametrize(("code", "expected"), [
    (DA, True), ("s4_consider_top", True), ("s4_consider_top_now", False),
    ("s4_consider_topx", False), (OTHER, False), (RED_OR_BLUE_PROMPT, False),
])
def test_s4_consider_top_prompts_are_named_by_their_suffix(code, expected):
    assert CONSIDER_TOP_SUFFIX == "_consider_top"
    assert is_consider_top(code) is expected


# --- risk of reoffending by professional judgement ---------------------------------------------


@pytest.mark.parametrize(("by_judgement", "reason", "problems"), [
    (False, "", {}),
    (True, "", {"ror_reason": ROR}),
    (True, "  ", {"ror_reason": ROR}),
    (True, "No OGRS3: first offence, no record", {}),
])
def test_s4_risk_of_reoffending_by_judgement_needs_a_reason(by_judgement, reason, problems):
    result = check("yellow", "yellow", ror_by_judgement=by_judgement, ror_reason=reason)
    assert whole(result) == (problems, False, not problems, [confirmed("yellow")])


def test_s4_judgement_is_not_assumed_by_default():
    assert check("yellow", "yellow").ok


def test_s4_every_problem_is_reported_at_once():
    result = check("red", "blue", prompts=(OTHER, RED_OR_BLUE_PROMPT, DA),
                   answers={OTHER: PromptAnswer("decline"), DA: PromptAnswer("maybe")},
                   ror_by_judgement=True)
    assert whole(result) == (
        {f"prompt:{OTHER}": DECLINE_NOTE, f"prompt:{DA}": ANSWER, "ror_reason": ROR},
        False, False,
        [("s4_confirmed", "Placed blue rather than red: the same top band, differing in "
                          "approach."),
         ("s4_prompt_decline", f"Prompt {OTHER} declined.")],
    )
    assert list(result.problems) == [f"prompt:{OTHER}", f"prompt:{DA}", "ror_reason"]
