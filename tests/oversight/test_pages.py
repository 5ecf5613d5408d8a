"""Quality pages (issue 18): rounds, case audits (auditors see only their sampled cases),
results with CSV and PDF, oversight on a case raising the officer's task, and coverage."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.utils import timezone

from desist.organisation.roles import Role
from desist.oversight import services
from desist.oversight.models import AuditAnswer, AuditCase, OversightRecord
from desist.worklist.models import Task
from tests.refusals import nothing_written

from .. import factories as f
from ..conftest import make_staff


@pytest.fixture
def ttg_round(provider, team, staff_by_role):
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    others = [make_staff(provider, Role.RESPONSIBLE_OFFICER, username=f"po{i}", team=team)
              for i in range(3)]
    released = timezone.localdate() - dt.timedelta(weeks=6)
    people = []
    for i in range(14):
        person = f.PersonFactory(provider=provider, team=team, rosh="high" if i % 2 else "low",
                                 responsible_officer=[officer, *others][i % 4])
        f.SentenceFactory(person=person, type="licence", start_date=released,
                          sentence_date=released - dt.timedelta(days=400),
                          release_date=released)
        people.append(person)
    auditor = staff_by_role[Role.AUDITOR]
    audit_round = services.round_start(
        acting_user=auditor.user, name="Through the Gate dip", strands=["ttg"],
        period_start=timezone.localdate() - dt.timedelta(days=90),
        period_end=timezone.localdate(), seed=7)
    services.audit_cases_assign(acting_user=auditor.user, audit_round=audit_round,
                                auditors=[auditor.user])
    return audit_round


def test_auditor_answers_every_question_on_the_audit_page(ttg_round, staff_by_role, client):
    client.force_login(staff_by_role[Role.AUDITOR].user)
    case = ttg_round.cases.filter(position="sample").first()
    page = client.get(f"/oversight/audits/{case.pk}")
    assert page.status_code == 200
    assert "Is resettlement activity well coordinated?" in page.content.decode()
    data = {"action": "answers"}
    for code in ("4_2_1", "4_2_2", "4_2_3"):
        data[f"q_{code}"] = "yes"
        data[f"r_{code}"] = "Plan shared before release"
    with nothing_written(AuditAnswer, AuditCase):
        incomplete = client.post(f"/oversight/audits/{case.pk}", {**data, "r_4_2_3": ""})
    assert incomplete.status_code == 400 and not AuditAnswer.objects.exists()
    done = client.post(f"/oversight/audits/{case.pk}", data)
    assert done.status_code == 302
    assert AuditAnswer.objects.filter(audit_case=case).count() == 3
    services.domain1_rate(acting_user=staff_by_role[Role.AUDITOR].user, audit_round=ttg_round,
                          standard="1.1", rating="good", evidence="<b>Interviews</b>")
    results = client.get(f"/oversight/rounds/{ttg_round.pk}/results")
    assert results.status_code == 200 and "1 / 1" in results.content.decode()
    assert "&lt;b&gt;Interviews" in results.content.decode()  # evidence is text, not markup
    csv = client.get(f"/oversight/rounds/{ttg_round.pk}/results.csv")
    assert b"4.2.1" in csv.content
    pdf = client.get(f"/oversight/rounds/{ttg_round.pk}/results.pdf")
    assert pdf.content.startswith(b"%PDF")
    drill = client.get(f"/oversight/rounds/{ttg_round.pk}/questions/4.2.1")
    assert case.person.crn in drill.content.decode()
    assert client.get(f"/oversight/rounds/{ttg_round.pk}").status_code == 200
    assert client.get("/oversight/trends").status_code == 200
    assert client.get("/oversight/framework").status_code == 200


def test_the_draw_stores_its_sampling_reasons_with_their_templates(ttg_round, staff_by_role,
                                                                  client):
    # ADR 0016: stored as records, so the round page says them in the reader's language; the
    # draw's own reasons (sampling.draw, not converted yet) are stored as text, as before.
    reasons = ttg_round.draw["ttg"]["reasons"]
    cochran = next(r for r in reasons if r["code"] == "sample_size_cochran")
    assert cochran["template"].startswith("%(cases)s give")
    assert isinstance(cochran["params"]["population"], int)
    assert cochran["params"]["cases"]["template"] == "%(n)s cases"
    seed = next(r for r in reasons if r["code"] == "sample_seed")
    assert set(seed) == {"code", "section", "text"}
    client.force_login(staff_by_role[Role.AUDITOR].user)
    page = html.unescape(client.get(f"/oversight/rounds/{ttg_round.pk}").content.decode())
    assert cochran["text"] in page and seed["text"] in page


def test_auditor_cannot_open_a_reserve_or_another_auditors_case(ttg_round, staff_by_role,
                                                               provider, client):
    other = make_staff(provider, Role.AUDITOR, username="qa2", grade="QA")
    client.force_login(other.user)
    case = ttg_round.cases.filter(position="sample").first()
    assert client.get(f"/oversight/audits/{case.pk}").status_code == 404
    client.force_login(staff_by_role[Role.AUDITOR].user)
    reserve = ttg_round.cases.filter(position="reserve").first()
    assert client.get(f"/oversight/audits/{reserve.pk}").status_code == 404


def test_restricted_sampled_case_needs_its_grant(ttg_round, staff_by_role, client):
    case = ttg_round.cases.filter(position="sample").first()
    case.person.restricted = True
    case.person.save()
    client.force_login(staff_by_role[Role.AUDITOR].user)
    assert client.get(f"/oversight/audits/{case.pk}").status_code == 404


def test_new_round_page_draws_a_sample(ttg_round, staff_by_role, client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    today = timezone.localdate()
    start = today - dt.timedelta(days=60)
    response = client.post("/oversight/rounds/new", {
        "name": "Dip", "strands": ["ttg"], "theme": "all",
        "period_start_day": start.day, "period_start_month": start.month,
        "period_start_year": start.year, "period_end_day": today.day,
        "period_end_month": today.month, "period_end_year": today.year,
        "confidence": 80, "margin": 5, "max_per_officer": 6, "reserve_percent": 20,
        "seed": 7})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/oversight/rounds/new").status_code == 200


def test_manager_oversight_becomes_the_officers_task_and_counts_for_coverage(
        case, staff_by_role, client):
    case.rosh = "high"
    case.save()
    client.force_login(staff_by_role[Role.MANAGER].user)
    due = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(f"/cases/{case.crn}/oversight", {
        "subject": "case", "risk": "RoSH high is right", "safeguarding": "Children's checks done",
        "plan": "Plan reviewed", "enforcement": "None needed",
        "next_action": "Home visit with police", "due_on_day": due.day,
        "due_on_month": due.month, "due_on_year": due.year})
    assert response.status_code == 302
    record = OversightRecord.objects.get(person=case)
    task = Task.objects.get(pk=record.task_id)
    assert task.kind == "oversight_action" and task.assigned_to == case.responsible_officer
    assert task.due_on == due
    page = client.get(f"/cases/{case.crn}/oversight")
    assert "Home visit with police" in page.content.decode()
    coverage = client.get("/oversight/coverage?weeks=4")
    assert coverage.status_code == 200 and "100%" in coverage.content.decode()
    drill = client.get(f"/oversight/coverage/cases?weeks=4&team={case.team.pk}")
    assert case.crn in drill.content.decode()
    # The drill-down names cases: its read is audited like any list of cases.
    from desist.audit.models import AuditEvent

    listed = AuditEvent.objects.filter(event="caseload_listed").order_by("-pk").first()
    assert listed is not None and listed.detail["crns"] == [case.crn]
    assert listed.detail["query"]["page"] == "oversight_coverage"


def test_oversight_needs_every_prompt_and_officers_cannot_record_it(case, staff_by_role,
                                                                   client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    with nothing_written(OversightRecord, Task):
        response = client.post(f"/cases/{case.crn}/oversight", {"subject": "case", "risk": "x"})
    assert response.status_code == 400
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    with nothing_written(OversightRecord, Task):
        assert client.post(f"/cases/{case.crn}/oversight",
                           {"subject": "case"}).status_code == 403
    assert not OversightRecord.objects.exists()


def test_quality_assurance_sees_only_its_sampled_cases(ttg_round, staff_by_role, provider,
                                                       team, client):
    """The auditor's whole case scope is its sample: an unsampled case is the same 404."""
    client.force_login(staff_by_role[Role.AUDITOR].user)
    sampled = ttg_round.cases.filter(position="sample").first().person
    reserve = ttg_round.cases.filter(position="reserve").first().person
    unsampled = f.PersonFactory(provider=provider, team=team)
    assert client.get(f"/cases/{sampled.crn}/").status_code == 200
    assert client.get(f"/cases/{unsampled.crn}/").status_code == 404
    assert client.get(f"/cases/{reserve.crn}/").status_code == 404
    client.force_login(staff_by_role[Role.MANAGER].user)
    assert client.get(f"/cases/{unsampled.crn}/").status_code == 200


def test_the_results_pdf_has_tagged_tables_with_captions_in_the_readers_language(
        ttg_round, staff_by_role, client):
    """The results PDF's tables come from the GOV.UK table macro (issue 14 item 5): header
    cells in a header row, each table captioned, and the document's language is the reader's."""
    from tests.test_pdf import pdf_tables, structure

    services.domain1_rate(acting_user=staff_by_role[Role.AUDITOR].user, audit_round=ttg_round,
                          standard="1.1", rating="good", evidence="Interviews")
    client.force_login(staff_by_role[Role.AUDITOR].user)
    english = client.get(f"/oversight/rounds/{ttg_round.pk}/results.pdf").content
    root, tags = structure(english)
    assert root["/Lang"] == "en"
    tables = pdf_tables(tags)
    # Two captioned tables (a table running onto a second page is tagged again there).
    assert [t for t in tables if "/Caption" in t] == [["/Caption", "/THead", "/TBody"]] * 2
    assert all(t[-2:] == ["/THead", "/TBody"] for t in tables)
    welsh = client.get(f"/oversight/rounds/{ttg_round.pk}/results.pdf",
                       HTTP_ACCEPT_LANGUAGE="cy").content
    assert structure(welsh)[0]["/Lang"] == "cy"
