"""Write src/desist/rules/data/bank-holidays.json: England and Wales bank holidays, 2015–2035.

The file has the shape of the GOV.UK bank holidays feed (``{"england-and-wales": {"division",
"events": [{"title", "date", "notes", "bunting"}]}}``) so the published feed can replace it as it
is. It is generated from the ``holidays`` package (``pip install holidays``; a development tool,
not a dependency of Desist): the England subdivision of the United Kingdom, with the days that
fall at a weekend left out (their substitute weekdays are listed, as on GOV.UK). The rules core
reads the file (``desist.rules.timescales``); ``tests/rules/test_timescales.py`` checks it against
the statutory pattern and proclamations.

    .venv/bin/python scripts/bank-holidays.py
"""

from __future__ import annotations

import json
from pathlib import Path

import holidays

FIRST, LAST = 2015, 2035
OUT = Path(__file__).resolve().parents[1] / "src/desist/rules/data/bank-holidays.json"


def events() -> list[dict]:
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST, LAST + 1))
    out = []
    for day in sorted(days):
        if day.weekday() >= 5:
            continue
        title = days[day]
        substitute = "(observed)" in title
        out.append({"title": title.replace(" (observed)", "").strip(), "date": day.isoformat(),
                    "notes": "Substitute day" if substitute else "", "bunting": True})
    return out


def main() -> None:
    feed = {"england-and-wales": {"division": "england-and-wales", "events": events()}}
    OUT.write_text(json.dumps(feed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(feed['england-and-wales']['events'])} bank holidays, {FIRST}–{LAST}")


if __name__ == "__main__":
    main()
