"""``desist generate --people N --seed S``: the demo caseload, streamed in batches."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, OperationalError, ProgrammingError

from desist.demo.generator import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_OTHER_PEOPLE,
    DEFAULT_SEED,
    GeneratorInputError,
    generate,
    parse_options,
)


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic caseload (Northumbria CRC and a small second "
        "provider). Re-running adds only people not yet there; an interrupted run resumes."
    )

    def add_arguments(self, parser):
        # Options are read as text and validated here, so bad input is one line, not usage.
        parser.add_argument("--people", required=True, help="How many people (0–1,000,000).")
        parser.add_argument("--seed", default=str(DEFAULT_SEED), help="Random seed (default "
                            f"{DEFAULT_SEED}).")
        parser.add_argument("--reference-date", default="", help="Dates are relative to this "
                            "day, YYYY-MM-DD (default: today).")
        parser.add_argument("--batch-size", default=str(DEFAULT_BATCH_SIZE),
                            help=f"People per transaction (default {DEFAULT_BATCH_SIZE}).")
        parser.add_argument("--other-people", default=str(DEFAULT_OTHER_PEOPLE),
                            help="People for the second provider (default "
                            f"{DEFAULT_OTHER_PEOPLE}).")

    def handle(self, *args, **options):
        try:
            opts = parse_options(
                people=options["people"], seed=options["seed"],
                reference_date=options["reference_date"], batch_size=options["batch_size"],
                other_people=options["other_people"],
            )
            generate(
                people=opts.people, seed=opts.seed, reference_date=opts.reference_date,
                batch_size=opts.batch_size, other_people=opts.other_people,
                progress=self._progress if options["verbosity"] > 0 else None,
            )
        except GeneratorInputError as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            # Batches already committed stay: re-running resumes after them.
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            hint = ""
            if isinstance(exc, OperationalError | ProgrammingError):
                hint = " (is the database migrated? run `desist migrate`, then re-run)"
            raise CommandError(f"database error: {reason}{hint}") from None
        return None

    def _progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
