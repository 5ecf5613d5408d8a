"""Run as a script by test_races.py: the races on a real SQLite *file* database, configured as
the demo runs it (WAL, IMMEDIATE transactions, busy timeout), with one connection per thread.
The test database pytest makes for SQLite is in memory with shared-cache locking, which refuses
a second writer at once instead of queueing it, so it cannot show how the demo behaves."""

from __future__ import annotations

import json
import re
import threading

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from desist.organisation.roles import Role  # noqa: E402
from desist.risk.models import HomeVisit  # noqa: E402
from desist.worklist.models import Task  # noqa: E402
from tests import factories as f  # noqa: E402


def at_once(calls):
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

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
        thread.join(120)
    return results


def staff(provider, team, role, username, grade):
    return f.StaffFactory(user=f.UserFactory(username=username), provider=provider, role=role.value,
                          grade=grade, team=team)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def token(client, url):
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)


def main():
    call_command("migrate", verbosity=0)
    provider = f.ProviderFactory()
    team = f.TeamFactory(provider=provider)
    officer = staff(provider, team, Role.RESPONSIBLE_OFFICER, "ro", "PO")
    manager = staff(provider, team, Role.MANAGER, "mgr", "SPO")
    person = f.PersonFactory(provider=provider, crn="A123456", responsible_officer=officer, team=team)
    f.SentenceFactory(person=person)
    url = f"/cases/{person.crn}/risk/home-visits/new"
    out = {}

    # 1. One form posted three times at once.
    clients = [client_for(officer.user) for _ in range(3)]
    data = {"planned_for": "2026-11-27", "purpose": "Check the address",
            "form_token": token(clients[0], url)}
    out["triple"] = [r.status_code for r in at_once([lambda c=c: c.post(url, data) for c in clients])]
    out["triple_rows"] = HomeVisit.objects.count()

    # 2. Eight different forms at once: writers queue; none fails with "database is locked".
    clients = [client_for(officer.user) for _ in range(8)]
    posts = [dict(data, purpose=f"Visit {i}", form_token=token(c, url)) for i, c in enumerate(clients)]
    out["eight"] = [r.status_code for r in
                    at_once([lambda c=c, d=d: c.post(url, d) for c, d in zip(clients, posts, strict=True)])]
    out["eight_rows"] = HomeVisit.objects.count() - out["triple_rows"]

    # 3. Two users close one task at once.
    from desist.worklist.services import raise_task

    task, _ = raise_task(provider_id=provider.pk, person=person, kind="contact_gap",
                         key="contact_gap:A123456", title="No contact for 30 days")
    mine, theirs = client_for(officer.user), client_for(manager.user)
    responses = at_once([lambda: mine.post(f"/tasks/{task.pk}", {"outcome": "Phoned him"}),
                         lambda: theirs.post(f"/tasks/{task.pk}", {"outcome": "Booked a visit"})])
    out["close"] = [r.status_code for r in responses]
    out["close_pages"] = [r.content.decode() for r in responses]
    out["close_outcome"] = Task.objects.get(pk=task.pk).outcome
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":
    main()
