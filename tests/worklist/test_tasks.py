"""Tasks: idempotent raising, closing with an outcome, scoped lists, the dashboard."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.people.models import CaseAccessEntry
from desist.scopes import worklist as scoped
from desist.worklist import services
from desist.worklist.models import Task
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db


def _raise(case, kind="contact_gap", key=None, **extra):
    return services.raise_task(provider_id=case.provider_id, person=case, kind=kind,
                               key=key or f"{kind}:{case.crn}", title="A task", **extra)


def test_raising_the_same_key_twice_gives_one_open_task(case):
    first, created = _raise(case)
    again, created_again = _raise(case)
    assert created and not created_again
    assert first.pk == again.pk
    assert Task.objects.filter(key=f"contact_gap:{case.crn}").count() == 1
    assert AuditEvent.objects.filter(event="task_raised", crn=case.crn).count() == 1


def test_task_goes_to_the_cases_officer_and_team_by_default(case):
    task, _ = _raise(case)
    assert task.assigned_to == case.responsible_officer
    assert task.team == case.team
    assert task.queue == "officer"


def test_unknown_kind_is_refused(case):
    with pytest.raises(ValueError, match="Unknown task kind"):
        _raise(case, kind="made_up")


def test_closed_task_can_be_raised_again(case):
    task, _ = _raise(case)
    services.close_task(task, outcome="Seen at office")
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.closed_at is not None
    again, created = _raise(case)
    assert created and again.pk != task.pk


def test_close_open_closes_only_that_key(case):
    _raise(case, key="a")
    _raise(case, key="b")
    assert services.close_open(provider_id=case.provider_id, key="a", outcome="gone", done=False) == 1
    assert set(Task.objects.filter(status="open").values_list("key", flat=True)) == {"b"}
    assert Task.objects.get(key="a").status == Task.Status.CANCELLED


def test_officer_sees_own_tasks_and_closes_one_with_an_outcome(case, staff_by_role, client):
    task, _ = _raise(case, due_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    page = client.get("/tasks/")
    assert page.status_code == 200
    assert "A task" in page.content.decode()
    assert "3 days overdue" in page.content.decode()
    with nothing_written(Task):
        refused = client.post(f"/tasks/{task.pk}", {"outcome": ""})
    assert refused.status_code == 400
    assert "Say what was done about this task" in refused.content.decode()
    done = client.post(f"/tasks/{task.pk}", {"outcome": "Phoned and booked an appointment"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.outcome == "Phoned and booked an appointment"
    assert task.closed_by == staff_by_role[Role.RESPONSIBLE_OFFICER].user
    assert AuditEvent.objects.filter(event="task_closed", crn=case.crn).exists()
    with nothing_written(Task):
        again = client.post(f"/tasks/{task.pk}", {"outcome": "twice"})
    assert again.status_code == 409


def test_tasks_of_a_restricted_case_are_hidden_unless_granted(case, staff_by_role, client):
    _raise(case)
    case.restricted = True
    case.save()
    officer = staff_by_role[Role.RESPONSIBLE_OFFICER]
    client.force_login(officer.user)
    assert "A task" not in client.get("/tasks/?view=all").content.decode()
    CaseAccessEntry.objects.create(person=case, user=officer.user, kind=CaseAccessEntry.Kind.GRANTED)
    assert "A task" in client.get("/tasks/?view=all").content.decode()


def test_another_providers_task_is_not_found(case, outsider, client):
    task, _ = _raise(case)
    client.force_login(outsider.user)
    assert client.get(f"/tasks/{task.pk}").status_code == 404
    assert "A task" not in client.get("/tasks/?view=all").content.decode()


def test_auditor_reads_but_cannot_close(case, staff_by_role, client):
    task, _ = _raise(case)
    client.force_login(staff_by_role[Role.AUDITOR].user)
    assert client.get(f"/tasks/{task.pk}").status_code == 200
    with nothing_written(Task):
        assert client.post(f"/tasks/{task.pk}", {"outcome": "x"}).status_code == 403


def test_dashboard_counts_open_and_overdue_and_lists_escalations(case, staff_by_role, client):
    today = timezone.localdate()
    _raise(case, key="gap", due_on=today - dt.timedelta(days=1))
    _raise(case, kind="risk_escalation", key="esc", due_on=today + dt.timedelta(days=2))
    client.force_login(staff_by_role[Role.MANAGER].user)
    page = client.get("/dashboard/").content.decode()
    assert "Open risk escalations" in page
    assert "No open risk escalations" not in page
    assert "Risk escalation to NPS" in page
    assert "No recent contact" in page


def test_task_list_queries_do_not_grow_with_the_number_of_tasks(case, staff_by_role, client,
                                                                django_assert_max_num_queries):
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    for i in range(3):
        _raise(case, key=f"k{i}")
    with django_assert_max_num_queries(16) as few:
        client.get("/tasks/")
    for i in range(3, 30):
        _raise(case, key=f"k{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/tasks/")


def test_task_page_links_to_the_case_instead_of_printing_markup(case, staff_by_role, client):
    """Issue 12 item 25: the Case row printed '<a class="govuk-link" …' as text."""
    case.first_name, case.last_name = "Siân", "O'Brien & Co"
    case.save()
    task, _ = _raise(case)
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    html = client.get(f"/tasks/{task.pk}").content.decode()
    assert "&lt;a" not in html
    assert f'<a class="govuk-link" href="/cases/{case.crn}/">' in html
    # The name is still escaped (it is data, not markup).
    assert "O&#39;Brien &amp; Co" in html or "O&#x27;Brien &amp; Co" in html


def _officer_with_many_tasks(case, staff_by_role, provider, team):
    """An officer with 3 kinds of task over 2 cases, some overdue."""
    from tests import factories as f

    second = f.PersonFactory(provider=provider, crn="B654321", first_name="Ann", last_name="Lee",
                             responsible_officer=staff_by_role[Role.RESPONSIBLE_OFFICER], team=team)
    today = timezone.localdate()
    for i in range(12):  # many low-priority tasks, none overdue
        _raise(case if i % 2 else second, kind="rar_at_risk", key=f"rar{i}",
               due_on=today + dt.timedelta(days=i + 1))
    _raise(second, kind="contact_gap", key="gap", due_on=today - dt.timedelta(days=4))
    _raise(case, kind="safeguarding_check", key="sg", due_on=today + dt.timedelta(days=2))
    return second


def test_tasks_are_grouped_by_kind_overdue_first_then_priority_with_counts(
        case, staff_by_role, provider, team):
    from desist.worklist import selectors

    _officer_with_many_tasks(case, staff_by_role, provider, team)
    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    groups = scoped.task_groups(user, selectors.TaskQuery(view="mine"),
                                   today=timezone.localdate())
    assert [g.key for g in groups] == ["contact_gap", "safeguarding_check", "rar_at_risk"]
    rar = groups[-1]
    assert (rar.open, rar.overdue) == (12, 0)
    assert len(rar.tasks) == selectors.GROUP_PREVIEW and rar.more == 12 - selectors.GROUP_PREVIEW
    assert [t.due_on for t in rar.tasks] == sorted(t.due_on for t in rar.tasks)
    assert (groups[0].open, groups[0].overdue) == (1, 1)


def test_tasks_can_be_grouped_by_case(case, staff_by_role, provider, team):
    from desist.worklist import selectors

    second = _officer_with_many_tasks(case, staff_by_role, provider, team)
    user = staff_by_role[Role.RESPONSIBLE_OFFICER].user
    page = scoped.task_groups_by_case(user, selectors.TaskQuery(view="mine"),
                                         today=timezone.localdate(), page=1)
    groups = page.object_list
    assert [g.person.crn for g in groups] == [second.crn, case.crn]  # the overdue case first
    assert groups[0].overdue == 1 and groups[0].open == 7
    assert groups[0].tasks[0].kind == "contact_gap"


def test_task_page_shows_the_summary_and_groups(case, staff_by_role, provider, team, client):
    _officer_with_many_tasks(case, staff_by_role, provider, team)
    client.force_login(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    html = client.get("/tasks/").content.decode()
    assert "14 open tasks, 1 overdue" in " ".join(re.sub(r"<[^>]+>", "", html).split())
    groups = html[html.index("Tasks by type, most pressing first"):]
    assert groups.index("No recent contact") < groups.index("Safeguarding check") < groups.index(
        "RAR days at risk")
    assert "Show all 12" in html
    by_case = client.get("/tasks/?group=case").content.decode()
    assert by_case.index("Ann Lee") < by_case.index("Dan Smith")
    flat = client.get("/tasks/?kind=rar_at_risk").content.decode()
    assert "12 open tasks" in flat
