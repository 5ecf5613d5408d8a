"""Benchmark: importing national-record bundles into PostgreSQL (issue 20, "Speed").

    python bench/gateway.py [--bundles 2000] [--database-url postgresql://…] [--chunk 500]

1. Writes ``--bundles`` synthetic Community-API bundles (``desist.gateway.samples``: a
   sentence, two requirements or a custody record, two registrations, three contacts each) to a
   JSON-lines file.
2. Imports them into a fresh database (``desist import delius`` code path: parse, bulk writes
   per chunk, ledger), then imports the same file again (nothing changed: checksums only),
   then a third time with 10% of the bundles changed.
3. Prints the wall time and rate of each run and extrapolates to 300,000 people.

Targets: 300,000 people in under 15 minutes; a re-import with no changes in under 5 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_people import ensure_database  # noqa: E402

# bench/http.py would shadow the standard library's http for Django: take bench/ off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/desist_gateway"
TARGET = 300_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=2000)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--skip-changed", action="store_true",
                        help="leave out the third run (10%% changed): the targets are the first "
                             "two")
    parser.add_argument("--workers", type=int, default=0,
                        help="time the first import and the unchanged re-import with "
                             "`desist import delius --workers N` (N processes) instead of one")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL")
                        or DEFAULT_URL)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desist.config.settings.local")
    ensure_database(args.database_url, fresh=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from desist.gateway import samples, services
    from desist.organisation.models import Owner, Provider

    Provider.objects.get_or_create(code="N07", defaults={
        "name": "Bench CRC", "owner": Owner.objects.get_or_create(name="Bench Ltd")[0]})

    work = Path(tempfile.mkdtemp(prefix="gateway-bench-"))
    first, changed = work / "bundles.jsonl", work / "changed.jsonl"
    started = time.perf_counter()
    with first.open("w") as out, changed.open("w") as out2:
        for n in range(1, args.bundles + 1):
            bundle = samples.bundle(n)
            out.write(json.dumps(bundle) + "\n")
            if n % 10 == 0:
                bundle["registrations"][0]["type"]["code"] = "RLRH"
                bundle["offender"]["currentTier"] = "D2"
            out2.write(json.dumps(bundle) + "\n")
    print(f"wrote {args.bundles} bundles ({first.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.1f}s")

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]

    def server_cpu() -> float:
        """CPU seconds used by this connection's PostgreSQL backend (same machine only)."""
        try:
            fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def timed(label: str, path: Path) -> float:
        t0, c0, s0 = time.perf_counter(), time.process_time(), server_cpu()
        every = max(1, 20_000 // args.chunk)
        chunks = {"n": 0}

        def progress(batch) -> None:
            """Every 20,000 bundles or so: how far, and the time and CPU so far (stderr)."""
            chunks["n"] += 1
            if chunks["n"] % every == 0:
                print(f"    {batch.read} read, {time.perf_counter() - t0:.0f}s wall, CPU "
                      f"{time.process_time() - c0:.0f}s + {server_cpu() - s0:.0f}s, load "
                      f"{os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)

        result = services.import_path(acting_user=None, path=path, chunk=args.chunk,
                                      progress=progress)
        wall, cpu, db = (time.perf_counter() - t0, time.process_time() - c0,
                         server_cpu() - s0)
        rate = args.bundles / wall
        busy = args.bundles / (cpu + db)
        print(f"{label}: {wall:.1f}s wall (load average {os.getloadavg()[0]:.1f} at the end), "
              f"{rate:.0f} bundles/s; CPU {cpu:.1f}s Python + {db:.1f}s PostgreSQL = "
              f"{busy:.0f} bundles per CPU-second; {result.batch.counts()}")
        print(f"    300,000 at the wall rate ≈ {TARGET / rate / 60:.1f} min; at the CPU rate: "
              f"{TARGET * (cpu + db) / args.bundles / 60:.1f} min on one unloaded core, "
              f"{TARGET * max(cpu, db) / args.bundles / 60:.1f} min on one each for Python and "
              f"PostgreSQL")
        return rate

    def workers(label: str, path: Path) -> None:
        """``desist import delius PATH --workers N``: N processes, each taking its share of the
        CRNs; wall time, and the CPU time of the importing processes (their backends' is not
        separated from the other sessions' here)."""
        import resource
        import subprocess

        t0, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([sys.executable, "-m", "desist.cli", "import", "delius",  # noqa: S603
                               str(path), "--workers", str(args.workers), "--chunk",
                               str(args.chunk)], capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        print(f"{label} with {args.workers} workers: {wall:.1f}s wall (load average "
              f"{os.getloadavg()[0]:.1f} at the end), {args.bundles / wall:.0f} bundles/s; CPU "
              f"{cpu:.1f}s Python (all workers); exit {done.returncode}; "
              f"{done.stdout.strip().splitlines()[-2:]}")
        print(f"    300,000 at the wall rate ≈ {TARGET * wall / args.bundles / 60:.1f} min")

    print(f"load average before the first import: {os.getloadavg()[0]:.1f} "
          f"({os.cpu_count()} cores)")
    if args.workers > 1:
        workers("first import ", first)
        workers("re-import, no change", first)
        return 0
    timed("first import ", first)
    timed("re-import, no change", first)
    if not args.skip_changed:
        timed("re-import, 10% changed", changed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
