"""The inspection framework as data (inspection-framework.md; operating-model.md §15).

An edition is a JSON document (the default ships in ``frameworks/``): domains, standards, key
questions with their prompts, which questions are answered only for the relevant sub-sample,
the rating thresholds, points and overall bands. ``check_edition`` refuses a malformed edition
with the field at fault; ``rules_framework`` turns an edition into the rules core's
:class:`desist.rules.ratings.Framework`, so ratings are always computed by the rules core.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desist.errors import Refused
from desist.rules.errors import RuleInputError
from desist.rules.ratings import RATINGS, Framework

DEFAULT_EDITION = Path(__file__).parent / "frameworks" / "hmip-2018-crc.json"
STRANDS = ("supervision", "upw", "ttg")


class EditionRefused(Refused):
    default_code = "edition_invalid"


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    prompts: tuple[str, ...]
    relevant_only: bool
    standard: str
    strand: str


@dataclass(frozen=True)
class Standard:
    code: str
    name: str
    asks: str
    questions: tuple[Question, ...]
    strand: str | None  # None: domain 1, rated from evidence


def slug(code: str) -> str:
    """A key question's code as a form field name part: 2.1.3 → 2_1_3."""
    return code.replace(".", "_")


def default_edition() -> dict:
    return json.loads(DEFAULT_EDITION.read_text(encoding="utf-8"))


def _need(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise EditionRefused(f"{field}: {message}", code="edition_invalid",
                             problems={"edition": f"{field}: {message}"})


def standards(data: dict) -> tuple[Standard, ...]:
    out = []
    for domain in data["domains"]:
        for s in domain["standards"]:
            strand = None if domain.get("rated_from") == "evidence" else (
                s.get("sample") or domain.get("sample"))
            questions = tuple(
                Question(q["code"], q["text"], tuple(q.get("prompts", ())),
                         bool(q.get("relevant_only")), s["code"], strand or "")
                for q in s.get("questions", ()))
            out.append(Standard(s["code"], s["name"], s.get("asks", ""), questions, strand))
    return tuple(out)


def questions(data: dict, strand: str | None = None) -> tuple[Question, ...]:
    return tuple(q for s in standards(data) for q in s.questions
                 if strand is None or q.strand == strand)


def check_edition(data) -> dict:
    """The edition if it is well formed; otherwise ``EditionRefused`` naming the field."""
    _need(isinstance(data, dict), "edition", "must be a JSON object")
    for field in ("code", "name", "domains", "thresholds", "points", "overall_bands"):
        _need(field in data, field, "is required")
    _need(isinstance(data["code"], str) and 0 < len(data["code"]) <= 60, "code",
          "must be text of up to 60 characters")
    _need(isinstance(data["domains"], list) and data["domains"], "domains", "must be a list")
    seen: set[str] = set()
    for i, domain in enumerate(data["domains"]):
        _need(isinstance(domain, dict) and isinstance(domain.get("standards"), list),
              f"domains.{i}", "needs a list of standards")
        for j, s in enumerate(domain["standards"]):
            where = f"domains.{i}.standards.{j}"
            _need(isinstance(s, dict) and s.get("code") and s.get("name"), where,
                  "needs a code and a name")
            _need(s["code"] not in seen, where, f"{s['code']} appears twice")
            seen.add(s["code"])
            if domain.get("rated_from") == "evidence":
                continue
            strand = s.get("sample") or domain.get("sample")
            _need(strand in STRANDS, f"{where}.sample", f"must be one of {', '.join(STRANDS)}")
            _need(isinstance(s.get("questions"), list) and s["questions"], where,
                  "needs key questions")
            for k, q in enumerate(s["questions"]):
                _need(isinstance(q, dict) and q.get("code") and q.get("text"),
                      f"{where}.questions.{k}", "needs a code and text")
                _need(q["code"] not in seen, f"{where}.questions.{k}", f"{q['code']} appears twice")
                seen.add(q["code"])
    _need(isinstance(data["points"], dict) and set(data["points"]) == set(RATINGS), "points",
          f"needs points for each of {', '.join(RATINGS)}")
    try:
        rules_framework(data)
    except (RuleInputError, TypeError, ValueError, KeyError) as error:
        _need(False, getattr(error, "field", "edition"), str(getattr(error, "message", error)))
    return data


def rules_framework(data: dict) -> Framework:
    """The rules core's view of an edition: what ``ratings.rate`` computes with."""
    all_standards = standards(data)
    return Framework(
        edition=data["name"],
        domain1_standards=tuple((s.code, s.name) for s in all_standards if s.strand is None),
        case_standards=tuple((s.code, s.name, tuple(q.code for q in s.questions))
                             for s in all_standards if s.strand is not None),
        exclusive_groups=tuple(tuple(g) for g in data.get("exclusive_groups", ())),
        subsample_questions=frozenset(q.code for s in all_standards for q in s.questions
                                      if q.relevant_only),
        thresholds=tuple((int(floor), rating) for floor, rating in data["thresholds"]),
        points=tuple((rating, int(p)) for rating, p in data["points"].items()),
        overall_bands=tuple((int(floor), rating) for floor, rating in data["overall_bands"]),
        standards_for_overall=int(data.get("standards_for_overall", 10)),
        rate_on_whole_percent=bool(data.get("rate_on_whole_percent", True)),
    )
