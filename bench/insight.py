"""Benchmark: the insight dashboards' p95 over real HTTP on PostgreSQL (issue 19, §17).

    python bench/insight.py [--people 300000] [--seed 1] [--database-url postgresql://…]
                            [--requests 20] [--workers 2] [--skip-prepare]

1. Makes sure the database holds a caseload of ``--people`` (the same preparation as
   ``bench/http.py``: migrate, ``desist generate``, recompute once, ANALYZE).
2. Rebuilds the insight read model with ``desist insight refresh`` and prints how long it took
   (the scheduled job's cost), then ANALYZE.
3. Starts gunicorn as ``bench/http.py`` does, signs in as the provider's first manager, and times
   every insight page with each grouping (service levels, timeliness by office / team / grade,
   needs by office / gender / band, equality by each protected characteristic), a CSV and an
   XLSX export, a drill-down, and the JSON API, ``--requests`` times each after a warm-up.

Target (issue 19): every dashboard p95 < 1 s on the 300,000-person caseload.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/desist_httpbench"
TARGET_MS = 1000

URLS = [
    "/insight/",
    "/insight/?office={office}",
    "/insight/timeliness?by=venue",
    "/insight/timeliness?by=team",
    "/insight/timeliness?by=grade",
    "/insight/needs?by=venue",
    "/insight/needs?by=gender",
    "/insight/needs?by=band",
    "/insight/equality?by=gender",
    "/insight/equality?by=ethnicity",
    "/insight/equality?by=religion",
    "/insight/equality?by=disability",
    "/insight/equality?by=age_group",
    "/insight/?format=csv",
    "/insight/timeliness?by=team&format=xlsx",
    "/insight/cases?section=equality&measure=enforcement&dim=gender&value=male&which=all",
    "/insight/cases?section=timeliness&measure=assignment",
    "/api/insight/service-levels",
    "/api/insight/timeliness?by=grade",
    "/api/insight/needs?by=venue",
    "/api/insight/equality?by=gender",
]


def _load_http_bench():
    """bench/http.py's helpers (its name shadows the standard library, so load it by path)."""
    spec = importlib.util.spec_from_file_location("desist_bench_http", BENCH / "http.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manager_and_office(url: str) -> tuple[str, int | None]:
    import psycopg

    with psycopg.connect(url) as conn:
        provider = conn.execute("SELECT provider_id FROM people_person GROUP BY provider_id "
                                "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        username = conn.execute(
            "SELECT u.username FROM organisation_staff s JOIN auth_user u ON u.id = s.user_id "
            "WHERE s.provider_id = %s AND s.role = 'manager' AND s.active AND u.is_active "
            "ORDER BY u.username LIMIT 1", (provider,)).fetchone()[0]
        office = conn.execute(
            "SELECT venue_id FROM insight_casefact WHERE provider_id = %s AND venue_id IS NOT "
            "NULL GROUP BY venue_id ORDER BY count(*) DESC LIMIT 1", (provider,)).fetchone()
    return username, office[0] if office else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--settings", default="http_settings")
    parser.add_argument("--skip-prepare", action="store_true")
    parser.add_argument("--skip-refresh", action="store_true")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("error: --database-url must be a postgresql:// URL")
    bench = _load_http_bench()
    env = {**os.environ, "DATABASE_URL": args.database_url, "PYTHONPATH": str(ROOT / "src"),
           "DJANGO_SETTINGS_MODULE": "desist.config.settings.local"}
    if not args.skip_prepare:
        bench.prepare_database(args.database_url, args.people, args.seed, env)
    if not args.skip_refresh:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desist.cli", "insight", "refresh"],  # noqa: S603
                       env=env, check=True)
        print(f"desist insight refresh: {time.perf_counter() - started:,.1f} s", flush=True)
        import psycopg

        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute("ANALYZE insight_casefact, insight_timelinessfact, insight_needfact, "
                         "insight_summary")
    username, office = manager_and_office(args.database_url)
    port = bench.free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"gunicorn, {args.workers} workers, on {base}; signed in as {username}", flush=True)
    server = bench.start_server(env, port, args.workers, args.settings)
    worst = 0.0
    try:
        session = bench.sign_in(base, username)
        print(f"\n{'URL':<88} {'median':>8} {'p95':>8} {'queries':>8} status")
        for template in URLS:
            url = template.format(office=office or "")
            median, p95, queries, status = bench.time_url(session, base, url, args.requests)
            worst = max(worst, p95)
            flag = "  OVER 1 s" if p95 > TARGET_MS else ""
            print(f"{url:<88} {median:>6.0f}ms {p95:>6.0f}ms {queries:>8} {status}{flag}",
                  flush=True)
    finally:
        bench.stop_server(server)
    print(f"\nworst p95 {worst:.0f} ms (target < {TARGET_MS} ms): "
          f"{'met' if worst < TARGET_MS else 'NOT met'}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
