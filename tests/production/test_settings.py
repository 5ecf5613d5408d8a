"""Safe defaults: the console script picks production; production refuses every unsafe start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from desist.cli import LOCAL, PRODUCTION, settings_for

from .server import ROOT


def _env(**overrides) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does)
           if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"PYTHONPATH": str(ROOT / "src"), "DESIST_SECRET_KEY": secrets.token_urlsafe(64),
                "DESIST_AUDIT_KEY": secrets.token_urlsafe(48),
                "DATABASE_URL": "postgresql://desist@db.invalid:5432/desist"})
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _desist(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desist.cli", *args], env=_env(**env), cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_only_the_demo_commands_default_to_local_settings():
    assert settings_for("demo") == LOCAL and settings_for("generate") == LOCAL
    for command in ("serve", "worker", "scheduler", "migrate", "audit", "runserver", None):
        assert settings_for(command) == PRODUCTION


def test_production_passes_the_deploy_check_and_has_no_demo():
    done = _desist("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    listed = _desist("help", "--commands")
    assert "serve" in listed.stdout and "scheduler" in listed.stdout
    assert "generate" not in listed.stdout.split() and "demo" not in listed.stdout.split()


def test_production_refuses_to_start_without_postgresql():
    for url in (None, "", "sqlite:///tmp/desist.sqlite3"):
        done = _desist("check", DATABASE_URL=url)
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("desist: Set DATABASE_URL to the PostgreSQL")


def test_production_refuses_a_missing_or_published_audit_key():
    for key in (None, "short", "insecure-development-audit-key-do-not-use-in-production"):
        done = _desist("check", DESIST_AUDIT_KEY=key)
        assert done.returncode != 0 and "Set DESIST_AUDIT_KEY" in done.stderr


def test_demo_commands_refuse_production_settings_with_a_clear_message():
    for command in ("demo", "generate"):
        done = _desist(command, "--no-serve" if command == "demo" else "--people=1",
                       DJANGO_SETTINGS_MODULE=PRODUCTION)
        assert done.returncode == 2
        assert f"desist {command} refuses to run with production settings" in done.stderr


def test_serve_runs_gunicorn_with_the_production_settings():
    done = _desist("serve", "--check-only", "--bind", "0.0.0.0:9000", "--workers", "3")
    assert done.returncode == 0, done.stderr
    argv = done.stdout.split()
    assert argv[1:4] == ["-m", "gunicorn", "desist.config.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:9000"
    assert argv[argv.index("--workers") + 1] == "3"
