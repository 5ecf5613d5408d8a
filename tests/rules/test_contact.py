"""Gap since last meaningful contact against the band's allowance (operating-model.md §10)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.contact import (
    BANDS,
    DEFAULT_MAX_DAYS_BETWEEN_CONTACTS,
    ContactConfig,
    ContactInput,
    check_contact,
    contact_days_over,
)
from desist.rules.errors import RuleInputError

D = date.fromisoformat
TODAY = D("2024-06-03")
START = D("2024-01-02")


def test_s10_default_allowances_follow_the_band_intensity():
    assert dict(DEFAULT_MAX_DAYS_BETWEEN_CONTACTS) == {"red": 7, "blue": 7, "yellow": 14,
                                                        "green": 28}


@pytest.mark.parametrize(
    ("band", "days_ago", "overdue", "days_over"),
    [
        ("red", 7, False, 0), ("red", 8, True, 1),
        ("blue", 7, False, 0), ("blue", 30, True, 23),
        ("yellow", 14, False, 0), ("yellow", 15, True, 1),
        ("green", 28, False, 0), ("green", 29, True, 1), ("green", 0, False, 0),
        ("green", 120, True, 92),  # "cases went months without an appointment"
    ],
)
def test_s10_contact_gap_against_band_allowance(band, days_ago, overdue, days_over):
    result = check_contact(ContactInput(band, TODAY, TODAY - timedelta(days_ago), START))
    assert (result.overdue, result.days_since, result.days_over) == (overdue, days_ago, days_over)
    assert result.allowance_days == DEFAULT_MAX_DAYS_BETWEEN_CONTACTS[band]
    reason = result.reasons[0]
    assert reason.section == "operating-model.md §10"
    assert reason.code == ("s10_contact_overdue" if overdue else "s10_contact_within_allowance")
    assert band in reason.text


def test_s10_overdue_reason_names_the_last_contact_date_and_the_excess():
    result = check_contact(ContactInput("yellow", TODAY, D("2024-05-01"), START))
    text = result.reasons[0].text
    assert "Wednesday 1 May 2024" in text and "33 days ago" in text and "19 days overdue" in text


def test_s10_no_contact_yet_counts_from_the_start_of_supervision():
    result = check_contact(ContactInput("red", TODAY, None, D("2024-05-20")))
    assert result.overdue and result.days_since == 14 and result.days_over == 7
    assert "No meaningful contact since supervision started" in result.reasons[0].text


def test_s10_allowances_are_configuration():
    config = ContactConfig({"red": 3, "blue": 5, "yellow": 10, "green": 42})
    result = check_contact(ContactInput("green", TODAY, TODAY - timedelta(35), START), config)
    assert not result.overdue and result.allowance_days == 42
    assert check_contact(ContactInput("red", TODAY, TODAY - timedelta(4), START), config).overdue


def test_s10_config_is_frozen_against_later_edits():
    allowances = {"red": 7, "blue": 7, "yellow": 14, "green": 28}
    config = ContactConfig(allowances)
    allowances["green"] = 1
    assert config.max_days_between_contacts["green"] == 28


@pytest.mark.parametrize(
    "allowances",
    [{"red": 7, "blue": 7, "yellow": 14}, {"red": 0, "blue": 7, "yellow": 14, "green": 28},
     {"red": "7", "blue": 7, "yellow": 14, "green": 28}, [("red", 7)]],
)
def test_s10_config_rejects_incomplete_or_invalid_allowances(allowances):
    with pytest.raises(RuleInputError) as caught:
        ContactConfig(allowances)
    assert caught.value.field == "max_days_between_contacts"


@pytest.mark.parametrize(
    ("case", "field"),
    [
        (ContactInput("amber", TODAY, TODAY, START), "band"),
        (ContactInput("red", "2024-06-03", TODAY, START), "as_of"),
        (ContactInput("red", TODAY, TODAY + timedelta(1), START), "last_meaningful_contact"),
        (ContactInput("red", TODAY, "2024-06-01", START), "last_meaningful_contact"),
        (ContactInput("red", TODAY, None, TODAY + timedelta(1)), "supervision_start"),
        (ContactInput("red", TODAY, None, None), "supervision_start"),
    ],
)
def test_s10_contact_rejects_invalid_input(case, field):
    with pytest.raises(RuleInputError) as caught:
        check_contact(case)
    assert caught.value.field == field


@given(st.sampled_from(BANDS), st.integers(0, 400), st.integers(0, 400))
def test_s10_contact_invariants_and_fast_path(band, days_ago, start_ago):
    last = TODAY - timedelta(days_ago)
    result = check_contact(ContactInput(band, TODAY, last, TODAY - timedelta(start_ago)))
    assert result.reasons
    assert result.days_over >= 0
    assert result.overdue == (result.days_over > 0) == (days_ago > result.allowance_days)
    assert result.days_since - result.days_over <= result.allowance_days
    assert contact_days_over(result.allowance_days, last.toordinal(), TODAY.toordinal()) == \
        result.days_over


@given(st.integers(0, 60))
def test_s10_tighter_band_is_never_less_overdue(days_ago):
    last = TODAY - timedelta(days_ago)
    overs = [check_contact(ContactInput(b, TODAY, last, START)).days_over
             for b in ("green", "yellow", "red")]
    assert overs == sorted(overs)


def test_s10_a_batch_of_cases_counts_exactly_the_overdue_ones():
    # Speed is measured by bench/rules_batch.py, not here (a timed test fails on a busy machine).
    allowance = {"green": 28, "yellow": 14, "red": 7, "blue": 7}
    cases = [ContactInput(BANDS[i % 4], TODAY, TODAY - timedelta(i % 45), START)
             for i in range(3_000)]
    overdue = sum(check_contact(case).overdue for case in cases)
    assert overdue == sum(1 for i in range(3_000) if i % 45 > allowance[BANDS[i % 4]])
