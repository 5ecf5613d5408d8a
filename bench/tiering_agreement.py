"""Check: a held-back set of tiering inputs through ``desist rules tier`` against the second,
independent reading of tiering.md in tests/rules/test_tiering.py (issue 21 "Checked by").

    python bench/tiering_agreement.py [--inputs N] [--seed S] [--desist PATH]

The inputs come from bench/tiering_cli.py's generator with a seed no test uses, plus every
RSR, RoSH, MAPPA and OGRS3 boundary value; prints how many inputs and how many agreed, and the
first few that did not. Exit status 1 when any disagreed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]
from ogrs3_cli import find_desist  # noqa: E402
from tests.rules.test_tiering import reference  # noqa: E402
from tiering_cli import make_inputs  # noqa: E402


def boundary_inputs(seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for rsr in (None, 0, 2.99, 3, 6.99, 7, 99.99, 100):
        for rosh in (None, "low", "medium", "high", "very_high"):
            for mappa in (None, 1, 2, 3):
                out.append({"rsr": rsr, "rosh": rosh, "mappa_level": mappa,
                            "ogrs3": rng.choice([None, 0, 9, 10, 99]),
                            "needs": rng.choice([None, {}, {"attitudes": "severe"}])})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2121)
    parser.add_argument("--desist", help="path to the desist console script")
    args = parser.parse_args()
    inputs = make_inputs(args.inputs, args.seed) + boundary_inputs(args.seed)
    done = subprocess.run([*find_desist(args.desist), "rules", "tier"], input=json.dumps(inputs),
                          capture_output=True, text=True, check=True)
    results = json.loads(done.stdout)
    wrong = [(i, r["tier"], reference(d)) for i, (d, r) in enumerate(zip(inputs, results,
                                                                           strict=True))
             if r["tier"] != reference(d)]
    print(f"{len(inputs)} inputs, {len(inputs) - len(wrong)} agreed, {len(wrong)} disagreed")
    for i, got, expected in wrong[:5]:
        print(f"  #{i}: desist {got}, independent {expected}: {json.dumps(inputs[i])}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
