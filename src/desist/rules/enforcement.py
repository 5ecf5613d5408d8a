"""Enforcement: the action a failure to comply requires, and its deadline.

Implements ``operating-model.md`` §11 (and failure F11 in §18):

- the responsible officer (RO) decides whether an absence was acceptable or unacceptable, with
  evidence; until then nothing is sent (``awaiting_decision``, with a deadline for the decision);
- a flexible arrangement agreed by the RO (e.g. childcare) stops automated warnings: a single
  mother received a warning letter threatening prison for an absence her RO had agreed;
- community orders and SSOs: an unacceptable failure leads to a warning; a further unacceptable
  failure within 12 months of a warning leads to breach proceedings (return to court);
- licences: a recall request; post-sentence supervision (PSS): breach to the magistrates' court;
- timescales for starting breach are configuration (``desist.rules.timescales.Timescales``);
- compliance and enforcement events trigger a recategorisation review of the band (§4).

Desist's choices where the doc is silent: a warning counts if it was given before the day of the
new failure and the failure falls within 12 calendar months of it (a warning dated the same day
is taken to be for this failure, so re-running the rule never escalates it); the clock for the
action starts when the RO decided (``decided_on``), or on the failure date if that is not
recorded. A failure covered by a flexible arrangement that the RO has nonetheless judged
unacceptable is sent back for the RO to resolve, never actioned automatically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.timescales import (
    DEFAULT_TIMESCALES,
    Deadline,
    HolidaysArg,
    Timescales,
    add_months,
    deadline,
    format_date,
)

S11 = "operating-model.md §11"

SENTENCE_TYPES = ("community_order", "sso", "licence", "pss")
EVENT_KINDS = ("warning", "unacceptable_failure", "breach", "recall")
JUDGEMENTS = ("acceptable", "unacceptable")
ACTIONS = (
    "none",
    "awaiting_decision",
    "warning",
    "breach",
    "recall_request",
    "breach_to_magistrates",
)


@dataclass(frozen=True, slots=True)
class EnforcementConfig:
    warning_window_months: int = 12

    def __post_init__(self) -> None:
        value = self.warning_window_months
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise RuleInputError("warning_window_months", "must be 1 or more months")


DEFAULT_ENFORCEMENT = EnforcementConfig()


@dataclass(frozen=True, slots=True)
class ComplianceEvent:
    """An earlier event on this sentence: ``kind`` is one of :data:`EVENT_KINDS`."""

    kind: str
    on: date


@dataclass(frozen=True, slots=True)
class Failure:
    """The new failure to comply.

    ``judged``: "acceptable", "unacceptable" or None while the RO has not decided.
    ``flexible_arrangement``: an arrangement agreed by the RO covers it.
    ``evidence``: what the decision rests on (a note or document reference).
    """

    on: date
    judged: str | None = None
    flexible_arrangement: bool = False
    evidence: str | None = None
    decided_on: date | None = None


@dataclass(frozen=True, slots=True)
class EnforcementInput:
    sentence_type: str
    failure: Failure
    history: tuple[ComplianceEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class EnforcementDecision:
    """The required action (one of :data:`ACTIONS`).

    ``basis`` says why no action is taken ("acceptable" / "flexible_arrangement"), or, for
    ``awaiting_decision``, what is awaited ("ro_decision" / "arrangement_conflict").
    ``deadline`` is the date the action (or the RO's decision) is due; ``review_band`` asks the
    manager to review the colour band (§4).
    """

    action: str
    basis: str | None
    deadline: date | None
    deadline_working_days: int | None
    review_band: bool
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "basis": self.basis,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_working_days": self.deadline_working_days,
            "review_band": self.review_band,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _validate(case: EnforcementInput) -> tuple[ComplianceEvent, ...]:
    if case.sentence_type not in SENTENCE_TYPES:
        raise RuleInputError(
            "sentence_type",
            f"must be one of {', '.join(SENTENCE_TYPES)} (custody has nothing to enforce in the "
            f"community), not {case.sentence_type!r}",
        )
    failure = case.failure
    if not isinstance(failure, Failure):
        raise RuleInputError("failure", "must be a Failure")
    if not _is_date(failure.on):
        raise RuleInputError("failure.on", "must be a date (YYYY-MM-DD)")
    if failure.judged is not None and failure.judged not in JUDGEMENTS:
        raise RuleInputError("failure.judged", "must be acceptable, unacceptable or null")
    if not isinstance(failure.flexible_arrangement, bool):
        raise RuleInputError("failure.flexible_arrangement", "must be true or false")
    if failure.evidence is not None and not isinstance(failure.evidence, str):
        raise RuleInputError("failure.evidence", "must be text or null")
    if failure.decided_on is not None:
        if not _is_date(failure.decided_on):
            raise RuleInputError("failure.decided_on", "must be a date or null")
        if failure.decided_on < failure.on:
            raise RuleInputError("failure.decided_on", "cannot be before the failure")
    history = case.history
    if isinstance(history, (str, bytes)) or not isinstance(history, Iterable):
        raise RuleInputError("history", "must be a list of compliance events")
    events = tuple(history)
    for event in events:
        if not isinstance(event, ComplianceEvent) or event.kind not in EVENT_KINDS:
            raise RuleInputError(
                "history", f"{event!r}: each event's kind must be one of {', '.join(EVENT_KINDS)}"
            )
        if not _is_date(event.on):
            raise RuleInputError("history", f"{event!r}: the event needs a date")
    return events


def _decision(
    action: str,
    basis: str | None,
    reasons: list[Reason],
    due: Deadline | None = None,
) -> EnforcementDecision:
    if due is not None:
        reasons.extend(due.reasons)
    review = action in ("warning", "breach", "recall_request", "breach_to_magistrates")
    if review:
        reasons.append(
            Reason(
                "s11_recategorisation_review",
                "operating-model.md §4",
                "An enforcement event is a significant event: review the colour band.",
            )
        )
    return EnforcementDecision(
        action,
        basis,
        due.due if due else None,
        due.working_days if due else None,
        review,
        tuple(reasons),
    )


def decide_enforcement(
    case: EnforcementInput,
    *,
    config: EnforcementConfig = DEFAULT_ENFORCEMENT,
    timescales: Timescales = DEFAULT_TIMESCALES,
    holidays: HolidaysArg = None,
) -> EnforcementDecision:
    """The action a new failure requires under §11, with its deadline and reasons."""
    history = _validate(case)
    failure = case.failure
    when = format_date(failure.on)

    def due(kind: str, start: date) -> Deadline:
        return deadline(kind, start, timescales=timescales, holidays=holidays)

    if failure.flexible_arrangement:
        if failure.judged == "unacceptable":
            reasons = [
                Reason(
                    "s11_arrangement_conflict",
                    S11,
                    f"The failure on {when} is covered by a flexible arrangement the RO agreed, "
                    "but it has been judged unacceptable: the RO must end the arrangement or "
                    "change the judgement before any warning is sent.",
                )
            ]
            return _decision(
                "awaiting_decision",
                "arrangement_conflict",
                reasons,
                due("absence_decision", failure.on),
            )
        reasons = [
            Reason(
                "s11_flexible_arrangement",
                S11,
                f"The absence on {when} is covered by a flexible arrangement agreed by the RO "
                "(for example childcare): no warning and no letter.",
            )
        ]
        return _decision("none", "flexible_arrangement", reasons)

    if failure.judged is None:
        reasons = [
            Reason(
                "s11_awaiting_decision",
                S11,
                f"The RO has not yet decided whether the absence on {when} was acceptable: "
                "nothing is sent until they decide, with evidence.",
            )
        ]
        return _decision(
            "awaiting_decision", "ro_decision", reasons, due("absence_decision", failure.on)
        )

    has_evidence = bool(failure.evidence and failure.evidence.strip())
    if failure.judged == "acceptable":
        reasons = [
            Reason(
                "s11_acceptable",
                S11,
                f"The RO judged the absence on {when} acceptable: no enforcement action.",
            )
        ]
        if not has_evidence:
            reasons.append(
                Reason(
                    "s11_record_evidence",
                    S11,
                    "No evidence is recorded for the decision: record what it rests on.",
                )
            )
        return _decision("none", "acceptable", reasons)

    start = failure.decided_on or failure.on
    reasons = [
        Reason(
            "s11_unacceptable",
            S11,
            f"The RO judged the failure on {when} unacceptable.",
        )
    ]
    if not has_evidence:
        reasons.append(
            Reason(
                "s11_record_evidence",
                S11,
                "No evidence is recorded: the warning, breach report or recall request is "
                "generated from the record, so record the evidence first.",
            )
        )
    if case.sentence_type == "licence":
        reasons.append(
            Reason(
                "s11_licence_recall",
                S11,
                "On licence an unacceptable failure leads to a recall request.",
            )
        )
        return _decision("recall_request", None, reasons, due("recall_request", start))
    if case.sentence_type == "pss":
        reasons.append(
            Reason(
                "s11_pss_breach",
                S11,
                "On post-sentence supervision an unacceptable failure is breached to the "
                "magistrates' court.",
            )
        )
        return _decision("breach_to_magistrates", None, reasons, due("breach", start))
    return _community_order(case, history, reasons, start, config, due)


def _community_order(
    case: EnforcementInput,
    history: tuple[ComplianceEvent, ...],
    reasons: list[Reason],
    start: date,
    config: EnforcementConfig,
    due: Callable[[str, date], Deadline],
) -> EnforcementDecision:
    failure_on = case.failure.on
    months = config.warning_window_months
    earlier = [event for event in history if event.on < failure_on]
    live = [
        event.on
        for event in earlier
        if event.kind == "warning" and add_months(event.on, months) >= failure_on
    ]
    expired = [
        event.on
        for event in earlier
        if event.kind == "warning" and add_months(event.on, months) < failure_on
    ]
    order = "suspended sentence order" if case.sentence_type == "sso" else "community order"
    if live:
        last_warning = max(live)
        reasons.append(
            Reason(
                "s11_breach_after_warning",
                S11,
                f"A warning was given on {format_date(last_warning)}, within {months} months "
                f"of this failure: on a {order} a further unacceptable failure means breach "
                "proceedings (return to court).",
            )
        )
        if any(event.kind == "breach" and event.on >= last_warning for event in earlier):
            reasons.append(
                Reason(
                    "s11_breach_in_progress",
                    S11,
                    "Breach action has already been started since that warning: add this "
                    "failure to it if it is still open.",
                )
            )
        return _decision("breach", None, reasons, due("breach", start))

    reasons.append(
        Reason(
            "s11_first_warning",
            S11,
            f"No warning in the {months} months before this failure: on a {order} an "
            "unacceptable failure leads to a warning.",
        )
    )
    if expired:
        reasons.append(
            Reason(
                "s11_warning_expired",
                S11,
                f"The last warning, on {format_date(max(expired))}, was more than {months} "
                "months before this failure, so it does not count towards breach.",
            )
        )
    unwarned = [
        event.on
        for event in earlier
        if event.kind == "unacceptable_failure" and add_months(event.on, months) >= failure_on
    ]
    if unwarned:
        reasons.append(
            Reason(
                "s11_earlier_failure_without_warning",
                S11,
                f"An earlier unacceptable failure on {format_date(max(unwarned))} has no warning "
                "recorded: check the record, because a warning given then would make this a "
                "breach.",
            )
        )
    return _decision("warning", None, reasons, due("warning", start))
