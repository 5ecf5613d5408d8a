"""A recompute and an import killed part-way and run again end where an uninterrupted run ends
(issue 13 item 5).

"Killed" is ``Killed`` (a BaseException, as a dying process: no ``except Exception`` runs) raised
at a chosen write statement: the first two, the middle and the last two of the uninterrupted
run's writes. Each run starts from the same data (savepoints inside the test's transaction: a
batch's own transaction becomes a savepoint, so the batches finished before the kill stay, as
committed batches would). The state compared is every table's rows, without the bookkeeping of
runs (audit trail, run and batch ledgers), without row ids and timestamps of writing; sequences
restart from the highest id after each rollback so the rows' references compare.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from desist.allocation import recompute
from desist.gateway import samples
from desist.gateway import services as gateway
from tests import factories as f
from tests.allocation.conftest import new_case

from .harness import Killed, count_writes, killed_at, points, snapshot

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
BOOKKEEPING = {"audit_auditevent", "audit_chainhead", "allocation_recomputerun",
               "gateway_importbatch", "django_session"}


def _kept_columns(table: str) -> list[int]:
    """Columns compared: not the id, not a reference to a run's ledger row (which batch last
    wrote a record differs by nature between one run and two)."""
    model = next(m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table)
    return [i for i, field in enumerate(model._meta.concrete_fields)
            if not field.primary_key and not (
                field.related_model and field.related_model._meta.db_table in BOOKKEEPING)]


def state() -> dict:
    tables = {}
    for table, rows in snapshot().items():
        if table in BOOKKEEPING:
            continue
        kept = _kept_columns(table)
        tables[table] = sorted(
            repr(tuple(row[i] for i in kept if not isinstance(row[i], dt.datetime))) for row in rows)
    return tables


def reset_sequences() -> None:
    """Ids continue from the highest row, as after a restart (PostgreSQL sequences are not
    transactional: without this, rows a rolled-back run took ids for would shift every later id;
    SQLite's counters roll back with the data)."""
    if connection.vendor != "postgresql":
        return
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def differences(a: dict, b: dict) -> dict:
    return {t: (sorted(set(a[t]) - set(b.get(t, []))), sorted(set(b.get(t, [])) - set(a[t])))
            for t in a if a[t] != b.get(t)}


def assert_converges(run) -> int:
    """``run`` killed at each chosen write and then run again ends as one uninterrupted run."""
    reset_sequences()
    start = transaction.savepoint()
    run()
    reference = state()
    transaction.savepoint_rollback(start)
    reset_sequences()
    n = count_writes(run)
    reset_sequences()
    assert n > 2
    for k in points(n):
        start = transaction.savepoint()
        with killed_at(k) as seen, pytest.raises(Killed):
            run()
        assert seen["fired"]
        reset_sequences()
        run()
        got = state()
        assert got == reference, f"killed at write {k} of {n} ({seen['fired']}), run again: " \
            f"{differences(got, reference)}"
        transaction.savepoint_rollback(start)
        reset_sequences()
    return n


def test_recompute_killed_and_run_again_converges(provider):
    la = f.LocalAuthorityFactory(code="E08000021", name="Newcastle upon Tyne")
    venue = f.VenueFactory(provider=provider, code="LMC-NCL", kind="lmc")
    venue.local_authorities.add(la)
    team = f.TeamFactory(provider=provider, code="NCL", name="Newcastle", venue=venue)
    cases = [dict(rosh="low"), dict(rosh="high"), dict(rosh="medium", registrations=("domestic_abuse",)),
             dict(gender="female"), dict(rosh="very_high"), dict(requirements=(("upw", 80),)),
             dict(rosh="medium"), dict(routing="lmc", lmc=team)]
    for i, extra in enumerate(cases):
        new_case(provider, la=la, team=team, crn=f"R{i:06d}", **extra)
    writes = assert_converges(lambda: recompute.run(as_of=TODAY, batch_size=3))
    assert writes > 5


def test_import_killed_and_run_again_converges(provider):
    items = [(f"b{n}", samples.bundle(n)) for n in range(1, 13)]

    def run():
        gateway.import_bundles(acting_user=None, items=iter(items), source="test", chunk=3)
    assert_converges(run)
