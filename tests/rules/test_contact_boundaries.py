"""Contact gap (operating model §10, F12): every boundary and every word pinned.

Written against mutation testing (issue: "Tests that catch mistakes"): a case with no contact yet
that is still within its allowance, a gap exactly one day over, supervision that starts today.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules import contact
from desist.rules.contact import (
    DEFAULT_MAX_DAYS_BETWEEN_CONTACTS,
    ContactConfig,
    ContactInput,
    ContactResult,
    check_contact,
    contact_days_over,
)
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

S10 = "operating-model.md §10"
TODAY = dt.date(2026, 12, 2)  # a Wednesday
START = dt.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def fresh_reason_cache():
    """The on-time reasons are memoised per process; each test starts with none, so the words
    are built (and checked) here rather than taken from an earlier test's cache."""
    contact._ON_TIME_REASONS.clear()


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def check(band="yellow", last=None, start=START, as_of=TODAY, config=None):
    case = ContactInput(band=band, as_of=as_of, last_meaningful_contact=last, supervision_start=start)
    return check_contact(case) if config is None else check_contact(case, config)


def error_of(call) -> dict:
    with pytest.raises(RuleInputError) as raised:
        call()
    return raised.value.as_dict()


def test_the_default_allowances():
    assert dict(DEFAULT_MAX_DAYS_BETWEEN_CONTACTS) == {"red": 7, "blue": 7, "yellow": 14, "green": 28}
    assert dict(ContactConfig().max_days_between_contacts) == {"red": 7, "blue": 7, "yellow": 14,
                                                               "green": 28}


@pytest.mark.parametrize(("band", "allowance"), [("red", 7), ("blue", 7), ("yellow", 14),
                                                 ("green", 28)])
def test_exactly_the_allowance_is_on_time_and_one_day_more_is_overdue(band, allowance):
    on_time = check(band, last=days_ago(allowance))
    assert (on_time.overdue, on_time.days_since, on_time.allowance_days, on_time.days_over) == (
        False, allowance, allowance, 0)
    assert on_time.reasons[0].text == (
        f"Last meaningful contact {allowance} days ago: within the {allowance} days the {band} "
        "band allows between meaningful contacts.")
    late = check(band, last=days_ago(allowance + 1))
    assert (late.overdue, late.days_since, late.allowance_days, late.days_over) == (
        True, allowance + 1, allowance, 1)


def test_overdue_in_words_singular_and_plural():
    one = check("red", last=days_ago(8))
    assert one.reasons == (Reason(
        "s10_contact_overdue", S10,
        "Last meaningful contact on Tuesday 24 November 2026 (8 days ago). The red band allows at "
        "most 7 days between meaningful contacts, so contact is 1 day overdue: offer an "
        "appointment now."),)
    two = check("red", last=days_ago(9))
    # The whole sentence: the plural's template is its own (a mutant wrapping it in "XX" passed
    # a check of its ending alone).
    assert two.reasons[0].text == (
        "Last meaningful contact on Monday 23 November 2026 (9 days ago). The red band allows at "
        "most 7 days between meaningful contacts, so contact is 2 days overdue: offer an "
        "appointment now.")


@pytest.mark.parametrize(("ago", "words"), [(0, "today"), (1, "1 day ago"), (5, "5 days ago")])
def test_on_time_in_words(ago, words):
    result = check("yellow", last=days_ago(ago))
    assert result.reasons == (Reason(
        "s10_contact_within_allowance", S10,
        f"Last meaningful contact {words}: within the 14 days the yellow band allows between "
        "meaningful contacts."),)
    assert result == ContactResult(False, ago, 14, 0, result.reasons)


def test_no_contact_yet_but_within_the_allowance_is_not_overdue():
    result = check("green", last=None, start=days_ago(28))
    assert (result.overdue, result.days_since, result.allowance_days, result.days_over) == (
        False, 28, 28, 0)
    assert result.reasons == (Reason(
        "s10_contact_within_allowance", S10,
        "No meaningful contact since supervision started on Wednesday 4 November 2026 (28 days "
        "ago): within the 28 days the green band allows between meaningful contacts."),)


def test_no_contact_yet_past_the_allowance_counts_from_the_start_of_supervision():
    result = check("green", last=None, start=days_ago(29))
    assert (result.overdue, result.days_since, result.days_over) == (True, 29, 1)
    assert result.reasons[0].text.startswith(
        "No meaningful contact since supervision started on Tuesday 3 November 2026 (29 days ago). "
        "The green band allows at most 28 days")


