"""Risk of harm, safeguarding checks and the integrated plan's completion gate.

Implements ``operating-model.md`` §7 and §8 (failures F1, F3, F4, F7, F8, F9 and F18 in §18):

- safeguarding checks (police domestic-abuse call-outs, children's social care) have a validity
  period; a plan or review **cannot be completed** on a domestic-abuse or child-flagged case while
  a check is missing or stale, and the message names the check and its age;
- a **risk management plan** is required where RoSH is medium or above, or there is domestic
  abuse or child safeguarding: victims and potential victims, agencies, home visits, contingency;
- a manager **countersigns** plans for medium-or-above RoSH, domestic-abuse and safeguarding cases;
- every self-assessment area at 7 or below has an objective or a recorded reason (§6);
- a man referred to Building Better Relationships has a partner link worker (§7);
- information from other agencies (MARAC, police, children's social care) is acknowledged with
  what it changes before the plan is completed (§7, F4);
- a plan a manager returned is changed before it is completed again (§8, §15);
- a rise in RoSH to high or very high is escalated to the NPS (§2, §7).

The doc gives no validity periods: Desist's defaults are 3 months (91 days) for both kinds of
check, as configuration (:class:`CheckRules`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S2 = "operating-model.md §2"
S6 = "operating-model.md §6"
S7 = "operating-model.md §7"
S8 = "operating-model.md §8"
S15 = "operating-model.md §15"

ROSH_ORDER = ("low", "medium", "high", "very_high")
ROSH_LABELS = {"low": gettext_noop("low"), "medium": gettext_noop("medium"),
               "high": gettext_noop("high"), "very_high": gettext_noop("very high")}
DA_FLAGS = frozenset({"domestic_abuse", "domestic_abuse_victim"})
CHILD_FLAGS = frozenset({"child_protection_plan", "child_concern", "child_in_need"})

POLICE_DA = "police_domestic_abuse"
CHILDRENS_SOCIAL_CARE = "childrens_social_care"
CHECK_LABELS = {
    POLICE_DA: gettext_noop("Police domestic abuse call-out check"),
    CHILDRENS_SOCIAL_CARE: gettext_noop("Children's social care check"),
}


@dataclass(frozen=True, slots=True)
class CheckRules:
    """How long a completed check stays valid, in days (Desist default: about 3 months)."""

    valid_days: dict[str, int] = field(
        default_factory=lambda: {POLICE_DA: 91, CHILDRENS_SOCIAL_CARE: 91}
    )

    def days_for(self, kind: str) -> int:
        if kind not in self.valid_days:
            raise RuleInputError("kind", f"unknown check {kind!r}")
        return self.valid_days[kind]


DEFAULT_CHECK_RULES = CheckRules()


def _rank(level: str | None) -> int:
    if not level:
        return -1
    if level not in ROSH_ORDER:
        raise RuleInputError("rosh", f"unknown RoSH level {level!r}; use {', '.join(ROSH_ORDER)}")
    return ROSH_ORDER.index(level)


def required_checks(flags: Iterable[str]) -> tuple[str, ...]:
    """Checks a case needs: DA → police call-outs and children's social care; child flags → CSC."""
    flags = set(flags)
    needed: list[str] = []
    if flags & DA_FLAGS:
        needed += [POLICE_DA, CHILDRENS_SOCIAL_CARE]
    if flags & CHILD_FLAGS and CHILDRENS_SOCIAL_CARE not in needed:
        needed.append(CHILDRENS_SOCIAL_CARE)
    return tuple(needed)


@dataclass(frozen=True, slots=True)
class CheckState:
    kind: str
    label: str
    completed_on: dt.date | None
    valid_until: dt.date | None
    age_days: int | None
    fresh: bool

    @property
    def status(self) -> str:
        if self.completed_on is None:
            return "missing"
        return "fresh" if self.fresh else "stale"

    def described(self) -> Reason:
        """The check's state as a reason (``s7_check_<status>``): a blocker when not fresh."""
        check = Phrase.of(self.label)
        code = f"s7_check_{self.status}"
        # check_state sets completed_on, valid_until and age_days together (or none of them).
        if self.completed_on is None or self.valid_until is None or self.age_days is None:
            return Reason.of(code, S7, gettext_noop(
                "%(check)s: not done (no completed check is recorded)."), check=check)
        if self.fresh:
            return Reason.of(code, S7, gettext_noop("%(check)s: done %(ago)s, valid until "
                                                    "%(valid_until)s."),
                             check=check, ago=_ago(self.age_days), valid_until=self.valid_until)
        return Reason.of(code, S7, gettext_noop(
            "%(check)s: out of date, last done %(ago)s (%(done_on)s); it was valid until "
            "%(valid_until)s."), check=check, ago=_ago(self.age_days),
            done_on=self.completed_on, valid_until=self.valid_until)

    def describe(self) -> str:
        return self.described().text


def _ago(days: int) -> Phrase:
    # The same words as the contact rules' (rules.contact), so one translation serves both.
    if days == 0:
        return Phrase.of(gettext_noop("today"))
    ago = gettext_noop("%(days)s day ago") if days == 1 else gettext_noop("%(days)s days ago")
    return Phrase.of(ago, days=days)


