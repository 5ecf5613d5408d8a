"""Inspection-grade ratings (inspection-framework.md "Ratings"; operating-model.md §15).

Computed exactly the way HM Inspectorate of Probation computes them, from the yes / relevant
counts of a case-audit round:

- a case-based standard (2.x, and 4.x for a CRC — 3.x for the NPS) is rated from its **lowest**
  key-question percentage: 80 or more Outstanding, 65 to under 80 Good, 50 to under 65
  Requires improvement, under 50 Inadequate;
- each key question's percentage is yes ÷ relevant. The "keeping other people safe" questions
  (2.x.3) are answered only for the relevant sub-sample (cases where risk of serious harm
  issues apply), so their denominator is that sub-sample, not the whole sample;
- domain 1 standards are rated from evidence and interviews and entered by the lead auditor;
- each standard scores Inadequate 0, Requires improvement 1, Good 2, Outstanding 3; the ten
  standards' total (0–30) gives the overall rating: 0–5 Inadequate, 6–15 Requires improvement,
  16–25 Good, 26–30 Outstanding.

**Rounding.** The inspectorate publishes whole percentages and its bands are whole-number
ranges, so a key question's percentage is rounded to the nearest whole number, halves up
(79.5% is published as 80%), and the rating is read from that published figure — the
percentage a reader sees and the rating always agree. An edition that rates on the unrounded
fraction sets ``Framework.rate_on_whole_percent = False``; either way the comparison is done in
exact integer arithmetic, and "80 or more" includes 80.

Thresholds, points, standards and key questions are data in :class:`Framework` (an edition may
change them). The default reproduces the Northumbria CRC inspection (November 2018): lowest
percentages 54 / 45 / 41 / 38 / 69 / 55 with domain 1 RI, Good, Good, RI give a total of 10,
Requires improvement — exactly as published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

SECTION = "inspection-framework.md Ratings"

OUTSTANDING = "outstanding"
GOOD = "good"
REQUIRES_IMPROVEMENT = "requires_improvement"
INADEQUATE = "inadequate"
#: Lowest first.
RATINGS = (INADEQUATE, REQUIRES_IMPROVEMENT, GOOD, OUTSTANDING)
RATING_NAMES = {
    OUTSTANDING: gettext_noop("Outstanding"),
    GOOD: gettext_noop("Good"),
    REQUIRES_IMPROVEMENT: gettext_noop("Requires improvement"),
    INADEQUATE: gettext_noop("Inadequate"),
}


def _rating(rating: str) -> Phrase:
    """A rating's name as a reason's parameter (translated with the reason)."""
    return Phrase.of(RATING_NAMES[rating])


def _cases(n: int) -> Phrase:
    """``n`` cases: "1 case", "3 cases" (a key question answered for one case is possible)."""
    return Phrase.count(n, gettext_noop("%(n)s case"), gettext_noop("%(n)s cases"))


@dataclass(frozen=True, slots=True)
class Framework:
    """One edition of the standards framework, as data."""

    edition: str = "HMI Probation standards 2018 (CRC)"
    domain1_standards: tuple[tuple[str, str], ...] = (
        ("1.1", "Leadership"),
        ("1.2", "Staff"),
        ("1.3", "Services"),
        ("1.4", "Information and facilities"),
    )
    #: ``(standard, name, key questions)``. 3.1 / 3.2 are the NPS numbering of 4.1 / 4.2.
    case_standards: tuple[tuple[str, str, tuple[str, ...]], ...] = (
        ("2.1", "Assessment", ("2.1.1", "2.1.2", "2.1.3")),
        ("2.2", "Planning", ("2.2.1", "2.2.2", "2.2.3")),
        ("2.3", "Implementation and delivery", ("2.3.1", "2.3.2", "2.3.3")),
        ("2.4", "Reviewing", ("2.4.1", "2.4.2", "2.4.3")),
        ("3.1", "Unpaid work (NPS)", ("3.1.1", "3.1.2", "3.1.3", "3.1.4")),
        ("3.2", "Through the Gate (NPS)", ("3.2.1", "3.2.2", "3.2.3")),
        ("4.1", "Unpaid work", ("4.1.1", "4.1.2", "4.1.3", "4.1.4")),
        ("4.2", "Through the Gate", ("4.2.1", "4.2.2", "4.2.3")),
    )
    #: Standards that belong to one provider type only; a round may not mix them.
    exclusive_groups: tuple[tuple[str, ...], ...] = (("3.1", "3.2"), ("4.1", "4.2"))
    #: Answered only for the relevant sub-sample (risk of serious harm issues apply).
    subsample_questions: frozenset[str] = frozenset({"2.1.3", "2.2.3", "2.3.3", "2.4.3"})
    #: ``(lowest %, rating)``, highest first: a percentage at or above the figure gets the rating.
    thresholds: tuple[tuple[int, str], ...] = (
        (80, OUTSTANDING),
        (65, GOOD),
        (50, REQUIRES_IMPROVEMENT),
        (0, INADEQUATE),
    )
    points: tuple[tuple[str, int], ...] = (
        (INADEQUATE, 0),
        (REQUIRES_IMPROVEMENT, 1),
        (GOOD, 2),
        (OUTSTANDING, 3),
    )
    #: ``(lowest total, overall rating)``, highest first.
    overall_bands: tuple[tuple[int, str], ...] = (
        (26, OUTSTANDING),
        (16, GOOD),
        (6, REQUIRES_IMPROVEMENT),
        (0, INADEQUATE),
    )
    #: The overall table assumes this many rated standards.
    standards_for_overall: int = 10
    rate_on_whole_percent: bool = True

    def __post_init__(self) -> None:
        for name in ("thresholds", "overall_bands"):
            bands = getattr(self, name)
            floors = [floor for floor, _ in bands]
            if floors != sorted(floors, reverse=True) or len(set(floors)) != len(floors):
                raise RuleInputError(name, "must run from the highest floor to the lowest")
            if floors[-1] != 0:
                raise RuleInputError(name, "the lowest band must start at 0")
            if any(rating not in RATINGS for _, rating in bands):
                raise RuleInputError(name, f"ratings must be among {', '.join(RATINGS)}")
        if {rating for rating, _ in self.points} != set(RATINGS):
            raise RuleInputError("points", "every rating needs points")


DEFAULT_FRAMEWORK = Framework()


@dataclass(frozen=True, slots=True)
class KeyQuestionCount:
    """How many audited cases answered yes, out of those where the question was relevant."""

    yes: int
    relevant: int


@dataclass(frozen=True, slots=True)
class KeyQuestionResult:
    code: str
    yes: int
    relevant: int
    percent: int | None
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class StandardRating:
    """``rating`` is ``None`` when the standard could not be rated (no answered questions)."""

    code: str
    name: str
    rating: str | None
    driven_by: str | None
    percent: int | None
    points: int | None
    key_questions: tuple[KeyQuestionResult, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rating": self.rating,
            "driven_by": self.driven_by,
            "percent": self.percent,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class RatingResult:
    """``overall`` is ``None`` unless every standard the overall table needs was rated."""

    standards: tuple[StandardRating, ...]
    score: int
    overall: str | None
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "standards": {s.code: s.as_dict() for s in self.standards},
            "score": self.score,
            "overall": self.overall,
            "reasons": [r.as_dict() for r in self.reasons],
        }


# ---------------------------------------------------------------------------------- helpers


def whole_percent(yes: int, relevant: int) -> int:
    """yes ÷ relevant as a whole percentage, halves rounded up (as published)."""
    return (200 * yes + relevant) // (2 * relevant)


def _band_phrase(bands: tuple[tuple[int, str], ...], index: int) -> Phrase:
    """The percentages a rating covers: "80% or more", "under 50%", "50 to under 65%"."""
    floor = bands[index][0]
    if index == 0:
        return Phrase.of(gettext_noop("%(floor)s%% or more"), floor=floor)
    ceiling = bands[index - 1][0]
    if floor == 0:
        return Phrase.of(gettext_noop("under %(ceiling)s%%"), ceiling=ceiling)
    return Phrase.of(gettext_noop("%(floor)s to under %(ceiling)s%%"), floor=floor,
                     ceiling=ceiling)


def _rating_index(value: Fraction | int, framework: Framework) -> int:
    for index, (floor, _) in enumerate(framework.thresholds):
        if value >= floor:
            return index
    return len(framework.thresholds) - 1


def rating_for_percent(percent: Fraction | int, framework: Framework = DEFAULT_FRAMEWORK) -> str:
    """The standard rating for a lowest key-question percentage."""
    return framework.thresholds[_rating_index(percent, framework)][1]


def _overall_text(bands: tuple[tuple[int, str], ...], index: int, maximum: int) -> str:
    floor = bands[index][0]
    top = maximum if index == 0 else bands[index - 1][0] - 1
    return f"{floor}–{top}"


def overall_for_score(score: int, framework: Framework = DEFAULT_FRAMEWORK) -> str:
    for floor, rating in framework.overall_bands:
        if score >= floor:
            return rating
    return framework.overall_bands[-1][1]


# ---------------------------------------------------------------------------------- rating


def rate_standard(
    code: str,
    counts: Mapping[str, KeyQuestionCount],
    framework: Framework = DEFAULT_FRAMEWORK,
) -> StandardRating:
    """Rate one case-based standard from the counts of its key questions."""
    entry = next((s for s in framework.case_standards if s[0] == code), None)
    if entry is None:
        raise RuleInputError("standard", f"{code!r} is not a case-based standard")
    _, name, questions = entry
    results: list[KeyQuestionResult] = []
    answered: list[tuple[Fraction, KeyQuestionResult]] = []
    missing: list[str] = []
    for question in questions:
        count = counts.get(question)
        if count is None or count.relevant == 0:
            missing.append(question)
            continue
        percent = whole_percent(count.yes, count.relevant)
        said = gettext_noop(
            "%(question)s: %(yes)s of %(cases)s, %(percent)s%% (of the relevant sub-sample: cases "
            "where risk of serious harm issues apply).") \
            if question in framework.subsample_questions \
            else gettext_noop("%(question)s: %(yes)s of %(cases)s, %(percent)s%%.")
        result = KeyQuestionResult(
            question,
            count.yes,
            count.relevant,
            percent,
            (Reason.of("kq_percent", SECTION, said, question=question, yes=count.yes,
                       cases=_cases(count.relevant), percent=percent),),
        )
        results.append(result)
        answered.append((Fraction(100 * count.yes, count.relevant), result))

    if not answered:
        reason = Reason.of(
            "standard_not_rated",
            SECTION,
            gettext_noop("%(standard)s %(name)s is not rated: none of its key questions was answered "
                         "for any case."),
            standard=code, name=name,
        )
        return StandardRating(code, name, None, None, None, None, (), (reason,))

    # min() keeps the first of equal values, so ties go to the earliest key question.
    exact, lowest = min(answered, key=lambda item: item[0])
    lowest_percent = whole_percent(lowest.yes, lowest.relevant)  # its .percent, never None here
    value: Fraction | int = lowest_percent if framework.rate_on_whole_percent else exact
    index = _rating_index(value, framework)
    rating = framework.thresholds[index][1]
    points = dict(framework.points)[rating]
    reasons = [
        Reason.of(
            f"standard_{rating}",
            SECTION,
            gettext_noop("%(standard)s %(name)s is %(rating)s: the lowest key question, "
                         "%(question)s, is %(percent)s%% (%(yes)s of %(relevant)s), and %(band)s "
                         "is %(rating)s."),
            standard=code, name=name, rating=_rating(rating), question=lowest.code,
            percent=lowest_percent, yes=lowest.yes, relevant=lowest.relevant,
            band=_band_phrase(framework.thresholds, index),
        )
    ]
    if framework.rate_on_whole_percent and Fraction(lowest_percent) != exact:
        reasons.append(
            Reason.of(
                "standard_whole_percent",
                SECTION,
                gettext_noop("%(yes)s of %(relevant)s is %(exact).2f%%, published and rated as "
                             "%(percent)s%% (whole percentages, halves rounded up)."),
                yes=lowest.yes, relevant=lowest.relevant, exact=float(exact),
                percent=lowest_percent,
            )
        )
    if not framework.rate_on_whole_percent and Fraction(lowest_percent) != exact:
        reasons.append(
            Reason.of(
                "standard_exact_percent",
                SECTION,
                gettext_noop("Rated on the unrounded figure, %(exact).2f%%."),
                exact=float(exact),
            )
        )
    if lowest.code in framework.subsample_questions:
        reasons.append(
            # One relevant case is "that 1 case" (it read "those 1 cases").
            Reason.of(
                "kq_relevant_subsample",
                SECTION,
                gettext_noop("%(question)s is answered only for the relevant sub-sample (cases "
                             "where risk of serious harm issues apply), so its percentage is of "
                             "that 1 case.") if lowest.relevant == 1 else
                gettext_noop("%(question)s is answered only for the relevant sub-sample (cases "
                             "where risk of serious harm issues apply), so its percentage is of "
                             "those %(relevant)s cases."),
                question=lowest.code, relevant=lowest.relevant,
            )
        )
    ties = [r.code for e, r in answered if e == exact and r is not lowest]
    if ties:
        reasons.append(
            Reason.of(
                "standard_tie",
                SECTION,
                gettext_noop("%(ties)s is equally low; the first, %(question)s, is named.")
                if len(ties) == 1 else
                gettext_noop("%(ties)s are equally low; the first, %(question)s, is named."),
                ties=tuple(ties), question=lowest.code,
            )
        )
    # Codes and figures only ("2.1.1 80%; 2.1.2 70%"): nothing in them to translate.
    figures = "; ".join(f"{r.code} {r.percent}%" for r in results)
    reasons.append(
        Reason.of(
            "standard_key_questions",
            SECTION,
            gettext_noop("Key questions: %(figures)s."),
            figures=figures,
        )
    )
    if missing:
        reasons.append(
            Reason.of(
                "standard_questions_unanswered",
                SECTION,
                gettext_noop("Not answered for any case, so not counted: %(questions)s."),
                questions=tuple(missing),
            )
        )
    return StandardRating(
        code, name, rating, lowest.code, lowest_percent, points, tuple(results), tuple(reasons)
    )


def rate(
    domain1: Mapping[str, str],
    key_questions: Mapping[str, KeyQuestionCount],
    framework: Framework = DEFAULT_FRAMEWORK,
) -> RatingResult:
    """Rate every standard given, total the points and give the overall rating."""
    domain1_names = dict(framework.domain1_standards)
    for code, rating in domain1.items():
        if code not in domain1_names:
            raise RuleInputError(
                f"domain1.{code}", f"not a domain 1 standard ({', '.join(domain1_names)})"
            )
        if rating not in RATINGS:
            raise RuleInputError(f"domain1.{code}", f"must be one of {', '.join(RATINGS)}")
    question_standard = {q: s[0] for s in framework.case_standards for q in s[2]}
    for code, count in key_questions.items():
        if code not in question_standard:
            raise RuleInputError(
                f"key_questions.{code}", f"not a key question of {framework.edition}"
            )
        _check_count(f"key_questions.{code}", count)
    used = {question_standard[q] for q in key_questions}
    groups = [g for g in framework.exclusive_groups if used & set(g)]
    if len(groups) > 1:
        raise RuleInputError(
            "key_questions",
            "mixes standards of different provider types: "
            + " and ".join("/".join(g) for g in groups),
        )

    points = dict(framework.points)
    standards: list[StandardRating] = []
    for code, name in framework.domain1_standards:
        if code in domain1:
            rating = domain1[code]
            reason = Reason.of(
                f"standard_{rating}",
                SECTION,
                gettext_noop("%(standard)s %(name)s is %(rating)s: domain 1 standards are rated from "
                             "evidence and interviews and entered by the lead auditor."),
                standard=code, name=name, rating=_rating(rating),
            )
            standards.append(
                StandardRating(code, name, rating, None, None, points[rating], (), (reason,))
            )
    for code, _name, _questions in framework.case_standards:
        if code in used:
            standards.append(rate_standard(code, key_questions, framework))

    rated = [s for s in standards if s.rating is not None]
    score = sum(s.points or 0 for s in rated)
    maximum = framework.standards_for_overall * max(points.values())
    breakdown = tuple(
        Phrase.of(gettext_noop("%(standard)s %(rating)s %(points)s"), standard=s.code,
                  rating=_rating(s.rating), points=s.points)
        for s in rated if s.rating is not None)
    reasons = [
        Reason.of(
            "overall_score",
            SECTION,
            gettext_noop("Each standard scores Inadequate 0, Requires improvement 1, Good 2, "
                         "Outstanding 3. Total %(score)s of a possible %(maximum)s "
                         "(%(breakdown)s).") if rated else
            gettext_noop("Each standard scores Inadequate 0, Requires improvement 1, Good 2, "
                         "Outstanding 3. Total %(score)s of a possible %(maximum)s."),
            score=score, maximum=maximum, breakdown=breakdown,
        )
    ]
    unrated = [s.code for s in standards if s.rating is None]
    if len(rated) == framework.standards_for_overall:
        overall = overall_for_score(score, framework)
        index = [r for _, r in framework.overall_bands].index(overall)
        reasons.append(
            Reason.of(
                f"overall_{overall}",
                SECTION,
                gettext_noop("A total of %(range)s is %(rating)s, so the overall rating is "
                             "%(rating)s."),
                range=_overall_text(framework.overall_bands, index, maximum),
                rating=_rating(overall),
            )
        )
    else:
        overall = None
        # Said whole four ways: one rated standard "was" (it read "1 were"), and with or
        # without the standards that could not be rated.
        if unrated:
            said = gettext_noop(
                "No overall rating: it needs all %(needed)s standards rated and %(rated)s was "
                "(%(unrated)s could not be rated).") if len(rated) == 1 else gettext_noop(
                "No overall rating: it needs all %(needed)s standards rated and %(rated)s were "
                "(%(unrated)s could not be rated).")
        else:
            said = gettext_noop(
                "No overall rating: it needs all %(needed)s standards rated and %(rated)s "
                "was.") if len(rated) == 1 else gettext_noop(
                "No overall rating: it needs all %(needed)s standards rated and %(rated)s were.")
        reasons.append(
            Reason.of(
                "overall_not_rated", SECTION, said,
                needed=framework.standards_for_overall, rated=len(rated),
                unrated=tuple(unrated),
            )
        )
    return RatingResult(tuple(standards), score, overall, tuple(reasons))


def _check_count(field: str, count: KeyQuestionCount) -> None:
    for name in ("yes", "relevant"):
        value = getattr(count, name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise RuleInputError(f"{field}.{name}", "must be a whole number")
        if value < 0:
            raise RuleInputError(f"{field}.{name}", "cannot be negative")
    if count.yes > count.relevant:
        raise RuleInputError(
            f"{field}.yes", f"{count.yes} yes cannot be more than {count.relevant} relevant"
        )


# ---------------------------------------------------------------------------------- CLI


def _whole_number(value: Any, field: str) -> int:
    # JSON writers sometimes emit 12.0 for 12; a fractional count is still an error.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleInputError(field, "must be a whole number")
    return value


def _rating_code(value: Any, field: str) -> str:
    if isinstance(value, str):
        code = value.strip().lower().replace(" ", "_").replace("-", "_")
        if code in RATINGS:
            return code
    raise RuleInputError(field, f"must be one of {', '.join(RATINGS)}")


def rate_payload(payload: dict) -> dict:
    """``desist rules rate``: JSON in, JSON out (see issue 3).

    In: ``{"domain1": {"1.1": rating, ...}, "key_questions": {"2.1.1": {"yes": int,
    "relevant": int}, ...}}``. Out: ``{"standards": {"2.1": {"rating", "driven_by",
    "percent", "reasons"}, ...}, "score": int, "overall": rating | null, "reasons": [...]}``.
    """
    if not isinstance(payload, dict):
        raise RuleInputError("payload", "must be a JSON object")
    unknown = sorted(set(payload) - {"domain1", "key_questions"})
    if unknown:
        raise RuleInputError(unknown[0], "unknown field (expected domain1, key_questions)")
    domain1_in = payload.get("domain1")
    domain1_in = {} if domain1_in is None else domain1_in
    questions_in = payload.get("key_questions")
    questions_in = {} if questions_in is None else questions_in
    if not isinstance(domain1_in, dict):
        raise RuleInputError("domain1", "must be an object of standard: rating")
    if not isinstance(questions_in, dict):
        raise RuleInputError("key_questions", "must be an object of key question: counts")
    domain1 = {
        str(code): _rating_code(value, f"domain1.{code}") for code, value in domain1_in.items()
    }
    counts: dict[str, KeyQuestionCount] = {}
    for code, value in questions_in.items():
        field = f"key_questions.{code}"
        if not isinstance(value, dict):
            raise RuleInputError(field, 'must be an object {"yes": int, "relevant": int}')
        extra = sorted(set(value) - {"yes", "relevant"})
        if extra:
            raise RuleInputError(f"{field}.{extra[0]}", "unknown field (expected yes, relevant)")
        for name in ("yes", "relevant"):
            if name not in value:
                raise RuleInputError(f"{field}.{name}", "is required")
        counts[str(code)] = KeyQuestionCount(
            _whole_number(value["yes"], f"{field}.yes"),
            _whole_number(value["relevant"], f"{field}.relevant"),
        )
    return rate(domain1, counts).as_dict()
