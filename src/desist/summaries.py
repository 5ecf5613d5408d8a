"""What every summary table shares (ADR 0005, ADR 0015).

A summary table holds figures a page would otherwise count over the whole caseload on each
request (the officer caseload summary, the unpaid-work order summary). Each is kept current by
its writers in their transaction, rebuilt by the nightly ``desist recompute``, and checked by an
operator command. The figures differ; the machinery around them does not, so it lives here:

* ``lock_against_writers``: a rebuild holds the table against writers (readers carry on), so a
  writer's change either lands before the recount and is read, or waits and is applied after;
* ``SummaryCommand``: the operator command that compares the rows with a recount and, with
  ``--rebuild``, corrects them, printing the drift in the same words for every summary.

A new summary module provides ``check()`` and ``rebuild()`` (each returning its drift: objects
with the row's key, ``stored`` and ``counted`` column tuples, None for "no row") and ``COLUMNS``,
then declares its command as a subclass of ``SummaryCommand``.
"""

from __future__ import annotations

from types import ModuleType

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models

SHOWN = 20


def lock_against_writers(model: type[models.Model]) -> None:
    """Hold ``model``'s table against writers until the transaction ends (PostgreSQL; SQLite
    has one writer at a time already)."""
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")  # noqa: S608 - our name


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class SummaryCommand(BaseCommand):
    """``desist <summary>``: check the rows against a recount; ``--rebuild`` corrects them."""

    summary: ModuleType
    name: str  # the command's own name, for the advice it prints
    title: str  # "Caseload summary"
    row: tuple[str, str]  # what a row summarises, one and many: ("officer", "officers")
    key: tuple[str, str]  # the drift's key attribute and how a line names it: ("staff_id", "staff")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="Correct the rows that differ from the recount.")

    def handle(self, *args, **options):
        drift = self.summary.rebuild() if options["rebuild"] else self.summary.check()
        attribute, label = self.key
        for d in drift[:SHOWN]:
            self.stdout.write(f"  {label} {getattr(d, attribute)}: stored {self._named(d.stored)}, "
                              f"recounted {self._named(d.counted)}")
        if len(drift) > SHOWN:
            self.stdout.write(f"  … and {len(drift) - SHOWN:,} more")
        one, many = self.row
        if options["rebuild"]:
            self.stdout.write(f"{self.title} rebuilt: {_plural(len(drift), one, many)} corrected.")
        elif drift:
            differ = "differs" if len(drift) == 1 else "differ"
            raise CommandError(f"{self.title}: {_plural(len(drift), one, many)} {differ} from a "
                               f"recount: run `desist {self.name} --rebuild` (or `desist "
                               "recompute`).")
        else:
            self.stdout.write(f"{self.title} matches a recount for every {one}.")

    def _named(self, values: tuple | None) -> str | dict:
        if values is None:
            return "no row"
        return dict(zip(self.summary.COLUMNS, values, strict=True))
