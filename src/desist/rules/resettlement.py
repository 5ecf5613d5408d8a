"""Through the Gate: resettlement before release (operating model §13, with §3 and §5).

Pure rules, no Django:

- the **screening deadline**: the first resettlement screening within N working days of
  reception into custody;
- the **plan deadline**: the resettlement plan complete M weeks before release (moved back to
  the last working day when that falls on a weekend or bank holiday);
- the **hand-over date**: the community officer is assigned when the case passes from the hub to
  the LMC, 12 weeks before release or earlier on a ROTL / HDC request (§3.2; the same
  configuration intake routing uses, ``desist.rules.routing.RoutingConfig``);
- the **blocking conditions** on completing a plan (§13: "the plan must address risk of harm and
  domestic abuse"; F19: prescriptions on release): every pathway looked at; a domestic-abuse or
  child-safeguarding case needs its risk-of-harm section; a drug need needs the prescription
  task;
- the **accommodation alert**: an unresolved accommodation need from 4 weeks before release;
- the **on-time measure** (§13 service level, target 95%).

§13 gives no numbers for the screening or the plan; the defaults follow HMPPS Through the Gate
practice (screening within 5 working days of reception) and are Desist defaults otherwise. All of
them are configuration: pass an edited :class:`ResettlementConfig`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.routing import DEFAULT_ROUTING, RoutingConfig
from desist.rules.timescales import (
    SOURCE_HOLIDAYS,
    Deadline,
    HolidaysArg,
    calendar_for,
    format_date,
)

S13 = "operating-model.md §13"
S3 = "operating-model.md §3"
F19 = "operating-model.md F19"

PATHWAYS: tuple[str, ...] = (
    "accommodation",
    "attitudes",
    "children_families",
    "drugs_alcohol",
    "ete",
    "finance_id",
    "health",
)
PATHWAY_STATUSES: tuple[str, ...] = (
    "not_started", "in_progress", "declined", "not_required", "done",
)
# A pathway in one of these has been looked at and settled for the plan.
SETTLED_STATUSES = frozenset({"declined", "not_required", "done"})

# Registration codes (people.choices.RegistrationType) that make the risk section compulsory.
DOMESTIC_ABUSE = frozenset({"domestic_abuse"})
CHILD_SAFEGUARDING = frozenset({"child_protection_plan", "child_concern", "child_in_need"})
RISK_SECTION_FLAGS = DOMESTIC_ABUSE | CHILD_SAFEGUARDING


def _int(name: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RuleInputError(name, f"must be a whole number, {minimum} or more")
    return value


def _date(name: str, value: object) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise RuleInputError(name, "must be a date (YYYY-MM-DD)")
    return value


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True, slots=True)
class ResettlementConfig:
    """The §13 service levels; pass an edited copy to change them."""

    screening_working_days: int = 5
    plan_weeks_before_release: int = 2
    accommodation_alert_weeks: int = 4
    on_time_target_percent: int = 95

    def __post_init__(self) -> None:
        for item in fields(self):
            _int(item.name, getattr(self, item.name))
        if self.on_time_target_percent > 100:
            raise RuleInputError("on_time_target_percent", "must be 100 or less")


DEFAULT_RESETTLEMENT = ResettlementConfig()

DEFAULT_SOURCES: dict[str, str] = {
    "screening_working_days": "operating-model.md §13: Desist default 5 working days "
    "(HMPPS Through the Gate screening)",
    "plan_weeks_before_release": "operating-model.md §13 'completed before release': "
    "Desist default 2 weeks",
    "accommodation_alert_weeks": "operating-model.md §13 (issue 16): 4 weeks",
    "on_time_target_percent": "operating-model.md §13: target 95%",
}


# ---------------------------------------------------------------------------------------------
# Deadlines


def screening_deadline(
    reception: date,
    *,
    config: ResettlementConfig = DEFAULT_RESETTLEMENT,
    holidays: HolidaysArg = None,
) -> Deadline:
    """The resettlement screening, N working days after reception into custody."""
    _date("reception", reception)
    calendar = calendar_for(holidays)
    days = config.screening_working_days
    due = calendar.add_working_days(reception, days)
    reasons = [
        Reason(
            "s13_screening_due",
            S13,
            f"Screen the person for resettlement needs within {_plural(days, 'working day')} "
            f"of reception into custody ({format_date(reception)}): by {format_date(due)}.",
        )
    ]
    skipped = calendar.holidays_between(reception, due)
    if skipped:
        reasons.append(
            Reason(
                "timescale_bank_holidays",
                SOURCE_HOLIDAYS,
                "Bank holidays are not working days: "
                + ", ".join(format_date(day) for day in skipped) + ".",
            )
        )
    return Deadline("resettlement_screening", reception, due, days, tuple(reasons))


def plan_deadline(
    release: date,
    *,
    config: ResettlementConfig = DEFAULT_RESETTLEMENT,
    holidays: HolidaysArg = None,
) -> Deadline:
    """The resettlement plan complete M weeks before release (a working day on or before)."""
    _date("release", release)
    calendar = calendar_for(holidays)
    weeks = config.plan_weeks_before_release
    nominal = release - timedelta(weeks=weeks)
    due = nominal if calendar.is_working_day(nominal) else calendar.add_working_days(nominal, -1)
    reasons = [
        Reason(
            "s13_plan_due",
            S13,
            f"Complete the resettlement plan {_plural(weeks, 'week')} before release "
            f"({format_date(release)}): by {format_date(due)}.",
        )
    ]
    if due != nominal:
        reasons.append(
            Reason(
                "timescale_not_working_day",
                SOURCE_HOLIDAYS,
                f"{format_date(nominal)} is not a working day, so the plan is due on the last "
                "working day before it.",
            )
        )
    return Deadline("resettlement_plan", release, due, None, tuple(reasons))


@dataclass(frozen=True, slots=True)
class Handover:
    on: date
    trigger: str  # "release" or "rotl_hdc"
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {"on": self.on.isoformat(), "trigger": self.trigger,
                "reasons": [r.as_dict() for r in self.reasons]}


def handover_date(
    release: date,
    *,
    rotl_hdc_request: date | None = None,
    routing: RoutingConfig = DEFAULT_ROUTING,
) -> Handover:
    """When the community officer is assigned: the date intake routing passes the case to the
    LMC (§3.2), 12 weeks before release or earlier on a ROTL / HDC request."""
    _date("release", release)
    weeks = routing.pass_to_lmc_weeks_before_release
    on, trigger = release - timedelta(weeks=weeks), "release"
    if rotl_hdc_request is not None and _date("rotl_hdc_request", rotl_hdc_request) < on:
        on, trigger = rotl_hdc_request, "rotl_hdc"
    if trigger == "release":
        text = (f"Assign the community officer {_plural(weeks, 'week')} before release "
                f"({format_date(release)}), when the case passes to the LMC: on {format_date(on)}.")
    else:
        text = (f"A ROTL or HDC request on {format_date(on)} brings the hand-over forward: assign "
                "the community officer now.")
    return Handover(on, trigger, (Reason(f"s3_handover_{trigger}", S3, text),))


# ---------------------------------------------------------------------------------------------
# Completing the plan


@dataclass(frozen=True, slots=True)
class NeedFact:
    """A support need on the plan. ``drug`` marks a drug need; ``prescription`` marks the
    prescription-on-release task; ``accommodation`` the accommodation need."""

    kind: str
    open: bool
    drug: bool = False
    prescription: bool = False
    accommodation: bool = False


@dataclass(frozen=True, slots=True)
class PlanFacts:
    pathways: dict[str, str]
    registrations: frozenset[str] = frozenset()
    risk_section_written: bool = False
    needs: tuple[NeedFact, ...] = ()
    screened: bool = True


@dataclass(frozen=True, slots=True)
class CompletionResult:
    allowed: bool
    problems: tuple[Reason, ...]
    fields: dict[str, str]

    def as_dict(self) -> dict[str, object]:
        return {"allowed": self.allowed, "problems": [r.as_dict() for r in self.problems]}


PATHWAY_WORDS = {
    "accommodation": "accommodation",
    "attitudes": "attitudes, thinking and behaviour",
    "children_families": "children, families and communities",
    "drugs_alcohol": "drugs and alcohol",
    "ete": "education, training and employment",
    "finance_id": "finance and ID",
    "health": "health",
}


def completion_problems(facts: PlanFacts) -> CompletionResult:
    """Why the plan cannot be completed yet (empty: it can)."""
    unknown = sorted(set(facts.pathways) - set(PATHWAYS))
    if unknown:
        raise RuleInputError("pathways", f"unknown pathway(s) {', '.join(unknown)}")
    bad = sorted(s for s in facts.pathways.values() if s not in PATHWAY_STATUSES)
    if bad:
        raise RuleInputError("pathways", f"unknown status(es) {', '.join(bad)}")
    problems: list[Reason] = []
    where: dict[str, str] = {}
    if not facts.screened:
        problems.append(Reason("s13_not_screened", S13,
                               "Record the screening before completing the plan."))
        where["s13_not_screened"] = "screening"
    unsettled = [p for p in PATHWAYS if facts.pathways.get(p, "not_started") == "not_started"]
    if unsettled:
        problems.append(Reason(
            "s13_pathways_not_started", S13,
            "Every pathway must be looked at before the plan is complete. Not started: "
            + ", ".join(PATHWAY_WORDS[p] for p in unsettled) + "."))
        where["s13_pathways_not_started"] = "pathways"
    flags = facts.registrations & RISK_SECTION_FLAGS
    if flags and not facts.risk_section_written:
        what = []
        if flags & DOMESTIC_ABUSE:
            what.append("domestic abuse")
        if flags & CHILD_SAFEGUARDING:
            what.append("child safeguarding")
        problems.append(Reason(
            "s13_risk_section_missing", S13,
            f"This case has a {' and '.join(what)} flag: the plan must address risk of harm. "
            "Write the risk of harm section, linked to the community risk management plan, "
            "before completing the plan."))
        where["s13_risk_section_missing"] = "risk_section"
    drug = any(n.drug for n in facts.needs)
    prescription = any(n.prescription for n in facts.needs)
    if drug and not prescription:
        problems.append(Reason(
            "s13_prescription_task_missing", F19,
            "There is a drug need: add the support need \"prescription arranged for release "
            "day\", coordinated with prison healthcare, before completing the plan."))
        where["s13_prescription_task_missing"] = "needs"
    return CompletionResult(not problems, tuple(problems), where)


# ---------------------------------------------------------------------------------------------
# Alerts


def accommodation_alert(
    *,
    release: date,
    today: date,
    unresolved: bool,
    config: ResettlementConfig = DEFAULT_RESETTLEMENT,
) -> Reason | None:
    """An alert to the officer and manager: accommodation not settled from N weeks before
    release (the day N weeks before is the first day of alert), until release."""
    _date("release", release)
    _date("today", today)
    if not unresolved:
        return None
    weeks = config.accommodation_alert_weeks
    starts = release - timedelta(weeks=weeks)
    if today < starts or today > release:
        return None
    return Reason(
        "s13_accommodation_unresolved", S13,
        f"Accommodation on release is not confirmed and release is on {format_date(release)} "
        f"(within {_plural(weeks, 'week')}): a person released homeless is at high risk of "
        "reoffending. Confirm accommodation or escalate.")


def handover_overdue(*, handover_on: date, today: date, officer_assigned: bool) -> Reason | None:
    """The community officer should have been assigned by the hand-over date (§3.2)."""
    if officer_assigned or today <= handover_on:
        return None
    return Reason(
        "s3_handover_overdue", S3,
        f"The community officer should have been assigned on {format_date(handover_on)}.")


# ---------------------------------------------------------------------------------------------
# The on-time measure

TIMELINESS = ("on_time", "late", "not_due")


def plan_timeliness(*, due: date, completed_on: date | None, today: date) -> str:
    """``on_time``: completed on or before the due date; ``late``: completed after it, or not
    completed and the due date has passed; ``not_due``: not completed and still in time."""
    _date("due", due)
    _date("today", today)
    if completed_on is not None:
        return "on_time" if _date("completed_on", completed_on) <= due else "late"
    return "late" if today > due else "not_due"


@dataclass(frozen=True, slots=True)
class OnTimeResult:
    counted: int
    on_time: int
    rate: float | None  # percent, None when nothing is counted
    meets_target: bool | None
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {"counted": self.counted, "on_time": self.on_time, "rate": self.rate,
                "meets_target": self.meets_target,
                "reasons": [r.as_dict() for r in self.reasons]}


def on_time_rate(
    timeliness: Iterable[str], *, config: ResettlementConfig = DEFAULT_RESETTLEMENT
) -> OnTimeResult:
    """Plans completed on time among those counted (on time or late; not yet due is left out).

    The rate is rounded to one decimal place; the target is met when the rate (unrounded) is at
    least the target.
    """
    on_time = late = 0
    for item in timeliness:
        if item == "on_time":
            on_time += 1
        elif item == "late":
            late += 1
        elif item != "not_due":
            raise RuleInputError("timeliness", f"unknown value {item!r}; use {TIMELINESS}")
    counted = on_time + late
    target = config.on_time_target_percent
    if counted == 0:
        return OnTimeResult(0, 0, None, None, (Reason(
            "s13_on_time_nothing_due", S13, "No resettlement plan has fallen due yet."),))
    meets = on_time * 100 >= target * counted
    rate = round(on_time * 100 / counted, 1)
    return OnTimeResult(counted, on_time, rate, meets, (Reason(
        "s13_on_time_rate", S13,
        f"{on_time} of {counted} plans completed on time ({rate:g}%); the target is {target}%: "
        + ("met." if meets else "not met.")),))
