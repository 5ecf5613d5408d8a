"""Load run: officers' journeys against the production server (issue 13, item 5).

    python bench/load.py --database-url postgresql://… [--users 50] [--minutes 10]
                         [--workers 5] [--threads 1] [--ratio-clients 16] [--ratio-seconds 60]
                         [--locust PATH]

On a caseload already prepared by ``bench/http.py`` (or ``bench/generate_people.py`` then
``desist recompute``):

1. picks ``--users`` responsible officers of the largest provider who hold cases (seeded
   random choice, so the run is repeatable), one sign-in each;
2. starts what docs/operations.md tells an operator to start, with the production settings:
   a Redis of its own, ``desist collectstatic``, ``desist serve`` (gunicorn) and ``desist
   worker``, on loopback;
3. runs ``bench/journeys/locustfile.py`` headless (its own folder: ``bench/http.py`` would
   shadow the standard library's ``http`` for locust): ``--users`` officers for ``--minutes``, each with a
   think time of 3–10 s between steps (caseload, case page, tasks, search, book an appointment,
   record an outcome), and prints per step the requests, errors, median and p95;
4. then the throughput ratio: ``--ratio-clients`` officers with no think time for
   ``--ratio-seconds``, and the same number of clients on the sign-in page (the cheapest
   page), and prints requests/s of each and the ratio;
5. prints the load average before, during (every 30 s) and after.

Targets (issue 13): 0 errors, page p95 < 300 ms; the ratio is reported.
"""

from __future__ import annotations

import os.path
import sys

_HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:] = [p for p in sys.path if os.path.realpath(p or ".") != _HERE]  # see bench/http.py

import argparse  # noqa: E402
import csv  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def pick_officers(url: str, count: int, seed: int) -> list[tuple[str, int]]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("""
            SELECT u.username, c.cases FROM organisation_staff s
              JOIN auth_user u ON u.id = s.user_id
              JOIN allocation_officercaseload c ON c.staff_id = s.id
             WHERE s.active AND u.is_active AND s.role = 'responsible_officer' AND c.cases > 0
               AND s.provider_id = (SELECT provider_id FROM people_person
                                     GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1)
             ORDER BY u.username""").fetchall()
    if len(rows) < count:
        sys.exit(f"error: only {len(rows)} officers hold cases; asked for {count}")
    return random.Random(seed).sample(rows, count)