def _rosh(level: str) -> Phrase:
    return Phrase.of(ROSH_LABELS[level])


def _one_after_another(items: list[Phrase] | list[Reason], template: str) -> Phrase | Reason:
    """Items said one after another, joined by ``template`` (``"%(first)s %(rest)s"``): each
    keeps its own words, so each is translated."""
    said: Phrase | Reason = items[-1]
    for item in reversed(items[:-1]):
        said = Phrase.of(template, first=item, rest=said)
    return said


def check_state(
    kind: str, completed_on: dt.date | None, today: dt.date, rules: CheckRules = DEFAULT_CHECK_RULES
) -> CheckState:
    """Whether the latest completed check of ``kind`` is still valid on ``today``."""
    label = CHECK_LABELS.get(kind)
    if label is None:
        raise RuleInputError("kind", f"unknown check {kind!r}")
    if completed_on is None:
        return CheckState(kind, label, None, None, None, False)
    if completed_on > today:
        raise RuleInputError("completed_on", "a check cannot be completed in the future")
    valid_until = completed_on + dt.timedelta(days=rules.days_for(kind))
    age = (today - completed_on).days
    return CheckState(kind, label, completed_on, valid_until, age, today <= valid_until)


def rmp_required(rosh: str | None, flags: Iterable[str]) -> tuple[Reason, ...]:
    """Why a risk management plan is required (empty when it is not)."""
    flags = set(flags)
    reasons: list[Reason] = []
    if rosh is not None and _rank(rosh) >= 1:
        reasons.append(Reason.of("s8_rmp_rosh", S8, gettext_noop(
            "RoSH is %(rosh)s: a risk management plan is required."), rosh=_rosh(rosh)))
    if flags & DA_FLAGS:
        reasons.append(Reason.of("s8_rmp_domestic_abuse", S8, gettext_noop(
            "Domestic abuse is flagged: a risk management plan is required.")))
    if flags & CHILD_FLAGS:
        reasons.append(Reason.of("s8_rmp_child_safeguarding", S8, gettext_noop(
            "Child safeguarding is flagged: a risk management plan is required.")))
    return tuple(reasons)


def countersign_required(rosh: str | None, flags: Iterable[str]) -> tuple[Reason, ...]:
    """Why the plan needs a manager's countersignature (empty when it does not)."""
    flags = set(flags)
    reasons: list[Reason] = []
    if rosh is not None and _rank(rosh) >= 1:
        reasons.append(Reason.of("s8_countersign_rosh", S8, gettext_noop(
            "RoSH is %(rosh)s: a manager must countersign the plan."), rosh=_rosh(rosh)))
    if flags & DA_FLAGS:
        reasons.append(Reason.of("s8_countersign_domestic_abuse", S8, gettext_noop(
            "Domestic abuse case: a manager must countersign the plan.")))
    if flags & CHILD_FLAGS:
        reasons.append(Reason.of("s8_countersign_safeguarding", S8, gettext_noop(
            "Safeguarding case: a manager must countersign the plan.")))
    return tuple(reasons)



def review_countersign_required(rosh: str | None, flags: Iterable[str]) -> tuple[Reason, ...]:
    """Why a review needs a manager's countersignature (§15: "countersigning of plans and
    reviews for medium RoSH, DA and safeguarding cases"); empty when it does not. ``rosh`` is
    the level the review left the case at."""
    flags = set(flags)
    reasons: list[Reason] = []
    if rosh is not None and _rank(rosh) >= 1:
        reasons.append(Reason.of("s15_countersign_review_rosh", S15, gettext_noop(
            "RoSH is %(rosh)s: a manager must countersign the review."), rosh=_rosh(rosh)))
    if flags & DA_FLAGS:
        reasons.append(Reason.of("s15_countersign_review_domestic_abuse", S15, gettext_noop(
            "Domestic abuse case: a manager must countersign the review.")))
    if flags & CHILD_FLAGS:
        reasons.append(Reason.of("s15_countersign_review_safeguarding", S15, gettext_noop(
            "Safeguarding case: a manager must countersign the review.")))
    return tuple(reasons)

RMP_PARTS = {
    "victims": gettext_noop("victims and potential victims"),
    "agencies": gettext_noop("other agencies' roles (MARAC, children's social care, police)"),
    "home_visits": gettext_noop("home visits"),
    "contingency": gettext_noop("contingency (what happens if risk rises)"),
}


@dataclass(frozen=True, slots=True)
class AgencyItem:
    """Information received from another agency that the officer has not yet acknowledged."""

    agency: str  # as practitioners name it: "MARAC", "Police", "Children's social care"
    received_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanFacts:
    """What the gate needs to know about a plan and its case, gathered by the caller."""

    rosh: str | None
    flags: frozenset[str]
    objectives: int
    unaddressed_area_titles: tuple[str, ...]
    rmp_parts_filled: frozenset[str]
    check_dates: dict[str, dt.date | None]
    person_agreed: bool
    copied_not_reviewed: bool
    bbr_referral: bool
    partner_link_worker: bool
    reading_recorded: bool
    today: dt.date
    # Information from MARAC, the police, children's social care… not yet acknowledged (§7, F4).
    unacknowledged_information: tuple[AgencyItem, ...] = ()
    # What the manager said must change, when the plan was returned and has not changed since.
    returned_unchanged: str | None = None


