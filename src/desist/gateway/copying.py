"""Writing a chunk of national-record cases by ``COPY`` (PostgreSQL only; SQLite keeps the ORM).

Measured (docs/gateway.md, "Speed"): most of a first import's time went on the ORM preparing
each value of each ``bulk_create`` and psycopg dumping them as arrays. Here the same rows, as
``gateway.projection.projection_rows`` makes them, go to PostgreSQL by ``COPY``:

- rows that are always new (cases not seen before, and the sentence, requirements and
  registrations an import rewrites) take ids drawn from their tables' sequences in one query and
  are copied straight into their tables;
- rows that are upserts go through a temporary staging table (``ON COMMIT DELETE ROWS``, never
  WAL-logged) and one set-based statement each: the national record (``INSERT … ON CONFLICT
  (crn) DO UPDATE``), the national contacts and the natural keys (an id another case held
  moves to the newest bundle's case, then ``INSERT … ON CONFLICT DO NOTHING`` in bundle order,
  as ``bulk_create(ignore_conflicts=True)`` did).

All of it runs inside the chunk's transaction (``services._apply_chunk``): a chunk is written
whole or not at all, so an interrupted import still converges when run again, and a record the
database refuses still sends the chunk back one bundle at a time. Validation is unchanged: a
bundle reaches here only after ``parse.parse_bundle`` accepted it.
"""

from __future__ import annotations

import json

from django.db import connection
from django.utils import timezone
from psycopg import sql

from desist.bulk import copy_into, copy_rows
from desist.people.models import Person, Registration
from desist.rules import escalation
from desist.sentences.models import Requirement, Sentence

from . import parse
from .models import NationalContact, NationalKey, NationalRecord
from .projection import Directory, person_fields, projection_rows, write_access


def enabled() -> bool:
    return connection.vendor == "postgresql"


def new_ids(model, count: int) -> list[int]:
    """``count`` ids from the model's sequence, in one query (a rolled-back chunk leaves a gap,
    as any failed insert does)."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                       "FROM generate_series(1, %s)", [model._meta.db_table, count])
        return [row[0] for row in cursor.fetchall()]


def _stage(model, names: list[str]) -> str:
    """A temporary staging table with the model's columns ``names`` (their types read from the
    real table) and ``ord``, the row's place in the chunk. Emptied at each commit; emptied
    here too, since a chunk may run inside a caller's transaction (tests)."""
    table = f"gateway_stage_{model._meta.db_table}"
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(
            "CREATE TEMPORARY TABLE IF NOT EXISTS {} ON COMMIT DELETE ROWS AS "
            "SELECT 0::integer AS ord, {} FROM {} WITH NO DATA").format(
                sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(n) for n in names),
                sql.Identifier(model._meta.db_table)).as_string(cursor.connection))
        cursor.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table))
                       .as_string(cursor.connection))
    return table


def _upsert_owned(model, names: list[str], rows: list[list], id_columns: tuple[str, ...],
                  people: list[int]) -> None:
    """Stage ``rows`` and insert them in bundle order, first deleting the rows with the same
    national id (``id_columns``) held by a case outside ``people``: an id belongs to the
    newest bundle that has it."""
    stage = _stage_rows(model, names, rows)
    table, staged = sql.Identifier(model._meta.db_table), sql.Identifier(stage)
    same_id = sql.SQL(" AND ").join(sql.SQL("c.{0} = s.{0}").format(sql.Identifier(n))
                                    for n in id_columns)
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(
            "DELETE FROM {t} c USING {s} s WHERE {same} AND NOT c.person_id = ANY(%s)")
            .format(t=table, s=staged, same=same_id).as_string(cursor.connection), [people])
        cursor.execute(sql.SQL(
            "INSERT INTO {t} ({cols}) SELECT {cols} FROM {s} ORDER BY ord "
            "ON CONFLICT DO NOTHING").format(
                t=table, s=staged, cols=sql.SQL(", ").join(sql.Identifier(n) for n in names))
            .as_string(cursor.connection))


def _stage_rows(model, names: list[str], rows: list[list]) -> str:
    table = _stage(model, names)
    copy_into(table, ["ord", *names], ([n, *row] for n, row in enumerate(rows)))
    return table


