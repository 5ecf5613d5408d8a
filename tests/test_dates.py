"""One localised date formatter for pages, letters and messages (practice fixes, item 18)."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import translation

from desist.dates import format_date

MONDAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(("style", "english", "welsh"), [
    ("long", "7 December 2026", "7 Rhagfyr 2026"),
    ("short", "7 Dec 2026", "7 Rhag 2026"),
    ("full", "Monday 7 December 2026", "Dydd Llun 7 Rhagfyr 2026"),
    ("day", "Monday 7 December", "Dydd Llun 7 Rhagfyr"),
])
def test_dates_in_english_and_wholly_welsh(style, english, welsh):
    assert format_date(MONDAY, style, language="en") == english
    assert format_date(MONDAY, style, language="cy") == welsh


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("cy"):
        assert format_date(dt.date(2027, 2, 3)) == "3 Chwefror 2027"
    with translation.override("en"):
        assert format_date(dt.date(2027, 2, 3)) == "3 February 2027"


def test_aware_datetimes_are_shown_in_uk_local_time():
    summer_utc = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC)  # 10:30 BST
    assert format_date(summer_utc, "full_at", language="en") == "Wednesday 1 July 2026 at 10:30"
    assert format_date(summer_utc, "full_at", language="cy") == "Dydd Mercher 1 Gorffennaf 2026 am 10:30"
    london = dt.datetime(2026, 12, 7, 9, 5, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert format_date(london, "short_time") == "7 Dec 2026 09:05"


def test_times_of_day_and_blanks():
    assert format_date(dt.time(8, 0), "time") == "08:00"
    assert format_date(None) == ""


def test_an_unknown_style_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown date style"):
        format_date(MONDAY, "fancy")