@dataclass(frozen=True, slots=True)
class GateResult:
    ok: bool
    blockers: tuple[Reason, ...]
    countersign: tuple[Reason, ...]
    checks: tuple[CheckState, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "blockers": [r.as_dict() for r in self.blockers],
            "countersign_required": [r.as_dict() for r in self.countersign],
            "checks": [{"kind": c.kind, "status": c.status, "age_days": c.age_days,
                        "valid_until": c.valid_until.isoformat() if c.valid_until else None}
                       for c in self.checks],
        }


def safeguarding_gate(
    flags: Iterable[str], check_dates: dict[str, dt.date | None], today: dt.date,
    rules: CheckRules = DEFAULT_CHECK_RULES,
) -> tuple[tuple[CheckState, ...], tuple[Reason, ...]]:
    """The state of each required check and a blocker for each missing or stale one (§7)."""
    states = tuple(
        check_state(kind, check_dates.get(kind), today, rules) for kind in required_checks(flags)
    )
    blockers = tuple(s.described() for s in states if s.status != "fresh")
    return states, blockers


def plan_gate(facts: PlanFacts, rules: CheckRules = DEFAULT_CHECK_RULES) -> GateResult:
    """Whether the plan may be completed, and every reason it may not."""
    if not isinstance(facts, PlanFacts):
        raise RuleInputError("facts", "must be PlanFacts")
    blockers: list[Reason] = []
    if not facts.reading_recorded:
        blockers.append(Reason.of("s6_no_reading", S6, gettext_noop(
            "No approved self-assessment reading: complete one with the person so the plan can "
            "address their needs.")))
    if facts.objectives == 0:
        blockers.append(Reason.of("s8_no_objectives", S8,
                                  gettext_noop("The plan has no objectives.")))
    for title in facts.unaddressed_area_titles:
        blockers.append(Reason.of("s6_area_unaddressed", S6, gettext_noop(
            "%(area)s scored 7 or below and has no objective: add one or record why not."),
            area=title))
    needs_rmp = rmp_required(facts.rosh, facts.flags)
    if needs_rmp:
        missing = tuple(Phrase.of(label) for key, label in RMP_PARTS.items()
                        if key not in facts.rmp_parts_filled)
        if missing:
            blockers.append(Reason.of("s8_rmp_missing", S8, gettext_noop(
                "Risk management plan incomplete: add %(parts)s. %(why)s"), parts=missing,
                why=_one_after_another(list(needs_rmp), gettext_noop("%(first)s %(rest)s"))))
    states, check_blockers = safeguarding_gate(facts.flags, facts.check_dates, facts.today, rules)
    blockers.extend(check_blockers)
    for item in facts.unacknowledged_information:
        blockers.append(Reason.of("s7_information_unacknowledged", S7, gettext_noop(
            "Information from %(agency)s received on %(received_on)s has not been acknowledged: "
            "read it and record what it changes about risk or the plan."),
            agency=item.agency, received_on=item.received_on))
    if facts.bbr_referral and not facts.partner_link_worker:
        blockers.append(Reason.of("s7_partner_link_worker", S7, gettext_noop(
            "Referred to Building Better Relationships: assign a partner link worker to support "
            "the (ex-)partner.")))
    if facts.copied_not_reviewed:
        blockers.append(Reason.of("s8_copied_not_reviewed", S8, gettext_noop(
            "This plan was copied from a previous sentence and has not been reviewed: review "
            "every objective before completing it.")))
    if not facts.person_agreed:
        blockers.append(Reason.of("s8_not_agreed", S8, gettext_noop(
            "Record whether the person agrees with the plan.")))
    if facts.returned_unchanged is not None:
        # What the manager wrote, shown as written.
        blockers.append(Reason.of("s8_returned_unchanged", S8, gettext_noop(
            "A manager returned this plan saying what must change: “%(note)s”. It has not "
            "changed since: change the plan to address this before completing it again."),
            note=facts.returned_unchanged))
    return GateResult(not blockers, tuple(blockers),
                      countersign_required(facts.rosh, facts.flags), states)


def rosh_escalation(previous: str | None, current: str) -> Reason | None:
    """A reason to escalate to the NPS when RoSH rises to high or very high (§2, F18)."""
    before, after = _rank(previous), _rank(current)
    if after > before and after >= ROSH_ORDER.index("high"):
        was = _rosh(previous) if previous else Phrase.of(gettext_noop("not assessed"))
        return Reason.of("s7_rosh_escalation", S7, gettext_noop(
            "RoSH rose from %(was)s to %(now)s: the case is outside the CRC's remit and must be "
            "escalated to the NPS."), was=was, now=_rosh(current))
    return None
