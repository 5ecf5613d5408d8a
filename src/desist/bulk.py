"""Writing many rows at once: ``COPY`` on PostgreSQL, the ORM on SQLite.

Measured (docs/gateway.md "Speed", bench/README.md "desist recompute"): for thousands of rows,
most of the time of ``bulk_create`` and of a pipelined ``executemany`` of UPDATEs went on
preparing values, not on the database. Django 5.2 sends ``bulk_create`` on PostgreSQL as
``UNNEST`` of one array per column, and psycopg's client-side binding quotes each element of
each array with a regular expression (28 s of a 30,000-person first recompute); an UPDATE per
row is a statement the server parses and plans per row. Here:

* ``copy_rows`` copies rows straight into a table (ids given, or drawn by the table's default);
* ``update_rows`` copies ``(id, new values)`` into a temporary staging table and updates the
  table from it in one statement.

Both run in the caller's transaction (the staging table empties at commit, and here before
each use, since a caller may write twice in one transaction): a batch is written whole or not at
all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache

from django.db import connection, models, transaction
from django.db.models import JSONField
from django.utils import timezone
from psycopg import sql


def copying() -> bool:
    return connection.vendor == "postgresql"


@cache
def _columns(model) -> tuple[tuple[str, str, bool], ...]:
    """(attribute name, column, is JSON) of each stored column (generated ones are the
    database's to fill)."""
    return tuple((f.attname, f.column, isinstance(f, JSONField))
                 for f in model._meta.concrete_fields if not f.generated)


def _defaults(model) -> dict:
    """Each column's value when a row does not give one: the model field's default, as the ORM
    would have filled it (``auto_now`` and ``auto_now_add`` fields: now)."""
    now, values = timezone.now(), {}
    for field in model._meta.concrete_fields:
        if field.generated or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = now
        else:
            values[field.attname] = field.get_default()
    return values


def copy_into(table: str, names: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY rows (values in the order of ``names``) into a table."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(n) for n in names))
    # The raw cursor's errors become Django's (``DatabaseError``), as with the ORM.
    with connection.wrap_database_errors, connection.cursor() as wrapper, \
            wrapper.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _json(value):
    return json.dumps(value) if value is not None else None


def copy_rows(model: type[models.Model], rows: list[dict]) -> None:
    """Insert rows (column values by attribute name) into the model's table; a column a row
    leaves out takes the field's default, and the primary key its sequence's next value when
    the rows give none. On SQLite, ``bulk_create``."""
    if not rows:
        return
    pk = model._meta.pk.attname
    if not copying():
        model.objects.bulk_create([model(**row) for row in rows], batch_size=1000)
        return
    columns = [c for c in _columns(model) if c[0] != pk or pk in rows[0]]
    defaults = {attname: _json(value) if is_json else value
                for attname, value in _defaults(model).items()
                for name, _column, is_json in columns if name == attname}

    def values(row: dict) -> list:
        out = []
        for attname, _column, is_json in columns:
            if attname in row:
                out.append(_json(row[attname]) if is_json else row[attname])
            else:
                out.append(defaults[attname])
        return out

    copy_into(model._meta.db_table, [column for _a, column, _j in columns],
          (values(row) for row in rows))


def update_rows(model: type[models.Model], fields: Sequence[str],
                rows: Iterable[tuple]) -> None:
    """Set ``fields`` (attribute names) of the rows ``(pk, value, …)`` in one statement on
    PostgreSQL (staged by COPY); one UPDATE per row on SQLite."""
    rows = list(rows)
    if not rows:
        return
    meta = model._meta
    found = [meta.get_field(f) for f in fields]
    columns = [f.column for f in found]
    is_json = [isinstance(f, JSONField) for f in found]
    table = connection.ops.quote_name(meta.db_table)
    if not copying():
        sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
        prepared = [(*[f.get_db_prep_save(v, connection) for f, v in zip(found, values,
                                                                              strict=True)], pk)
                    for pk, *values in rows]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE {meta.pk.column} = %s",  # noqa: S608 - our names
                               prepared)
        return
    with transaction.atomic():  # the staging table empties at commit: stage and update in one
        _stage_and_update(meta, columns, is_json, rows)


def _stage_and_update(meta, columns: list[str], is_json: list[bool], rows: list[tuple]) -> None:
    stage = _stage(meta.db_table, [meta.pk.column, *columns])
    copy_into(stage, [meta.pk.column, *columns],
          ((pk, *[_json(v) if j else v for v, j in zip(values, is_json, strict=True)])
           for pk, *values in rows))
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("UPDATE {t} SET {sets} FROM {s} s WHERE {t}.{pk} = s.{pk}").format(
            t=sql.Identifier(meta.db_table), s=sql.Identifier(stage),
            pk=sql.Identifier(meta.pk.column),
            sets=sql.SQL(", ").join(sql.SQL("{0} = s.{0}").format(sql.Identifier(c))
                                    for c in columns)).as_string(cursor.connection))


def _stage(table: str, names: list[str]) -> str:
    """An empty temporary table with these columns of ``table`` (their types read from it),
    emptied at each commit. One per set of columns, so two updates never share rows."""
    stage = f"bulk_{table}_{abs(hash(tuple(names))) % 10**8}"
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(
            "CREATE TEMPORARY TABLE IF NOT EXISTS {} ON COMMIT DELETE ROWS AS "
            "SELECT {} FROM {} WITH NO DATA").format(
                sql.Identifier(stage), sql.SQL(", ").join(sql.Identifier(n) for n in names),
                sql.Identifier(table)).as_string(cursor.connection))
        cursor.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(stage))
                       .as_string(cursor.connection))
    return stage
