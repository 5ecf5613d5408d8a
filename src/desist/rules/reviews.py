"""When a case's review is due, and what a recorded review must show.

Implements ``operating-model.md`` §14 with the §7 check gate (failure F9 in §18: reviews
completed without updated domestic-abuse / social-care checks):

- reviews fall due at a **set interval by band** (configuration, :class:`ReviewConfig`);
- a **significant event** (RoSH change, new registration, breach, arrest, change of address)
  brings the review forward: it is due within ``event_days`` of the event, unless a review was
  recorded on or after the event's day;
- a review of a domestic-abuse or child-flagged case **cannot be recorded** while a required
  safeguarding check is missing or stale (the §7 gate the plan uses, reused here);
- a review where risk **rose** and the plan was **not adjusted** is flagged to the manager.

Desist's figures where the doc is silent: red and blue every 6 weeks (42 days), yellow every
12 weeks (84 days), green every 26 weeks (182 days), a case not yet banded every 12 weeks, and a
significant event brings the review to within 10 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from desist.rules import planning
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S7 = "operating-model.md §7"
S14 = "operating-model.md §14"

BANDS = ("green", "yellow", "red", "blue")
EVENT_KINDS = ("rosh_change", "new_registration", "breach", "arrest", "change_of_address")
EVENT_WORDS = {
    "rosh_change": "a change in RoSH",
    "new_registration": "a new registration",
    "breach": "a breach",
    "arrest": "an arrest",
    "change_of_address": "a change of address",
}
# The same words opening a sentence (a reason), written out: ``str.capitalize`` made "RoSH"
# "rosh", and a translation needs the whole phrase.
_EVENT_OPENS = {
    "rosh_change": gettext_noop("A change in RoSH"),
    "new_registration": gettext_noop("A new registration"),
    "breach": gettext_noop("A breach"),
    "arrest": gettext_noop("An arrest"),
    "change_of_address": gettext_noop("A change of address"),
}
ROSH_ORDER = planning.ROSH_ORDER
ROSH_WORDS = planning.ROSH_LABELS


@dataclass(frozen=True, slots=True)
class ReviewConfig:
    interval_days: dict[str, int] = field(
        default_factory=lambda: {"red": 42, "blue": 42, "yellow": 84, "green": 182}
    )
    unbanded_days: int = 84
    event_days: int = 10

    def __post_init__(self) -> None:
        for band, days in self.interval_days.items():
            if band not in BANDS:
                raise RuleInputError("interval_days", f"unknown band {band!r}")
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise RuleInputError("interval_days", "every interval must be 1 day or more")
        for name in ("unbanded_days", "event_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise RuleInputError(name, "must be a whole number, 0 or more")

    def days_for(self, band: str | None) -> int:
        return self.interval_days.get(band or "", self.unbanded_days)


DEFAULT_REVIEWS = ReviewConfig()


@dataclass(frozen=True, slots=True)
class SignificantEvent:
    kind: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """``since``: the last review, or the start of supervision when there has been none."""

    today: dt.date
    band: str | None
    since: dt.date
    reviewed_before: bool = False
    events: tuple[SignificantEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewDue:
    due_on: dt.date
    trigger: str  # "interval" or the event kind
    overdue: bool
    days_overdue: int
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {"due_on": self.due_on.isoformat(), "trigger": self.trigger,
                "overdue": self.overdue, "days_overdue": self.days_overdue,
                "reasons": [r.as_dict() for r in self.reasons]}


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def review_due(facts: ReviewFacts, config: ReviewConfig = DEFAULT_REVIEWS) -> ReviewDue:
    """The next review's due date: the band's interval, or sooner after a significant event."""
    for name in ("today", "since"):
        if not _is_date(getattr(facts, name)):
            raise RuleInputError(name, "must be a date")
    if facts.band is not None and facts.band not in BANDS:
        raise RuleInputError("band", f"must be one of {', '.join(BANDS)} or null")
    days = config.days_for(facts.band)
    due = facts.since + dt.timedelta(days=days)
    trigger = "interval"
    what = Phrase.of(gettext_noop("the last review")) if facts.reviewed_before \
        else Phrase.of(gettext_noop("the start of supervision"))
    band_words = Phrase.of(gettext_noop("a %(band)s case"), band=facts.band) if facts.band \
        else Phrase.of(gettext_noop("a case not yet banded"))
    reasons = [Reason.of("s14_review_interval", S14, gettext_noop(
        "Review %(case)s every %(days)s days: %(what)s was on %(since)s, so the next is due by "
        "%(due)s."), case=band_words, days=days, what=what, since=facts.since, due=due)]
    for event in facts.events:
        if event.kind not in EVENT_KINDS:
            raise RuleInputError("events", f"unknown event {event.kind!r}")
        if not _is_date(event.on):
            raise RuleInputError("events", "each event needs a date")
        if facts.reviewed_before and event.on <= facts.since:
            continue  # the review on or after the event's day took it into account
        event_due = event.on + dt.timedelta(days=config.event_days)
        if event_due < due:
            due, trigger = event_due, event.kind
            reasons.append(Reason.of(f"s14_review_after_{event.kind}", S14, gettext_noop(
                "%(event)s on %(on)s brings the review forward: due within %(days)s days, by "
                "%(due)s."), event=Phrase.of(_EVENT_OPENS[event.kind]), on=event.on, days=config.event_days,
                due=due))
    overdue = facts.today > due
    if overdue:
        late = (facts.today - due).days
        reasons.append(Reason.of(
            "s14_review_overdue", S14,
            gettext_noop("The review was due on %(due)s: it is %(late)s day overdue.")
            if late == 1 else
            gettext_noop("The review was due on %(due)s: it is %(late)s days overdue."),
            due=due, late=late))
    return ReviewDue(due, trigger, overdue, (facts.today - due).days if overdue else 0,
                     tuple(reasons))


def review_check_gate(
    flags: Iterable[str], check_dates: dict[str, dt.date | None], today: dt.date,
    rules: planning.CheckRules = planning.DEFAULT_CHECK_RULES,
) -> tuple[Reason, ...]:
    """Why a review cannot be recorded on this case (F9): each missing or stale check (§7)."""
    _states, blockers = planning.safeguarding_gate(flags, check_dates, today, rules)
    return tuple(
        Reason.of(b.code, b.section, gettext_noop(
            "%(blocker)s A review of a domestic-abuse or child-flagged case needs fresh checks "
            "(§14): request the check and record its result first."), blocker=b)
        for b in blockers
    )


def _rank(level: str | None) -> int:
    if not level:
        return -1
    if level not in ROSH_ORDER:
        raise RuleInputError("rosh", f"unknown RoSH level {level!r}")
    return ROSH_ORDER.index(level)


def risk_rose(before: str | None, after: str | None) -> bool:
    """RoSH is higher after the review than before it (both known)."""
    return _rank(before) >= 0 and _rank(after) > _rank(before)


def unadjusted_risk_flag(before: str | None, after: str | None, adjusted: bool,
                         risk_increased: bool = False) -> Reason | None:
    """A flag for the manager when risk rose at the review and the plan was not adjusted."""
    rose = risk_increased or risk_rose(before, after)
    if not rose or adjusted:
        return None
    if before is not None and after is not None and risk_rose(before, after):
        what = Phrase.of(gettext_noop("RoSH rose from %(before)s to %(after)s"),
                         before=ROSH_WORDS[before], after=ROSH_WORDS[after])
    else:
        what = Phrase.of(gettext_noop("The review recorded an increase in risk"))
    return Reason.of("s14_risk_rose_not_adjusted", S14, gettext_noop(
        "%(what)s and the review made no adjustment to the plan: a manager must look at the "
        "case."), what=what)
