"""Screening and pre-release assessments as versioned configuration (§13).

A definition is JSON: ``kind`` (screening or pre_release), ``title`` and ``questions``. Each
question has an ``id``, ``text``, a ``type`` (``yes_no``, ``choice`` with ``options`` as
``[value, label]`` pairs, or ``text``), optionally a ``pathway``, ``show_if`` (branching:
``{question id: answer}``, the question is asked only when that answer was given), ``required``
(default true) and ``raises`` (``{answer: [support need codes]}``). Plain Python, no Django, so an
administrator's file is checked the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from .choices import NEED_TYPES, AssessmentKind, Pathway

TYPES = ("yes_no", "choice", "text")
YES_NO = (("yes", "Yes"), ("no", "No"))


class DefinitionError(ValueError):
    pass


def check_definition(definition: object) -> dict:
    """The definition if it is well formed; raises :class:`DefinitionError` saying what is wrong."""
    if not isinstance(definition, Mapping):
        raise DefinitionError("The file must hold one JSON object.")
    if definition.get("kind") not in AssessmentKind.values:
        raise DefinitionError("'kind' must be 'screening' or 'pre_release'.")
    if not str(definition.get("title", "")).strip():
        raise DefinitionError("'title' is required.")
    questions = definition.get("questions")
    if not isinstance(questions, list) or not questions:
        raise DefinitionError("'questions' must be a list with at least one question.")
    seen: dict[str, dict] = {}
    for number, q in enumerate(questions, 1):
        where = f"Question {number}"
        if not isinstance(q, Mapping):
            raise DefinitionError(f"{where} must be an object.")
        qid = q.get("id")
        if not isinstance(qid, str) or not qid.isidentifier() or qid in seen:
            raise DefinitionError(f"{where}: 'id' must be a unique name of letters and _.")
        if not str(q.get("text", "")).strip():
            raise DefinitionError(f"{where} ({qid}): 'text' is required.")
        if q.get("type") not in TYPES:
            raise DefinitionError(f"{where} ({qid}): 'type' must be one of {', '.join(TYPES)}.")
        if q.get("pathway") is not None and q["pathway"] not in Pathway.values:
            raise DefinitionError(f"{where} ({qid}): unknown pathway {q['pathway']!r}.")
        values = {v for v, _label in options_of(q)}
        if q["type"] == "choice" and not values:
            raise DefinitionError(f"{where} ({qid}): a choice needs 'options'.")
        for answer, needs in (q.get("raises") or {}).items():
            if q["type"] != "text" and answer not in values:
                raise DefinitionError(f"{where} ({qid}): 'raises' names an answer {answer!r} "
                                      "the question does not offer.")
            unknown = [n for n in needs if n not in NEED_TYPES]
            if unknown:
                raise DefinitionError(f"{where} ({qid}): unknown support need(s) "
                                      f"{', '.join(unknown)}.")
        for other, answer in (q.get("show_if") or {}).items():
            if other not in seen:
                raise DefinitionError(f"{where} ({qid}): 'show_if' must name an earlier question.")
            if answer not in {v for v, _label in options_of(seen[other])}:
                raise DefinitionError(f"{where} ({qid}): 'show_if' answer {answer!r} is not "
                                      f"offered by {other}.")
        seen[qid] = dict(q)
    return dict(definition)


def options_of(question: Mapping) -> tuple[tuple[str, str], ...]:
    if question.get("type") == "yes_no":
        return YES_NO
    if question.get("type") == "choice":
        return tuple((str(v), str(label)) for v, label in question.get("options") or ())
    return ()


def asked(definition: Mapping, answers: Mapping[str, str]) -> list[dict]:
    """The questions asked given the answers so far (branching applied)."""
    out = []
    for q in definition["questions"]:
        show_if = q.get("show_if") or {}
        if all(answers.get(k) == v for k, v in show_if.items()):
            out.append(q)
    return out


def evaluate(definition: Mapping, answers: Mapping[str, str]) -> tuple[dict, list[str], dict]:
    """(kept answers, support needs raised in order, problems by question id)."""
    kept: dict[str, str] = {}
    problems: dict[str, str] = {}
    raised: list[str] = []
    for q in asked(definition, {**answers}):
        value = str(answers.get(q["id"], "") or "").strip()
        if not value:
            if q.get("required", True):
                problems[q["id"]] = f"Answer: {q['text']}"
            continue
        if q["type"] != "text" and value not in {v for v, _label in options_of(q)}:
            problems[q["id"]] = f"Choose one of the answers: {q['text']}"
            continue
        kept[q["id"]] = value[:2000]
        for need in (q.get("raises") or {}).get(value, ()):
            if need not in raised:
                raised.append(need)
    return kept, raised, problems
