"""Enforcement (operating model §10, §11): every boundary and every word of the result pinned.

Written against mutation testing (issue 25, "Tests that catch mistakes"): a decision on the
same day as the failure, a warning exactly 12 months old (and the days either side), the
"breach already in progress" reason, ``warning_window_months=1``, the letters' wording — each
test here kills deliberate mistakes the older tests let through.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from desist.rules.enforcement import (
    ComplianceEvent,
    EnforcementConfig,
    EnforcementDecision,
    EnforcementInput,
    Failure,
    LetterFacts,
    LetterGroup,
    LetterWording,
    PendingLetter,
    RescheduleCheck,
    combine_letters,
    decide_enforcement,
    letter_wording,
    reschedule_allowed,
)
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.timescales import Timescales, WorkingCalendar

D = date.fromisoformat
S4 = "operating-model.md §4"
S10 = "operating-model.md §10"
S11 = "operating-model.md §11"
HOLIDAYS = "gov.uk/bank-holidays (England and Wales)"
FAILED = D("2024-05-02")  # a Thursday; Monday 6 May 2024 is a bank holiday
WHEN = "Thursday 2 May 2024"
UNACCEPTABLE = Failure(FAILED, "unacceptable", evidence="no reply to calls; no explanation")
NO_CALENDAR = WorkingCalendar(())


def r11(code: str, text: str) -> Reason:
    return Reason(code, S11, text)


UNACCEPTABLE_REASON = r11("s11_unacceptable", f"The RO judged the failure on {WHEN} unacceptable.")
REVIEW = Reason("s11_recategorisation_review", S4,
                "An enforcement event is a significant event: review the colour band.")
MAY_6 = Reason("timescale_bank_holidays", HOLIDAYS,
               "Bank holidays are not working days: Monday 6 May 2024.")
WARNING_DUE = r11("timescale_warning",
                  "Issue the warning within 2 working days of the decision that the failure was "
                  f"unacceptable ({WHEN}): by Tuesday 7 May 2024.")
BREACH_DUE = r11("timescale_breach",
                 "Start breach proceedings within 10 working days of the decision that the "
                 f"failure was unacceptable ({WHEN}): by Friday 17 May 2024.")
DECISION_DUE = r11("timescale_absence_decision",
                   "Decide whether the absence was acceptable within 2 working days of the "
                   f"absence ({WHEN}): by Tuesday 7 May 2024.")
FIRST_WARNING = r11("s11_first_warning",
                    "No warning in the 12 months before this failure: on a community order an "
                    "unacceptable failure leads to a warning.")


def warning(on: str) -> ComplianceEvent:
    return ComplianceEvent("warning", D(on))


def event(kind: str, on: str) -> ComplianceEvent:
    return ComplianceEvent(kind, D(on))


def decide(history=(), sentence="community_order", failure=UNACCEPTABLE, **kwargs):
    return decide_enforcement(EnforcementInput(sentence, failure, tuple(history)), **kwargs)


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


def breach_after(on: str, months: int = 12, order: str = "community order") -> Reason:
    return r11("s11_breach_after_warning",
               f"A warning was given on {on}, within {months} months of this failure: on a "
               f"{order} a further unacceptable failure means breach proceedings (return to "
               "court).")


# --- Whole results, through as_dict() ---------------------------------------------------------


def test_a_first_warning_in_full():
    result = decide()
    assert result == EnforcementDecision(
        "warning", None, D("2024-05-07"), 2, True,
        (UNACCEPTABLE_REASON, FIRST_WARNING, WARNING_DUE, MAY_6, REVIEW))
    assert result.as_dict() == {
        "action": "warning",
        "basis": None,
        "deadline": "2024-05-07",
        "deadline_working_days": 2,
        "review_band": True,
        "reasons": [reason.as_dict() for reason in
                    (UNACCEPTABLE_REASON, FIRST_WARNING, WARNING_DUE, MAY_6, REVIEW)],
    }
    assert result.as_dict()["reasons"][0] == {
        "code": "s11_unacceptable", "section": S11,
        "text": "The RO judged the failure on Thursday 2 May 2024 unacceptable."}


def test_nothing_decided_yet_in_full():
    result = decide(failure=Failure(FAILED), sentence="pss")
    assert result.as_dict() == {
        "action": "awaiting_decision",
        "basis": "ro_decision",
        "deadline": "2024-05-07",
        "deadline_working_days": 2,
        "review_band": False,
        "reasons": [
            r11("s11_awaiting_decision",
                f"The RO has not yet decided whether the absence on {WHEN} was acceptable: "
                "nothing is sent until they decide, with evidence.").as_dict(),
            DECISION_DUE.as_dict(),
            MAY_6.as_dict(),
        ],
    }


def test_an_arrangement_judged_unacceptable_goes_back_to_the_ro_in_full():
    failure = Failure(FAILED, "unacceptable", flexible_arrangement=True, evidence="x",
                      decided_on=D("2024-05-10"))
    result = decide(failure=failure)
    assert result == EnforcementDecision(
        "awaiting_decision", "arrangement_conflict", D("2024-05-07"), 2, False, (
            r11("s11_arrangement_conflict",
                f"The failure on {WHEN} is covered by a flexible arrangement the RO agreed, but "
                "it has been judged unacceptable: the RO must end the arrangement or change the "
                "judgement before any warning is sent."),
            DECISION_DUE, MAY_6))


@pytest.mark.parametrize("judged", [None, "acceptable"])
def test_a_flexible_arrangement_stops_everything_in_full(judged):
    result = decide(failure=Failure(FAILED, judged, flexible_arrangement=True),
                    history=[warning("2024-01-10")])
    assert result.as_dict() == {
        "action": "none", "basis": "flexible_arrangement", "deadline": None,
        "deadline_working_days": None, "review_band": False,
        "reasons": [r11("s11_flexible_arrangement",
                        f"The absence on {WHEN} is covered by a flexible arrangement agreed by the "
                        "RO (for example childcare): no warning and no letter.").as_dict()],
    }


@pytest.mark.parametrize(("evidence", "prompted"),
                         [(None, True), ("", True), ("   ", True), ("GP letter", False)])
def test_an_acceptable_absence_in_full(evidence, prompted):
    result = decide(failure=Failure(FAILED, "acceptable", evidence=evidence),
                    history=[warning("2024-01-10")])
    acceptable = r11("s11_acceptable",
                     f"The RO judged the absence on {WHEN} acceptable: no enforcement action.")
    prompt = r11("s11_record_evidence",
                 "No evidence is recorded for the decision: record what it rests on.")
    assert result == EnforcementDecision(
        "none", "acceptable", None, None, False,
        (acceptable, prompt) if prompted else (acceptable,))


@pytest.mark.parametrize("evidence", [None, "", " \t "])
def test_an_unacceptable_failure_without_evidence_asks_for_it_second(evidence):
    result = decide(failure=Failure(FAILED, "unacceptable", evidence=evidence))
    assert result.reasons[:3] == (
        UNACCEPTABLE_REASON,
        r11("s11_record_evidence",
            "No evidence is recorded: the warning, breach report or recall request is generated "
            "from the record, so record the evidence first."),
        FIRST_WARNING,
    )
    assert result.action == "warning"


def test_a_recall_request_on_licence_in_full():
    failure = replace(UNACCEPTABLE, flexible_arrangement=True, arrangement_set_aside=True)
    result = decide(failure=failure, sentence="licence", history=[warning("2024-01-10")])
    assert result == EnforcementDecision("recall_request", None, D("2024-05-03"), 1, True, (
        UNACCEPTABLE_REASON,
        r11("s11_arrangement_set_aside",
            "A flexible arrangement covers the day, but the RO, shown it, confirmed that it does "
            "not excuse this failure."),
        r11("s11_licence_recall", "On licence an unacceptable failure leads to a recall request."),
        r11("timescale_recall_request",
            "Send the recall request within 1 working day of the decision that the failure was "
            f"unacceptable ({WHEN}): by Friday 3 May 2024."),
        REVIEW))


def test_post_sentence_supervision_goes_to_the_magistrates_in_full():
    result = decide(sentence="pss", history=[warning("2024-01-10")])
    assert result == EnforcementDecision("breach_to_magistrates", None, D("2024-05-17"), 10, True, (
        UNACCEPTABLE_REASON,
        r11("s11_pss_breach",
            "On post-sentence supervision an unacceptable failure is breached to the "
            "magistrates' court."),
        BREACH_DUE, MAY_6, REVIEW))


def test_a_breach_on_a_suspended_sentence_order_in_full():
    result = decide(sentence="sso", history=[warning("2024-01-10")])
    assert result == EnforcementDecision("breach", None, D("2024-05-17"), 10, True, (
        UNACCEPTABLE_REASON,
        breach_after("Wednesday 10 January 2024", order="suspended sentence order"),
        BREACH_DUE, MAY_6, REVIEW))


def test_every_history_note_on_a_warning_in_full():
    history = [warning("2021-06-01"), warning("2022-01-01"), event("warning_pending", "2024-01-01"),
               event("warning_pending", "2024-03-01"), event("unacceptable_failure", "2023-11-01"),
               event("unacceptable_failure", "2024-02-01")]
    result = decide(history, sentence="sso")
    assert result.reasons == (
        UNACCEPTABLE_REASON,
        r11("s11_first_warning",
            "No warning in the 12 months before this failure: on a suspended sentence order an "
            "unacceptable failure leads to a warning."),
        r11("s11_warning_expired",
            "The last warning, on Saturday 1 January 2022, was more than 12 months before this "
            "failure, so it does not count towards breach."),
        r11("s11_warning_letter_not_produced",
            "A warning decided on Friday 1 March 2024 does not count yet: a warning counts "
            "towards breach only from the day its letter was produced."),
        r11("s11_earlier_failure_without_warning",
            "An earlier unacceptable failure on Thursday 1 February 2024 has no warning recorded: "
            "check the record, because a warning given then would make this a breach."),
        WARNING_DUE, MAY_6, REVIEW,
    )


# --- The decision day: the clock starts when the RO decided -------------------------------------


def test_a_decision_on_the_day_of_the_failure_is_allowed_and_starts_the_clock_that_day():
    result = decide(failure=replace(UNACCEPTABLE, decided_on=FAILED))
    assert (result.action, result.deadline) == ("warning", D("2024-05-07"))
    assert WARNING_DUE in result.reasons


def test_a_decision_the_day_before_the_failure_is_refused():
    with pytest.raises(RuleInputError) as caught:
        decide(failure=replace(UNACCEPTABLE, decided_on=FAILED - timedelta(days=1)))
    assert caught.value.as_dict() == {"field": "failure.decided_on",
                                      "message": "cannot be before the failure"}


def test_a_decision_the_day_after_the_failure_starts_the_clock_that_day():
    result = decide(failure=replace(UNACCEPTABLE, decided_on=D("2024-05-03")),
                    holidays=NO_CALENDAR)
    assert (result.deadline, result.deadline_working_days) == (D("2024-05-07"), 2)
    assert r11("timescale_warning",
               "Issue the warning within 2 working days of the decision that the failure was "
               "unacceptable (Friday 3 May 2024): by Tuesday 7 May 2024.") in result.reasons
    # the reason still names the day of the failure, not of the decision
    assert result.reasons[0] == UNACCEPTABLE_REASON


def test_the_deadline_for_a_decision_runs_from_the_failure_even_when_a_decision_day_is_set():
    failure = Failure(FAILED, "unacceptable", flexible_arrangement=True,
                      decided_on=D("2024-05-09"))
    assert decide(failure=failure, holidays=NO_CALENDAR).deadline == D("2024-05-06")


# --- The 12-month window: the day before, of and after -------------------------------------------


@pytest.mark.parametrize(
    ("warned", "action"),
    [
        ("2023-05-01", "warning"),  # 12 months and a day before: expired
        ("2023-05-02", "breach"),  # exactly 12 months before: still counts
        ("2023-05-03", "breach"),  # 12 months less a day
        ("2024-05-01", "breach"),  # the day before the failure
        ("2024-05-02", "warning"),  # the same day: this failure's own warning
        ("2024-05-03", "warning"),  # after the failure: ignored
    ],
)
def test_the_warning_window_boundaries(warned, action):
    result = decide([warning(warned)])
    assert result.action == action
    expected = {"2023-05-01": "s11_warning_expired", "2023-05-02": "s11_breach_after_warning",
                "2023-05-03": "s11_breach_after_warning",
                "2024-05-01": "s11_breach_after_warning"}.get(warned)
    if expected:
        assert expected in codes(result)
    else:  # neither counted nor "expired": it is not earlier than the failure
        assert {"s11_warning_expired", "s11_breach_after_warning"}.isdisjoint(codes(result))


def test_a_warning_exactly_twelve_months_old_is_named_with_its_date():
    result = decide([warning("2023-05-02")])
    assert result.reasons[1] == breach_after("Tuesday 2 May 2023")
    assert (result.deadline, result.deadline_working_days) == (D("2024-05-17"), 10)


def test_a_warning_twelve_months_and_a_day_old_is_named_as_expired():
    result = decide([warning("2023-05-01")])
    assert result.reasons[1:3] == (FIRST_WARNING, r11(
        "s11_warning_expired",
        "The last warning, on Monday 1 May 2023, was more than 12 months before this failure, so "
        "it does not count towards breach."))


def test_the_latest_live_warning_is_the_one_named():
    result = decide([warning("2023-08-01"), warning("2024-01-10"), warning("2023-12-01")])
    assert result.reasons[1] == breach_after("Wednesday 10 January 2024")


def test_the_latest_expired_warning_is_the_one_named():
    result = decide([warning("2021-01-04"), warning("2023-04-03"), warning("2022-06-01")])
    assert "The last warning, on Monday 3 April 2023," in result.reasons[2].text


@pytest.mark.parametrize("kind", ["warning_pending", "unacceptable_failure", "breach", "recall"])
def test_only_a_served_warning_counts_towards_breach(kind):
    assert decide([event(kind, "2024-01-10")]).action == "warning"


def test_a_one_month_window():
    one = EnforcementConfig(warning_window_months=1)
    assert decide([warning("2024-04-01")], config=one).reasons[1:3] == (
        r11("s11_first_warning",
            "No warning in the 1 months before this failure: on a community order an "
            "unacceptable failure leads to a warning."),
        r11("s11_warning_expired",
            "The last warning, on Monday 1 April 2024, was more than 1 months before this "
            "failure, so it does not count towards breach."),
    )
    on_the_day = decide([warning("2024-04-02")], config=one)
    assert on_the_day.action == "breach"
    assert on_the_day.reasons[1] == breach_after("Tuesday 2 April 2024", months=1)
    assert decide([warning("2024-04-03")], config=one).action == "breach"


def test_the_default_window_is_twelve_months():
    assert EnforcementConfig().warning_window_months == 12
    assert decide([warning("2023-05-02")], config=EnforcementConfig()).action == "breach"
    assert decide([warning("2023-05-02")], config=EnforcementConfig(11)).action == "warning"
    assert decide([warning("2023-05-02")], config=EnforcementConfig(13)).action == "breach"
    assert decide([warning("2023-04-02")], config=EnforcementConfig(13)).action == "breach"
    assert decide([warning("2023-04-01")], config=EnforcementConfig(13)).action == "warning"


@pytest.mark.parametrize("months", [0, -1, True, False, 1.0, "12", None])
def test_the_window_must_be_a_whole_number_of_months_from_one(months):
    with pytest.raises(RuleInputError) as caught:
        EnforcementConfig(warning_window_months=months)
    assert caught.value.as_dict() == {"field": "warning_window_months",
                                      "message": "must be 1 or more months"}


# --- Breach already in progress ------------------------------------------------------------------

IN_PROGRESS = r11("s11_breach_in_progress",
                  "Breach action has already been started since that warning: add this failure to "
                  "it if it is still open.")


@pytest.mark.parametrize(
    ("breach_on", "in_progress"),
    [
        ("2024-01-09", False),  # the day before the warning: an earlier breach, not this one
        ("2024-01-10", True),  # the day of the warning
        ("2024-01-11", True),  # the day after
        ("2024-05-01", True),  # the day before the failure
        ("2024-05-02", False),  # the day of the failure: not earlier than it
    ],
)
def test_breach_already_in_progress_boundaries(breach_on, in_progress):
    result = decide([warning("2024-01-10"), event("breach", breach_on)])
    assert result.action == "breach"
    assert result.reasons[:3] == (
        (UNACCEPTABLE_REASON, breach_after("Wednesday 10 January 2024"), IN_PROGRESS)
        if in_progress else (UNACCEPTABLE_REASON, breach_after("Wednesday 10 January 2024"),
                             BREACH_DUE))


def test_breach_in_progress_is_measured_from_the_latest_warning():
    history = [warning("2023-12-01"), event("breach", "2024-01-05"), warning("2024-02-01")]
    assert "s11_breach_in_progress" not in codes(decide(history))
    history = [warning("2023-12-01"), event("breach", "2024-02-05"), warning("2024-02-01")]
    assert "s11_breach_in_progress" in codes(decide(history))


@pytest.mark.parametrize("kind", ["warning", "warning_pending", "unacceptable_failure", "recall"])
def test_only_a_breach_event_means_breach_in_progress(kind):
    assert "s11_breach_in_progress" not in codes(
        decide([warning("2024-01-10"), event(kind, "2024-03-01")]))


# --- Earlier failures without a warning, pending warnings ---------------------------------------


@pytest.mark.parametrize(
    ("failed_before", "noted"),
    [("2023-05-01", False), ("2023-05-02", True), ("2024-05-01", True), ("2024-05-02", False)],
)
def test_an_earlier_unwarned_failure_within_the_window(failed_before, noted):
    result = decide([event("unacceptable_failure", failed_before)])
    assert result.action == "warning"
    assert ("s11_earlier_failure_without_warning" in codes(result)) is noted


def test_the_latest_unwarned_failure_and_pending_warning_are_named():
    result = decide([event("unacceptable_failure", "2024-03-04"),
                     event("unacceptable_failure", "2024-04-08"),
                     event("unacceptable_failure", "2024-01-02"),
                     event("warning_pending", "2024-04-15"), event("warning_pending", "2024-02-01"),
                     event("warning_pending", "2024-05-02")])
    texts = {reason.code: reason.text for reason in result.reasons}
    assert texts["s11_earlier_failure_without_warning"].startswith(
        "An earlier unacceptable failure on Monday 8 April 2024 has no warning recorded")
    assert texts["s11_warning_letter_not_produced"].startswith(
        "A warning decided on Monday 15 April 2024 does not count yet")


def test_a_pending_warning_on_the_day_of_the_failure_is_not_mentioned():
    assert "s11_warning_letter_not_produced" not in codes(
        decide([event("warning_pending", "2024-05-02")]))


def test_no_notes_when_the_history_is_empty():
    assert decide().reasons == (UNACCEPTABLE_REASON, FIRST_WARNING, WARNING_DUE, MAY_6, REVIEW)


# --- Timescales and holidays are passed through -------------------------------------------------


def test_every_deadline_uses_the_configured_timescales_and_calendar():
    timescales = Timescales(absence_decision_working_days=3, warning_working_days=4,
                            breach_working_days=6, recall_request_working_days=5)
    kwargs = {"timescales": timescales, "holidays": NO_CALENDAR}
    assert decide(failure=Failure(FAILED), **kwargs).deadline == D("2024-05-07")
    assert decide(**kwargs).deadline == D("2024-05-08")
    assert decide([warning("2024-01-10")], **kwargs).deadline == D("2024-05-10")
    assert decide(sentence="pss", **kwargs).deadline == D("2024-05-10")
    assert decide(sentence="licence", **kwargs).deadline == D("2024-05-09")
    assert MAY_6 not in decide(**kwargs).reasons


# --- Input errors, through as_dict() -------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        (EnforcementInput("custody", UNACCEPTABLE), "sentence_type",
         "must be one of community_order, sso, licence, pss (custody has nothing to enforce in "
         "the community), not 'custody'"),
        (EnforcementInput("community_order", None), "failure", "must be a Failure"),
        (EnforcementInput("community_order", Failure(datetime(2024, 5, 2, 9))), "failure.on",
         "must be a date (YYYY-MM-DD)"),
        (EnforcementInput("community_order", Failure(FAILED, "maybe")), "failure.judged",
         "must be acceptable, unacceptable or null"),
        (EnforcementInput("community_order", Failure(FAILED, None, 1)),
         "failure.flexible_arrangement", "must be true or false"),
        (EnforcementInput("community_order", replace(UNACCEPTABLE, arrangement_set_aside="yes")),
         "failure.arrangement_set_aside", "must be true or false"),
        (EnforcementInput("community_order", replace(UNACCEPTABLE, evidence=b"x")),
         "failure.evidence", "must be text or null"),
        (EnforcementInput("community_order",
                          replace(UNACCEPTABLE, decided_on=datetime(2024, 5, 3, 9))),
         "failure.decided_on", "must be a date or null"),
        (EnforcementInput("community_order", replace(UNACCEPTABLE, decided_on="2024-05-03")),
         "failure.decided_on", "must be a date or null"),
        (EnforcementInput("community_order", UNACCEPTABLE, "warning"), "history",
         "must be a list of compliance events"),
        (EnforcementInput("community_order", UNACCEPTABLE, b"warning"), "history",
         "must be a list of compliance events"),
        (EnforcementInput("community_order", UNACCEPTABLE, 3), "history",
         "must be a list of compliance events"),
        (EnforcementInput("community_order", UNACCEPTABLE, (event("caution", "2024-01-01"),)),
         "history", "ComplianceEvent(kind='caution', on=datetime.date(2024, 1, 1)): each "
         "event's kind must be one of warning, warning_pending, unacceptable_failure, breach, "
         "recall"),
        (EnforcementInput("community_order", UNACCEPTABLE, (("warning", FAILED),)),
         "history", "('warning', datetime.date(2024, 5, 2)): each event's kind must be one of "
         "warning, warning_pending, unacceptable_failure, breach, recall"),
        (EnforcementInput("community_order", UNACCEPTABLE,
                          (ComplianceEvent("warning", datetime(2024, 1, 1, 9)),)),
         "history", "ComplianceEvent(kind='warning', on=datetime.datetime(2024, 1, 1, 9, 0)): "
         "the event needs a date"),
    ],
)
def test_input_errors_name_the_field_and_say_what_is_wrong(case, field, message):
    with pytest.raises(RuleInputError) as caught:
        decide_enforcement(case)
    assert caught.value.as_dict() == {"field": field, "message": message}


def test_valid_odd_inputs_are_accepted():
    # a list or a generator of events, an empty evidence string, no judgement: all valid
    assert decide([warning("2024-01-10")]).action == "breach"
    assert decide(w for w in [warning("2024-01-10")]).action == "breach"
    assert decide(failure=Failure(FAILED, None, False, "")).action == "awaiting_decision"


# --- Letters (§10, §11, F11) ---------------------------------------------------------------------

NOW = datetime(2024, 5, 7, 9, 0)
SPEAKS_OF_ORDER = r11("s11_letter_sentence",
                      "The letter speaks of their order, the sentence the person is under.")
NOT_WARNED = r11("s11_letter_no_warning_mentioned",
                 "The person was not served a warning on this sentence before the failure: the "
                 "letter must not say they were warned.")


@pytest.mark.parametrize(
    ("sentence", "wording", "words"),
    [
        ("community_order", "order", "their order"),
        ("sso", "order", "their order"),
        ("licence", "licence", "their licence conditions"),
        ("pss", "pss", "their post-sentence supervision"),
        (None, "none", "their supervision"),
    ],
)
def test_a_letter_names_the_sentence_the_person_is_under(sentence, wording, words):
    assert letter_wording(LetterFacts("warning", sentence, NOW)) == LetterWording(
        True, wording, False,
        (r11("s11_letter_sentence",
             f"The letter speaks of {words}, the sentence the person is under."),))


def test_a_breach_letter_on_an_order_may_mention_the_warning_with_its_date():
    wording = letter_wording(LetterFacts("breach", "sso", NOW, warned_on=D("2024-01-10")))
    assert wording == LetterWording(True, "order", True, (
        SPEAKS_OF_ORDER,
        r11("s11_letter_warning_mentioned",
            "The person was warned on Wednesday 10 January 2024: the letter may say so.")))


@pytest.mark.parametrize(("sentence", "warned_on"),
                         [("community_order", None), ("licence", D("2024-01-10")),
                          ("pss", D("2024-01-10")), (None, D("2024-01-10"))])
def test_a_breach_letter_otherwise_must_not_mention_a_warning(sentence, warned_on):
    wording = letter_wording(LetterFacts("breach", sentence, NOW, warned_on=warned_on))
    assert (wording.send, wording.mention_warning) == (True, False)
    assert wording.reasons[-1] == NOT_WARNED


@pytest.mark.parametrize("kind", ["warning", "appointment", "recall"])
def test_only_a_breach_letter_mentions_a_warning(kind):
    wording = letter_wording(LetterFacts(kind, "community_order", NOW, warned_on=D("2024-01-10"),
                                         recall_decided=True))
    assert (wording.send, wording.mention_warning, wording.reasons) == (
        True, False, (SPEAKS_OF_ORDER,))


@pytest.mark.parametrize(
    ("starts", "send"),
    [(NOW - timedelta(minutes=1), False), (NOW, False), (NOW + timedelta(minutes=1), True),
     (None, True)],
)
def test_an_appointment_letter_is_never_sent_once_the_appointment_has_started(starts, send):
    wording = letter_wording(LetterFacts("appointment", "community_order", NOW,
                                         appointment_at=starts))
    past = Reason("s10_no_invitation_to_past", S10,
                  "The appointment has already started: a letter must never invite a person to "
                  "an appointment in the past.")
    assert wording == LetterWording(send, "order", False,
                                    (SPEAKS_OF_ORDER,) if send else (SPEAKS_OF_ORDER, past))


@pytest.mark.parametrize("kind", ["warning", "breach", "recall"])
def test_a_past_appointment_time_only_stops_an_appointment_letter(kind):
    wording = letter_wording(LetterFacts(kind, "licence", NOW, appointment_at=NOW,
                                         recall_decided=True))
    assert wording.send is True


def test_a_recall_letter_waits_for_the_decision():
    assert letter_wording(LetterFacts("recall", "licence", NOW)) == LetterWording(
        False, "licence", False, (
            r11("s11_letter_sentence",
                "The letter speaks of their licence conditions, the sentence the person is "
                "under."),
            r11("s11_recall_not_decided",
                "The recall has not been decided: nothing is sent to the person about a recall "
                "request before the decision.")))
    assert letter_wording(LetterFacts("recall", "licence", NOW, recall_decided=True)).send is True
    # only a recall letter waits for a recall decision
    assert letter_wording(LetterFacts("warning", "licence", NOW)).send is True


@pytest.mark.parametrize(
    ("facts", "field", "message"),
    [
        (LetterFacts("sms", "licence", NOW), "kind",
         "must be one of appointment, warning, breach, recall"),
        (LetterFacts("warning", "custody", NOW), "sentence_type",
         "must be one of community_order, sso, licence, pss"),
    ],
)
def test_letter_input_errors(facts, field, message):
    with pytest.raises(RuleInputError) as caught:
        letter_wording(facts)
    assert caught.value.as_dict() == {"field": field, "message": message}


def test_letters_on_one_day_combine_into_the_most_serious_lowest_numbered_first():
    day = D("2024-05-07")
    groups = combine_letters([
        PendingLetter(9, 1, "warning", day), PendingLetter(7, 1, "breach", day),
        PendingLetter(3, 1, "warning", day), PendingLetter(8, 1, "breach", day),
    ])
    assert groups == (LetterGroup(7, (8, 3, 9), (Reason(
        "s10_one_letter_per_day", S10,
        "4 letters about missed appointments were due to this person on Tuesday 7 May 2024: they "
        "are sent as one breach letter listing every missed appointment."),)),)


def test_two_warnings_combine_into_one_warning_letter():
    day = D("2024-05-08")
    groups = combine_letters([PendingLetter(5, 1, "warning", day),
                              PendingLetter(2, 1, "warning", day)])
    assert groups == (LetterGroup(2, (5,), (Reason(
        "s10_one_letter_per_day", S10,
        "2 letters about missed appointments were due to this person on Wednesday 8 May 2024: "
        "they are sent as one warning letter listing every missed appointment."),)),)


def test_letters_stand_alone_across_people_days_and_kinds_sorted_by_letter():
    day = D("2024-05-07")
    groups = combine_letters([
        PendingLetter(6, 1, "appointment", day), PendingLetter(5, 1, "recall", day),
        PendingLetter(4, 2, "warning", day), PendingLetter(3, 1, "warning", day),
        PendingLetter(2, 1, "breach", day + timedelta(days=1)),
        PendingLetter(1, 1, "appointment", day),
    ])
    assert groups == tuple(LetterGroup(n, (), ()) for n in range(1, 7))
    assert combine_letters([]) == ()


def test_rescheduling_before_and_after_the_start():
    start = datetime(2024, 5, 7, 10, 0)
    assert reschedule_allowed(start, start - timedelta(minutes=1)) == RescheduleCheck(True, (
        Reason("s10_reschedule_before", S10,
               "The appointment has not started: it can be rescheduled."),))
    after = RescheduleCheck(False, (Reason(
        "s10_reschedule_after_start", S10,
        "The appointment time has passed, so it cannot be recorded as rescheduled: record "
        "whether the person attended or was absent (an absence goes to the responsible officer "
        "to decide)."),))
    assert reschedule_allowed(start, start) == after
    assert reschedule_allowed(start, start + timedelta(minutes=1)) == after


@pytest.mark.parametrize("kind", ["unacceptable_failure", "breach", "recall", "warning_pending"])
def test_only_an_old_warning_is_named_as_expired(kind):
    result = decide([event(kind, "2022-01-03")])
    assert result.action == "warning"
    assert "s11_warning_expired" not in codes(result)
