"""§4: a manager's band decision — no lower than proposed, overrides reasoned, prompts answered."""

from __future__ import annotations

import pytest

from desist.rules.band_decision import PromptAnswer, check_band_decision
from desist.rules.banding import BandInput, band

DA_PROMPT = "s4_domestic_abuse_consider_top"


def _da_case():
    result = band(BandInput(rosh="low", ogrs3_two_year=30, registrations={"domestic_abuse"}))
    assert result.band == "green"
    assert DA_PROMPT in [p.code for p in result.prompts]
    return result


def _check(result, chosen, answers=None, rationale="", **kw):
    return check_band_decision(proposed=result.band, prompt_codes=tuple(p.code for p in result.prompts),
                               chosen=chosen, answers=answers or {}, rationale=rationale, **kw)


def test_unanswered_prompt_blocks_the_decision():
    check = _check(_da_case(), "green")
    assert not check.ok
    assert check.problems == {f"prompt:{DA_PROMPT}": "Answer this prompt: accept or decline"}


def test_declining_needs_a_note_and_then_confirms():
    result = _da_case()
    assert not _check(result, "green", {DA_PROMPT: PromptAnswer("decline")}).ok
    check = _check(result, "green", {DA_PROMPT: PromptAnswer("decline", "Historic, no current partner")})
    assert check.ok and not check.overridden
    assert any(r.code == "s4_prompt_decline" and "declined: Historic" in r.text for r in check.reasons)


def test_accepting_consider_top_needs_red_or_blue():
    result = _da_case()
    check = _check(result, "yellow", {DA_PROMPT: PromptAnswer("accept")}, rationale="DA")
    assert "choose red or blue" in check.problems[f"prompt:{DA_PROMPT}"]
    check = _check(result, "blue", {DA_PROMPT: PromptAnswer("accept")}, rationale="Recent DA call-outs")
    assert check.ok and check.overridden


def test_band_below_proposal_is_refused_and_override_needs_rationale():
    result = band(BandInput(rosh="medium", ogrs3_two_year=20))
    assert result.band == "yellow"
    assert "cannot be lower" in _check(result, "green").problems["band"]
    up = _check(result, "blue")
    assert up.problems == {"rationale": "Give the reason for placing the case higher than proposed"}
    assert _check(result, "blue", rationale="Escalating violence").ok


@pytest.mark.parametrize("chosen", ["red", "blue"])
def test_red_or_blue_prompt_is_answered_by_the_choice(chosen):
    result = band(BandInput(rosh="medium", ogrs3_two_year=70, close_to_change=None))
    assert result.band == "blue"
    check = _check(result, chosen)
    if chosen == "blue":
        assert check.ok
    else:
        assert list(check.problems) == ["prompt:s4_decide_red_or_blue"]
        assert _check(result, "red", rationale="Engaged, asking for help with housing").ok


def test_professional_judgement_needs_a_reason():
    result = band(BandInput(rosh="low", ror_judgement="high"))
    assert _check(result, result.band, ror_by_judgement=True).problems == {
        "ror_reason": "Give the reason for the professional judgement of risk of reoffending"}


def test_unknown_band_is_refused():
    assert _check(_da_case(), "purple").problems == {"band": "Choose a band"}
