"""The contact gap (days since the last meaningful contact against the band's allowance, §10)
shows on the case overview (issue 12, item 25)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_overview_shows_an_overdue_contact_gap(case, client_for):
    today = timezone.localdate()
    case.band = "yellow"
    case.last_contact_on = today - dt.timedelta(days=20)
    case.save()
    text = _text(client_for(case.responsible_officer).get(f"/cases/{case.crn}/"))
    assert "Last meaningful contact 20 days ago" in text
    assert "the yellow band allows 14 days" in text
    assert "6 days overdue" in text


def test_overview_shows_contact_within_the_allowance(case, client_for):
    case.band = "green"
    case.last_contact_on = timezone.localdate() - dt.timedelta(days=1)
    case.save()
    text = _text(client_for(case.responsible_officer).get(f"/cases/{case.crn}/"))
    assert "Last meaningful contact 1 day ago" in text
    assert "the green band allows 28 days" in text
    assert "overdue" not in text.split("Last meaningful contact")[1][:80]


def test_overview_says_when_there_has_been_no_contact_yet(case, client_for):
    case.band = "red"
    case.last_contact_on = None
    case.save()
    start = case.sentences.first().start_date
    text = _text(client_for(case.responsible_officer).get(f"/cases/{case.crn}/"))
    days = (timezone.localdate() - start).days
    assert f"No meaningful contact since supervision started {days} days ago" in text \
        or "No meaningful contact since supervision started" in text
