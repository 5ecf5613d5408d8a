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
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.routing import DEFAULT_ROUTING, RoutingConfig
from desist.rules.timescales import (
    SOURCE_HOLIDAYS,
    Deadline,
    HolidaysArg,
    calendar_for,
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


def _weeks(count: int) -> Phrase:
    return Phrase.count(count, gettext_noop("%(n)s week"), gettext_noop("%(n)s weeks"))


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
        Reason.of(
            "s13_screening_due",
            S13,
            gettext_noop("Screen the person for resettlement needs within %(days)s of reception "
                         "into custody (%(reception)s): by %(due)s."),
            days=Phrase.count(days, gettext_noop("%(n)s working day"),
                              gettext_noop("%(n)s working days")),
            reception=reception, due=due,
        )
    ]
    skipped = calendar.holidays_between(reception, due)
    if skipped:
        reasons.append(
            Reason.of(
                "timescale_bank_holidays",
                SOURCE_HOLIDAYS,
                gettext_noop("Bank holidays are not working days: %(days)s."),
                days=tuple(skipped),
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
        Reason.of(
            "s13_plan_due",
            S13,
            gettext_noop("Complete the resettlement plan %(weeks)s before release (%(release)s): "
                         "by %(due)s."),
            weeks=_weeks(weeks), release=release, due=due,
        )
    ]
    if due != nominal:
        reasons.append(
            Reason.of(
                "timescale_not_working_day",
                SOURCE_HOLIDAYS,
                gettext_noop("%(on)s is not a working day, so the plan is due on the last working "
                             "day before it."),
                on=nominal,
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
        reason = Reason.of("s3_handover_release", S3, gettext_noop(
            "Assign the community officer %(weeks)s before release (%(release)s), when the case "
            "passes to the LMC: on %(on)s."), weeks=_weeks(weeks), release=release, on=on)
    else:
        reason = Reason.of("s3_handover_rotl_hdc", S3, gettext_noop(
            "A ROTL or HDC request on %(on)s brings the hand-over forward: assign the community "
            "officer now."), on=on)
    return Handover(on, trigger, (reason,))


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
    "accommodation": gettext_noop("accommodation"),
    "attitudes": gettext_noop("attitudes, thinking and behaviour"),
    "children_families": gettext_noop("children, families and communities"),
    "drugs_alcohol": gettext_noop("drugs and alcohol"),
    "ete": gettext_noop("education, training and employment"),
    "finance_id": gettext_noop("finance and ID"),
    "health": gettext_noop("health"),
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
        problems.append(Reason.of("s13_not_screened", S13,
                                  gettext_noop("Record the screening before completing the plan.")))
        where["s13_not_screened"] = "screening"
    unsettled = [p for p in PATHWAYS if facts.pathways.get(p, "not_started") == "not_started"]
    if unsettled:
        problems.append(Reason.of(
            "s13_pathways_not_started", S13, gettext_noop(
                "Every pathway must be looked at before the plan is complete. Not started: "
                "%(pathways)s."),
            pathways=tuple(Phrase.of(PATHWAY_WORDS[p]) for p in unsettled)))
        where["s13_pathways_not_started"] = "pathways"
    flags = facts.registrations & RISK_SECTION_FLAGS
    if flags and not facts.risk_section_written:
        if flags & DOMESTIC_ABUSE and flags & CHILD_SAFEGUARDING:
            what = gettext_noop("domestic abuse and child safeguarding")
        elif flags & DOMESTIC_ABUSE:
            what = gettext_noop("domestic abuse")
        else:
            what = gettext_noop("child safeguarding")
        problems.append(Reason.of(
            "s13_risk_section_missing", S13, gettext_noop(
                "This case has a %(flag)s flag: the plan must address risk of harm. Write the "
                "risk of harm section, linked to the community risk management plan, before "
                "completing the plan."),
            flag=Phrase.of(what)))
        where["s13_risk_section_missing"] = "risk_section"
    drug = any(n.drug for n in facts.needs)
    prescription = any(n.prescription for n in facts.needs)
    if drug and not prescription:
        problems.append(Reason.of(
            "s13_prescription_task_missing", F19, gettext_noop(
                "There is a drug need: add the support need \"prescription arranged for release "
                "day\", coordinated with prison healthcare, before completing the plan.")))
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
    return Reason.of(
        "s13_accommodation_unresolved", S13, gettext_noop(
            "Accommodation on release is not confirmed and release is on %(release)s (within "
            "%(weeks)s): a person released homeless is at high risk of reoffending. Confirm "
            "accommodation or escalate."),
        release=release, weeks=_weeks(weeks))


def handover_overdue(*, handover_on: date, today: date, officer_assigned: bool) -> Reason | None:
    """The community officer should have been assigned by the hand-over date (§3.2)."""
    if officer_assigned or today <= handover_on:
        return None
    return Reason.of(
        "s3_handover_overdue", S3,
        gettext_noop("The community officer should have been assigned on %(on)s."), on=handover_on)


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
        return OnTimeResult(0, 0, None, None, (Reason.of(
            "s13_on_time_nothing_due", S13,
            gettext_noop("No resettlement plan has fallen due yet.")),))
    meets = on_time * 100 >= target * counted
    rate = round(on_time * 100 / counted, 1)
    template = gettext_noop(
        "%(on_time)s of %(counted)s plans completed on time (%(rate)g%%); the target is "
        "%(target)s%%: met.") if meets else gettext_noop(
        "%(on_time)s of %(counted)s plans completed on time (%(rate)g%%); the target is "
        "%(target)s%%: not met.")
    return OnTimeResult(counted, on_time, rate, meets, (Reason.of(
        "s13_on_time_rate", S13, template, on_time=on_time, counted=counted, rate=rate,
        target=target),))
