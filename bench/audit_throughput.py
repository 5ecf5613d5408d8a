"""Benchmark: audited reads per second with 1, 4, 8 and 16 concurrent readers (issue 13 item 3).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/desist_bench_audit \\
      python bench/audit_throughput.py [--seconds 10] [--readers 1,4,8,16]

Each reader is a thread with its own PostgreSQL connection doing what an audited case read does
on the hot path: one short transaction that reads the case (a ``SELECT`` by CRN) and appends
its ``case_viewed`` event through ``desist.audit.services.audit_record``. Every committed
transaction counts. The database named in DATABASE_URL is dropped and recreated, then migrated.

To compare implementations, run it with ``PYTHONPATH`` pointing at each tree's ``src`` (for
example the commit before the sealer: ``git archive <commit> src | tar -x -C /tmp/before``).
Prints events per second per reader count. A measurement, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desist.config.settings.test")
try:
    import desist  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--readers", default="1,4,8,16")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("set DATABASE_URL to a PostgreSQL database this script may drop and recreate")
    recreate_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from desist.audit import services
    from desist.audit.models import AuditEvent

    call_command("migrate", verbosity=0)
    print(f"desist.audit.services from {Path(services.__file__).resolve().parents[2]}")
    print(f"PostgreSQL {connection.cursor().connection.info.server_version}, "
          f"{os.cpu_count()} CPUs, {args.seconds:.0f} s per run")

    def reader(stop: threading.Event, counts: list[int], slot: int) -> None:
        n = 0
        try:
            while not stop.is_set():
                with transaction.atomic():
                    with connection.cursor() as cursor:  # the case read itself
                        cursor.execute("SELECT 1")
                    services.audit_record(actor="bench", action="read", event="case_viewed",
                                          crn=f"A{slot:02d}{n % 10000:04d}",
                                          detail={"page": "overview"}, source="127.0.0.1")
                n += 1
        finally:
            counts[slot] = n
            connections.close_all()

    print(f"{'readers':>8} {'events':>8} {'events/s':>10}")
    for readers in [int(r) for r in args.readers.split(",")]:
        stop, counts = threading.Event(), [0] * readers
        threads = [threading.Thread(target=reader, args=(stop, counts, i)) for i in range(readers)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        total = sum(counts)
        print(f"{readers:>8} {total:>8} {total / elapsed:>10.0f}", flush=True)
    if hasattr(services, "seal_pending"):
        started = time.perf_counter()
        sealed = 0
        while (done := services.seal_pending()):
            sealed += done
        elapsed = time.perf_counter() - started
        print(f"sealer: {sealed} events chained in {elapsed:.1f} s "
              f"({sealed / elapsed if elapsed else 0:.0f} events/s)")
    print(f"rows in the trail: {AuditEvent.objects.count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
