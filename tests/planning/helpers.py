"""Shared set-up for planning tests."""

from __future__ import annotations

import datetime as dt

from desist.assessment import services as assessment

LOW_THREE = {"home": 5, "daily_life": 8, "wellbeing": 8, "community": 8, "family": 9,
             "caring": 9, "substances": 6, "time": 7, "feelings": 8, "offending": 8}


def approved_reading(user, person, scores=None, day=dt.date(2026, 11, 2)):
    reading = assessment.save_reading(acting_user=user, person=person, taken_on=day,
                                      scores=scores or LOW_THREE, comments={})
    assessment.sign_reading(acting_user=user, reading=reading, method="typed", name=person.name)
    assessment.approve_reading(acting_user=user, reading=reading, today=day)
    return reading
