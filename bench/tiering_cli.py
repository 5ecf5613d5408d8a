"""Benchmark: ``desist rules tier`` over many inputs in one call (issue 21: 100,000 in < 5 s).

    python bench/tiering_cli.py [--inputs N] [--seed S] [--desist PATH]

Builds N synthetic tiering inputs (every key of tiering.md's contract, nulls included)
deterministically from the seed, pipes them as one JSON list to ``desist rules tier`` and prints
the wall time (process start to exit, JSON in and out included), the CPU time of the process and
the spread of tiers. It is a measurement, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ogrs3_cli import find_desist  # noqa: E402 - the sibling benchmark's console-script finder

FACTORS = ("mental_health", "self_harm", "vulnerability", "child_concerns", "child_protection",
           "risk_to_children", "public_interest", "adult_at_risk", "gangs", "terrorism")
SECTIONS = ("accommodation", "ete", "relationships", "lifestyle", "drugs", "alcohol",
            "thinking_and_behaviour", "attitudes", "finance", "emotional_wellbeing")


def make_inputs(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for _ in range(n):
        female = rng.random() < 0.15
        assessed = rng.random() < 0.85
        item: dict[str, object] = {
            "rosh": rng.choices(["low", "medium", "high", "very_high", None],
                                [40, 40, 15, 2, 3])[0],
            "rsr": None if rng.random() < 0.1 else round(rng.uniform(0, 15), 2),
            "mappa_level": rng.choices([None, 1, 2, 3], [85, 12, 2, 1])[0],
            "complexity_factors": rng.sample(FACTORS, rng.choices([0, 1, 2, 3], [50, 30, 15, 5])[0]),
            "gender": "female" if female else "male",
            "needs": ({s: rng.choice(["none", "none", "standard", "severe"]) for s in SECTIONS}
                      if assessed else None),
            "ogrs3": None if rng.random() < 0.1 else rng.randint(0, 99),
            "iom": rng.random() < 0.08,
            "mandate_for_change": rng.random() < 0.93,
            "unsupervised": rng.random() < 0.05,
        }
        if female:
            item["women"] = {"parenting_responsibilities": rng.random() < 0.4,
                             "impulsivity_or_temper": rng.random() < 0.3,
                             "breach_or_recall": rng.random() < 0.2}
        out.append(item)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--desist", help="path to the desist console script")
    args = parser.parse_args()

    payload = json.dumps(make_inputs(args.inputs, args.seed)).encode()
    command = [*find_desist(args.desist), "rules", "tier"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, input=payload, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(done.stdout.decode()[:2000], done.stderr.decode()[:2000], file=sys.stderr)
        print(f"desist rules tier failed with exit status {done.returncode}")
        return 1
    results = json.loads(done.stdout)
    assert len(results) == args.inputs
    tiers = Counter(r["tier"] for r in results)
    print(f"desist rules tier: {args.inputs:,} inputs in one call")
    print(f"  input {len(payload) / 1e6:.1f} MB, output {len(done.stdout) / 1e6:.1f} MB")
    print(f"  wall time {wall:.2f} s (target < 5 s), {args.inputs / wall:,.0f} inputs/s")
    print(f"  CPU time of the desist process {cpu:.2f} s, {args.inputs / cpu:,.0f} inputs/s")
    print("  most common tiers: " + ", ".join(f"{k} {v:,}" for k, v in tiers.most_common(8)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
