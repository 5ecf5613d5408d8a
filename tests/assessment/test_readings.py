"""Self-assessment: the instrument as versioned data, readings as drafts, signing, approval,
the star and the review prompt for falling areas (operating-model.md §6)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from desist.assessment import services
from desist.assessment.models import Instrument, Reading
from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.rules.selfassessment import DEFAULT_INSTRUMENT
from desist.worklist.models import Task
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db

ALL_EIGHT = {f"score_{a.code}": "8" for a in DEFAULT_INSTRUMENT.areas}
PATH = "M 10 10 L 50 60 L 90 20 M 100 100 L 120.5 130"


def officer_client(client_for, staff_by_role):
    return client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])


def new_reading(client, crn, scores, action="draft", day="2026-11-20"):
    return client.post(f"/cases/{crn}/self-assessment/new",
                       {"taken_on": day, "action": action, **scores})


def test_default_instrument_installed_once_and_one_active_per_provider(provider):
    first = services.active_instrument(provider)
    assert services.active_instrument(provider) == first
    assert first.spec == DEFAULT_INSTRUMENT and first.version == 1
    assert Instrument.objects.filter(provider=provider, active=True).count() == 1


def test_administrator_saves_and_activates_a_new_version(client_for, staff_by_role, provider):
    client = client_for(staff_by_role[Role.SYSADMIN])
    page = client.get("/self-assessment/instrument")
    assert page.status_code == 200 and "Somewhere to live" in page.content.decode()
    definition = DEFAULT_INSTRUMENT.as_dict()
    definition["areas"][0]["title"] = "A home of your own"
    response = client.post("/self-assessment/instrument/load", {
        "definition": json.dumps(definition), "activate": "on"})
    assert response.status_code == 302
    active = Instrument.objects.get(provider=provider, active=True)
    assert active.version == 2 and active.spec.areas[0].title == "A home of your own"
    assert Instrument.objects.filter(provider=provider).count() == 2
    first = Instrument.objects.get(provider=provider, version=1)
    assert client.post("/self-assessment/instrument/activate",
                       {"activate_version": first.pk}).status_code == 302
    assert Instrument.objects.get(provider=provider, active=True).version == 1
    assert AuditEvent.objects.filter(event="instrument_activated").exists()


def test_administrator_edits_the_instrument_in_a_form(client_for, staff_by_role, provider):
    client = client_for(staff_by_role[Role.SYSADMIN])
    services.active_instrument(provider)
    page = client.get("/self-assessment/instrument").content.decode()
    assert 'value="Somewhere to live"' in page and 'value="Self-reliant"' in page
    fields = {"rows": "6,12", "name": "Desist, edited", "scale_min": "1",
              "scale_max": "10", "activate": "on"}
    for i, stage in enumerate(DEFAULT_INSTRUMENT.stages):
        fields.update({f"stage_{i}_name": stage.name, f"stage_{i}_from": str(stage.low),
                       f"stage_{i}_to": str(stage.high)})
    for i, area in enumerate(DEFAULT_INSTRUMENT.areas):
        fields.update({f"area_{i}_code": area.code, f"area_{i}_title": area.title})
    fields.update({"area_10_code": "health", "area_10_title": "Physical health"})
    assert client.post("/self-assessment/instrument/edit", fields).status_code == 302
    active = Instrument.objects.get(provider=provider, active=True)
    assert active.name == "Desist, edited" and len(active.spec.areas) == 11
    gap = {**fields, "stage_4_from": "10"}
    with nothing_written(Instrument):
        response = client.post("/self-assessment/instrument/edit", gap)
    assert response.status_code == 400 and "without gaps or overlaps" in response.content.decode()


def test_unusable_instrument_is_refused_with_a_message(client_for, staff_by_role):
    client = client_for(staff_by_role[Role.SYSADMIN])
    # the page installs Desist's default instrument the first time it is shown
    assert client.get("/self-assessment/instrument").status_code == 200
    assert Instrument.objects.count() == 1
    with nothing_written(Instrument):
        response = client.post("/self-assessment/instrument/load",
                               {"definition": "{not json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()
    broken = DEFAULT_INSTRUMENT.as_dict()
    broken["stages"].pop()
    with nothing_written(Instrument):
        response = client.post("/self-assessment/instrument/load",
                               {"definition": json.dumps(broken)})
    assert response.status_code == 400 and "last stage must end" in response.content.decode()
    # Only the system administrator edits; a manager may look.
    manager = client_for(staff_by_role[Role.MANAGER])
    with nothing_written(Instrument):
        assert manager.post("/self-assessment/instrument/load",
                            {"definition": "{}"}).status_code == 403


def test_incomplete_reading_is_a_draft_that_cannot_be_approved(case, client_for, staff_by_role):
    client = officer_client(client_for, staff_by_role)
    partial = {k: v for k, v in ALL_EIGHT.items() if k != "score_home"}
    response = new_reading(client, case.crn, partial, action="sign")
    reading = Reading.objects.get(person=case)
    assert response.status_code == 302 and response["Location"].endswith(f"/{reading.pk}")
    assert reading.status == "draft" and reading.scores["time"] == 8 and "home" not in reading.scores
    page = client.get(f"/cases/{case.crn}/self-assessment/{reading.pk}").content.decode()
    assert "Not yet scored: Somewhere to live" in page and "Not signed by the person" in page
    with nothing_written(Reading, Task):
        refused = client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/approve",
                              {"unsigned_reason": "Left early"})
    assert refused.status_code == 400
    assert "cannot be approved until every area is scored" in refused.content.decode()
    assert Reading.objects.get(pk=reading.pk).status == "draft"


def test_signed_reading_is_approved_and_a_falling_area_raises_a_review(
        case, client_for, staff_by_role):
    client = officer_client(client_for, staff_by_role)
    new_reading(client, case.crn, ALL_EIGHT, day="2026-08-01")
    first = Reading.objects.get(person=case)
    assert client.post(f"/cases/{case.crn}/self-assessment/{first.pk}/sign",
                       {"method": "typed", "signed_name": "Dan Smith", "attest": "on"}
                       ).status_code == 302
    assert client.post(f"/cases/{case.crn}/self-assessment/{first.pk}/approve",
                       {}).status_code == 302
    first.refresh_from_db()
    assert first.status == "approved" and first.is_signed and first.signed_name == "Dan Smith"
    assert not Task.objects.filter(kind="reading_review").exists()

    response = new_reading(client, case.crn, {**ALL_EIGHT, "score_home": "5", "score_time": "9"},
                           action="sign")
    second = Reading.objects.filter(person=case).exclude(pk=first.pk).get()
    assert response["Location"].endswith(f"/{second.pk}/sign")
    assert client.post(f"/cases/{case.crn}/self-assessment/{second.pk}/sign",
                       {"method": "drawn", "signature": PATH}).status_code == 302
    second.refresh_from_db()
    assert second.signature_method == "drawn" and second.signature_svg == PATH
    client.post(f"/cases/{case.crn}/self-assessment/{second.pk}/approve", {})
    task = Task.objects.get(kind="reading_review", person=case)
    assert "Somewhere to live" in task.title and task.status == "open"

    page = client.get(f"/cases/{case.crn}/self-assessment/").content.decode()
    assert 'role="img"' in page and "stroke-dasharray" in page  # previous reading overlaid
    assert "table alternative to the star" in page and "-3 falling" in page
    assert "Falling since the previous reading: Somewhere to live" in page


def test_signature_failure_leaves_the_reading_unsigned_and_visible(case, client_for, staff_by_role):
    client = officer_client(client_for, staff_by_role)
    new_reading(client, case.crn, ALL_EIGHT)
    reading = Reading.objects.get(person=case)
    for bad in ("", "<script>alert(1)</script>", "M 1 1 L javascript 2"):
        with nothing_written(Reading):
            response = client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/sign",
                                   {"method": "drawn", "signature": bad})
        assert response.status_code == 400
        assert "could not be captured" in response.content.decode()
    with nothing_written(Reading):
        typed = client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/sign",
                            {"method": "typed", "signed_name": ""})
    assert typed.status_code == 400 and "true record" in typed.content.decode()
    reading.refresh_from_db()
    assert not reading.is_signed
    assert client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/sign",
                       {"action": "skip"}).status_code == 302
    with nothing_written(Reading, Task):
        refused = client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/approve", {})
    assert refused.status_code == 400 and "has not signed" in refused.content.decode()
    client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/approve",
                {"unsigned_reason": "Tablet battery failed"})
    reading.refresh_from_db()
    assert reading.status == "approved" and not reading.is_signed
    assert reading.unsigned_reason == "Tablet battery failed"
    page = client.get(f"/cases/{case.crn}/self-assessment/").content.decode()
    assert "Not signed by the person" in page and "Tablet battery failed" in page


def test_changing_scores_after_signing_needs_a_new_signature(case, staff_by_role):
    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    eights = {a.code: 8 for a in DEFAULT_INSTRUMENT.areas}
    reading = services.save_reading(acting_user=user, person=case, taken_on=dt.date(2026, 11, 1),
                                    scores={**eights, "home": 5}, comments={})
    services.sign_reading(acting_user=user, reading=reading, method="typed", name="Dan Smith")
    reading = services.save_reading(acting_user=user, person=case, reading=reading,
                                    taken_on=dt.date(2026, 11, 1), scores={**eights, "home": 6},
                                    comments={}, expected_version=2)
    assert not reading.is_signed and reading.scores["home"] == 6


def test_stale_draft_edit_is_refused(case, client_for, staff_by_role):
    client = officer_client(client_for, staff_by_role)
    new_reading(client, case.crn, {"score_home": "4"})
    reading = Reading.objects.get(person=case)
    with nothing_written(Reading):
        response = client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}",
                               {"taken_on": "2026-11-20", "version": "99", "score_home": "5"})
    assert response.status_code == 409


def test_api_saves_drafts_lists_and_keeps_scope(case, client_for, staff_by_role, outsider, client):
    officer = officer_client(client_for, staff_by_role)
    response = officer.post(f"/api/cases/{case.crn}/readings",
                            {"taken_on": "2026-11-20", "scores": {"home": 4, "time": None}},
                            content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and "time" in body["missing_areas"]
    with nothing_written(Reading):
        bad = officer.post(f"/api/cases/{case.crn}/readings",
                           {"taken_on": "2026-11-20", "scores": {"home": 40}},
                           content_type="application/json")
    assert bad.status_code == 400 and "home" in str(bad.json()["error"]["fields"])
    listed = officer.get(f"/api/cases/{case.crn}/readings").json()
    assert [r["id"] for r in listed] == [body["id"]]
    assert AuditEvent.objects.filter(event="reading_saved", crn=case.crn).exists()
    client.force_login(staff_by_role[Role.AUDITOR].user)
    with nothing_written(Reading):
        assert client.post(f"/api/cases/{case.crn}/readings", {},
                           content_type="application/json").status_code == 403
    client.force_login(outsider.user)
    assert client.get(f"/api/cases/{case.crn}/readings").status_code == 404


def test_api_approves_complete_readings_only(case, client_for, staff_by_role):
    officer = officer_client(client_for, staff_by_role)
    scores = {a.code: 8 for a in DEFAULT_INSTRUMENT.areas}
    partial = officer.post(f"/api/cases/{case.crn}/readings",
                           {"taken_on": "2026-11-20", "scores": {"home": 4}},
                           content_type="application/json").json()
    with nothing_written(Reading, Task):
        refused = officer.patch(f"/api/cases/{case.crn}/readings/{partial['id']}",
                                {"status": "approved", "unsigned_reason": "No tablet"},
                                content_type="application/json")
    assert refused.status_code == 400
    assert "every area is scored" in str(refused.json()["error"]["fields"])
    full = officer.post(f"/api/cases/{case.crn}/readings",
                        {"taken_on": "2026-11-20", "scores": scores},
                        content_type="application/json").json()
    with nothing_written(Reading, Task):
        unsigned = officer.patch(f"/api/cases/{case.crn}/readings/{full['id']}",
                                 {"status": "approved"}, content_type="application/json")
    assert unsigned.status_code == 400 and "unsigned_reason" in unsigned.json()["error"]["fields"]
    done = officer.patch(f"/api/cases/{case.crn}/readings/{full['id']}",
                         {"status": "approved", "unsigned_reason": "Person declined to sign"},
                         content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "approved"
    assert done.json()["signed"] is False


def test_reading_dated_in_the_future_is_refused_and_kept_on_the_page(case, client_for,
                                                                      staff_by_role):
    client = officer_client(client_for, staff_by_role)
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()  # within the date window
    # the page installs the default instrument on first view: show it before the refusal
    assert client.get(f"/cases/{case.crn}/self-assessment/new").status_code == 200
    with nothing_written(Reading, Task):
        response = new_reading(client, case.crn, {"score_home": "4"}, day=future)
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be in the future" in page and 'value="4" checked' in page
    assert not Reading.objects.filter(person=case).exists()


# --- The person signs what they see (§6) --------------------------------------------------------


def test_s6_the_sign_page_shows_every_area_and_score_being_signed(case, client_for,
                                                                  staff_by_role):
    client = officer_client(client_for, staff_by_role)
    new_reading(client, case.crn, {**ALL_EIGHT, "score_home": "4", "score_feelings": "6"})
    reading = Reading.objects.get(person=case)
    page = client.get(f"/cases/{case.crn}/self-assessment/{reading.pk}/sign").content.decode()
    table = page.split('id="star-signing-table"')[1].split("</table>")[0]
    for area in DEFAULT_INSTRUMENT.areas:
        assert area.title in table
    home_row = table.split("Somewhere to live")[1].split("</tr>")[0]
    assert ">4<" in home_row
    assert page.index('id="star-signing-table"') < page.index("How is the person signing?")
    assert 'role="img"' in page  # the star itself
    assert f'name="version" value="{reading.version}"' in page


def test_s6_a_signature_is_refused_when_the_scores_changed_since_the_page_was_shown(
        case, client_for, staff_by_role):
    from desist.forms import StaleRecordError

    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    reading = services.save_reading(acting_user=user, person=case, taken_on=dt.date(2026, 11, 1),
                                    scores={a.code: 8 for a in DEFAULT_INSTRUMENT.areas},
                                    comments={})
    shown = reading.version
    services.save_reading(acting_user=user, person=case, reading=reading,
                          taken_on=dt.date(2026, 11, 1),
                          scores={**reading.scores, "home": 3}, comments={})
    with pytest.raises(StaleRecordError):
        services.sign_reading(acting_user=user, reading=reading, method="typed",
                              name="Dan Smith", expected_version=shown)
    client = officer_client(client_for, staff_by_role)
    with nothing_written(Reading):
        response = client.post(f"/cases/{case.crn}/self-assessment/{reading.pk}/sign",
                               {"method": "typed", "signed_name": "Dan Smith", "attest": "on",
                                "version": shown})
    assert response.status_code == 409
    reading.refresh_from_db()
    assert not reading.is_signed


def test_s6_an_incomplete_reading_cannot_be_signed(case, staff_by_role):
    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    reading = services.save_reading(acting_user=user, person=case, taken_on=dt.date(2026, 11, 1),
                                    scores={"home": 5}, comments={})
    with pytest.raises(services.ReadingError, match="Score every area"):
        services.sign_reading(acting_user=user, reading=reading, method="typed",
                              name="Dan Smith")
    reading.refresh_from_db()
    assert not reading.is_signed
