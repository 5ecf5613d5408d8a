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
unacceptable is sent back for the RO to resolve, never actioned automatically: the arrangement
never silently overrides the RO's "unacceptable", and the "unacceptable" never silently
overrides the arrangement; the RO, shown both, either sets the arrangement aside for this
failure or judges it acceptable.

A warning counts towards breach from the day its letter was produced (the day the person was
warned), not the day it was decided: a warning still waiting for its letter (``warning_pending``)
does not count.

Letters (§10 "one letter per event", F11) are also decided here: which sentence the letter
speaks of (order, licence, post-sentence supervision), whether it may mention an earlier
warning, that an appointment letter is never sent for an appointment that has passed, that a
recall letter waits for the recall decision, and how letters to one person on one day about
missed appointments are combined into one. ``reschedule_allowed`` says when "rescheduled" may
still be recorded (before the appointment starts; afterwards it is an absence).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import (
    DEFAULT_TIMESCALES,
    Deadline,
    HolidaysArg,
    Timescales,
    add_months,
    deadline,
)

S11 = "operating-model.md §11"
S10 = "operating-model.md §10"

SENTENCE_TYPES = ("community_order", "sso", "licence", "pss")
# "warning": the person was warned on ``on`` (the day the warning letter was produced);
# "warning_pending": a warning decided on ``on`` whose letter has not been produced yet.
EVENT_KINDS = ("warning", "warning_pending", "unacceptable_failure", "breach", "recall")
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
    ``arrangement_set_aside``: the RO, shown the arrangement that covers the failure, confirmed
    it does not excuse this failure (the conflict is resolved in favour of "unacceptable").
    """

    on: date
    judged: str | None = None
    flexible_arrangement: bool = False
    evidence: str | None = None
    decided_on: date | None = None
    arrangement_set_aside: bool = False


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
    if not isinstance(failure.arrangement_set_aside, bool):
        raise RuleInputError("failure.arrangement_set_aside", "must be true or false")
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
            Reason.of(
                "s11_recategorisation_review",
                "operating-model.md §4",
                gettext_noop("An enforcement event is a significant event: review the colour band."),
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

    def due(kind: str, start: date) -> Deadline:
        return deadline(kind, start, timescales=timescales, holidays=holidays)

    set_aside = failure.flexible_arrangement and failure.judged == "unacceptable" \
        and failure.arrangement_set_aside
    if failure.flexible_arrangement and not set_aside:
        if failure.judged == "unacceptable":
            reasons = [
                Reason.of(
                    "s11_arrangement_conflict",
                    S11,
                    gettext_noop(
                        "The failure on %(on)s is covered by a flexible arrangement the RO agreed, "
                        "but it has been judged unacceptable: the RO must end the arrangement or "
                        "change the judgement before any warning is sent."),
                    on=failure.on,
                )
            ]
            return _decision(
                "awaiting_decision",
                "arrangement_conflict",
                reasons,
                due("absence_decision", failure.on),
            )
        reasons = [
            Reason.of(
                "s11_flexible_arrangement",
                S11,
                gettext_noop(
                    "The absence on %(on)s is covered by a flexible arrangement agreed by the RO "
                    "(for example childcare): no warning and no letter."),
                on=failure.on,
            )
        ]
        return _decision("none", "flexible_arrangement", reasons)

    if failure.judged is None:
        reasons = [
            Reason.of(
                "s11_awaiting_decision",
                S11,
                gettext_noop(
                    "The RO has not yet decided whether the absence on %(on)s was acceptable: "
                    "nothing is sent until they decide, with evidence."),
                on=failure.on,
            )
        ]
        return _decision(
            "awaiting_decision", "ro_decision", reasons, due("absence_decision", failure.on)
        )

    has_evidence = bool(failure.evidence and failure.evidence.strip())
    if failure.judged == "acceptable":
        reasons = [
            Reason.of(
                "s11_acceptable",
                S11,
                gettext_noop("The RO judged the absence on %(on)s acceptable: no enforcement "
                             "action."),
                on=failure.on,
            )
        ]
        if not has_evidence:
            reasons.append(
                Reason.of(
                    "s11_record_evidence",
                    S11,
                    gettext_noop("No evidence is recorded for the decision: record what it "
                                 "rests on."),
                )
            )
        return _decision("none", "acceptable", reasons)

    start = failure.decided_on or failure.on
    reasons = [
        Reason.of(
            "s11_unacceptable",
            S11,
            gettext_noop("The RO judged the failure on %(on)s unacceptable."),
            on=failure.on,
        )
    ]
    if not has_evidence:
        reasons.append(
            Reason.of(
                "s11_record_evidence",
                S11,
                gettext_noop(
                    "No evidence is recorded: the warning, breach report or recall request is "
                    "generated from the record, so record the evidence first."),
            )
        )
    if set_aside:
        reasons.append(
            Reason.of(
                "s11_arrangement_set_aside",
                S11,
                gettext_noop(
                    "A flexible arrangement covers the day, but the RO, shown it, confirmed that "
                    "it does not excuse this failure."),
            )
        )
    if case.sentence_type == "licence":
        reasons.append(
            Reason.of(
                "s11_licence_recall",
                S11,
                gettext_noop("On licence an unacceptable failure leads to a recall request."),
            )
        )
        return _decision("recall_request", None, reasons, due("recall_request", start))
    if case.sentence_type == "pss":
        reasons.append(
            Reason.of(
                "s11_pss_breach",
                S11,
                gettext_noop("On post-sentence supervision an unacceptable failure is breached "
                             "to the magistrates' court."),
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
    order = Phrase.of(gettext_noop("suspended sentence order")) if case.sentence_type == "sso" \
        else Phrase.of(gettext_noop("community order"))
    if live:
        last_warning = max(live)
        reasons.append(
            Reason.of(
                "s11_breach_after_warning",
                S11,
                gettext_noop(
                    "A warning was given on %(warned_on)s, within %(months)s months of this "
                    "failure: on a %(order)s a further unacceptable failure means breach "
                    "proceedings (return to court)."),
                warned_on=last_warning, months=months, order=order,
            )
        )
        if any(event.kind == "breach" and event.on >= last_warning for event in earlier):
            reasons.append(
                Reason.of(
                    "s11_breach_in_progress",
                    S11,
                    gettext_noop(
                        "Breach action has already been started since that warning: add this "
                        "failure to it if it is still open."),
                )
            )
        return _decision("breach", None, reasons, due("breach", start))

    reasons.append(
        Reason.of(
            "s11_first_warning",
            S11,
            gettext_noop("No warning in the %(months)s months before this failure: on a "
                         "%(order)s an unacceptable failure leads to a warning."),
            months=months, order=order,
        )
    )
    if expired:
        reasons.append(
            Reason.of(
                "s11_warning_expired",
                S11,
                gettext_noop(
                    "The last warning, on %(warned_on)s, was more than %(months)s months before "
                    "this failure, so it does not count towards breach."),
                warned_on=max(expired), months=months,
            )
        )
    pending = [event.on for event in earlier if event.kind == "warning_pending"]
    if pending:
        reasons.append(
            Reason.of(
                "s11_warning_letter_not_produced",
                S11,
                gettext_noop(
                    "A warning decided on %(decided_on)s does not count yet: a warning counts "
                    "towards breach only from the day its letter was produced."),
                decided_on=max(pending),
            )
        )
    unwarned = [
        event.on
        for event in earlier
        if event.kind == "unacceptable_failure" and add_months(event.on, months) >= failure_on
    ]
    if unwarned:
        reasons.append(
            Reason.of(
                "s11_earlier_failure_without_warning",
                S11,
                gettext_noop(
                    "An earlier unacceptable failure on %(on)s has no warning recorded: check the "
                    "record, because a warning given then would make this a breach."),
                on=max(unwarned),
            )
        )
    return _decision("warning", None, reasons, due("warning", start))


# --- Letters: what a letter may say, and when it may be sent (§10, §11, F11) -----------------

LETTER_KINDS = ("appointment", "warning", "breach", "recall")
# How a letter names the sentence the person is under.
SENTENCE_WORDING = {"community_order": "order", "sso": "order", "licence": "licence",
                    "pss": "pss"}
# Letters about missed appointments, most serious first: one of these per person per day.
MISSED_APPOINTMENT_LETTERS = ("breach", "warning")


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """What the record says when a letter is about to be produced.

    ``sentence_type``: the current community sentence (None if there is none).
    ``warned_on``: the day the person was last served a warning before the failure, if ever.
    ``appointment_at``: for an appointment letter, when the appointment starts (naive local
    time, like ``now``). ``recall_decided``: for a recall letter, the recall has been decided.
    """

    kind: str
    sentence_type: str | None
    now: datetime
    warned_on: date | None = None
    appointment_at: datetime | None = None
    recall_decided: bool = False


@dataclass(frozen=True, slots=True)
class LetterWording:
    """Whether to send, and which true sentences the letter may contain.

    ``sentence``: "order", "licence", "pss" or "none" (which sentence the letter speaks of).
    ``mention_warning``: the letter may say the person was warned before (and when).
    """

    send: bool
    sentence: str
    mention_warning: bool
    reasons: tuple[Reason, ...]


def letter_wording(facts: LetterFacts) -> LetterWording:
    """What a letter may truthfully say, and whether it may be sent now (§10, §11, F11)."""
    if facts.kind not in LETTER_KINDS:
        raise RuleInputError("kind", f"must be one of {', '.join(LETTER_KINDS)}")
    if facts.sentence_type is not None and facts.sentence_type not in SENTENCE_TYPES:
        raise RuleInputError("sentence_type", f"must be one of {', '.join(SENTENCE_TYPES)}")
    sentence = SENTENCE_WORDING.get(facts.sentence_type or "", "none")
    names = {"order": Phrase.of(gettext_noop("their order")),
             "licence": Phrase.of(gettext_noop("their licence conditions")),
             "pss": Phrase.of(gettext_noop("their post-sentence supervision")),
             "none": Phrase.of(gettext_noop("their supervision"))}
    reasons = [Reason.of("s11_letter_sentence", S11,
                         gettext_noop("The letter speaks of %(sentence)s, the sentence the person "
                                      "is under."), sentence=names[sentence])]
    send = True
    if facts.kind == "appointment" and facts.appointment_at is not None \
            and facts.appointment_at <= facts.now:
        send = False
        reasons.append(Reason.of("s10_no_invitation_to_past", S10, gettext_noop(
            "The appointment has already started: a letter must never invite a person to an "
            "appointment in the past.")))
    if facts.kind == "recall" and not facts.recall_decided:
        send = False
        reasons.append(Reason.of("s11_recall_not_decided", S11, gettext_noop(
            "The recall has not been decided: nothing is sent to the person about a recall "
            "request before the decision.")))
    warned_on = facts.warned_on
    mention = facts.kind == "breach" and sentence == "order" and warned_on is not None
    if facts.kind == "breach" and mention and warned_on is not None:
        reasons.append(Reason.of(
            "s11_letter_warning_mentioned", S11,
            gettext_noop("The person was warned on %(warned_on)s: the letter may say so."),
            warned_on=warned_on))
    elif facts.kind == "breach":
        reasons.append(Reason.of("s11_letter_no_warning_mentioned", S11, gettext_noop(
            "The person was not served a warning on this sentence before the failure: the "
            "letter must not say they were warned.")))
    return LetterWording(send, sentence, mention, tuple(reasons))


@dataclass(frozen=True, slots=True)
class PendingLetter:
    """A letter waiting to be produced: ``missed_on`` is the missed appointment it is about."""

    id: int
    person: int
    kind: str
    composed_on: date
    missed_on: date | None = None


@dataclass(frozen=True, slots=True)
class LetterGroup:
    """One letter to send (``lead``) standing for itself and ``combined``."""

    lead: int
    combined: tuple[int, ...]
    reasons: tuple[Reason, ...]


def combine_letters(pending: Iterable[PendingLetter]) -> tuple[LetterGroup, ...]:
    """At most one letter per person per day about missed appointments (§10 "one letter per
    event", F11): warning and breach letters composed for one person on one day become one
    letter of the most serious kind, listing every missed appointment. Other letters stand alone.
    """
    alone: list[LetterGroup] = []
    by_day: dict[tuple[int, date], list[PendingLetter]] = {}
    for letter in pending:
        if letter.kind in MISSED_APPOINTMENT_LETTERS:
            by_day.setdefault((letter.person, letter.composed_on), []).append(letter)
        else:
            alone.append(LetterGroup(letter.id, (), ()))
    groups = list(alone)
    for (_person, day), letters in by_day.items():
        rank = {kind: i for i, kind in enumerate(MISSED_APPOINTMENT_LETTERS)}
        ordered = sorted(letters, key=lambda x: (rank[x.kind], x.id))
        lead, rest = ordered[0], ordered[1:]
        reasons: tuple[Reason, ...] = ()
        if rest:
            reasons = (Reason.of(
                "s10_one_letter_per_day", S10,
                gettext_noop("%(count)s letters about missed appointments were due to this "
                             "person on %(on)s: they are sent as one %(kind)s letter listing "
                             "every missed appointment."),
                count=len(letters), on=day, kind=lead.kind),)
        groups.append(LetterGroup(lead.id, tuple(x.id for x in rest), reasons))
    return tuple(sorted(groups, key=lambda g: g.lead))


@dataclass(frozen=True, slots=True)
class RescheduleCheck:
    allowed: bool
    reasons: tuple[Reason, ...]


def reschedule_allowed(starts_at: datetime, now: datetime) -> RescheduleCheck:
    """"Rescheduled" is a change made before the appointment: once its time has come, a person
    who did not come is absent, and the absence goes to the RO to decide (§10, §11)."""
    if starts_at > now:
        return RescheduleCheck(True, (Reason.of("s10_reschedule_before", S10, gettext_noop(
            "The appointment has not started: it can be rescheduled.")),))
    return RescheduleCheck(False, (Reason.of(
        "s10_reschedule_after_start", S10, gettext_noop(
            "The appointment time has passed, so it cannot be recorded as rescheduled: record "
        "whether the person attended or was absent (an absence goes to the responsible "
        "officer to decide).")),))