class Stack:
    """Redis, gunicorn (``desist serve``) and ``desist worker`` in their own process groups."""

    def __init__(self, workdir: Path, env: dict):
        self.workdir, self.env, self.processes = workdir, env, []

    def start(self, name: str, *argv: str) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("w")
        process = subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=log,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def run_locust(locust: str, host: str, env: dict, workdir: Path, user_class: str, users: int,
               seconds: int, tag: str) -> dict[str, dict]:
    prefix = workdir / tag
    argv = [locust, "-f", str(BENCH / "journeys" / "locustfile.py"), "--host", host, "--headless",
            "-u", str(users), "-r", str(max(1, users // 10)), "-t", f"{seconds}s",
            "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", user_class]
    with (workdir / f"{tag}.log").open("w") as log:
        subprocess.run(argv, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)  # noqa: S603
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def sign_in_all(host: str, usernames: list[str]) -> list[dict]:
    """Sign each user in through the form (in threads) and return their cookies, so the
    saturated run measures pages rather than password hashing."""
    import json  # noqa: F401 - the caller writes them as JSON lines
    import re

    import requests
    from requests.adapters import HTTPAdapter

    class LoopbackHTTPS(HTTPAdapter):
        def send(self, request, *args, **kwargs):
            request = request.copy()
            request.url = "http://" + request.url.removeprefix("https://")
            return super().send(request, *args, **kwargs)

    out: list[dict] = [{} for _ in usernames]

    def one(i: int, username: str) -> None:
        session = requests.Session()
        session.mount("https://", LoopbackHTTPS())
        session.headers["X-Forwarded-Proto"] = "https"
        page = session.get(f"{host}/sign-in", timeout=300).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = session.post(f"{host}/sign-in", allow_redirects=False, timeout=300, data={
            "csrfmiddlewaretoken": token, "username": username,
            "password": "desist-demo-2026"}, headers={"Referer": f"{host}/sign-in"})
        if response.status_code == 302:
            out[i] = session.cookies.get_dict()

    threads = [threading.Thread(target=one, args=(i, u)) for i, u in enumerate(usernames)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [c for c in out if c]


def load_sampler(samples: list, stop: threading.Event) -> None:
    while not stop.wait(30):
        samples.append(os.getloadavg()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 × CPUs + 1)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--ratio-clients", type=int, default=16)
    parser.add_argument("--ratio-seconds", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--ratio-only", action="store_true",
                        help="skip the journeys: only the saturated run and the sign-in page")
    parser.add_argument("--locust", default=shutil.which("locust") or str(ROOT / ".venv/bin/locust"))
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("error: --database-url must be a postgresql:// URL")
    if not Path(args.locust).exists():
        sys.exit("error: locust not found: pip install -e '.[bench]' or pass --locust PATH")
    officers = pick_officers(args.database_url, args.users, args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="desist-load-"))
    (workdir / "users.txt").write_text("\n".join(u for u, _ in officers) + "\n", encoding="utf-8")
    redis_port, web_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({
        "PYTHONPATH": str(ROOT / "src"), "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "desist.config.settings.production",
        "DESIST_SECRET_KEY": secrets.token_urlsafe(64), "DESIST_AUDIT_KEY": secrets.token_urlsafe(48),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "DESIST_STATIC_ROOT": str(workdir / "static"),
        "DESIST_AUDIT_HEAD_FILE": str(workdir / "audit-head.jsonl"),
        "DESIST_BIND": f"127.0.0.1:{web_port}", "DESIST_WEB_WORKERS": str(args.workers),
        "DESIST_WEB_THREADS": str(args.threads), "DESIST_LOAD_USERS": str(workdir / "users.txt"),
    })
    python = str(ROOT / ".venv/bin/python")
    stack = Stack(workdir, env)
    print(f"{len(officers)} officers (caseloads {min(c for _, c in officers):,}–"
          f"{max(c for _, c in officers):,}); work folder {workdir}", flush=True)
    try:
        stack.start("redis", shutil.which("redis-server") or "redis-server", "--port",
                    str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
        subprocess.run([python, "-m", "desist.cli", "collectstatic", "--noinput", "-v", "0"],  # noqa: S603
                       env=env, cwd=ROOT, check=True)
        stack.start("web", python, "-m", "desist.cli", "serve")
        stack.start("worker", python, "-m", "desist.cli", "worker")
        if not wait_port(web_port, 120):
            sys.exit(f"error: the server did not start (see {workdir}/web.log)")
        # Each worker warms (imports every view, compiles every template) before it accepts a
        # request: wait for all of them, or the first minute measures start-up.
        deadline = time.monotonic() + 600
        while (workdir / "web.log").read_text(errors="replace").count('"warmed: ') < args.workers:
            if time.monotonic() > deadline:
                sys.exit(f"error: the workers did not warm up (see {workdir}/web.log)")
            time.sleep(1)
        host = f"https://127.0.0.1:{web_port}"
        samples: list[float] = []
        stop = threading.Event()
        before = os.getloadavg()
        sampler = threading.Thread(target=load_sampler, args=(samples, stop), daemon=True)
        sampler.start()
        print(f"journeys: {args.users} officers, {args.minutes:g} min, think time 3–10 s …",
              flush=True)
        journeys = {} if args.ratio_only else run_locust(
            args.locust, host, env, workdir, "Officer", args.users, int(args.minutes * 60),
            "journeys")
        stop.set()
        print(f"\n{'step':<22} {'requests':>8} {'errors':>6} {'median ms':>9} {'p95 ms':>7}")
        for name, row in journeys.items():
            print(f"{name:<22} {row['Request Count']:>8} {row['Failure Count']:>6} "
                  f"{row['50%']:>9} {row['95%']:>7}")
        total = journeys.get("Aggregated", {"Requests/s": "0"})
        print(f"throughput with think time: {float(total['Requests/s']):.1f} req/s")
        print(f"load average: before {before[0]:.1f}, during {min(samples or [0]):.1f}–"
              f"{max(samples or [0]):.1f}, after {os.getloadavg()[0]:.1f}", flush=True)

        import json

        cookies = sign_in_all(host, [u for u, _ in officers[:args.ratio_clients]])
        (workdir / "cookies.txt").write_text("".join(json.dumps(c) + "\n" for c in cookies),
                                             encoding="utf-8")
        fast = {**env, "DESIST_LOAD_WAIT_MIN": "0", "DESIST_LOAD_WAIT_MAX": "0",
                "DESIST_LOAD_COOKIES": str(workdir / "cookies.txt")}
        saturated = run_locust(args.locust, host, fast, workdir, "Officer", args.ratio_clients,
                               args.ratio_seconds, "saturated")
        mix = saturated["Aggregated"]
        cheap = run_locust(args.locust, host, env, workdir, "SignInPage", args.ratio_clients,
                           args.ratio_seconds, "signin")["Aggregated"]
        # Pages only (the clients were signed in before the run).
        rps = sum(float(row["Requests/s"]) for name, row in saturated.items()
                  if name != "Aggregated" and not name.startswith("/sign-in"))
        cheap_rps = float(cheap["Requests/s"])
        print(f"\nsaturated journeys, {args.ratio_clients} clients, {args.ratio_seconds} s: "
              f"{rps:.1f} page req/s, p95 {mix['95%']} ms, "
              f"{mix['Failure Count']} errors")
        print(f"sign-in page, {args.ratio_clients} clients: {cheap_rps:.1f} req/s, "
              f"p95 {cheap['95%']} ms")
        print(f"ratio (journeys / cheapest page): {rps / cheap_rps if cheap_rps else 0:.2f}")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
