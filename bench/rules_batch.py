"""Benchmark: the nightly rules batch over a synthetic caseload (issue 3: 300,000 in < 10 s).

    python bench/rules_batch.py [--cases N] [--seed S]

Generates N synthetic cases deterministically from the seed (distributions loosely after
DESIGN.md §5: most cases medium RoSH, domestic abuse in about half of male cases, a third with
child concerns), then runs, one case at a time on one core:

- colour banding with reasons (``desist.rules.banding.band``, operating-model.md §4);
- the contact-gap check (``desist.rules.contact.check_contact``, §10), if that module exists;
- the RAR-at-risk alert (``desist.rules.rar.rar_alert``, §9), for cases with a RAR, if that
  module exists;
- national tiering with its reasons (``desist.rules.tiering.tier``, tiering.md), from the inputs
  ``bench/tiering_cli.py`` generates (checked and built beforehand, not counted);
- the unpaid work ledger with its reasons (``desist.rules.unpaid_work.ledger``, §12), for cases
  with unpaid work.

The last two draw from their own random streams, so the first three see the same cases as before
they were added.

Prints the time of each part, the total and cases per second. Building the inputs (what the
batch would read from the database) is timed separately and not counted. A measurement, not a
pass/fail test.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

try:
    import desist  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from desist.rules.banding import BandInput, band  # noqa: E402

AS_OF = date(2026, 3, 2)

# (code, probability) — independent draws per case.
REQUIREMENTS = (("rar", 0.6), ("upw", 0.35), ("programme", 0.15), ("drr", 0.08), ("atr", 0.06),
                ("mhtr", 0.03), ("exclusion", 0.03), ("curfew", 0.1))
REGISTRATIONS = (("child_concern", 0.25), ("child_in_need", 0.06),
                 ("child_protection_plan", 0.05), ("iom", 0.05), ("sex_offender", 0.04),
                 ("prevent", 0.003), ("hate_crime", 0.02), ("complex_mental_health", 0.08),
                 ("serious_organised_crime", 0.02), ("mappa", 0.03),
                 ("domestic_abuse_victim", 0.05), ("restraining_order", 0.04))


def optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def make_cases(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rand = rng.random
    cases: list[dict[str, Any]] = []
    for _ in range(n):
        female = rand() < 0.19
        age = rng.randint(18, 70)
        r = rand()
        rosh = "low" if r < 0.25 else "medium" if r < 0.9 else "high" if r < 0.98 else "very_high"
        ogrs3 = None if rand() < 0.1 else rng.randint(1, 99)
        requirements = frozenset(code for code, p in REQUIREMENTS if rand() < p)
        regs = {code for code, p in REGISTRATIONS if rand() < p}
        if not female and rand() < 0.5:
            regs.add("domestic_abuse")
        if age <= 24 and rand() < 0.3:
            regs.add("aces")
        c = rand()
        start = AS_OF - timedelta(days=rng.randint(1, 700))
        # Mostly seen recently; one case in eight with a long gap (failure F12).
        gap = rng.randint(0, 90) if rand() < 0.125 else rng.randint(0, 12)
        last = None if rand() < 0.03 else AS_OF - timedelta(days=gap)
        if last is not None and last < start:
            last = start
        cases.append({
            "input": BandInput(
                rosh=rosh,
                ogrs3_two_year=ogrs3,
                ror_judgement=("high" if rand() < 0.4 else "low") if ogrs3 is None else None,
                requirements=requirements,
                registrations=frozenset(regs),
                age=age,
                close_to_change=True if c < 0.4 else False if c < 0.8 else None,
            ),
            "start": start,
            "end": start + timedelta(days=rng.choice((365, 548, 730))),
            "last_contact": last,
            "rar_days": rng.choice((10, 15, 20, 30, 40, 60)) if "rar" in requirements else 0,
            "rar_delivered": rng.randint(0, 40),
        })
    return cases


def make_extras(cases: list[dict[str, Any]], seed: int) -> None:
    """Tiering inputs for every case and a ledger input for each case with unpaid work."""
    tiering = optional("desist.rules.tiering")
    if tiering is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from tiering_cli import make_inputs  # the CLI benchmark's synthetic contract inputs

        for case, item in zip(cases, make_inputs(len(cases), seed + 1), strict=True):
            case["tier_input"] = tiering.read_input(item)
    upw = optional("desist.rules.unpaid_work")
    if upw is None or not hasattr(upw, "ledger"):
        return
    rng = random.Random(seed + 2)
    for case in cases:
        if "upw" not in case["input"].requirements:
            continue
        sessions = tuple(
            upw.SessionCredit(case["start"] + timedelta(days=7 * week),
                              rng.choice(("attended", "attended", "attended", "sent_home",
                                          "failed_to_attend")),
                              rng.choice((210, 420, 450)), rng.choice((0, 0, 0, 30)),
                              ete=rng.random() < 0.1)
            for week in range(rng.randint(0, 20)))
        case["ledger_input"] = upw.LedgerInput(
            (rng.choice((40, 60, 80, 100, 150, 200, 300)),), case["start"], AS_OF, sessions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    cases = make_cases(args.cases, args.seed)
    make_extras(cases, args.seed)
    build = time.perf_counter() - t0
    # The real batch streams cases from the database; here all 300,000 inputs sit in memory,
    # and without this the cyclic collector rescans them over and over while results pile up,
    # which measures the harness, not the rules.
    gc.collect()
    gc.freeze()
    print(f"rules batch over {args.cases:,} synthetic cases (seed {args.seed}; inputs built in "
          f"{build:.2f} s, not counted)")

    timings: list[tuple[str, float, float, str]] = []
    clock = time.perf_counter
    cpu = time.process_time

    # Banding, with reasons and prompts.
    t0, c0 = clock(), cpu()
    bands = [band(c["input"]) for c in cases]
    timings.append(("banding", clock() - t0, cpu() - c0, "desist.rules.banding.band"))

    contact = optional("desist.rules.contact")
    overdue = 0
    if contact is not None and hasattr(contact, "check_contact"):
        check, ContactInput = contact.check_contact, contact.ContactInput
        t0, c0 = clock(), cpu()
        for c, b in zip(cases, bands, strict=True):
            if check(ContactInput(b.band, AS_OF, c["last_contact"], c["start"])).overdue:
                overdue += 1
        timings.append(("contact gap", clock() - t0, cpu() - c0,
                        "desist.rules.contact.check_contact"))
    else:
        print("  contact gap: not run (desist.rules.contact.check_contact not available)")

    rar = optional("desist.rules.rar")
    at_risk = with_rar = 0
    if rar is not None and hasattr(rar, "rar_alert"):
        alert = rar.rar_alert
        as_of = AS_OF.toordinal()
        t0, c0 = clock(), cpu()
        for c in cases:
            if c["rar_days"]:
                with_rar += 1
                if alert(c["rar_days"], min(c["rar_delivered"], c["rar_days"]),
                         c["start"].toordinal(), c["end"].toordinal(), as_of):
                    at_risk += 1
        timings.append(("RAR at risk", clock() - t0, cpu() - c0, "desist.rules.rar.rar_alert"))
    else:
        print("  RAR at risk: not run (desist.rules.rar.rar_alert not available)")

    tiering = optional("desist.rules.tiering")
    if tiering is not None:
        tier = tiering.tier
        t0, c0 = clock(), cpu()
        tiers = Counter(tier(c["tier_input"]).protect for c in cases)
        timings.append(("tiering", clock() - t0, cpu() - c0, "desist.rules.tiering.tier"))
    else:
        print("  tiering: not run (desist.rules.tiering not available)")

    upw = optional("desist.rules.unpaid_work")
    upw_at_risk = with_upw = 0
    if upw is not None and hasattr(upw, "ledger"):
        ledger = upw.ledger
        t0, c0 = clock(), cpu()
        for c in cases:
            if "ledger_input" in c:
                with_upw += 1
                if ledger(c["ledger_input"]).at_risk:
                    upw_at_risk += 1
        timings.append(("UPW ledger", clock() - t0, cpu() - c0,
                        "desist.rules.unpaid_work.ledger"))
    else:
        print("  UPW ledger: not run (desist.rules.unpaid_work.ledger not available)")

    total = sum(t for _, t, _, _ in timings)
    total_cpu = sum(t for _, _, t, _ in timings)
    print(f"  {'part':<12} {'wall':>8}  {'cases/s':>10}  {'CPU':>8}")
    for name, seconds, cpu_seconds, function in timings:
        print(f"  {name:<12} {seconds:6.2f} s  {args.cases / seconds:>10,.0f}  "
              f"{cpu_seconds:6.2f} s  ({function})")
    print(f"  {'total':<12} {total:6.2f} s  {args.cases / total:>10,.0f}  {total_cpu:6.2f} s  "
          "(target: 300,000 in < 10 s on one core)")
    counts = Counter(b.band for b in bands)
    print("  bands: " + ", ".join(f"{k} {counts[k]:,}" for k in ("green", "yellow", "red", "blue"))
          + f"; escalate to NPS {sum(b.escalate_to_nps for b in bands):,}")
    if contact is not None and hasattr(contact, "check_contact"):
        print(f"  contact overdue: {overdue:,}")
    if rar is not None and hasattr(rar, "rar_alert"):
        print(f"  RAR at risk: {at_risk:,} of {with_rar:,} cases with a RAR")
    if tiering is not None:
        print("  protect levels: " + ", ".join(f"{k} {tiers[k]:,}" for k in "ABCD"))
    if with_upw:
        print(f"  UPW at risk: {upw_at_risk:,} of {with_upw:,} cases with unpaid work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
