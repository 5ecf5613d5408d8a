"""Boundaries of workload reductions (operating-model.md §16): the first and last day of a
reduction, a total of exactly 100%, the smallest percentage, the rounding of the total, and every
input error with its words (issue 25: written from the survivors of the first mutation run)."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.reductions import SECTION, Reduction, in_force

DAY = dt.timedelta(days=1)
START = dt.date(2026, 4, 1)
END = dt.date(2026, 6, 30)


def R(code: str, text: str) -> Reason:  # noqa: N802
    return Reason(code, SECTION, text)


def refusal(make) -> dict[str, str]:
    with pytest.raises(RuleInputError) as raised:
        make()
    return raised.value.as_dict()


@pytest.mark.parametrize(("on", "reason"), [
    (START - DAY, R("s16_reduction_not_started", "Not counted on 31 March 2026: the reduction "
                    "for union duties starts on 1 April 2026.")),
    (START, R("s16_reduction_in_force", "Reduction for union duties: 10% of contracted hours, "
              "from 1 April 2026 to 30 June 2026.")),
    (END, R("s16_reduction_in_force", "Reduction for union duties: 10% of contracted hours, "
            "from 1 April 2026 to 30 June 2026.")),
    (END + DAY, R("s16_reduction_ended", "Not counted on 1 July 2026: the reduction for union "
                  "duties ended on 30 June 2026.")),
])
def test_the_first_and_last_days_count_and_the_days_either_side_do_not(on, reason):
    union = Reduction("union_duties", 10, START, END)
    result = in_force([union], on)
    counted = START <= on <= END
    assert (result.reductions, result.percent, result.reasons) == (
        (union,) if counted else (), 10 if counted else 0, (reason,))


def test_a_reduction_starting_on_the_day_with_no_end_is_in_force():
    result = in_force([Reduction("maternity", 100, START)], START)
    assert result.percent == 100
    assert result.reasons == (R("s16_reduction_in_force", "Reduction for maternity, paternity or "
                                "adoption leave: 100% of contracted hours, from 1 April 2026 "
                                "with no end date."),)


def test_exactly_100_percent_in_total_is_not_capped():
    result = in_force([Reduction("trainee", 60, START), Reduction("union_duties", 40, START)],
                      START)
    assert result.percent == 100
    assert [r.code for r in result.reasons] == ["s16_reduction_in_force"] * 2


def test_half_a_percent_over_100_is_capped_with_the_total_in_the_words():
    result = in_force([Reduction("trainee", 60, START), Reduction("union_duties", 40.5, START)],
                      START)
    assert result.percent == 100.0
    assert result.reasons[-1] == R(
        "s16_reductions_capped", "The reductions in force add up to 100.5%; no more than all of "
        "the hours can be taken off, so 100% is counted.")


def test_the_total_is_rounded_to_two_places():
    result = in_force([Reduction("other", 33.333, START, other="mentoring"),
                       Reduction("other", 33.333, START, other="coaching")], START)
    assert result.percent == 66.67


@pytest.mark.parametrize("percent", [0.5, 1, 99.5, 100])
def test_any_percentage_above_0_up_to_100_is_accepted(percent):
    assert Reduction("phased_return", percent, START).percent == percent


@pytest.mark.parametrize("percent", [0, -0.5, 100.01, True, "20"])
def test_other_percentages_are_refused_with_their_words(percent):
    assert refusal(lambda: Reduction("phased_return", percent, START)) == {
        "field": "percent", "message": "must be more than 0 and at most 100"}


def test_each_input_error_names_its_field_and_says_why():
    assert refusal(lambda: Reduction("sabbatical", 10, START)) == {
        "field": "reason", "message": "must be one of trainee, newly_qualified, maternity, "
                                      "union_duties, phased_return, other, not 'sabbatical'"}
    assert refusal(lambda: Reduction("trainee", 10, "2026-04-01")) == {  # type: ignore[arg-type]
        "field": "starts_on", "message": "must be a date"}
    assert refusal(lambda: Reduction("trainee", 10, START, START - DAY)) == {
        "field": "ends_on", "message": "must be a date on or after the start"}
    assert refusal(lambda: Reduction("trainee", 10, START, "2026-06-30")) == {  # type: ignore[arg-type]
        "field": "ends_on", "message": "must be a date on or after the start"}
    assert refusal(lambda: in_force([], "2026-04-01")) == {  # type: ignore[arg-type]
        "field": "on", "message": "must be a date"}
    assert refusal(lambda: in_force([("trainee", 10)], START)) == {  # type: ignore[list-item]
        "field": "reductions", "message": "each reduction must be a Reduction"}