# --- the chunk's writes ----------------------------------------------------------------------

def insert_people(new: list[parse.Parsed], directory: Directory, today
                  ) -> tuple[dict, dict, list]:
    """The new cases, copied: ``({crn: person id}, {person id: provider id}, [an unsaved
    Person, with its id, of each new case whose RoSH calls for an escalation])``."""
    ids = new_ids(Person, len(new))
    now = timezone.now()
    rows = []
    for parsed, pk in zip(new, ids, strict=True):
        rows.append({"id": pk, "crn": parsed.crn, "arrived_on": today, "routing": "",
                     "hub_hold": "", "active": True, "created_at": now, "updated_at": now,
                     **person_fields(parsed, directory)})
    copy_rows(Person, rows)
    escalating = [Person(**{k: v for k, v in row.items() if k not in ("created_at",
                                                                       "updated_at")})
                  for row in rows if escalation.needs_escalation(row["rosh"])]
    return ({row["crn"]: row["id"] for row in rows},
            {row["id"]: row["provider_id"] for row in rows}, escalating)


def write_projection(items: list[tuple[parse.Parsed, int, int]], directory: Directory) -> None:
    """``projection.write_projection`` by COPY: the same rows and the same natural keys."""
    sentences, requirements, registrations, contacts, keys = [], [], [], [], []
    for parsed, person_id, _provider in items:
        s, q, r, c, k = projection_rows(parsed, person_id)
        if s is not None:
            sentences.append(s)
        requirements += q
        registrations += r
        contacts += c
        keys += [(kind, nid, row, person_id) for kind, nid, row in k]
    access = [(kind, nid, {"id": entry.pk}, person_id)
              for kind, nid, entry, person_id in write_access(items, directory)]
    for model, rows in ((Sentence, sentences), (Requirement, requirements),
                        (Registration, registrations)):
        for row, pk in zip(rows, new_ids(model, len(rows)), strict=True):
            row["id"] = pk
    for row in requirements:
        row["sentence_id"] = row.pop("sentence")["id"]
    copy_rows(Sentence, sentences)
    copy_rows(Requirement, requirements)
    copy_rows(Registration, registrations)
    people = sorted({person_id for _parsed, person_id, _provider in items})

    names = ["person_id", "contact_id", "start", "type_code", "appointment", "outcome_code",
             "enforcement_code"]
    # A national id seen on another case before belongs to the newest bundle that has it.
    _upsert_owned(NationalContact, names, [[c[n] for n in names] for c in contacts],
                  ("contact_id",), people)
    # An id that moved to another case in this import: the newest bundle owns it. Ids are
    # unique within a kind only, so the match is kind by kind.
    _upsert_owned(NationalKey, ["kind", "national_id", "person_id", "object_id"],
                  [[kind, nid, person_id, row["id"]] for kind, nid, row, person_id in
                   [*keys, *access]],
                  ("kind", "national_id"), people)


def write_records(good: list[parse.Parsed], ids: dict, batch) -> None:
    """Each case's national record (last good bundle, read-back view, checksum): an upsert on
    the CRN, through a staging table."""
    names = ["person_id", "crn", "checksum", "view", "restriction_message",
             "exclusion_message", "batch_id", "imported_at"]
    now = timezone.now()
    stage = _stage_rows(NationalRecord, names, [
        [ids[p.crn], p.crn, p.checksum, json.dumps(p.view), p.restriction_message or "",
         p.exclusion_message or "", batch.pk, now] for p in good])
    table = sql.Identifier(NationalRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(
            "INSERT INTO {t} ({cols}) SELECT {cols} FROM {s} ORDER BY ord "
            "ON CONFLICT (crn) DO UPDATE SET {sets}").format(
                t=table, s=sql.Identifier(stage),
                cols=sql.SQL(", ").join(sql.Identifier(n) for n in names),
                sets=sql.SQL(", ").join(
                    sql.SQL("{n} = EXCLUDED.{n}").format(n=sql.Identifier(n))
                    for n in names if n != "crn"))
            .as_string(cursor.connection))
