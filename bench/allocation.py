"""Benchmark: intake and allocation at 300,000 people on PostgreSQL (issue 4, "Speed").

    python bench/allocation.py [--people 300000] [--database-url postgresql://…] [--requests 60]

1. Makes sure the database holds the demo caseload (generating it with ``desist generate``'s code
   path if it has fewer than ``--people``).
2. Runs ``desist recompute`` twice in a child process — a fresh run over every person, then the
   idempotent re-run — and prints wall time and the child's peak memory (``ru_maxrss``).
3. Times the hub intake queue and an officer's caseload page through Django's test client
   (the whole request: middleware, access checks, queries, audit write, template), ``--requests``
   times each after two warm-up requests, and prints median and p95 server time and the number
   of SQL queries per request, at page sizes of 25 (default).

Targets: pages p95 < 150 ms with a constant number of queries; recompute < 2 minutes, peak
memory < 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_people import DEFAULT_URL, ensure_database  # noqa: E402


def _recompute(restart: bool) -> tuple[float, float, str]:
    command = [str(ROOT / ".venv/bin/desist"), "recompute", "--no-progress"]
    if restart:
        command.append("--restart")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    wall = time.perf_counter() - started
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return wall, peak, done.stdout.strip()


def _time_page(client, path: str, requests: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(path).status_code == 200, path
    times = []
    queries = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        queries = len(captured.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--skip-recompute", action="store_true")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("error: --database-url must be a postgresql:// URL")
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desist.config.settings.local")
    ensure_database(args.database_url, fresh=False)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from desist.people.models import Person

    have = Person.objects.count()
    if have < args.people:
        from desist.demo.generator import generate

        print(f"Generating {args.people - have:,} more people …")
        generate(people=args.people, seed=2018, reference_date="2026-01-01", progress=None)
    total = Person.objects.count()
    print(f"Caseload: {total:,} people")

    if not args.skip_recompute:
        for label, restart in (("recompute (first run of the day)", True),
                               ("recompute (re-run, idempotent)", True)):
            wall, peak, out = _recompute(restart)
            print(f"{label}: {wall:,.1f} s wall, peak {peak:,.0f} MiB — {out}")

    from django.db import connection
    from django.test import Client

    with connection.cursor() as cursor:  # fresh planner statistics after bulk writes
        cursor.execute("ANALYZE")

    from desist.organisation.models import Staff

    hub = Staff.objects.filter(role="hub_admin", provider__code="NCRC").select_related("user").first()
    # A typical officer: the median caseload. (The demo's named "officer" login holds a fixed
    # share of the generated caseload, 14,000 cases at 300,000 people, which no officer has.)
    from django.db.models import Count, Q

    officers = list(Staff.objects.filter(role="responsible_officer", provider__code="NCRC")
                    .annotate(n=Count("caseload", filter=Q(caseload__active=True)))
                    .filter(n__gt=0).order_by("n").select_related("user"))
    officer = officers[len(officers) // 2]
    print(f"Officer {officer.user.username}: {officer.n:,} active cases "
          f"(largest caseload {officers[-1].n:,})")
    client = Client(HTTP_HOST="localhost")
    for who, path in ((hub, "/hub/intake/?view=awaiting"), (hub, "/hub/intake/?view=standalone"),
                      (hub, "/hub/intake/?view=custody"),
                      (officer, "/cases/?scope=mine"), (officers[-1], "/cases/?scope=mine"),
                      (officer, "/cases/?scope=all&page=40")):
        client.force_login(who.user)
        median, p95, queries = _time_page(client, path, args.requests)
        print(f"{path:32} as {who.user.username:8}: median {median:6.1f} ms, p95 {p95:6.1f} ms, "
              f"{queries} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
