"""``desist demo`` runs the server, the task worker and the scheduler as one command (issue 12,
item 26), so alerts and letters appear as they would in production, and Ctrl-C stops them all.

These start the real command in a subprocess on a temporary SQLite database with a small
caseload, wait for it to serve, check the worker ran a scheduled job, then stop it.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 240  # generating and seeding a small caseload on a busy 2-core machine
JOB_TIMEOUT = 120
STOP_TIMEOUT = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _group_members(pgid: int) -> list[int]:
    """Live processes in the process group (zombies excluded)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _wait_for(check, timeout: float, what: str, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"desist demo exited ({proc.returncode}) before {what}:\n{log.read_text()}")
        result = check()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


def _serves(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
            return response.status == 200
    except OSError:
        return False


def _successful_jobs(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            rows = conn.execute(
                "SELECT task_path FROM django_tasks_database_dbtaskresult WHERE status = ?",
                ("SUCCESSFUL",)).fetchall()
    except sqlite3.Error:  # not migrated yet, or busy
        return []
    return [path for (path,) in rows]


@pytest.fixture
def demo(tmp_path):
    """Start ``desist demo`` in its own process group; yield (process, url, db, log)."""
    db = tmp_path / "demo.sqlite3"
    log = tmp_path / "demo.log"
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PYTHONPATH": str(ROOT / "src"),
           "DJANGO_SETTINGS_MODULE": "desist.config.settings.local", "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-m", "desist.cli", "demo", "--people", "40",
             "--addr", f"127.0.0.1:{port}", "--schedule-every", "2"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        yield proc, f"http://127.0.0.1:{port}", db, log
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _run_until_a_job_is_done(demo):
    proc, url, db, log = demo
    _wait_for(lambda: _serves(f"{url}/sign-in"), START_TIMEOUT, "the server to answer", proc, log)
    jobs = _wait_for(lambda: _successful_jobs(db), JOB_TIMEOUT, "the worker to run a job",
                     proc, log)
    assert any(path.startswith("desist.") for path in jobs)
    # Server, worker and scheduler: the command and its three children.
    assert len(_group_members(proc.pid)) >= 4, log.read_text()
    return proc, log


def test_demo_serves_and_runs_the_worker_and_scheduler_then_stops_on_ctrl_c(demo):
    proc, log = _run_until_a_job_is_done(demo)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    assert proc.wait(timeout=STOP_TIMEOUT) == 0, log.read_text()
    time.sleep(0.5)
    assert _group_members(proc.pid) == [], "children left running after Ctrl-C"
    text = log.read_text()
    assert "worker" in text and "scheduler" in text
    assert "Traceback" not in text, text


def test_demo_stops_its_children_when_it_alone_is_terminated(demo):
    proc, log = _run_until_a_job_is_done(demo)
    proc.send_signal(signal.SIGTERM)  # e.g. `kill <pid>`: only the command gets the signal
    assert proc.wait(timeout=STOP_TIMEOUT) == 0, log.read_text()
    deadline = time.monotonic() + 5
    while _group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _group_members(proc.pid) == [], "children left running after the command stopped"
