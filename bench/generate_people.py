"""Benchmark: the demo generator writing N people into PostgreSQL (issue 2, item 6).

    python bench/generate_people.py --people 300000 [--database-url postgresql://…] [--fresh]

Creates the database if it is missing (psycopg, through the server's ``postgres`` database),
runs ``migrate``, then ``desist generate``'s code path, and prints people per second, rows
written, wall time and peak memory (``ru_maxrss`` of this process and its children).
``--fresh`` drops and recreates the database first, so a second run measures the same work
rather than the resume path (which skips everyone already there). Target: 300,000 people in
under 10 minutes with peak memory under 2 GiB.
"""

from __future__ import annotations

import os.path
import sys

# bench/http.py would shadow the standard library's ``http`` (Django imports it): keep this
# folder off the front of the path, as bench/http.py does.
_HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:] = [p for p in sys.path if os.path.realpath(p or ".") != _HERE] + [_HERE]

import argparse  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit, urlunsplit  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/desist_bench"
ROW_KINDS = ("people", "sentences", "requirements", "offences", "registrations", "referrals",
             "case_access_entries")


def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the database named in ``url`` if it does not exist (drop it first if fresh)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        sys.exit("error: the database URL names no database")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


def peak_mib() -> tuple[float, float]:
    """Peak resident memory (MiB) of this process and of its largest finished child."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--reference-date", default="2026-01-01",
                        help="fixed so runs are comparable (default 2026-01-01)")
    parser.add_argument("--database-url",
                        default=os.environ.get("DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--fresh", action="store_true",
                        help="drop and recreate the database before generating")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("error: --database-url must be a postgresql:// URL")

    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desist.config.settings.local")

    t0 = time.perf_counter()
    ensure_database(args.database_url, fresh=args.fresh)
    import django

    django.setup()
    from django.core.management import call_command

    from desist.demo.generator import DEFAULT_BATCH_SIZE, generate

    call_command("migrate", interactive=False, verbosity=0)
    t1 = time.perf_counter()
    print(f"Database ready (migrate) in {t1 - t0:,.1f} s")

    counts = generate(
        people=args.people, seed=args.seed, reference_date=args.reference_date,
        batch_size=args.batch_size or DEFAULT_BATCH_SIZE, progress=print,
    )
    t2 = time.perf_counter()
    wall = t2 - t1
    rows = sum(counts.get(k, 0) for k in ROW_KINDS)
    me, children = peak_mib()
    print()
    print(f"people generated:   {counts.get('people', 0):,} "
          f"({counts.get('skipped_people', 0):,} already there)")
    print(f"rows written:       {rows:,} ("
          + ", ".join(f"{k} {counts.get(k, 0):,}" for k in ROW_KINDS) + ")")
    print(f"generate wall time: {wall:,.1f} s ({wall / 60:,.2f} min); with setup "
          f"{t2 - t0:,.1f} s")
    print(f"people per second:  {counts.get('people', 0) / wall:,.0f}")
    print(f"rows per second:    {rows / wall:,.0f}")
    print(f"peak memory:        {me:,.0f} MiB (this process), {children:,.0f} MiB (children)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
