"""Every list page keeps a constant number of queries as the caseload grows, and on PostgreSQL no
query a list page sends reads the people table by a sequential scan (issue 23, item 4).

The pages are discovered from the URL configuration (every GET route without parameters, as
each demo role), plus the scope variants and searches the navigation offers, so a new list page
is covered without editing this test. The same test runs on SQLite (query counts) and on
PostgreSQL (query counts and plans).

The plan check runs ``EXPLAIN`` with ``enable_seqscan = off``: PostgreSQL then still falls back
to a sequential scan when no index can serve a query, so "no Seq Scan on people_person" means
"an index serves this query" — a property of the query, not of this small test database's size
(on a few thousand rows the planner may rightly prefer to read the whole table).
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from desist.demo import generator
from desist.people.models import Person
from desist.scopes.cases import visible_cases

ROLES = ("officer", "manager", "hub", "upw", "partner", "auditor", "admin")
VARIANTS = ("/cases/?scope=all", "/tasks/?view=all", "/tasks/?view=team", "/tasks/?view=hub",
            "/dashboard/?scope=provider", "/referrals/?scope=all", "/unpaid-work/hub?show=all")
NOT_LISTS = ("sign-in", "sign-out", "api/schema", "workload/weightings", "self-assessment/instrument")
SMALL, LARGE = 300, 2000
# Pages whose aggregates still read the caseload: none. (Caseload counts and workload per
# officer, on /staff/ and /workload/, read the officer caseload summary since ADR 0005's
# summary table; the unpaid-work hub reads the order summary since ADR 0015.)
WHOLE_CASELOAD_AGGREGATES: set[str] = set()


def _list_routes() -> list[str]:
    """Every route of the URL configuration that takes no parameters."""
    found = []

    def walk(patterns, prefix):
        for p in patterns:
            route = prefix + str(p.pattern).lstrip("^").rstrip("$")
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and not p.pattern.regex.groupindex and "<" not in route:
                if route and not any(skip in route for skip in NOT_LISTS):
                    found.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def _searches(user) -> list[str]:
    """Searches in every form for a case this user may see (so they match at both sizes)."""
    case = visible_cases(user).order_by("pk").first()
    terms = [case.last_name, case.last_name[:3], f"{case.first_name} {case.last_name}",
             f"{case.last_name}, {case.first_name[:1]}", case.crn.lower()]
    return [f"/cases/?{urlencode({'q': t})}" for t in terms] + [
        f"/api/cases?{urlencode({'q': case.last_name})}"]


def _measure(client, searches: dict) -> dict[tuple[str, str], list[dict]]:
    """Queries sent by each list page that answers 200, per role."""
    out = {}
    for username in ROLES:
        user = User.objects.get(username=username)
        client.force_login(user)
        searches.setdefault(username, _searches(user))
        for url in _list_routes() + list(VARIANTS) + searches[username]:
            client.get(url)  # warm: sessions, lazily filled caches
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
            if status == 200:
                out[(username, url)] = list(captured.captured_queries)
    return out


def _people_reads(sql: str, people: int) -> list[str]:
    """Plan nodes that read the people table by a sequential scan, or that list more than half
    of it inside a subquery or a semi/anti join: the old ``person IN (every visible case)``,
    which the planner read whole (by index when sequential scans are off) on every request."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = on")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    hits = []

    def walk(node, listing: bool):
        if node.get("Relation Name") == "people_person":
            if node.get("Node Type") == "Seq Scan":
                hits.append(f"Seq Scan {node.get('Filter', '')}")
            elif listing and node.get("Plan Rows", 0) > people / 2:
                hits.append(f"{node['Node Type']} listing {node['Plan Rows']} cases")
        semi = node.get("Join Type") in ("Semi", "Anti")
        for child in node.get("Plans", []):
            relation = child.get("Parent Relationship")
            walk(child, listing or relation in ("SubPlan", "InitPlan")
                 or (semi and relation == "Inner"))

    walk(plan[0]["Plan"], False)
    return hits


@pytest.mark.django_db
def test_list_pages_have_constant_queries_and_index_plans(client):
    call_command("demo", people=str(SMALL), no_serve=True, stdout=StringIO())
    call_command("recompute", "--no-progress", stdout=StringIO())
    searches: dict[str, list[str]] = {}
    small = _measure(client, searches)
    assert len(small) > 40, sorted(small)  # every role reached its list pages

    generator.generate(people=LARGE, seed=2018, reference_date=dt.date.today())
    call_command("recompute", "--no-progress", stdout=StringIO())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    large = _measure(client, searches)

    grew = {key: (len(small[key]), len(large.get(key, [])))
            for key in small if len(small[key]) != len(large.get(key, []))}
    assert not grew, f"queries per page changed as the caseload grew ×6: {grew}"

    if connection.vendor != "postgresql":
        return
    people = Person.objects.count()
    scans = {}
    for key, queries in large.items():
        if key[1] in WHOLE_CASELOAD_AGGREGATES:
            continue
        for query in queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and "people_person" in sql:
                found = _people_reads(sql, people)
                if found:
                    scans.setdefault(key, []).append((found, sql[:300]))
    assert not scans, "sequential scans of the people table:\n" + "\n".join(
        f"{key}: {sqls}" for key, sqls in scans.items())
