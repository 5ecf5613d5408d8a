"""Issue 22 item 6: races and double submits, replayed with real threads on the real database
(SQLite and PostgreSQL: each thread has its own connection)."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from desist.risk.models import HomeVisit
from desist.worklist.models import Task
from tests.factories import object_for_case
from tests.refusals import nothing_written

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(calls):
    """Run the calls in threads released together; each thread closes its own connection."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            start.wait()
            results[i] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_home_visit_form_posted_three_times_at_once_makes_one_visit(case, staff_by_role):
    client = signed_in(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    url = f"/cases/{case.crn}/risk/home-visits/new"
    token = re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {"planned_for": "2026-11-27", "purpose": "Check the address", "form_token": token}
    clients = [signed_in(staff_by_role[Role.RESPONSIBLE_OFFICER].user) for _ in range(3)]
    responses = at_once([lambda c=c: c.post(url, data) for c in clients])
    assert [r.status_code for r in responses if r.status_code not in (302, 400, 409)] == []
    if connection.vendor == "postgresql":
        assert HomeVisit.objects.filter(person=case).count() == 1
        assert all(r.status_code == 302 for r in responses)  # the losers are told, not failed
    else:  # in-memory test SQLite refuses concurrent writers outright (see sqlite_race_probe)
        assert HomeVisit.objects.filter(person=case).count() <= 1
        client.post(url, data)
    # A later replay of the same form is told, and creates nothing.
    again = client.post(url, data, follow=True)
    assert b"already submitted" in again.content
    assert HomeVisit.objects.filter(person=case).count() == 1


def test_a_form_token_is_the_users_own(case, staff_by_role):
    officer = signed_in(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    url = f"/cases/{case.crn}/risk/home-visits/new"
    token = re.search(r'name="form_token" value="([^"]+)"', officer.get(url).content.decode()).group(1)
    manager = signed_in(staff_by_role[Role.MANAGER].user)
    with nothing_written(HomeVisit):
        response = manager.post(url, {"planned_for": "2026-11-27", "purpose": "x",
                                      "form_token": token})
    assert response.status_code == 400 and b"expired" in response.content
    assert not HomeVisit.objects.exists()


def test_two_users_closing_one_task_at_once(case, staff_by_role, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = False  # the session row is not what is being tested
    task = Task.objects.get(pk=object_for_case("task", case))
    officer = signed_in(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    manager = signed_in(staff_by_role[Role.MANAGER].user)
    url = f"/tasks/{task.pk}"
    responses = at_once([lambda: officer.post(url, {"outcome": "Phoned him; seen Tuesday"}),
                         lambda: manager.post(url, {"outcome": "Booked an office visit"})])
    codes = sorted(r.status_code for r in responses)
    assert codes == [302, 409]
    loser = next(r for r in responses if r.status_code == 409).content.decode()
    task.refresh_from_db()
    winner_text = task.outcome
    assert winner_text in ("Phoned him; seen Tuesday", "Booked an office visit")
    lost_text = ({"Phoned him; seen Tuesday", "Booked an office visit"} - {winner_text}).pop()
    if "Nothing was saved" in loser:
        # SQLite's in-memory test database refuses the second writer at once instead of
        # queueing it (shared-cache locking): a 409 saying nothing was saved, never a 500.
        assert connection.vendor == "sqlite"
    else:  # the loser queued behind the winner, then was told what happened
        assert "closed this task on" in loser and "yours was not saved" in loser
        assert lost_text in loser  # what the loser wrote is on screen, not silently dropped
    assert AuditEvent.objects.filter(event="task_closed").count() == 1


def test_closing_a_task_someone_closed_after_you_opened_it(case, staff_by_role):
    task = Task.objects.get(pk=object_for_case("task", case))
    officer = signed_in(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    manager = signed_in(staff_by_role[Role.MANAGER].user)
    assert manager.get(f"/tasks/{task.pk}").status_code == 200  # opened the form
    assert officer.post(f"/tasks/{task.pk}", {"outcome": "Done by phone"}).status_code == 302
    with nothing_written(Task):
        response = manager.post(f"/tasks/{task.pk}", {"outcome": "My different outcome"})
    assert response.status_code == 409
    assert b"before you did" in response.content and b"My different outcome" in response.content
    assert b"Task closed" not in response.content


def test_a_write_that_cannot_get_the_database_is_a_409_not_a_500(case, staff_by_role, settings):
    """Another connection holds the write lock (SQLite) or the row lock (PostgreSQL)."""
    settings.SESSION_SAVE_EVERY_REQUEST = False  # the session row is not what is being tested
    task = Task.objects.get(pk=object_for_case("task", case))
    holding, release = threading.Event(), threading.Event()

    def hold_lock():
        try:
            with transaction.atomic():
                Task.objects.select_for_update().filter(pk=task.pk).update(detail="held")
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    client = signed_in(staff_by_role[Role.RESPONSIBLE_OFFICER].user)
    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert holding.wait(30)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '300ms'")
        else:
            connection.ensure_connection()
            connection.connection.execute("PRAGMA busy_timeout = 300")
        response = client.post(f"/tasks/{task.pk}", {"outcome": "Phoned"})
    finally:
        release.set()
        holder.join(30)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
    assert response.status_code == 409
    assert b"nothing was saved" in response.content
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN and task.outcome == ""
    # nothing_written cannot be used: the lock holder changes the row on purpose
    assert not AuditEvent.objects.filter(event="task_closed").exists()


def test_on_a_sqlite_file_database_writers_queue_and_the_loser_is_told(tmp_path):
    """The demo's SQLite (WAL, IMMEDIATE, busy timeout) with real threads: see sqlite_race_probe."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "desist.config.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
           "DESIST_ALLOWED_HOSTS": "testserver",
           "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    run = subprocess.run([sys.executable, str(Path(__file__).with_name("sqlite_race_probe.py"))],
                         env=env, capture_output=True, text=True, timeout=600, cwd=root)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.split("RESULT ", 1)[1])
    assert out["triple"] == [302, 302, 302] and out["triple_rows"] == 1
    assert out["eight"] == [302] * 8 and out["eight_rows"] == 8
    assert sorted(out["close"]) == [302, 409]
    loser = out["close_pages"][out["close"].index(409)]
    lost = ({"Phoned him", "Booked a visit"} - {out["close_outcome"]}).pop()
    assert "before you did" in loser and lost in loser
