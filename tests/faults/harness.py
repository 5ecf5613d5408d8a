"""Fault injection for write paths: the database connection lost at a chosen write statement.

``lost_at(k)`` lets the k-th data-changing statement (INSERT, UPDATE, DELETE) of the code under
it find its connection gone. On PostgreSQL the server really ends the backend
(``pg_terminate_backend`` from a second connection), so the statement, the rest of the
transaction and its COMMIT all fail as they would in production; on SQLite, which has no server,
the statement raises the error a lost connection raises. ``killed_at(k)`` instead raises
``Killed`` (a BaseException, like the process dying: no ``except Exception`` handler runs) and
leaves the connection alone.

``snapshot()`` is every row of every table, to show a failed write left nothing; sessions and the
audit of *reads* are left out (a page records that the case was looked at in a transaction of
its own, before the write starts: that the user saw the case stays true when the write fails).
Session saves are not fault points: they happen after the view's transaction committed (a lost
connection there answers 400 with the write done; the retry is then refused as stale).
"""

from __future__ import annotations

import contextlib

import psycopg
from django.apps import apps
from django.db import DatabaseError, OperationalError, connection, transaction

from desist.audit.models import AuditEvent

WRITES = ("INSERT", "UPDATE", "DELETE")
IGNORED = {"django_session"}


class Killed(BaseException):  # noqa: N818 - it is what happened
    """The process died at this statement."""


class _Rollback(Exception):  # noqa: N818
    pass


def _is_write(sql: str) -> bool:
    """A data-changing statement, other than the session's (saved after the view, see below)."""
    return sql.lstrip().upper().startswith(WRITES) and '"django_session"' not in sql


def _terminate_this_backend() -> None:
    pid = connection.connection.info.backend_pid
    s = connection.settings_dict
    with psycopg.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
                         password=s["PASSWORD"], dbname=s["NAME"], autocommit=True) as killer:
        killer.execute("SELECT pg_terminate_backend(%s)", [pid])


@contextlib.contextmanager
def _at_write(k: int, fault):
    seen = {"writes": 0, "fired": None}

    def wrapper(execute, sql, params, many, context):
        if _is_write(sql):
            seen["writes"] += 1
            if seen["writes"] == k and seen["fired"] is None:
                seen["fired"] = sql[:80]
                fault()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen


def _lose_connection() -> None:
    if connection.vendor == "postgresql":
        _terminate_this_backend()
    else:
        raise OperationalError("server closed the connection unexpectedly (injected)")


def _die() -> None:
    raise Killed()


def lost_at(k: int):
    return _at_write(k, _lose_connection)


def killed_at(k: int):
    return _at_write(k, _die)


def count_writes(act) -> int:
    """How many write statements ``act`` runs, measured in a transaction that is rolled back."""
    with _at_write(0, lambda: None) as seen, contextlib.suppress(_Rollback), transaction.atomic():
        act()
        raise _Rollback()
    return seen["writes"]


def points(n: int) -> list[int]:
    """Where to inject: the first two writes, the middle, the last two (all of them if few)."""
    if n <= 6:
        return list(range(1, n + 1))
    return sorted({1, 2, n // 2, n - 1, n})


def snapshot() -> dict[str, list]:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in IGNORED or not model._meta.managed:
            continue
        rows[table] = list(model._base_manager.order_by("pk").values_list())
    rows[AuditEvent._meta.db_table] = list(
        AuditEvent.objects.exclude(action="read").order_by("pk").values_list())
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(t for t in before if before[t] != after.get(t))


def assert_atomic_under_faults(act, *, expect=(DatabaseError,)) -> int:
    """Lose the connection at each chosen write of ``act``: every attempt must fail whole (no
    table changed) and leave the next attempt working. Returns the number of writes."""
    n = count_writes(act)
    assert n > 0, "the write path wrote nothing"
    for k in points(n):
        before = snapshot()
        with lost_at(k) as seen, contextlib.suppress(*expect):
            try:
                act()
            except AssertionError as exc:
                raise AssertionError(f"write {k} of {n} ({seen['fired']}): {exc}") from exc
            raise AssertionError(f"write {k} of {n}: the lost connection went unnoticed")
        assert seen["fired"], f"write {k} of {n} never happened"
        after = snapshot()
        changed = changed_tables(before, after)
        assert not changed, (
            f"connection lost at write {k} of {n} ({seen['fired']}): half-written "
            + "; ".join(f"{t}: {[r for r in after[t] if r not in before[t]]}" for t in changed))
    return n
