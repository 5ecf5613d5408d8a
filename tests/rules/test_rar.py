"""RAR days delivered, owed and projected (operating-model.md §9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.rar import (
    RarActivity,
    RarConfig,
    RarInput,
    assess_rar,
    rar_alert,
)
from desist.rules.timescales import WorkingCalendar

D = date.fromisoformat
START = D("2024-01-08")  # a Monday
END = D("2024-07-07")  # six-month order


def weekly(n: int, first: date = START, rar: bool = True) -> tuple[RarActivity, ...]:
    return tuple(RarActivity(first + timedelta(weeks=i), rar) for i in range(n))


def rar(**overrides) -> RarInput:
    values = {"max_days": 20, "order_start": START, "order_end": END,
              "as_of": D("2024-03-04"), "activities": weekly(8)}
    values.update(overrides)
    return RarInput(**values)


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


def test_s9_supervision_contact_does_not_count_and_a_date_counts_once():
    activities = (
        RarActivity(D("2024-01-10"), True),
        RarActivity(D("2024-01-10"), True),  # two activities one day: one RAR day
        RarActivity(D("2024-01-17"), True),
        RarActivity(D("2024-01-24"), False),  # supervision contact
        RarActivity(D("2024-01-05"), True),  # before the order started
        RarActivity(D("2024-03-05"), True),  # after as_of (booked, not delivered)
    )
    result = assess_rar(rar(activities=activities))
    assert (result.days_delivered, result.days_owed) == (2, 18)
    assert {"s9_contact_not_rar", "s9_activity_outside_order"} <= set(codes(result))


@pytest.mark.parametrize(
    ("name", "overrides", "delivered", "owed", "projected", "warnings"),
    [
        ("on track: weekly activity for a 20-day RAR over 26 weeks",
         {"activities": weekly(8)}, 8, 12, 20, ()),
        ("behind: one RAR day a fortnight",
         {"activities": tuple(RarActivity(START + timedelta(weeks=2 * i), True)
                              for i in range(4))}, 4, 16, 12,
         ("rar_shortfall_at_current_rate",)),
        ("nothing delivered after eight weeks", {"activities": ()}, 0, 20, 0,
         ("rar_shortfall_at_current_rate",)),
        ("cannot be delivered: more days owed than working days left",
         {"as_of": D("2024-06-24"), "activities": weekly(5)}, 5, 15, 5,
         ("rar_cannot_be_delivered_in_time",)),
        ("order ended with days owed",
         {"as_of": D("2024-08-01"), "activities": weekly(18)}, 18, 2, 18,
         ("rar_cannot_be_delivered_in_time",)),
        ("complete", {"activities": weekly(20), "as_of": D("2024-06-01")}, 20, 0, 20, ()),
        ("over the maximum", {"max_days": 5, "activities": weekly(8)}, 5, 0, 5,
         ("rar_over_maximum",)),
        ("plan does not mention the RAR", {"plan_mentions_rar": False}, 8, 12, 20,
         ("rar_not_in_plan",)),
        ("no plan yet: no plan warning", {"plan_mentions_rar": None}, 8, 12, 20, ()),
    ],
)
def test_s9_rar_progress_and_warnings(name, overrides, delivered, owed, projected, warnings):
    result = assess_rar(rar(**overrides))
    assert result.days_delivered == delivered, name
    assert result.days_owed == owed, name
    assert result.projected_days == projected, name
    assert result.warnings == warnings, name
    assert result.at_risk == bool(
        {"rar_shortfall_at_current_rate", "rar_cannot_be_delivered_in_time"} & set(warnings)
    )
    assert all(reason.section == "operating-model.md §9" for reason in result.reasons)


def test_s9_rate_and_shortfall_figures():
    # 4 days in the 57 days from 8 January to 4 March: 0.49 a week; 125 days left.
    result = assess_rar(rar(activities=tuple(
        RarActivity(START + timedelta(weeks=2 * i), True) for i in range(4))))
    assert result.rate_per_week == 0.49
    assert result.projected_days == 4 + int(4 / 57 * 125)
    assert result.projected_shortfall == 20 - result.projected_days
    assert "short" in result.reasons[-1].text


def test_s9_too_early_to_project_a_new_order():
    result = assess_rar(rar(as_of=START + timedelta(days=10), activities=()))
    assert result.projected_days is None and result.projected_shortfall is None
    assert not result.at_risk
    assert "s9_too_early_to_project" in codes(result)


def test_s9_hard_check_applies_even_before_projecting():
    short_order = rar(max_days=30, order_end=START + timedelta(days=30),
                      as_of=START + timedelta(days=5), activities=())
    result = assess_rar(short_order)
    assert result.projected_days is None
    assert result.warnings == ("rar_cannot_be_delivered_in_time",)


def test_s9_not_yet_started_order_counts_working_days_from_its_start():
    result = assess_rar(rar(as_of=START - timedelta(days=3), activities=(),
                            order_end=START + timedelta(days=27), max_days=20))
    # 20 working days from 8 January to 4 February: deliverable, just
    assert result.warnings == ()
    result = assess_rar(rar(as_of=START - timedelta(days=3), activities=(),
                            order_end=START + timedelta(days=27), max_days=21))
    assert result.warnings == ("rar_cannot_be_delivered_in_time",)


def test_s9_projection_wait_is_configuration():
    result = assess_rar(rar(as_of=START + timedelta(days=10), activities=()),
                        RarConfig(min_days_before_projecting=7))
    assert result.projected_days == 0 and result.at_risk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"max_days": 0}, "max_days"), ({"max_days": 2.5}, "max_days"),
     ({"order_end": START}, "order_end"), ({"as_of": "2024-03-01"}, "as_of"),
     ({"activities": ("2024-01-10",)}, "activities"),
     ({"activities": (RarActivity(D("2024-01-10"), "yes"),)}, "activities"),
     ({"plan_mentions_rar": "no"}, "plan_mentions_rar")],
)
def test_s9_rar_rejects_invalid_input(overrides, field):
    with pytest.raises(RuleInputError) as caught:
        assess_rar(rar(**overrides))
    assert caught.value.field == field


orders = st.builds(
    lambda max_days, length, as_of_offset, offsets, plan: RarInput(
        max_days=max_days,
        order_start=START,
        order_end=START + timedelta(days=length),
        as_of=START + timedelta(days=as_of_offset),
        activities=tuple(RarActivity(START + timedelta(days=o), r) for o, r in offsets),
        plan_mentions_rar=plan,
    ),
    st.integers(1, 60),
    st.integers(1, 730),
    st.integers(-30, 800),
    st.lists(st.tuples(st.integers(-20, 800), st.booleans()), max_size=80),
    st.one_of(st.none(), st.booleans()),
)


@given(orders)
def test_s9_rar_invariants(order):
    result = assess_rar(order)
    assert result.reasons
    assert 0 <= result.days_delivered <= order.max_days
    assert result.days_owed == order.max_days - result.days_delivered
    if result.projected_days is not None:
        assert result.days_delivered <= result.projected_days <= order.max_days
        assert result.projected_shortfall == order.max_days - result.projected_days >= 0
    assert result.at_risk == any(
        w in result.warnings
        for w in ("rar_shortfall_at_current_rate", "rar_cannot_be_delivered_in_time")
    )
    if result.days_owed == 0:
        assert not result.at_risk


@given(orders)
def test_s9_fast_path_agrees_with_the_full_rule(order):
    full = assess_rar(order)
    fast = rar_alert(order.max_days, full.days_delivered, order.order_start.toordinal(),
                     order.order_end.toordinal(), order.as_of.toordinal())
    assert fast == full.at_risk


def test_s9_calendar_can_be_replaced():
    # 15 owed; 14 working days left after 10 May 2024 (27 May is a bank holiday), 15 without.
    order = rar(max_days=16, order_end=D("2024-05-31"), as_of=D("2024-05-10"),
                activities=weekly(1))
    assert "rar_cannot_be_delivered_in_time" in assess_rar(order).warnings
    assert "rar_cannot_be_delivered_in_time" not in assess_rar(
        order, calendar=WorkingCalendar(())).warnings
