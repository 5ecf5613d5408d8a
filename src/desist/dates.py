"""Dates and times as practitioners and people on probation read them, in English or Welsh.

One formatter for the whole product: pages use the ``date`` filter, letters and messages call
``format_date``. Month and day names come from tables here, not from the C library's locale, so
a Welsh letter is wholly Welsh on any machine ("dydd Llun 7 Rhagfyr 2026 am 10:30").
Datetimes are shown in local (UK) time.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "cy": ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
           "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
}
MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "cy": ["Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach",
           "Rhag"],
}
DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "cy": ["dydd Llun", "dydd Mawrth", "dydd Mercher", "dydd Iau", "dydd Gwener", "dydd Sadwrn",
           "dydd Sul"],
}
DAYS_SHORT = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "cy": ["Llun", "Maw", "Mer", "Iau", "Gwe", "Sad", "Sul"],
}
AT = {"en": "at", "cy": "am"}

# style -> pattern; {d} day of month, {m} month name, {b} short month, {y} year, {A} day name,
# {a} short day name, {t} HH:MM, {s} HH:MM:SS, {at} the word "at".
STYLES = {
    "long": "{d} {m} {y}",                      # 7 December 2026
    "short": "{d} {b} {y}",                     # 7 Dec 2026
    "time": "{t}",                              # 10:30
    "day": "{A} {d} {m}",                       # Monday 7 December
    "day_time": "{A} {d} {m}, {t}",             # Monday 7 December, 10:30
    "full": "{A} {d} {m} {y}",                  # Monday 7 December 2026
    "full_time": "{A} {d} {m} {y}, {t}",        # Monday 7 December 2026, 10:30
    "full_at": "{A} {d} {m} {y} {at} {t}",      # Monday 7 December 2026 at 10:30
    "long_time": "{d} {m} {y} {t}",             # 7 December 2026 10:30
    "short_time": "{d} {b} {y} {t}",            # 7 Dec 2026 10:30
    "short_seconds": "{d} {b} {y} {s}",         # 7 Dec 2026 10:30:05
    "short_day_time": "{a} {d} {b} {y} {t}",    # Mon 7 Dec 2026 10:30
    "iso_time": "{iso} {t}",                    # 2026-12-07 10:30 (form values, not prose)
    "iso": "{iso}",                             # 2026-12-07 (links and form values, not prose)
    "month": "{m} {y}",                         # December 2026
    "short_month": "{b} {y}",                   # Dec 2026
}


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").lower()
    return "cy" if code.startswith("cy") else "en"


def format_date(value: dt.date | dt.datetime | None, style: str = "long", *,
                language: str | None = None) -> str:
    """``value`` in the named style, in ``language`` (default: the active language); "" for None."""
    if value is None or value == "":
        return ""
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}")
    lang = _language(language)
    if isinstance(value, dt.time):  # a time of day alone (opening hours, session times)
        return value.strftime("%H:%M:%S" if style == "short_seconds" else "%H:%M")
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    parts = {
        "d": value.day,
        "m": MONTHS[lang][value.month - 1],
        "b": MONTHS_SHORT[lang][value.month - 1],
        "y": value.year,
        "A": DAYS[lang][value.weekday()],
        "a": DAYS_SHORT[lang][value.weekday()],
        "at": AT[lang],
        "iso": value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else "",
        "t": value.strftime("%H:%M") if isinstance(value, dt.datetime | dt.time) else "",
        "s": value.strftime("%H:%M:%S") if isinstance(value, dt.datetime | dt.time) else "",
    }
    text = STYLES[style].format(**parts)
    # A Welsh day name opens a sentence in a heading or list as "Dydd Llun".
    return text[:1].upper() + text[1:] if lang == "cy" and style.startswith(("day", "full")) else text
