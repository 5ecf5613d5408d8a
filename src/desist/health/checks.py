"""What "ready" means for a web process: database reachable, migrations applied, workers alive."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from desist.jobs import heartbeat


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database() -> Check:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready", with its class
        return Check("database", False, f"unreachable ({type(exc).__name__})")
    return Check("database", True, "reachable")


_migrated = False  # once applied, migrations do not become unapplied while a process lives


def migrations() -> Check:
    global _migrated
    if not _migrated:
        try:
            connection = connections[DEFAULT_DB_ALIAS]
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except Exception as exc:  # noqa: BLE001
            return Check("migrations", False, f"cannot read ({type(exc).__name__})")
        if plan:
            return Check("migrations", False, f"{len(plan)} not applied")
        _migrated = True
    return Check("migrations", True, "applied")


def worker() -> Check:
    try:
        fresh = heartbeat.is_fresh("worker")
    except Exception as exc:  # noqa: BLE001
        return Check("worker", False, f"cannot read ({type(exc).__name__})")
    return Check("worker", fresh, "heartbeat fresh" if fresh else "no recent heartbeat")


def needs_worker() -> bool:
    """Queued tasks need a worker only with the database backend (the tests run them inline)."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def readiness() -> list[Check]:
    db = database()
    if not db.ok:
        return [db]
    return [db, migrations(), *([worker()] if needs_worker() else [])]