def test_supervision_that_starts_today():
    result = check("red", last=None, start=TODAY)
    assert (result.overdue, result.days_since) == (False, 0)
    assert "(today)" in result.reasons[0].text


def test_a_providers_own_allowances():
    config = ContactConfig({"red": 3, "blue": 3, "yellow": 10, "green": 21})
    assert check("red", last=days_ago(3), config=config).overdue is False
    assert check("red", last=days_ago(4), config=config).days_over == 1


def test_a_callers_dict_is_frozen_into_the_config():
    allowances = {"red": 7, "blue": 7, "yellow": 14, "green": 28}
    config = ContactConfig(allowances)
    allowances["red"] = 100
    assert config.max_days_between_contacts["red"] == 7
    with pytest.raises(TypeError):
        config.max_days_between_contacts["red"] = 1  # type: ignore[index]


@pytest.mark.parametrize(("allowances", "message"), [
    ([("red", 7)], "must map band to days"),
    ({"red": 7, "yellow": 14}, "has no allowance for green, blue"),
    ({"red": 7, "blue": 7, "yellow": 14, "green": 0}, "green: must be a whole number of days, 1+"),
    ({"red": True, "blue": 7, "yellow": 14, "green": 28}, "red: must be a whole number of days, 1+"),
    ({"red": 7.5, "blue": 7, "yellow": 14, "green": 28}, "red: must be a whole number of days, 1+"),
])
def test_bad_configuration_is_refused_with_the_reason(allowances, message):
    assert error_of(lambda: ContactConfig(allowances)) == {
        "field": "max_days_between_contacts", "message": message}


def test_one_day_is_the_shortest_allowance():
    assert ContactConfig({"red": 1, "blue": 1, "yellow": 1, "green": 1}).max_days_between_contacts[
        "green"] == 1


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"band": "purple"}, {"field": "band",
                          "message": "must be one of green, yellow, red, blue, not 'purple'"}),
    ({"as_of": dt.datetime(2026, 12, 2, 9, 0)}, {"field": "as_of",
                                                 "message": "must be a date (YYYY-MM-DD)"}),
    ({"as_of": "2026-12-02"}, {"field": "as_of", "message": "must be a date (YYYY-MM-DD)"}),
    ({"start": "2026-09-01"}, {"field": "supervision_start",
                               "message": "must be a date (YYYY-MM-DD)"}),
    ({"start": TODAY + dt.timedelta(days=1)}, {"field": "supervision_start",
                                               "message": "is after the date checked"}),
    ({"last": TODAY + dt.timedelta(days=1)}, {"field": "last_meaningful_contact",
                                              "message": "is after the date checked"}),
    ({"last": "2026-11-30"}, {"field": "last_meaningful_contact",
                              "message": "must be a date or null"}),
    ({"last": dt.datetime(2026, 11, 30, 9, 0)}, {"field": "last_meaningful_contact",
                                                 "message": "must be a date or null"}),
])
def test_impossible_input_names_the_field(kwargs, expected):
    assert error_of(lambda: check(**kwargs)) == expected


def test_a_contact_on_the_day_checked_and_a_start_after_the_contact_are_fine():
    assert check("red", last=TODAY).days_since == 0
    # the last contact decides once there is one, even if supervision "started" later
    assert check("red", last=days_ago(2), start=TODAY).days_since == 2


@pytest.mark.parametrize(("allowance", "last", "as_of", "over"), [
    (7, 100, 107, 0), (7, 100, 108, 1), (7, 100, 110, 3), (7, 100, 100, 0), (7, 100, 90, 0)])
def test_the_batch_fast_path(allowance, last, as_of, over):
    assert contact_days_over(allowance, last, as_of) == over


def test_the_dict_form_used_by_the_api_and_cli():
    result = check("red", last=days_ago(9))
    assert result.as_dict() == {
        "overdue": True, "days_since": 9, "allowance_days": 7, "days_over": 2,
        "reasons": [{"code": "s10_contact_overdue", "section": S10, "text": result.reasons[0].text}]}


def test_on_time_reasons_are_remembered_for_the_nightly_batch():
    first = check("red", last=days_ago(3))
    assert contact._ON_TIME_REASONS[("red", None, 7, 3)] is first.reasons[0]
    assert check("red", last=days_ago(3)).reasons[0] is first.reasons[0]


def test_reused_on_time_reasons_never_cross_bands_or_days():
    assert check("red", last=days_ago(3)).reasons[0].text != check("blue", last=days_ago(3)).reasons[0].text
    assert check("red", last=days_ago(3)).reasons[0].text != check("red", last=days_ago(4)).reasons[0].text
    assert check("red", last=days_ago(3)) == check("red", last=days_ago(3))
