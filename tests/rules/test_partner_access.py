"""The partner access window (operating model §1, §9; F14), one row per rule."""

from __future__ import annotations

import datetime as dt

import pytest

from desist.rules.partner_access import PartnerAccess, grace_start, partner_access
from desist.rules.reasons import Reason

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


# --- Every word, the default and both sides of the grace period (issue 25) ---------------------

S1 = "operating-model.md §1"
S9 = "operating-model.md §9"
DAY = dt.timedelta(days=1)


def test_the_default_grace_is_28_days_either_side():
    assert grace_start(TODAY, 28) == dt.date(2026, 11, 4)
    last_day = partner_access(status="completed", ended_on=dt.date(2026, 11, 4), today=TODAY)
    assert last_day == PartnerAccess(True, TODAY, (Reason(
        "s9_partner_grace", S9,
        "The referral was completed on Wednesday 4 November 2026; the partner keeps access until "
        "Wednesday 2 December 2026 to finish its records."),))
    over = partner_access(status="completed", ended_on=dt.date(2026, 11, 3), today=TODAY)
    assert over == PartnerAccess(False, None, (Reason(
        "s1_partner_grace_over", S1,
        "The referral was completed on Tuesday 3 November 2026 and the 28-day grace period is "
        "over."),))
    assert partner_access(status="completed", ended_on=dt.date(2026, 11, 5), today=TODAY).until \
        == TODAY + DAY


@pytest.mark.parametrize(("grace", "start"), [(0, TODAY), (-3, TODAY), (1, TODAY - DAY)])
def test_no_grace_or_a_negative_one_means_the_day_of_completion_only(grace, start):
    assert grace_start(TODAY, grace) == start
    access = partner_access(status="completed", ended_on=TODAY, today=TODAY, grace_days=grace)
    assert (access.granted, access.until) == (True, TODAY + max(grace, 0) * DAY)
    assert partner_access(status="completed", ended_on=TODAY - DAY, today=TODAY,
                          grace_days=grace).granted is (grace == 1)


def test_every_other_reason_in_words():
    working = Reason("s9_partner_working", S9,
                     "The partner has accepted the referral and is working with the person.")
    assert partner_access(status="accepted", ended_on=TODAY, today=TODAY) == PartnerAccess(
        True, None, (working,))
    assert partner_access(status="referred", ended_on=None, today=TODAY) == PartnerAccess(
        False, None, (Reason("s1_partner_not_yet_accepted", S1,
                             "The partner has not accepted the referral yet: it sees the "
                             "referral, not the case."),))
    assert partner_access(status="completed", ended_on=None, today=TODAY, grace_days=7) == \
        PartnerAccess(False, None, (Reason(
            "s1_partner_grace_over", S1,
            "The referral was completed and the 7-day grace period is over."),))
    assert partner_access(status="withdrawn", ended_on=None, today=TODAY) == PartnerAccess(
        False, None, (Reason("s1_partner_referral_closed", S1,
                             "The referral was withdrawn: the partner no longer works with the "
                             "person."),))
