"""Start Desist as it runs in production: gunicorn, a worker and the scheduler, over PostgreSQL.

Used by the production smoke test. Everything runs in child processes started with the console
script's defaults (no DJANGO_SETTINGS_MODULE, so production settings), against a database of
this test's own on the PostgreSQL server the suite uses, with a private Redis.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/desist_production"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smoke_database_url() -> str:
    """A fresh database beside the suite's own on DATABASE_URL's server; in the SQLite pass, on
    the PostgreSQL server ``scripts/postgres-url.sh`` finds (the local one, or a throwaway)."""
    base = os.environ.get("DATABASE_URL", "")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if base.startswith(("postgres://", "postgresql://")):
        name = f"{urlsplit(base).path.lstrip('/') or 'desist'}_smoke_{worker}"
    else:
        found = subprocess.run([str(ROOT / "scripts" / "postgres-url.sh")], cwd=ROOT,
                               env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
                               capture_output=True, text=True, timeout=600)
        base = found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else LOCAL_POSTGRES
        name = f"{urlsplit(LOCAL_POSTGRES).path.lstrip('/')}_smoke_{worker}"
    parts = urlsplit(base)
    name = name[:63]
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(url: str) -> None:
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(parts.path.lstrip("/"))))


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: str

    def header(self, name: str) -> str:
        return ", ".join(v for k, v in self.headers if k.lower() == name.lower())

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


@dataclass
class Browser:
    """Plain HTTP as a browser behind the TLS proxy would send it (X-Forwarded-Proto: https).

    Cookies are kept by hand: they are Secure, and the test talks to the server over loopback
    HTTP exactly as the proxy does.
    """

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: str | None = None,
                headers: dict | None = None, proxy_https: bool = True) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        send = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if proxy_https:
            send["X-Forwarded-Proto"] = "https"
        if self.cookies:
            send["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            send["Content-Type"] = "application/x-www-form-urlencoded"
            send["Origin"] = self.origin
            send["Referer"] = self.origin + path
        conn.request(method, path, body=body, headers=send)
        raw = conn.getresponse()
        response = Response(raw.status, raw.getheaders(), raw.read().decode("utf-8", "replace"))
        conn.close()
        for value in response.all("Set-Cookie"):
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        from urllib.parse import urlencode

        return self.request("POST", path, body=urlencode(fields))


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@dataclass
class ProductionStack:
    port: int
    env: dict[str, str]
    workdir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def desist(self, *args: str, check: bool = True, timeout: int = 300) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "desist.cli", *args], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)
        if check:
            assert done.returncode == 0, f"desist {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("w")
        process = subprocess.Popen(args, env=self.env, cwd=ROOT, stdout=log,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def production_env(database_url: str, redis_port: int, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "DATABASE_URL": database_url,
        "DESIST_SECRET_KEY": secrets.token_urlsafe(64),
        "DESIST_AUDIT_KEY": secrets.token_urlsafe(48),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DESIST_STATIC_ROOT": str(workdir / "static"),
        "DESIST_AUDIT_HEAD_FILE": str(workdir / "audit-head.jsonl"),
        "DESIST_WEB_WORKERS": "2",
    })
    return env


def start_redis(workdir: Path) -> tuple[subprocess.Popen, int]:
    binary = shutil.which("redis-server")
    assert binary, "the production smoke test needs redis-server (apt-get install redis-server)"
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=(workdir / "redis.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    wait_for(lambda: _port_open(port), "redis to listen", 20)
    return process, port


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition, what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
