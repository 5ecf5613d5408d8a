"""Issue 14 item 5 (ADR 0016, part 2): a band decision stores its reasons and prompts with their
templates and parameters, so the band history says them later in the reader's language (a
decision stored as text only still shows its text); a reduction's dates on the capacity page are
written in the reader's language."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.utils import timezone

from desist.allocation.models import BandDecision
from desist.dates import format_date
from desist.organisation.models import StaffReduction

from .conftest import new_case

pytestmark = pytest.mark.django_db
DA_PROMPT = "s4_domestic_abuse_consider_top"


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode())))


def _decide(client, person):
    person.refresh_from_db()
    return client.post(f"/cases/{person.crn}/band", {
        "version": person.version, "band": "green", f"prompt_{DA_PROMPT}": "decline",
        f"note_{DA_PROMPT}": "Single historic incident"})


def test_a_band_decision_stores_its_reasons_and_prompts_with_their_templates(
        provider, newcastle, lmc_manager, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C140501",
                      registrations=("domestic_abuse",), routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    assert _decide(client, person).status_code == 302
    decision = BandDecision.objects.get(person=person)
    (prompt,) = decision.prompts
    assert prompt["code"] == DA_PROMPT and prompt["answer"] == "decline"
    assert prompt["template"] == ("Registered: %(label)s. Consider placing the case in BLUE / "
                                  "RED; record the decision and its rationale.")
    assert prompt["params"] == {"label": "domestic abuse perpetrator"}
    # Every reason of the proposal and the check comes from a converted module.
    assert decision.reasons and all(
        set(r) == {"code", "section", "text", "template", "params"} for r in decision.reasons)
    history = _text(client.get(f"/cases/{person.crn}/band"))
    assert f"{prompt['text']} — decline: Single historic incident" in history


def test_a_band_decision_stored_as_text_only_still_shows_its_prompt(
        provider, newcastle, lmc_manager, client):
    la, team = newcastle
    person = new_case(provider, la=la, team=team, crn="C140502",
                      registrations=("domestic_abuse",), routing="lmc", lmc=team)
    client.force_login(lmc_manager.user)
    assert _decide(client, person).status_code == 302
    BandDecision.objects.filter(person=person).update(prompts=[
        {"code": DA_PROMPT, "text": "Stored before prompts carried templates.",
         "answer": "accept", "note": ""}])
    history = _text(client.get(f"/cases/{person.crn}/band"))
    assert "Stored before prompts carried templates. — accept" in history


def test_a_reductions_dates_are_written_in_the_readers_language(
        provider, newcastle, lmc_manager, officers, client):
    po = officers["po_m"]
    today = timezone.localdate()
    starts, ends = today - dt.timedelta(days=10), today + dt.timedelta(days=50)
    StaffReduction.objects.create(staff=po, reason="union_duties", percent=10, starts_on=starts,
                                  ends_on=ends)
    client.force_login(lmc_manager.user)
    url = f"/workload/officers/{po.pk}/capacity"
    welsh = _text(client.get(url, HTTP_ACCEPT_LANGUAGE="cy"))
    said = "from {} to {}.".format(format_date(starts, "long", language="cy"),
                                   format_date(ends, "long", language="cy"))
    assert f"Reduction for union duties: 10% of contracted hours, {said}" in welsh
    english = _text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    said = "from {} to {}.".format(format_date(starts, "long", language="en"),
                                   format_date(ends, "long", language="en"))
    assert f"Reduction for union duties: 10% of contracted hours, {said}" in english
