"""The one place settings read the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "desist.sqlite3"


def text(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def number(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def database(default_url: str | None = None) -> dict:
    """``DATABASE_URL`` (PostgreSQL in production and CI; SQLite file for the demo)."""
    url = os.environ.get("DATABASE_URL") or default_url or f"sqlite:///{DEFAULT_SQLITE_PATH}"
    config = dj_database_url.parse(url, conn_max_age=number("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the demo's web process read while the worker writes.
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue for up to
        # ``timeout`` seconds instead of failing with "database is locked" on lock upgrade;
        # what still times out becomes a 409 (access.middleware.DatabaseBusyMiddleware).
        config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                             "transaction_mode": "IMMEDIATE", "timeout": 20}
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: every query here is short, but PostgreSQL's planner estimates some
        # above jit_above_cost and then spends seconds compiling one (4 s of a 9 s /staff/ at
        # 300,000 people, issue 23). Set per connection so it holds whatever the server's default.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config
