"""Writing a batch of planned people: ``bulk_create`` through the ORM, or COPY on PostgreSQL.

Ids come back from ``bulk_create`` (PostgreSQL, and SQLite 3.35+), so children are linked to
their parents without a second query. The caller wraps each batch in one transaction.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from django.db.models import JSONField
from django.utils import timezone

from desist.interventions.models import Referral
from desist.people.models import CaseAccessEntry, Person, Registration
from desist.sentences.models import Offence, Requirement, Sentence

from .people import Plan

GRANT_REASON = "Restricted case: granted for the demo"


def write_batch(plans: Sequence[Plan], counts: Counter) -> None:
    people = [Person(**p.person) for p in plans]
    Person.objects.bulk_create(people)

    sentences: list[Sentence] = []
    children: list[tuple[Sentence, list, list]] = []
    registrations: list[Registration] = []
    referrals: list[Referral] = []
    grants: list[CaseAccessEntry] = []
    for plan, person in zip(plans, people, strict=True):
        pid = person.pk
        for sentence, reqs, offences in plan.sentences:
            obj = Sentence(person_id=pid, **sentence)
            sentences.append(obj)
            children.append((obj, reqs, offences))
        registrations.extend(Registration(person_id=pid, **row) for row in plan.registrations)
        referrals.extend(Referral(person_id=pid, **row) for row in plan.referrals)
        grants.extend(
            CaseAccessEntry(person_id=pid, user_id=uid, kind=CaseAccessEntry.Kind.GRANTED,
                            reason=GRANT_REASON)
            for uid in plan.grants
        )
    Sentence.objects.bulk_create(sentences)

    requirements: list[Requirement] = []
    offences_out: list[Offence] = []
    for sentence, reqs, offences in children:
        sid = sentence.pk
        requirements.extend(Requirement(sentence_id=sid, **row) for row in reqs)
        offences_out.extend(Offence(sentence_id=sid, **row) for row in offences)
    Requirement.objects.bulk_create(requirements)
    Offence.objects.bulk_create(offences_out)
    Registration.objects.bulk_create(registrations)
    if referrals:
        Referral.objects.bulk_create(referrals)
    if grants:
        CaseAccessEntry.objects.bulk_create(grants)

    counts["people"] += len(people)
    counts["sentences"] += len(sentences)
    counts["requirements"] += len(requirements)
    counts["offences"] += len(offences_out)
    counts["registrations"] += len(registrations)
    counts["referrals"] += len(referrals)
    counts["case_access_entries"] += len(grants)


# ---------------------------------------------------------------------------------------------
# PostgreSQL: COPY. The ORM spends most of a bulk insert preparing values field by field; at
# 300,000 people that alone misses the 10-minute target, so on PostgreSQL ids are reserved from
# the tables' sequences and the rows are streamed with COPY (the database still checks every
# constraint). Columns and defaults are read from the models, so a new field with a default
# needs no change here.


class _CopyTable:
    """How to turn the planner's dicts into COPY rows for one model."""

    def __init__(self, model, now) -> None:
        meta = model._meta
        self.table = meta.db_table
        self.columns = []
        self.spec = []  # (attname, default, is_json, is_pk)
        for f in meta.concrete_fields:
            if getattr(f, "generated", False):
                continue  # computed by the database (e.g. Person's search keys)
            self.columns.append(f.column)
            if f.primary_key:
                self.spec.append((f.attname, None, False, True))
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            elif f.has_default():
                default = f.get_default()
            elif not f.null and f.get_internal_type() in ("CharField", "TextField"):
                default = ""  # what the ORM would store for a blank string field
            else:
                default = None
            is_json = isinstance(f, JSONField)
            if is_json and default is not None:
                default = json.dumps(default)
            self.spec.append((f.attname, default, is_json, False))

    def sql(self):
        from psycopg import sql

        return sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(self.table), sql.SQL(", ").join(map(sql.Identifier, self.columns))
        )

    def write(self, cursor, rows: Sequence[dict], ids: Sequence[int]) -> None:
        spec = self.spec
        dumps = json.dumps
        with cursor.copy(self.sql()) as copy:
            write_row = copy.write_row
            for row, pk in zip(rows, ids, strict=True):
                out = []
                append = out.append
                for attname, default, is_json, is_pk in spec:
                    if is_pk:
                        append(pk)
                        continue
                    value = row.get(attname, default) if attname in row else default
                    if is_json and value is not None and not isinstance(value, str):
                        value = dumps(value)
                    append(value)
                write_row(out)


def _reserve_ids(cursor, table: str, n: int) -> list[int]:
    if n == 0:
        return []
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, n],
    )
    return [r[0] for r in cursor.fetchall()]


def write_batch_copy(plans: Sequence[Plan], counts: Counter, connection) -> None:
    """The same rows as :func:`write_batch`, by COPY (PostgreSQL only)."""
    now = timezone.now()
    tables = {m: _CopyTable(m, now) for m in (Person, Sentence, Requirement, Offence,
                                              Registration, Referral, CaseAccessEntry)}
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor under Django's wrapper
        person_ids = _reserve_ids(cursor, tables[Person].table, len(plans))

        sentences: list[dict] = []
        requirements: list[dict] = []
        offences: list[dict] = []
        registrations: list[dict] = []
        referrals: list[dict] = []
        grants: list[dict] = []
        sentence_children: list[tuple[list, list]] = []
        for plan, pid in zip(plans, person_ids, strict=True):
            for sentence, reqs, offs in plan.sentences:
                sentences.append({**sentence, "person_id": pid})
                sentence_children.append((reqs, offs))
            registrations.extend({**row, "person_id": pid} for row in plan.registrations)
            referrals.extend({**row, "person_id": pid} for row in plan.referrals)
            grants.extend({"person_id": pid, "user_id": uid, "kind": "granted",
                           "reason": GRANT_REASON} for uid in plan.grants)
        sentence_ids = _reserve_ids(cursor, tables[Sentence].table, len(sentences))
        for sid, (reqs, offs) in zip(sentence_ids, sentence_children, strict=True):
            requirements.extend({**row, "sentence_id": sid} for row in reqs)
            offences.extend({**row, "sentence_id": sid} for row in offs)

        tables[Person].write(cursor, [p.person for p in plans], person_ids)
        tables[Sentence].write(cursor, sentences, sentence_ids)
        for model, rows in ((Requirement, requirements), (Offence, offences),
                            (Registration, registrations), (Referral, referrals),
                            (CaseAccessEntry, grants)):
            if rows:
                table = tables[model]
                table.write(cursor, rows, _reserve_ids(cursor, table.table, len(rows)))

    counts["people"] += len(plans)
    counts["sentences"] += len(sentences)
    counts["requirements"] += len(requirements)
    counts["offences"] += len(offences)
    counts["registrations"] += len(registrations)
    counts["referrals"] += len(referrals)
    counts["case_access_entries"] += len(grants)
