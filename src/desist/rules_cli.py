"""``desist rules …``: the rules core on the command line (issue 3's command-line contract).

JSON on standard input, JSON on standard output; a JSON list in gives a list out, in order.
Invalid input gives exit status 2 and ``{"error": {"field": ..., "message": ...}}`` on standard
output (with ``"index"`` for the failing item of a list), never a traceback. Runs without
Django: ``desist.cli`` hands ``rules`` straight here. It lives beside ``desist.rules``, not in it:
the rules core is pure (no I/O, ADR 0007); this module is the I/O around it.

Subcommands: ``ogrs3`` (``risk-predictors.md``), ``band`` (``operating-model.md`` §4),
``rate`` and ``sample`` (``inspection-framework.md``; implemented in :mod:`desist.rules.ratings`
and :mod:`desist.rules.sampling`, imported only when used), ``tier`` (``tiering.md``,
:mod:`desist.rules.tiering`).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import IO, Any

from desist.rules import banding, ogrs3
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INVALID = 2

_WRAP = 96


def _wrap_codes(codes: list[str], indent: str = "    ") -> str:
    lines: list[str] = []
    line = indent
    for code in codes:
        piece = code + " "
        if len(line) + len(piece) > _WRAP:
            lines.append(line.rstrip())
            line = indent
        line += piece
    lines.append(line.rstrip())
    return "\n".join(lines)


def _labelled(labels: dict[str, str] | Any, indent: str = "    ") -> str:
    width = max(len(k) for k in labels)
    return "\n".join(f"{indent}{k.ljust(width)}  {v}" for k, v in labels.items())


# ----------------------------------------------------------------------------------------------
# Help texts (built from the rule modules' own tables so the documented codes cannot drift)

_COMMON = """\
Reads JSON from standard input and writes JSON to standard output. A JSON list of inputs gives
a list of outputs in the same order. Invalid input: exit status 2 and
  {"error": {"field": "<field>", "message": "...", "index": <item, for a list>}}
"""

OGRS3_HELP = f"""\
OGRS3 1- and 2-year proven-reoffending probabilities (risk-predictors.md; Howard et al.,
Ministry of Justice, 2009).

{_COMMON}
Input fields (dates ISO 8601, YYYY-MM-DD):
  sex                    "male" | "female"
  date_of_birth          date
  conviction_date        date of the current conviction (or caution / sentence)
  follow_up_start        date the prediction runs from (assessment, sentence or release date)
  total_sanctions        whole number >= 1, INCLUDING the current one (previous sanctions
                         beyond 50 are counted as 50)
  first_sanction_date    date of the first sanction; or instead
  age_at_first_sanction  completed years at the first sanction (if both are given they
                         must agree)
  offence_category       category of the current offence, one of the codes below
  id                     optional; copied to the output

Output:
  one_year, two_year            unrounded probabilities (0-1)
  one_year_percent, two_year_percent
                                percentages rounded half-up, clamped to 1-99
  band                          on the 2-year %: low 0-49, medium 50-74, high 75-89,
                                very_high 90+
  reasons                       [{{code, section, text}}]

Validation: age at conviction >= 10; first sanction not after the current conviction;
age at the start of follow-up >= 10.

Offence categories:
{_labelled(dict(ogrs3.OFFENCE_LABELS))}

Example:
  echo '{{"sex": "male", "date_of_birth": "1991-07-17", "conviction_date": "2021-08-05",
         "follow_up_start": "2021-12-12", "total_sanctions": 2, "age_at_first_sanction": 21,
         "offence_category": "fraud_forgery"}}' | desist rules ogrs3
"""

_C = banding.DEFAULT_CONFIG

BAND_HELP = f"""\
Colour band (operating-model.md §4): RoSH x risk of reoffending, floors, automatic and
"consider" BLUE/RED, red vs blue, minimum hours, NPS escalation, recategorisation.

{_COMMON}
Input fields:
  rosh              "low" | "medium" | "high" | "very_high"   (required)
  ogrs3_two_year    OGRS3 2-year percentage 0-100, or null; RoR is high at 50 or more
  ror_judgement     "low" | "high" | null; the officer's judgement of the risk of
                    reoffending, required when ogrs3_two_year is null
  requirements      list of requirement codes (below)
  registrations     list of registration codes (below)
  age               whole years; needed when "aces" is registered (young adult 18-24)
  close_to_change   true | false | null  (top band: true -> red, false -> blue,
                    null -> blue with a prompt to decide)
  previous_band     "green" | "yellow" | "red" | "blue" | null; the output then says
                    whether the proposal is up, down, same or lateral (red <-> blue)
  event             optional recategorisation event (needs previous_band):
{_wrap_codes(list(banding.EVENTS), "                    ")}
  id                optional; copied to the output

