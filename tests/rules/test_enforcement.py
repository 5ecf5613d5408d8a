"""Enforcement action and deadline for a failure to comply (operating-model.md §11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desist.rules.enforcement import (
    ACTIONS,
    SENTENCE_TYPES,
    ComplianceEvent,
    EnforcementConfig,
    EnforcementInput,
    Failure,
    LetterFacts,
    PendingLetter,
    combine_letters,
    decide_enforcement,
    letter_wording,
    reschedule_allowed,
)
from desist.rules.errors import RuleInputError
from desist.rules.timescales import Timescales, WorkingCalendar

D = date.fromisoformat
FAILED = D("2024-05-02")  # a Thursday; Monday 6 May 2024 is a bank holiday
UNACCEPTABLE = Failure(FAILED, "unacceptable", evidence="no reply to calls; no explanation")


def warning(on: str) -> ComplianceEvent:
    return ComplianceEvent("warning", D(on))


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


@pytest.mark.parametrize(
    ("name", "sentence", "failure", "history", "action", "basis", "due"),
    [
        ("flexible arrangement covers it", "community_order",
         Failure(FAILED, None, flexible_arrangement=True), (), "none", "flexible_arrangement",
         None),
        ("flexible arrangement covers it even when judged acceptable", "sso",
         Failure(FAILED, "acceptable", flexible_arrangement=True), (), "none",
         "flexible_arrangement", None),
        ("acceptable absence", "community_order",
         Failure(FAILED, "acceptable", evidence="GP letter"), (), "none", "acceptable", None),
        ("RO has not decided", "community_order", Failure(FAILED), (), "awaiting_decision",
         "ro_decision", D("2024-05-07")),
        ("judged unacceptable despite an arrangement", "community_order",
         Failure(FAILED, "unacceptable", flexible_arrangement=True), (), "awaiting_decision",
         "arrangement_conflict", D("2024-05-07")),
        ("first unacceptable failure on a community order", "community_order", UNACCEPTABLE,
         (), "warning", None, D("2024-05-07")),
        ("first unacceptable failure on an SSO", "sso", UNACCEPTABLE, (), "warning", None,
         D("2024-05-07")),
        ("further failure within 12 months of a warning", "community_order", UNACCEPTABLE,
         (warning("2023-06-01"),), "breach", None, D("2024-05-17")),
        ("further failure exactly 12 months after the warning", "sso", UNACCEPTABLE,
         (warning("2023-05-02"),), "breach", None, D("2024-05-17")),
        ("warning more than 12 months ago does not count", "community_order", UNACCEPTABLE,
         (warning("2023-05-01"),), "warning", None, D("2024-05-07")),
        ("warning on the same day is this failure's own", "community_order", UNACCEPTABLE,
         (warning("2024-05-02"),), "warning", None, D("2024-05-07")),
        ("a later warning in the history is ignored", "community_order", UNACCEPTABLE,
         (warning("2024-05-20"),), "warning", None, D("2024-05-07")),
        ("licence: recall request", "licence", UNACCEPTABLE, (), "recall_request", None,
         D("2024-05-03")),
        ("PSS: breach to the magistrates", "pss", UNACCEPTABLE, (), "breach_to_magistrates",
         None, D("2024-05-17")),
    ],
)
def test_s11_enforcement_action(name, sentence, failure, history, action, basis, due):
    result = decide_enforcement(EnforcementInput(sentence, failure, history))
    assert (result.action, result.basis, result.deadline) == (action, basis, due), name
    assert result.reasons
    assert result.review_band == (action in ("warning", "breach", "recall_request",
                                             "breach_to_magistrates"))


def test_s11_flexible_arrangement_reason_says_no_letter():
    result = decide_enforcement(
        EnforcementInput("community_order", Failure(FAILED, None, flexible_arrangement=True))
    )
    assert codes(result) == ["s11_flexible_arrangement"]
    assert "no warning and no letter" in result.reasons[0].text


def test_s11_breach_deadline_runs_from_the_decision_in_working_days():
    failure = replace(UNACCEPTABLE, decided_on=D("2024-05-03"))
    result = decide_enforcement(
        EnforcementInput("community_order", failure, (warning("2024-01-10"),))
    )
    assert result.action == "breach"
    assert result.deadline == D("2024-05-20")  # 10 working days after Friday 3 May, 6 May off
    assert result.deadline_working_days == 10
    assert {"s11_unacceptable", "s11_breach_after_warning", "timescale_breach",
            "timescale_bank_holidays", "s11_recategorisation_review"} <= set(codes(result))


def test_s11_breach_timescale_is_configuration():
    result = decide_enforcement(
        EnforcementInput("community_order", UNACCEPTABLE, (warning("2024-01-10"),)),
        timescales=Timescales(breach_working_days=5),
        holidays=WorkingCalendar(()),
    )
    assert result.deadline == D("2024-05-09")
    assert result.deadline_working_days == 5


def test_s11_warning_window_is_configuration():
    case = EnforcementInput("community_order", UNACCEPTABLE, (warning("2023-09-01"),))
    assert decide_enforcement(case).action == "breach"
    assert decide_enforcement(case, config=EnforcementConfig(warning_window_months=6)).action \
        == "warning"


@pytest.mark.parametrize(
    ("history", "code"),
    [
        ((warning("2022-01-01"),), "s11_warning_expired"),
        ((ComplianceEvent("unacceptable_failure", D("2024-02-01")),),
         "s11_earlier_failure_without_warning"),
    ],
)
def test_s11_history_notes_explain_a_warning_outcome(history, code):
    result = decide_enforcement(EnforcementInput("community_order", UNACCEPTABLE, history))
    assert result.action == "warning"
    assert code in codes(result)


def test_s11_open_breach_since_the_warning_is_mentioned():
    history = (warning("2024-01-10"), ComplianceEvent("breach", D("2024-03-01")))
    result = decide_enforcement(EnforcementInput("sso", UNACCEPTABLE, history))
    assert result.action == "breach"
    assert "s11_breach_in_progress" in codes(result)


@pytest.mark.parametrize(
    "failure",
    [Failure(FAILED, "unacceptable"), Failure(FAILED, "acceptable", evidence="  ")],
)
def test_s11_missing_evidence_is_prompted(failure):
    result = decide_enforcement(EnforcementInput("community_order", failure))
    assert "s11_record_evidence" in codes(result)


@pytest.mark.parametrize(
    ("case", "field"),
    [
        (EnforcementInput("custody", UNACCEPTABLE), "sentence_type"),
        (EnforcementInput("community_order", Failure("2024-05-02")), "failure.on"),
        (EnforcementInput("community_order", Failure(FAILED, "maybe")), "failure.judged"),
        (EnforcementInput("community_order", Failure(FAILED, None, "yes")),
         "failure.flexible_arrangement"),
        (EnforcementInput("community_order", Failure(FAILED, "unacceptable", evidence=3)),
         "failure.evidence"),
        (EnforcementInput("community_order", replace(UNACCEPTABLE, decided_on=D("2024-05-01"))),
         "failure.decided_on"),
        (EnforcementInput("community_order", UNACCEPTABLE, (ComplianceEvent("caution", FAILED),)),
         "history"),
        (EnforcementInput("community_order", UNACCEPTABLE, (ComplianceEvent("warning", None),)),
         "history"),
        (EnforcementInput("community_order", None), "failure"),
    ],
)
def test_s11_enforcement_rejects_invalid_input(case, field):
    with pytest.raises(RuleInputError) as caught:
        decide_enforcement(case)
    assert caught.value.field == field


events = st.lists(
    st.builds(ComplianceEvent, st.sampled_from(["warning", "unacceptable_failure", "breach"]),
              st.dates(date(2022, 1, 1), date(2024, 12, 31))),
    max_size=6,
)
failures = st.builds(
    Failure,
    st.dates(date(2023, 1, 1), date(2024, 12, 31)),
    st.sampled_from([None, "acceptable", "unacceptable"]),
    st.booleans(),
    st.sampled_from([None, "", "GP letter"]),
)


@given(st.sampled_from(SENTENCE_TYPES), failures, events)
# exact boundaries the derandomised examples never reach: a warning exactly 12 months old, a
# warning on the day of the failure, a breach on the day of the warning
@example("community_order", Failure(D("2024-05-02"), "unacceptable", evidence="x"),
         [ComplianceEvent("warning", D("2023-05-02"))])
@example("sso", Failure(D("2024-05-02"), "unacceptable"),
         [ComplianceEvent("warning", D("2024-05-02"))])
@example("community_order", Failure(D("2024-05-02"), "unacceptable", evidence="x"),
         [ComplianceEvent("warning", D("2024-01-10")), ComplianceEvent("breach", D("2024-01-10"))])
def test_s11_enforcement_invariants(sentence, failure, history):
    result = decide_enforcement(EnforcementInput(sentence, failure, tuple(history)))
    assert result.action in ACTIONS
    assert result.reasons
    # an agreed arrangement (not set aside by the RO) or an acceptable judgement never produces
    # a warning or worse
    if (failure.flexible_arrangement and not failure.arrangement_set_aside) \
            or failure.judged != "unacceptable":
        assert result.action in ("none", "awaiting_decision")
    if result.action == "none":
        assert result.deadline is None and result.basis in ("acceptable", "flexible_arrangement")
    else:
        assert result.deadline is not None and result.deadline >= failure.on
    if result.action in ("warning", "breach"):
        assert sentence in ("community_order", "sso")
    if result.action == "recall_request":
        assert sentence == "licence"
    if result.action == "breach_to_magistrates":
        assert sentence == "pss"


@given(failures, events, events)
@example(Failure(D("2024-05-02")), [], [ComplianceEvent("warning", D("2023-05-02"))])
@example(Failure(D("2024-05-02")), [ComplianceEvent("warning", D("2023-05-01"))],
         [ComplianceEvent("warning", D("2024-05-01"))])
def test_s11_more_history_never_softens_the_action(failure, history, more):
    failure = replace(failure, judged="unacceptable", flexible_arrangement=False)
    rank = {"warning": 0, "breach": 1}
    before = decide_enforcement(EnforcementInput("community_order", failure, tuple(history)))
    after = decide_enforcement(
        EnforcementInput("community_order", failure, tuple(history) + tuple(more))
    )
    assert rank[after.action] >= rank[before.action]


def test_s11_breach_after_a_warning_within_twelve_months_property_example():
    # a warning a year minus a day before is in; the deadline skips the weekend
    failure = Failure(D("2024-06-14"), "unacceptable", evidence="x")
    result = decide_enforcement(
        EnforcementInput("community_order", failure, (warning("2023-06-15"),))
    )
    assert result.action == "breach"
    assert result.deadline == D("2024-06-14") + timedelta(days=14)


# --- Issue 12 items 12-16: conflicts, when a warning counts, what letters may say -------------

NOW = datetime(2024, 5, 7, 9, 0)


def test_s11_arrangement_never_overrides_unacceptable_until_the_ro_sets_it_aside():
    covered = replace(UNACCEPTABLE, flexible_arrangement=True)
    held = decide_enforcement(EnforcementInput("community_order", covered))
    assert (held.action, held.basis) == ("awaiting_decision", "arrangement_conflict")
    resolved = decide_enforcement(EnforcementInput(
        "community_order", replace(covered, arrangement_set_aside=True)))
    assert resolved.action == "warning"
    assert "s11_arrangement_set_aside" in {r.code for r in resolved.reasons}
    # setting aside means nothing for an acceptable judgement: the arrangement stands
    acceptable = replace(covered, judged="acceptable", arrangement_set_aside=True)
    assert decide_enforcement(EnforcementInput("community_order", acceptable)).action == "none"


def test_s11_a_warning_counts_only_from_when_its_letter_was_produced():
    pending = (ComplianceEvent("warning_pending", D("2024-04-01")),)
    result = decide_enforcement(EnforcementInput("community_order", UNACCEPTABLE, pending))
    assert result.action == "warning"
    assert "s11_warning_letter_not_produced" in {r.code for r in result.reasons}
    # produced (the person was warned) before the new failure: breach
    served = (ComplianceEvent("warning", D("2024-04-03")),)
    assert decide_enforcement(
        EnforcementInput("community_order", UNACCEPTABLE, served)).action == "breach"


@pytest.mark.parametrize(
    ("facts", "send", "sentence", "mention", "code"),
    [
        (LetterFacts("breach", "community_order", NOW, warned_on=D("2024-01-10")), True, "order",
         True, "s11_letter_warning_mentioned"),
        (LetterFacts("breach", "sso", NOW), True, "order", False,
         "s11_letter_no_warning_mentioned"),
        (LetterFacts("breach", "pss", NOW, warned_on=D("2024-01-10")), True, "pss", False,
         "s11_letter_no_warning_mentioned"),
        (LetterFacts("appointment", "licence", NOW, appointment_at=datetime(2024, 5, 7, 8, 59)),
         False, "licence", False, "s10_no_invitation_to_past"),
        (LetterFacts("appointment", "licence", NOW, appointment_at=datetime(2024, 5, 8, 10)),
         True, "licence", False, "s11_letter_sentence"),
        (LetterFacts("recall", "licence", NOW), False, "licence", False,
         "s11_recall_not_decided"),
        (LetterFacts("recall", "licence", NOW, recall_decided=True), True, "licence", False,
         "s11_letter_sentence"),
        (LetterFacts("warning", None, NOW), True, "none", False, "s11_letter_sentence"),
    ],
)
def test_s10_s11_letters_say_only_what_is_true(facts, send, sentence, mention, code):
    wording = letter_wording(facts)
    assert (wording.send, wording.sentence, wording.mention_warning) == (send, sentence, mention)
    assert code in {r.code for r in wording.reasons}


def test_s10_one_letter_per_person_per_day_about_missed_appointments():
    day, other_day = D("2024-05-07"), D("2024-05-08")
    groups = combine_letters([
        PendingLetter(1, 10, "warning", day, D("2024-05-01")),
        PendingLetter(2, 10, "breach", day, D("2024-05-03")),
        PendingLetter(3, 10, "warning", day, D("2024-05-02")),
        PendingLetter(4, 10, "warning", other_day, D("2024-05-06")),
        PendingLetter(5, 11, "warning", day, D("2024-05-01")),
        PendingLetter(6, 10, "appointment", day),
    ])
    by_lead = {g.lead: g for g in groups}
    assert set(by_lead) == {2, 4, 5, 6}
    assert by_lead[2].combined == (1, 3)  # the breach letter leads, listing all three
    assert by_lead[2].reasons[0].code == "s10_one_letter_per_day"
    assert by_lead[4].combined == by_lead[5].combined == by_lead[6].combined == ()


def test_s10_rescheduled_only_before_the_appointment_starts():
    start = datetime(2024, 5, 7, 10, 0)
    assert reschedule_allowed(start, datetime(2024, 5, 7, 9, 59)).allowed
    refused = reschedule_allowed(start, datetime(2024, 5, 7, 10, 0))
    assert not refused.allowed and refused.reasons[0].code == "s10_reschedule_after_start"
    assert "absent" in refused.reasons[0].text
