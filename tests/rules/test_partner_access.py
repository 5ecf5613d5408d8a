"""The partner access window (operating model §1, §9; F14), one row per rule."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.partner_access import partner_access

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(("status", "ended_on", "granted", "code"), [
    ("proposed", None, False, "s1_partner_not_yet_accepted"),
    ("referred", None, False, "s1_partner_not_yet_accepted"),
    ("accepted", None, True, "s9_partner_working"),
    ("waiting", None, True, "s9_partner_working"),
    ("started", None, True, "s9_partner_working"),
    ("completed", TODAY - dt.timedelta(days=28), True, "s9_partner_grace"),
    ("completed", TODAY - dt.timedelta(days=29), False, "s1_partner_grace_over"),
    ("completed", None, False, "s1_partner_grace_over"),
    ("rejected", TODAY, False, "s1_partner_referral_closed"),
    ("withdrawn", TODAY, False, "s1_partner_referral_closed"),
])
def test_s9_partner_access_window(status, ended_on, granted, code):
    access = partner_access(status=status, ended_on=ended_on, today=TODAY, grace_days=28)
    assert access.granted is granted
    assert [r.code for r in access.reasons] == [code]
    assert all(r.section.startswith("operating-model.md §") for r in access.reasons)


def test_s9_grace_period_says_until_when():
    access = partner_access(status="completed", ended_on=dt.date(2026, 11, 30), today=TODAY,
                            grace_days=14)
    assert access.until == dt.date(2026, 12, 14)
    assert "14 December 2026" in access.reasons[0].text
