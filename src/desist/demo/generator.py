"""The demo caseload generator behind ``desist generate`` and ``desist demo`` (issue 2, item 6).

Deterministic: a seed and a reference date give the same organisation and the same people.
Streaming: people are planned and written one batch at a time, each batch in its own
transaction, so memory stays flat at any scale. Resumable and idempotent: CRNs are a function
of (seed, index), and a batch skips the people whose CRN is already in the database, so a run
interrupted part-way continues after the last committed batch and a repeated run adds nothing.

Two providers are built: Northumbria CRC (``NCRC``) with ``people`` cases, and a small second
provider (``DTV``) whose officer ``other`` shows that one provider's staff never see another's
cases.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, reset_queries, transaction

from desist.allocation import caseloads
from desist.audit import events
from desist.people.models import Person
from desist.unpaid_work import summary as upw_summary

from . import data, organisation, organisation_specs
from .organisation import OrganisationBuilder, load_context
from .people import CRN_DIGITS, PersonPlanner, crn_letter
from .writer import write_batch, write_batch_copy

DEFAULT_SEED = 2018  # the year of the Northumbria inspection
DEFAULT_BATCH_SIZE = 2000
MAX_BATCH_SIZE = 50_000
DEFAULT_OTHER_PEOPLE = 36
MAX_PEOPLE = CRN_DIGITS  # six CRN digits per provider letter

ROW_KINDS = ("people", "sentences", "requirements", "offences", "registrations", "referrals",
             "case_access_entries")

Progress = Callable[[str], None]


class GeneratorInputError(ValueError):
    """Input the generator cannot use; the message is one line, fit for a CLI error."""


@dataclass(frozen=True)
class Options:
    people: int
    seed: int = DEFAULT_SEED
    reference_date: dt.date | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    other_people: int = DEFAULT_OTHER_PEOPLE


def _whole_number(name: str, value, *, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise GeneratorInputError(f"{name} must be a whole number, not {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit():
            raise GeneratorInputError(f"{name} must be a whole number, not {value!r}")
        value = int(text)
    if not isinstance(value, int):
        raise GeneratorInputError(f"{name} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise GeneratorInputError(f"{name} must be between {low:,} and {high:,}, not {value:,}")
    return value


def parse_options(*, people, seed=DEFAULT_SEED, reference_date=None,
                  batch_size=DEFAULT_BATCH_SIZE, other_people=DEFAULT_OTHER_PEOPLE) -> Options:
    """Validate raw option values (strings from the CLI, or Python values)."""
    people = _whole_number("--people", people, low=0, high=MAX_PEOPLE)
    seed = _whole_number("--seed", seed, low=0, high=2**31 - 1)
    batch_size = _whole_number("--batch-size", batch_size, low=1, high=MAX_BATCH_SIZE)
    other_people = _whole_number("--other-people", other_people, low=0, high=10_000)
    if reference_date in (None, ""):
        ref = None
    elif isinstance(reference_date, dt.datetime):
        raise GeneratorInputError("--reference-date must be a date (YYYY-MM-DD), not a datetime")
    elif isinstance(reference_date, dt.date):
        ref = reference_date
    else:
        try:
            ref = dt.date.fromisoformat(str(reference_date).strip())
        except ValueError:
            raise GeneratorInputError(
                f"--reference-date must be a date as YYYY-MM-DD, not {reference_date!r}"
            ) from None
    if ref is not None and not dt.date(2000, 1, 1) <= ref <= dt.date(2100, 12, 31):
        raise GeneratorInputError("--reference-date must be between 2000-01-01 and 2100-12-31")
    return Options(people, seed, ref, batch_size, other_people)


def setup_organisation(seed: int, people: int = 0) -> tuple[OrganisationBuilder, dict]:
    """Get-or-create both providers' organisations, the main one staffed for ``people``;
    returns the builder and the providers."""
    builder = OrganisationBuilder(seed=seed)
    with transaction.atomic():
        main = organisation.build_main(builder, people)
        other = organisation.build_other(builder)
    return builder, {"main": main, "other": other}


def contexts(providers: dict, seed: int):
    main = load_context(
        providers["main"], la_specs=data.LOCAL_AUTHORITIES,
        lmc_teams=dict((la, team) for team, la in organisation_specs.NCRC_LA.items()),
        showcase=True, crn_letter=crn_letter(seed),
    )
    other = load_context(
        providers["other"], la_specs=data.OTHER_LOCAL_AUTHORITIES,
        lmc_teams=dict.fromkeys(organisation_specs.DTV_LA.values(), "TEES"),
        showcase=False, crn_letter="Z",
    )
    return main, other


def _check_seed(planner: PersonPlanner, provider_id: int, code: str, seed: int) -> None:
    """Refuse to mix seeds in one provider: the CRNs would not line up for resuming."""
    if not Person.objects.filter(provider_id=provider_id).exists():
        return
    first = Person.objects.filter(crn=planner.crn(0)).values_list("provider_id", flat=True)
    if list(first) != [provider_id]:
        raise GeneratorInputError(
            f"provider {code} already holds people generated with another seed; use the same "
            f"--seed as before, or an empty database (this run's seed is {seed})"
        )


def generate(*, people: int, seed: int = DEFAULT_SEED, reference_date: dt.date | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE, other_people: int = DEFAULT_OTHER_PEOPLE,
             progress: Progress | None = None, audit: bool = True,
             copy: bool | None = None) -> dict[str, int]:
    """Generate (or complete) the demo caseload; returns counts of what this run created.

    On PostgreSQL rows go in by COPY (``copy=False`` forces ``bulk_create``, for comparison).
    """
    opts = parse_options(people=people, seed=seed, reference_date=reference_date,
                         batch_size=batch_size, other_people=other_people)
    ref = opts.reference_date or dt.date.today()
    say = progress or (lambda _msg: None)
    started = time.perf_counter()

    try:
        builder, providers = setup_organisation(opts.seed, opts.people)
    except organisation.OrganisationConflict as exc:
        raise GeneratorInputError(str(exc)) from None
    main_ctx, other_ctx = contexts(providers, opts.seed)
    counts: Counter = Counter(dict.fromkeys(ROW_KINDS, 0))
    counts.update(builder.created)
    plan = [(main_ctx, opts.people), (other_ctx, opts.other_people)]
    planners = []
    for ctx, _n in plan:
        planner = PersonPlanner(ctx, seed=opts.seed, reference_date=ref)
        _check_seed(planner, ctx.provider_id, ctx.code, opts.seed)
        planners.append(planner)

    say(f"Generating {opts.people:,} people for {main_ctx.code} and {opts.other_people:,} for "
        f"{other_ctx.code} (seed {opts.seed}, reference date {ref.isoformat()}, "
        f"batches of {opts.batch_size:,})")
    skipped = 0
    last_report = 0.0
    use_copy = connection.vendor == "postgresql" and copy is not False
    for planner, (ctx, total) in zip(planners, plan, strict=True):
        for lo in range(0, total, opts.batch_size):
            hi = min(lo + opts.batch_size, total)
            crns = {planner.crn(i): i for i in range(lo, hi)}
            existing = set(Person.objects.filter(crn__in=list(crns)).values_list("crn", flat=True))
            todo = [i for c, i in crns.items() if c not in existing]
            skipped += len(existing)
            if todo:
                plans = [planner.plan(i) for i in todo]
                with transaction.atomic():
                    if use_copy:
                        write_batch_copy(plans, counts, connection)
                    else:
                        write_batch(plans, counts)
                del plans
            reset_queries()  # DEBUG settings keep every query otherwise
            now = time.perf_counter()
            if now - last_report >= 2 or hi == total:
                last_report = now
                elapsed = now - started
                rate = counts["people"] / elapsed if elapsed else 0.0
                say(f"  {ctx.code}: {hi:,}/{total:,} people ({counts['people']:,} new, "
                    f"{skipped:,} already there) {rate:,.0f} people/s")
    counts["skipped_people"] = skipped
    # The cases went in by COPY / bulk_create, past the services: recount the officers'
    # caseload summary (ADR 0005) once, as the nightly recompute would.
    caseloads.rebuild()
    upw_summary.rebuild()  # and the unpaid-work order summary (ADR 0015)
    result = dict(sorted(counts.items()))
    if audit:
        events.demo_generated(
            counts=result,
            seed=opts.seed,
        )
    say(f"Done in {time.perf_counter() - started:,.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in result.items()))
    return result
