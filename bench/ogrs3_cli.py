"""Benchmark: ``desist rules ogrs3`` over many inputs in one call (issue 3: 100,000 in < 5 s).

    python bench/ogrs3_cli.py [--inputs N] [--seed S] [--desist PATH]

Builds N synthetic OGRS3 inputs deterministically from the seed, pipes them as one JSON list to
``desist rules ogrs3`` and prints the wall time (process start to exit, JSON in and out
included) and inputs per second. It is a measurement, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = (
    "violence", "robbery", "public_order", "sexual_not_child", "sexual_child", "soliciting",
    "burglary_domestic", "burglary_other", "theft_non_motor", "handling", "fraud_forgery",
    "absconding_bail", "taking_driving_away", "theft_from_vehicles", "drink_driving",
    "other_motoring", "criminal_damage", "drug_import_export_production",
    "drug_possession_supply", "other",
)


def make_inputs(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    base = date(2024, 1, 1)
    for i in range(n):
        conviction = base - timedelta(days=rng.randrange(0, 3 * 365))
        dob = conviction - timedelta(days=rng.randint(18, 70) * 365 + rng.randrange(0, 365))
        age_at_conviction = conviction.year - dob.year - (
            (conviction.month, conviction.day) < (dob.month, dob.day)
        )
        follow_up = conviction + timedelta(days=rng.randrange(0, 400))
        total = 1 if rng.random() < 0.2 else rng.randint(2, 70)
        item: dict[str, object] = {
            "id": f"X{i:06d}",
            "sex": "female" if rng.random() < 0.19 else "male",
            "date_of_birth": dob.isoformat(),
            "conviction_date": conviction.isoformat(),
            "follow_up_start": follow_up.isoformat(),
            "total_sanctions": total,
            "offence_category": rng.choice(CATEGORIES),
        }
        first_age = age_at_conviction if total == 1 else rng.randint(10, age_at_conviction - 1)
        if rng.random() < 0.5:
            item["age_at_first_sanction"] = first_age
        else:
            first = dob + timedelta(days=int(first_age * 365.25) + rng.randrange(0, 300))
            item["first_sanction_date"] = min(first, conviction).isoformat()
        out.append(item)
    return out


def find_desist(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    for candidate in (ROOT / ".venv" / "bin" / "desist", Path(sys.executable).parent / "desist"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("desist")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from desist.cli import main; sys.exit(main())"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--desist", help="path to the desist console script")
    args = parser.parse_args()

    payload = json.dumps(make_inputs(args.inputs, args.seed)).encode()
    command = [*find_desist(args.desist), "rules", "ogrs3"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, input=payload, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the desist process: the figure to trust when the machine is busy.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(done.stdout.decode()[:2000], done.stderr.decode()[:2000], file=sys.stderr)
        print(f"desist rules ogrs3 failed with exit status {done.returncode}")
        return 1
    results = json.loads(done.stdout)
    assert len(results) == args.inputs
    bands: dict[str, int] = {}
    for r in results:
        bands[r["band"]] = bands.get(r["band"], 0) + 1
    print(f"desist rules ogrs3: {args.inputs:,} inputs in one call")
    print(f"  input {len(payload) / 1e6:.1f} MB, output {len(done.stdout) / 1e6:.1f} MB")
    print(f"  wall time {wall:.2f} s (target < 5 s), {args.inputs / wall:,.0f} inputs/s")
    print(f"  CPU time of the desist process {cpu:.2f} s, {args.inputs / cpu:,.0f} inputs/s")
    print("  bands: " + ", ".join(f"{k} {v:,}" for k, v in sorted(bands.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
