"""The manager's flag when a review recorded more risk but the plan was not adjusted (operating
model §14): it says "RoSH rose from … to …" only when the RoSH level itself rose. Written from the
survivors of `make mutation MODULES=reviews` run after the mypy narrowing (2026-12-03)."""

from __future__ import annotations

import pytest

from desist.rules.reviews import unadjusted_risk_flag

RECORDED = ("The review recorded an increase in risk and the review made no adjustment to the "
            "plan: a manager must look at the case.")


@pytest.mark.parametrize(("before", "after"), [
    ("medium", "medium"),  # the same level: the increase was recorded, not a RoSH rise
    ("high", "low"),  # the level fell
    ("medium", None),  # no level after the review
])
def test_an_increase_recorded_without_a_rosh_rise_says_so(before, after):
    flag = unadjusted_risk_flag(before, after, adjusted=False, risk_increased=True)
    assert flag is not None and flag.text == RECORDED


def test_a_rosh_rise_names_both_levels():
    flag = unadjusted_risk_flag("low", "high", adjusted=False)
    assert flag is not None and flag.text.startswith("RoSH rose from low to high and the review")