Output:
  band              "green" | "yellow" | "red" | "blue"
  minimum_hours     12 green, 24 yellow, 35 red, 35 blue
  make_up           {{new_directions: 2, contact: 10 | 22 | 33, contact_kind}}
  escalate_to_nps   true when RoSH is high or very high
  ror, ror_source   "low" | "high"; "ogrs3" | "judgement"
  floor             "none" | "yellow" | "red_or_blue" (lowest band the overrides allow)
  reasons, prompts  [{{code, section, text}}]; prompts are decisions for the manager
  previous_band, change, event   when previous_band was given

Requirement codes:
{_labelled(dict(banding.REQUIREMENT_LABELS))}
  Floor at YELLOW: {", ".join(sorted(_C.floor_requirements))}. The others do not change the band.

Registration codes:
{_labelled(dict(banding.REGISTRATION_LABELS))}
  Automatically BLUE/RED: {", ".join(sorted(_C.automatic_top))}.
  Floor at YELLOW: {", ".join(sorted(_C.floor_registrations))}; {
    ", ".join(sorted(_C.young_adult_registrations))} when age is {_C.young_adult_min_age} to {
    _C.young_adult_max_age}.
  Prompt to consider BLUE/RED (never moves the band; the manager decides):
{_wrap_codes(sorted(_C.consider_top))}
  Recorded, no effect on the band: {", ".join(sorted(_C.registration_codes - _C.automatic_top
    - _C.floor_registrations - _C.young_adult_registrations - _C.consider_top))}.
"""

RATE_HELP = f"""\
Inspection ratings (inspection-framework.md): standard ratings from key-question counts, the
overall score and rating.

{_COMMON}
Input:
  domain1         {{"1.1": rating, "1.2": rating, ...}}  ratings of the organisational standards
  key_questions   {{"2.1.1": {{"yes": int, "relevant": int}}, ...}}  case-audit counts
  Ratings: outstanding | good | requires_improvement | inadequate

Output:
  standards       {{"2.1": {{"rating", "driven_by", "percent"}}, ...}}
  score           int
  overall         rating
"""

SAMPLE_HELP = f"""\
Case-audit sampling (inspection-framework.md): Cochran's sample size with finite-population
correction, stratified proportional allocation (largest remainder), per-officer cap, reserve
list, reproducible from a seed.

{_COMMON}
Input, size only:
  {{"population": int, "confidence": 0.8, "margin": 0.05}}  ->  {{"size": int}}
Input, drawing the sample:
  {{"cases": [{{"id", "stratum", "officer"}}, ...], "seed": int, "max_per_officer": int,
   "reserve": int, "confidence": ..., "margin": ...}}
  ->  {{"size", "allocation": {{stratum: n}}, "sample": [ids], "reserve": [ids]}}
"""

TIER_HELP = """\
National tiering (tiering.md): protect level A-D, change level 0-3, S when unsupervised.

Input: one JSON object or a list; every key optional, an unknown key or value is refused.
  rosh                low | medium | high | very_high | null
  rsr                 RSR percentage 0-100, or null
  mappa_level         0-3 or null
  complexity_factors  list of: mental_health, self_harm, vulnerability, child_concerns,
                      child_protection, risk_to_children, public_interest, adult_at_risk, gangs,
                      terrorism (IOM is not one)
  gender              male | female
  women               {"parenting_responsibilities", "impulsivity_or_temper",
                       "breach_or_recall"}: true | false (women only; the first two count only
                      with an assessment)
  needs               null (no assessment) or {section: none | standard | severe}; sections:
                      accommodation, ete, relationships, lifestyle, drugs, alcohol,
                      thinking_and_behaviour, attitudes, finance, emotional_wellbeing
  ogrs3               whole percentage 0-100, or null
  iom                 true | false (default false)
  mandate_for_change  true | false (default true)
  unsupervised        true | false (default false)

Output: {"tier": "B2", "protect": "B", "change": 2, "protect_points": 20,
         "change_points": 12, "reasons": [{"code", "section", "text"}]}
change_points is 0 when there is no mandate for change or no assessment (no points are counted).

Example:
  echo '{"rosh": "high", "needs": {"drugs": "severe"}, "ogrs3": 55}' | desist rules tier
