"""Where a signed-in request's time goes, in process (issue 23: the concurrent mix's ratio).

    python bench/profile_pages.py --database-url postgresql://… [--role manager] [--requests 20]
                                  [--pages /cases/,/tasks/] [--top 30] [--sort tottime]

Runs the full middleware stack through Django's test client (no HTTP, one process) with the
benchmark server's settings (``bench/server/http_settings.py``: DEBUG off), signed in through
the session as the first active member of staff of ``--role`` (the officer with the largest
caseload for ``responsible_officer``). For each page: median wall time, the SQL statements and
the time spent in them, and the time outside SQL (Python: middleware, session, views, template
rendering). Then a cProfile of all the pages together, so fixed per-request costs (session
load and save, user and staff loads, audit writes, navigation, rendering) stand out from what
each page does.
"""

from __future__ import annotations

import os.path
import sys

_HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:] = [p for p in sys.path if os.path.realpath(p or ".") != _HERE]  # see bench/http.py

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGES = "/cases/,/tasks/,/dashboard/,/staff/,/workload/,/allocation/,/calendar/,/referrals/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--role", default="manager")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--pages", default=PAGES)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("error: --database-url must be a postgresql:// URL")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench" / "server")]
    os.environ.update(DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="http_settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from desist.organisation.models import Staff

    settings.ALLOWED_HOSTS = ["*"]
    staff = (Staff.objects.filter(role=args.role, active=True, user__is_active=True)
             .select_related("user").order_by("pk").first())
    if staff is None:
        sys.exit(f"error: no active staff with role {args.role}")
    client = Client()
    client.force_login(staff.user)
    pages = [p for p in args.pages.split(",") if p]
    print(f"{args.role}: {staff.user.username}; {args.requests} requests a page after a warm-up")
    print(f"{'page':<28} {'median ms':>9} {'SQL ms':>7} {'queries':>7} {'other ms':>8}  statements")
    for page in pages:
        client.get(page)
        walls, sql_ms, kinds = [], [], Counter()
        for _ in range(args.requests):
            spent = [0.0]
            count = Counter()

            def wrapper(execute, sql, params, many, context, spent=spent, count=count):
                began = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent[0] += time.perf_counter() - began
                    count[sql.split(" ", 1)[0]] += 1

            began = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                status = client.get(page).status_code
            walls.append((time.perf_counter() - began) * 1000)
            sql_ms.append(spent[0] * 1000)
            kinds = count
        median, sql = statistics.median(walls), statistics.median(sql_ms)
        print(f"{page:<28} {median:9.1f} {sql:7.1f} {sum(kinds.values()):7d} {median - sql:8.1f}  "
              f"{dict(kinds)}{'' if status == 200 else f' (status {status})'}")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        for page in pages:
            client.get(page)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
