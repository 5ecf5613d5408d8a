"""The unpaid-work order summary (§12; ADR 0015): one ``UpwOrderSummary`` row per case with
live unpaid work, holding its ledger's totals, so the hub and the nightly check read one row per
order instead of building every ledger from its sessions and adjustments on each request
(4–6 s per hub request at 30,000 people, issue 23).

How it stays right (as the officer caseload summary, ``allocation.caseloads``):

* **Writers refresh the cases they change.** A service that changes a ledger input (an outcome
  or a sign-out, an adjustment), a writer of UPW requirements or sentences (the gateway
  import) and the allocation services that move a case to another LMC (its office here) call
  ``refresh(person_ids)`` in their transaction: the rows are recomputed from the
  record, written, and removed for people with no live unpaid work left. The people are locked
  first, so two writers to one case refresh in turn and the later sees the earlier's write.
* **Bulk writers rebuild.** ``rebuild()`` recomputes every row, writes those that differ and
  returns them (the drift): ``desist recompute`` runs it every night, and so do ``desist
  generate`` and the demo's seeders.
* **A check** (``check()``, ``desist upw_summary``) compares the rows with a recount without
  writing.

Nothing stored depends on the date: "at risk" and "past the deadline" are date comparisons
the page makes for today (``rules.unpaid_work.outlook``), so no row goes stale overnight.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from desist.people.models import Person
from desist.rules import unpaid_work as rules
from desist.sentences.models import Requirement
from desist.summaries import lock_against_writers

from . import selectors
from .models import UpwOrderSummary

COLUMNS = ("provider_id", "office_id", "sentence_date", "ordered_minutes", "credited_minutes",
           "remaining_minutes", "ete_minutes_credited", "ete_cap_minutes", "deadline", "complete",
           "at_risk_from")
CHUNK = 2000


def figures(person_ids: Iterable[int]) -> dict[int, tuple]:
    """What each of these people's row should hold (people without live UPW are left out)."""
    out = {}
    for person_id, (data, (provider_id, office_id)) in selectors.ledger_inputs(
            person_ids, timezone.localdate()).items():
        ledger = rules.ledger(data)
        out[person_id] = (provider_id, office_id, data.sentence_date, ledger.ordered_minutes,
                          ledger.credited_minutes, ledger.remaining_minutes,
                          ledger.ete_minutes_credited, ledger.ete_cap_minutes, ledger.deadline,
                          ledger.complete, rules.at_risk_from(data.sentence_date, ledger))
    return out


def _write(rows: dict[int, tuple]) -> None:
    UpwOrderSummary.objects.bulk_create(
        [UpwOrderSummary(person_id=pk, **dict(zip(COLUMNS, values, strict=True)))
         for pk, values in sorted(rows.items())],
        update_conflicts=True, unique_fields=["person"], update_fields=list(COLUMNS),
        batch_size=1000)


@transaction.atomic
def refresh(person_ids: Iterable[int]) -> None:
    """Recompute these people's rows from the record, in the caller's transaction."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    # Lock the cases in id order: a second writer to one of them waits, then reads this
    # writer's committed rows, so neither refresh overwrites the other with older totals.
    list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk")
         .values_list("pk", flat=True))
    rows = figures(ids)
    _write(rows)
    UpwOrderSummary.objects.filter(person_id__in=[pk for pk in ids if pk not in rows]).delete()


# --- Rebuild and check -------------------------------------------------------------------------

@dataclass(frozen=True)
class Drift:
    """A case whose row did not match a recount: (stored, recounted) columns (None: no row)."""

    person_id: int
    stored: tuple | None
    counted: tuple | None


def _people_with_upw() -> list[int]:
    return sorted(set(Requirement.objects.filter(
        type="upw", sentence__terminated_on__isnull=True, upw_hours__isnull=False).values_list(
        "sentence__person_id", flat=True)))


def _stored(ids: list[int] | None = None) -> dict[int, tuple]:
    rows = UpwOrderSummary.objects.all()
    if ids is not None:
        rows = rows.filter(person_id__in=ids)
    return {pk: tuple(rest) for pk, *rest in rows.values_list("person_id", *COLUMNS)}


def _drift() -> tuple[list[Drift], dict[int, tuple]]:
    """Every difference between the rows and a recount, chunk by chunk of cases."""
    out: list[Drift] = []
    counted_all: dict[int, tuple] = {}
    people = _people_with_upw()
    for lo in range(0, len(people), CHUNK):
        chunk = people[lo:lo + CHUNK]
        counted = figures(chunk)
        stored = _stored(chunk)
        for pk in chunk:
            if stored.get(pk) != counted.get(pk):
                out.append(Drift(pk, stored.get(pk), counted.get(pk)))
                if pk in counted:
                    counted_all[pk] = counted[pk]
    live = set(people)
    out += [Drift(pk, values, None) for pk, values in sorted(_stored_strays(live).items())]
    return out, counted_all


def _stored_strays(live: set[int]) -> dict[int, tuple]:
    """Rows of people who no longer have live unpaid work."""
    return {pk: tuple(rest) for pk, *rest in UpwOrderSummary.objects.values_list(
        "person_id", *COLUMNS) if pk not in live}


def check() -> list[Drift]:
    """Cases whose row differs from a recount (read only; a write in flight may show)."""
    return _drift()[0]


@transaction.atomic
def rebuild() -> list[Drift]:
    """Recount every case with unpaid work, write the rows that differ, remove the rows of
    cases that no longer have any, and return what was wrong.

    On PostgreSQL the table is locked against writers (readers carry on) for the recount, so a
    writer's refresh either lands before the recount and is read, or waits and then writes its
    own fresh row: none is lost."""
    lock_against_writers(UpwOrderSummary)
    drift, counted = _drift()
    if counted:
        _write(counted)
    gone = [d.person_id for d in drift if d.counted is None]
    if gone:
        UpwOrderSummary.objects.filter(person_id__in=gone).delete()
    return drift