"""

TOP_HELP = """\
The operating model's rules as JSON in, JSON out (no database, no Django).

Subcommands (each has --help with its fields and codes):
  ogrs3    OGRS3 risk-of-reoffending scores (risk-predictors.md)
  band     colour band and minimum hours (operating-model.md §4)
  rate     inspection ratings (inspection-framework.md)
  sample   case-audit sample size and sample (inspection-framework.md)
  tier     national tier: protect A-D, change 0-3, S (tiering.md)
"""


# ----------------------------------------------------------------------------------------------
# Field readers: each names the field it rejects


def _required(d: dict[str, Any], key: str) -> Any:
    value = d.get(key)
    if value is None:
        raise RuleInputError(key, "is required")
    return value


def _date(d: dict[str, Any], key: str, required: bool = True) -> date | None:
    value = d.get(key)
    if value is None:
        if required:
            raise RuleInputError(key, "is required (an ISO 8601 date, YYYY-MM-DD)")
        return None
    if type(value) is not str:
        raise RuleInputError(key, "must be an ISO 8601 date string (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        # A timestamp is tolerated: only its calendar date matters to OGRS3.
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise RuleInputError(key, f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)") from None


def _whole(d: dict[str, Any], key: str, required: bool = True) -> int | None:
    value = d.get(key)
    if value is None:
        if required:
            raise RuleInputError(key, "is required (a whole number)")
        return None
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise RuleInputError(key, f"must be a whole number, not {value!r}")


# OGRS3's usual single reason depends only on the two percentages and the band, so its JSON
# form is built once per combination (at most 99 × 99) rather than once per input.
_OGRS3_REASONS: dict[tuple[int, int, str], list[dict[str, str]]] = {}


def _ogrs3_reasons(
    pct1: int, pct2: int, band: str, reasons: tuple[Reason, ...]
) -> list[dict[str, str]]:
    if len(reasons) != 1:
        return [r.as_dict() for r in reasons]
    key = (pct1, pct2, band)
    cached = _OGRS3_REASONS.get(key)
    if cached is None:
        cached = _OGRS3_REASONS[key] = [reasons[0].as_dict()]
    return cached


_SEX = {"male": "male", "female": "female", "m": "male", "f": "female"}


def _object(item: Any) -> dict[str, Any]:
    if type(item) is not dict:
        raise RuleInputError("input", "each input must be a JSON object")
    return item


# ----------------------------------------------------------------------------------------------
# Handlers: one JSON object in, one JSON-ready dict out


def ogrs3_item(item: Any) -> dict[str, Any]:
    d = _object(item)
    sex_raw = _required(d, "sex")
    sex = _SEX.get(sex_raw.lower()) if type(sex_raw) is str else None
    if sex is None:
        raise RuleInputError("sex", f"must be 'male' or 'female', not {sex_raw!r}")
    dob = _date(d, "date_of_birth")
    conviction = _date(d, "conviction_date")
    follow_up = _date(d, "follow_up_start")
    total = _whole(d, "total_sanctions")
    first_date = _date(d, "first_sanction_date", required=False)
    first_age = _whole(d, "age_at_first_sanction", required=False)
    if first_date is None and first_age is None:
        raise RuleInputError(
            "age_at_first_sanction", "is required (or give first_sanction_date instead)"
        )
    category = _required(d, "offence_category")
    if type(category) is not str:
        raise RuleInputError("offence_category", "must be a category code (see --help)")
    p1, p2, pct1, pct2, band, reasons = ogrs3.score_values(
        sex, dob, conviction, follow_up, total, category,  # type: ignore[arg-type]
        first_age, first_date,
    )
    out: dict[str, Any] = {
        "one_year": p1,
        "two_year": p2,
        "one_year_percent": pct1,
        "two_year_percent": pct2,
        "band": band,
        "reasons": _ogrs3_reasons(pct1, pct2, band, reasons),
    }
    if "id" in d:
        out = {"id": d["id"], **out}
    return out


def band_item(item: Any) -> dict[str, Any]:
    d = _object(item)
    rosh = _required(d, "rosh")
    age = d.get("age")
    if age is not None:
        age = _whole(d, "age")
    r = banding.band_case(
        rosh,
        d.get("ogrs3_two_year"),
        d.get("ror_judgement"),
        d.get("requirements") or frozenset(),
        d.get("registrations") or frozenset(),
        age,
        d.get("close_to_change"),
        d.get("previous_band"),
        d.get("event"),
    )
    out = r.as_dict()
    if "id" in d:
        out = {"id": d["id"], **out}
    return out


def rate_item(item: Any) -> dict[str, Any]:
    from desist.rules.ratings import rate_payload

    return rate_payload(_object(item))


def sample_item(item: Any) -> dict[str, Any]:
    from desist.rules.sampling import sample_payload

    return sample_payload(_object(item))


def tier_item(item: Any) -> dict[str, Any]:
    from desist.rules.tiering import tier_payload

    return tier_payload(_object(item))


HANDLERS: dict[str, tuple[Callable[[Any], dict[str, Any]], str, str]] = {
    "ogrs3": (ogrs3_item, "OGRS3 scores (risk-predictors.md)", OGRS3_HELP),
    "band": (band_item, "colour band and minimum hours (operating-model.md §4)", BAND_HELP),
    "rate": (rate_item, "inspection ratings (inspection-framework.md)", RATE_HELP),
    "sample": (sample_item, "case-audit sampling (inspection-framework.md)", SAMPLE_HELP),
    "tier": (tier_item, "national tier (tiering.md)", TIER_HELP),
}


# ----------------------------------------------------------------------------------------------
# Plumbing


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as JSON and prints help to the given stream."""

    def __init__(self, *args: Any, out: IO[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._out = out

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            (self._out or file or sys.stdout).write(message)


def _parser(out: IO[str]) -> _Parser:
    parser = _Parser(
        prog="desist rules",
        out=out,
        description=TOP_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(HANDLERS) + "}")
    for name, (_, summary, text) in HANDLERS.items():
        p = sub.add_parser(
            name,
            help=summary,
            description=text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            out=out,
        )
        p.add_argument("--pretty", action="store_true", help="indent the JSON output")
    return parser


def _error(field: str | None, message: str, index: int | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"field": field, "message": message}
    if index is not None:
        err["index"] = index
    return {"error": err}


def _failure(exc: Exception, index: int | None) -> tuple[int, dict[str, Any]]:
    if isinstance(exc, RuleInputError):
        return EXIT_INVALID, _error(exc.field, exc.message, index)
    if isinstance(exc, ImportError):
        return EXIT_INTERNAL, _error(None, f"this rule is not available in this build: {exc}")
    # Anything else raised while reading one input is still about that input: say what it was
    # rather than print a traceback.
    return EXIT_INVALID, _error("input", f"could not process this input: {exc!r}", index)


def main(argv: list[str], *, stdin: IO[Any] | None = None, stdout: IO[str] | None = None) -> int:
    """Run ``desist rules <command>``; returns the exit status."""
    out = sys.stdout if stdout is None else stdout
    src = sys.stdin if stdin is None else stdin

    def emit(payload: Any, pretty: bool = False) -> None:
        out.write(json.dumps(payload, indent=2 if pretty else None))
        out.write("\n")

    parser = _parser(out)
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        emit(_error("command", f"{exc}; see desist rules --help"))
        return EXIT_INVALID
    except SystemExit as exc:  # --help printed its text
        return int(exc.code or 0)
    if args.command is None:
        emit(_error("command", "choose one of: " + ", ".join(HANDLERS) + " (see --help)"))
        return EXIT_INVALID

    handler = HANDLERS[args.command][0]
    raw = src.buffer.read() if hasattr(src, "buffer") else src.read()
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        message = "no input on standard input" if not raw.strip() else f"not valid JSON: {exc}"
        emit(_error("input", message))
        return EXIT_INVALID

    if type(payload) is list:
        # A batch of 100,000 inputs is a few million objects that live until exit; keep the
        # cyclic collector from rescanning them while the results are built (the results hold
        # no cycles, so nothing is left for it to find).
        gc.freeze()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            results = []
            append = results.append
            for index, item in enumerate(payload):
                try:
                    append(handler(item))
                except Exception as exc:
                    status, error = _failure(exc, index)
                    emit(error)
                    return status
            emit(results, args.pretty)
            return EXIT_OK
        finally:
            # Called in-process (tests, other commands), leave the collector as it was.
            gc.unfreeze()
            if was_enabled:
                gc.enable()

    try:
        result = handler(payload)
    except Exception as exc:
        status, error = _failure(exc, None)
        emit(error)
        return status
    emit(result, args.pretty)
    return EXIT_OK


__all__ = ["BAND_HELP", "HANDLERS", "OGRS3_HELP", "band_item", "main", "ogrs3_item"]
