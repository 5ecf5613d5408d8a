"""Reviews (operating-model.md §14, §7 gate, F9): every boundary and word pinned.

Written against mutation testing (issue 25): the due date the day before, of and after (1 day
overdue, 2 days overdue); an event whose ten days end the day before, on and after the interval's
due date; an event on the day of the last review and the day after; every reason in full and
every input error in words.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.planning import CHILDRENS_SOCIAL_CARE, POLICE_DA
from desist.rules.reasons import Reason
from desist.rules.reviews import (
    BANDS,
    DEFAULT_REVIEWS,
    EVENT_KINDS,
    EVENT_WORDS,
    ROSH_ORDER,
    ROSH_WORDS,
    S7,
    S14,
    ReviewConfig,
    ReviewDue,
    ReviewFacts,
    SignificantEvent,
    review_check_gate,
    review_due,
    risk_rose,
    unadjusted_risk_flag,
)

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)
SINCE = D("2026-10-01")  # Thursday; red interval 42 days: due Thursday 12 November 2026
DUE = D("2026-11-12")


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


def facts(today=SINCE, band="red", since=SINCE, reviewed=False, events=()) -> ReviewFacts:
    return ReviewFacts(today, band, since, reviewed, tuple(events))


INTERVAL = Reason("s14_review_interval", S14,
                  "Review a red case every 42 days: the start of supervision was on Thursday 1 "
                  "October 2026, so the next is due by Thursday 12 November 2026.")


def test_the_constants_and_defaults():
    assert (S7, S14) == ("operating-model.md §7", "operating-model.md §14")
    assert BANDS == ("green", "yellow", "red", "blue")
    assert EVENT_KINDS == ("rosh_change", "new_registration", "breach", "arrest",
                           "change_of_address")
    assert EVENT_WORDS == {"rosh_change": "a change in RoSH",
                           "new_registration": "a new registration", "breach": "a breach",
                           "arrest": "an arrest", "change_of_address": "a change of address"}
    assert ROSH_ORDER == ("low", "medium", "high", "very_high")
    assert ROSH_WORDS["very_high"] == "very high"
    assert DEFAULT_REVIEWS.interval_days == {"red": 42, "blue": 42, "yellow": 84, "green": 182}
    assert (DEFAULT_REVIEWS.unbanded_days, DEFAULT_REVIEWS.event_days) == (84, 10)
    assert [DEFAULT_REVIEWS.days_for(b) for b in (*BANDS, None)] == [182, 84, 42, 42, 84]
    assert ReviewFacts(SINCE, None, SINCE) == facts(band=None)


def test_config_bounds_and_words():
    assert ReviewConfig(interval_days={"red": 1}).days_for("red") == 1
    assert ReviewConfig(interval_days={"red": 1}).days_for("green") == 84
    assert ReviewConfig(unbanded_days=0, event_days=0).event_days == 0
    assert _error(lambda: ReviewConfig(interval_days={"amber": 10})) == {
        "field": "interval_days", "message": "unknown band 'amber'"}
    for bad in (0, True, 1.5):
        assert _error(lambda bad=bad: ReviewConfig(interval_days={"red": bad})) == {
            "field": "interval_days", "message": "every interval must be 1 day or more"}
    for name in ("unbanded_days", "event_days"):
        for bad in (-1, True, 1.5):
            assert _error(lambda name=name, bad=bad: ReviewConfig(**{name: bad})) == {
                "field": name, "message": "must be a whole number, 0 or more"}


# --- the interval ---------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "overdue", "days", "late"), [
    (DUE - DAY, False, 0, None), (DUE, False, 0, None),
    (DUE + DAY, True, 1, "The review was due on Thursday 12 November 2026: it is 1 day overdue."),
    (DUE + 2 * DAY, True, 2,
     "The review was due on Thursday 12 November 2026: it is 2 days overdue."),
])
def test_the_day_before_of_and_after_the_due_date(today, overdue, days, late):
    result = review_due(facts(today=today))
    reasons = (INTERVAL,) + ((Reason("s14_review_overdue", S14, late),) if late else ())
    assert result == ReviewDue(DUE, "interval", overdue, days, reasons)
    assert result.as_dict() == {"due_on": "2026-11-12", "trigger": "interval", "overdue": overdue,
                                "days_overdue": days,
                                "reasons": [r.as_dict() for r in reasons]}


def test_after_a_review_and_with_no_band_in_words():
    assert review_due(facts(band=None, reviewed=True)).reasons[0].text == (
        "Review a case not yet banded every 84 days: the last review was on Thursday 1 October "
        "2026, so the next is due by Thursday 24 December 2026.")
    assert review_due(facts(band="green")).due_on == SINCE + 182 * DAY
    assert review_due(facts(band="yellow")).due_on == SINCE + 84 * DAY
    assert review_due(facts(band="blue")).due_on == DUE


def test_the_interval_is_configuration():
    config = ReviewConfig(interval_days={"red": 7}, event_days=3)
    assert review_due(facts(), config).due_on == SINCE + 7 * DAY
    event = SignificantEvent("arrest", SINCE + 2 * DAY)
    result = review_due(facts(events=[event]), config)
    assert result.due_on == SINCE + 5 * DAY
    assert result.reasons[1].text == ("An arrest on Saturday 3 October 2026 brings the review "
                                      "forward: due within 3 days, by Tuesday 6 October 2026.")


# --- significant events ---------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "moved"), [(-1, True), (0, False), (1, False)])
def test_an_event_whose_ten_days_end_before_on_or_after_the_due_date(offset, moved):
    event = SignificantEvent("breach", DUE - 10 * DAY + offset * DAY)
    result = review_due(facts(events=[event]))
    assert (result.due_on, result.trigger) == ((DUE - DAY, "breach") if moved else (DUE,
                                                                                    "interval"))
    assert len(result.reasons) == (2 if moved else 1)


def test_an_event_in_full():
    event = SignificantEvent("change_of_address", D("2026-10-20"))
    result = review_due(facts(today=D("2026-11-02"), events=[event]))
    assert result == ReviewDue(D("2026-10-30"), "change_of_address", True, 3, (
        INTERVAL,
        Reason("s14_review_after_change_of_address", S14,
               "A change of address on Tuesday 20 October 2026 brings the review forward: due "
               "within 10 days, by Friday 30 October 2026."),
        Reason("s14_review_overdue", S14,
               "The review was due on Friday 30 October 2026: it is 3 days overdue."),
    ))


@pytest.mark.parametrize(("on", "counted"), [(SINCE - DAY, False), (SINCE, False),
                                             (SINCE + DAY, True)])
def test_an_event_on_the_day_of_the_last_review_is_covered_by_it(on, counted):
    result = review_due(facts(reviewed=True, events=[SignificantEvent("arrest", on)]))
    assert result.trigger == ("arrest" if counted else "interval")


def test_before_any_review_an_event_before_the_start_still_counts():
    result = review_due(facts(events=[SignificantEvent("rosh_change", SINCE - DAY)]))
    assert (result.due_on, result.trigger) == (SINCE + 9 * DAY, "rosh_change")


def test_each_event_that_brings_the_review_further_forward_is_named():
    events = [SignificantEvent("new_registration", D("2026-10-20")),
              SignificantEvent("arrest", D("2026-10-25")),
              SignificantEvent("rosh_change", D("2026-10-10"))]
    result = review_due(facts(events=events))
    assert (result.due_on, result.trigger) == (D("2026-10-20"), "rosh_change")
    assert [r.code for r in result.reasons] == ["s14_review_interval",
                                                "s14_review_after_new_registration",
                                                "s14_review_after_rosh_change"]
    assert result.reasons[1].text.startswith("A new registration on Tuesday 20 October 2026")


def test_review_input_errors_in_words():
    assert _error(lambda: review_due(facts(today="2026-10-01"))) == {
        "field": "today", "message": "must be a date"}
    assert _error(lambda: review_due(facts(since=dt.datetime(2026, 10, 1)))) == {
        "field": "since", "message": "must be a date"}
    assert _error(lambda: review_due(facts(band="amber"))) == {
        "field": "band", "message": "must be one of green, yellow, red, blue or null"}
    assert _error(lambda: review_due(facts(events=[SignificantEvent("party", SINCE)]))) == {
        "field": "events", "message": "unknown event 'party'"}
    assert _error(lambda: review_due(facts(events=[SignificantEvent("arrest", None)]))) == {
        "field": "events", "message": "each event needs a date"}
    assert _error(lambda: review_due(facts(
        events=[SignificantEvent("arrest", dt.datetime(2026, 10, 2))]))) == {
        "field": "events", "message": "each event needs a date"}


# --- the §7 gate ----------------------------------------------------------------------------


def test_the_check_gate_in_full():
    today = D("2026-06-01")
    blockers = review_check_gate({"domestic_abuse"}, {POLICE_DA: None,
                                                      CHILDRENS_SOCIAL_CARE: today - 92 * DAY},
                                 today)
    suffix = (" A review of a domestic-abuse or child-flagged case needs fresh checks (§14): "
              "request the check and record its result first.")
    assert [(b.code, b.section) for b in blockers] == [("s7_check_missing", S7),
                                                       ("s7_check_stale", S7)]
    assert all(b.text.endswith(suffix) for b in blockers)
    assert blockers[0].text.endswith("not done (no completed check is recorded)." + suffix)
    assert review_check_gate({"child_concern"}, {CHILDRENS_SOCIAL_CARE: today}, today) == ()


# --- risk rising ----------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after", "rose"), [
    ("low", "medium", True), ("low", "low", False), ("very_high", "high", False),
    (None, "low", False), ("", "high", False), ("low", None, False), ("high", "very_high", True)])
def test_risk_rose(before, after, rose):
    assert risk_rose(before, after) is rose


def test_an_unknown_rosh_level_is_refused():
    assert _error(lambda: risk_rose("low", "extreme")) == {
        "field": "rosh", "message": "unknown RoSH level 'extreme'"}


def test_the_unadjusted_risk_flag_in_full():
    assert unadjusted_risk_flag("medium", "very_high", adjusted=False) == Reason(
        "s14_risk_rose_not_adjusted", S14,
        "RoSH rose from medium to very high and the review made no adjustment to the plan: a "
        "manager must look at the case.")
    assert unadjusted_risk_flag(None, None, adjusted=False, risk_increased=True) == Reason(
        "s14_risk_rose_not_adjusted", S14,
        "The review recorded an increase in risk and the review made no adjustment to the plan: "
        "a manager must look at the case.")
    assert unadjusted_risk_flag("low", "high", adjusted=False, risk_increased=True).text \
        .startswith("RoSH rose from low to high")
    assert unadjusted_risk_flag("low", "high", adjusted=True) is None
    assert unadjusted_risk_flag("low", "high", adjusted=True, risk_increased=True) is None
    assert unadjusted_risk_flag("high", "low", adjusted=False) is None


# --- survivors of the first mutation run ----------------------------------------------------


def test_an_event_the_review_covered_does_not_hide_a_later_one():
    events = [SignificantEvent("arrest", SINCE), SignificantEvent("breach", SINCE + DAY)]
    result = review_due(facts(reviewed=True, events=events))
    assert (result.due_on, result.trigger) == (SINCE + 11 * DAY, "breach")


def test_the_check_rules_reach_the_gate():
    from desist.rules.planning import CheckRules

    today = D("2026-06-01")
    dates = {CHILDRENS_SOCIAL_CARE: today - 30 * DAY}
    assert review_check_gate({"child_concern"}, dates, today) == ()
    strict = CheckRules(valid_days={POLICE_DA: 7, CHILDRENS_SOCIAL_CARE: 7})
    assert [b.code for b in review_check_gate({"child_concern"}, dates, today, strict)] == [
        "s7_check_stale"]
