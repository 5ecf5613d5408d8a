"""Intake, banding and assignment decisions (§3, §4, §16). Each is one transaction, audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.forms import StaleRecordError
from desist.organisation.models import Team
from desist.people.models import Person
from desist.people.risk import RiskFacts, RiskPicture, risk_facts
from desist.people.selectors import case_overview
from desist.rules import escalation as escalation_rules
from desist.rules import routing as routing_rules
from desist.rules import timescales, workload
from desist.rules.band_decision import PromptAnswer, check_band_decision
from desist.rules.banding import (
    EVENT_LABELS,
    REGISTRATION_CODES,
    REQUIREMENT_CODES,
    BandInput,
    BandResult,
    recategorise,
)
from desist.rules.errors import RuleInputError
from desist.sentences.selectors import current_of
from desist.unpaid_work import summary as upw_summary
from desist.worklist.models import Task
from desist.worklist.services import close_open, raise_task

from . import caseloads, facts
from .facts import weights_for  # noqa: F401 (callers read the weightings here too)
from .models import (
    Assignment,
    BandDecision,
    EscalationOutcome,
    RoutingDecision,
    WorkloadWeighting,
    WorkloadWeightingChange,
)

# Working days a manager has to make the NPS referral once RoSH rises to high (§2). The domain
# documents set no figure; one working day matches the assignment service level (§3.4).
ESCALATION_WORKING_DAYS = 1
BAND_REVIEW_WORKING_DAYS = 5


class DecisionRefused(Refused):
    """The decision breaks a rule; ``problems`` maps field → message for the form or API."""

    default_code = "allocation_decision_refused"

    def __init__(self, problems: dict[str, str], **kwargs):
        super().__init__(problems=problems, **kwargs)


def _lock(person: Person, expected_version: int | None) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRecordError()
    return locked


def _bump(person: Person, fields: list[str]) -> None:
    person.version += 1
    person.save(update_fields=[*fields, "version", "updated_at"])
    if "lmc" in fields:  # the unpaid-work hub counts orders by LMC (ADR 0015)
        upw_summary.refresh([person.pk])


# --- Weightings ---------------------------------------------------------------------------

@transaction.atomic
def save_weightings(*, user, provider_id: int, tables: dict, expected_version: int | None,
                    reason: str, request=None) -> WorkloadWeighting:
    """Save the provider's weightings, saying why: the current row changes and a new
    ``WorkloadWeightingChange`` row keeps the tables before and after, who, when and why."""
    try:
        workload.WorkloadWeights.from_mappings(**tables)
    except RuleInputError as error:
        raise Refused(f"{error.field}: {error.message}", code="weightings_invalid") from error
    if not reason.strip():
        raise Refused(problems={"reason": "Say why the weightings are changing"},
                      code="weightings_invalid")
    row, _ = WorkloadWeighting.objects.select_for_update().get_or_create(provider_id=provider_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleRecordError("The weightings have changed since you opened them.")
    before = row.tables
    if before == tables:
        raise Refused(problems={"reason": "Nothing has changed: change a weighting to save"},
                      code="weightings_unchanged")
    row.tables, row.updated_by = tables, user
    row.version += 1
    row.save()
    WorkloadWeightingChange.objects.create(provider_id=provider_id, version=row.version,
                                           before=before, tables=tables, reason=reason.strip(),
                                           changed_by=user)
    events.workload_weightings_changed(user=user, before=before, after=tables, request=request,
                                       reason=reason.strip(), version=row.version)
    return row


def refresh_workload_points(person: Person, weights: workload.WorkloadWeights | None = None) -> float:
    sentences, registrations = case_overview(person)
    sentence = current_of(sentences)
    kind = facts.case_type(sentence.type if sentence else None, facts.requirement_codes(sentences))
    flags = frozenset(r.type for r in registrations if r.end_date is None)
    points = workload.case_points(facts.workload_case(person, flags, kind),
                                  weights or weights_for(person.provider_id)).points
    if points != person.workload_points:
        with caseloads.tracking([person.pk]):  # the officer's summed points follow (ADR 0005)
            Person.objects.filter(pk=person.pk).update(workload_points=points)
        person.workload_points = points
    return points


# --- Routing (§3.2) -----------------------------------------------------------------------

def _proposed(result: routing_rules.RoutingResult) -> dict:
    """The rules' routing as stored with the decision: its JSON form, with each reason's record
    (template and parameters, ADR 0016) so it can be said in the reader's language later."""
    return {**result.as_dict(), "reasons": [r.as_record() for r in result.reasons]}


@transaction.atomic
def decide_routing(*, user, person: Person, routing: str, lmc: Team | None, note: str = "",
                   expected_version: int | None = None, request=None) -> RoutingDecision:
    """The hub confirms the proposed routing or corrects it (with a note saying why)."""
    today = timezone.localdate()
    person = _lock(person, expected_version)
    sentences, _ = case_overview(person)
    proposal = facts.route_case(person, sentences, today,
                                facts.lmc_by_local_authority(person.provider_id))
    proposed = _proposed(proposal.result) if proposal.result else {"error": proposal.error}
    problems = {}
    if routing == "lmc" and lmc is None:
        problems["lmc"] = "Choose the LMC the case goes to"
    if lmc is not None and lmc.provider_id != person.provider_id:
        problems["lmc"] = "Choose one of your provider's LMCs"
    result = proposal.result
    agrees = result is not None and result.destination == routing and (
        routing == "hub" or (lmc is not None and result.lmc == lmc.code))
    if not agrees and not note.strip():
        problems["note"] = "Say why you are routing the case differently from the proposal"
    if problems:
        raise DecisionRefused(problems)
    kind = RoutingDecision.Kind.CONFIRMED if agrees else RoutingDecision.Kind.CORRECTED
    person.routing = routing
    person.routing_confirmed_at = timezone.now()
    person.lmc = lmc if lmc is not None else person.lmc
    if routing == "lmc":
        person.hub_hold = ""
        person.pass_to_lmc_on = None
        person.team = lmc
    else:
        result = proposal.result
        held_for_custody = bool(result and result.pass_to_lmc_on)
        person.hub_hold = "long_custody" if held_for_custody else (
            "standalone" if result and result.destination == "hub" and result.lmc is None
            and not proposal.error and any(r.code == "s3_standalone_hub" for r in result.reasons)
            else "unroutable")
        person.pass_to_lmc_on = result.pass_to_lmc_on if result else None
        if result and result.lmc:
            person.lmc = Team.objects.filter(provider_id=person.provider_id, code=result.lmc).first()
    _bump(person, ["routing", "routing_confirmed_at", "lmc", "hub_hold", "pass_to_lmc_on", "team"])
    decision = RoutingDecision.objects.create(person=person, kind=kind, routing=routing,
                                              lmc=person.lmc, proposed=proposed, note=note,
                                              decided_by=user)
    events.routing_decided(user=user, person=person, decision=decision, request=request)
    if routing == "lmc" and person.responsible_officer_id is None:
        _raise_allocation(person, today, actor=user)
    return decision


@transaction.atomic
def address_record(*, user, person: Person, address: str, postcode: str, local_authority,
                   expected_version: int | None = None, request=None) -> Person:
    """The hub records the address it was missing (§3.2): a case held for want of one goes back
    to "awaiting routing" with a fresh proposal; a held custody case gets the LMC for its release
    address, and passes to it at once if its hand-over date has gone by."""
    today = timezone.localdate()
    person = _lock(person, expected_version)
    if not address.strip():
        raise DecisionRefused({"address": "Enter the address"})
    changes = {}
    for name, value, shown in (("address", address.strip(), None), ("postcode", postcode, None),
                               ("local_authority", local_authority,
                                local_authority.code if local_authority else "")):
        before = getattr(person, name)
        if before != value:
            was = (before.code if before else "") if name == "local_authority" else before
            changes[name] = {"from": str(was), "to": str(shown if shown is not None else value)}
            setattr(person, name, value)
    fields = ["address", "postcode", "local_authority"]
    if person.hub_hold == "unroutable" or (person.routing == "hub" and not person.hub_hold):
        # Held only because it could not be routed: back to the queue, re-proposed.
        changes["routing"] = {"from": person.get_hub_hold_display(), "to": "awaiting routing"}
        person.routing, person.hub_hold, person.routing_confirmed_at = "", "", None
        fields += ["routing", "hub_hold", "routing_confirmed_at"]
    elif person.hub_hold == "long_custody":
        sentences, _ = case_overview(person)
        proposal = facts.route_case(person, sentences, today,
                                    facts.lmc_by_local_authority(person.provider_id))
        if proposal.result and proposal.result.lmc:
            person.lmc = Team.objects.filter(provider_id=person.provider_id,
                                             code=proposal.result.lmc).first()
            person.pass_to_lmc_on = proposal.result.pass_to_lmc_on
            fields += ["lmc", "pass_to_lmc_on"]
    _bump(person, fields)
    if changes:
        events.person_changed(user=user, person=person, changes=changes, request=request)
    if person.hub_hold == "long_custody" and person.lmc_id and person.pass_to_lmc_on \
            and person.pass_to_lmc_on <= today:
        release_to_lmc(person=person, user=user, on=today, request=request,
                       reason="Release address recorded on or after the hand-over date (§3.2)")
        person.refresh_from_db()
    return person


@transaction.atomic
def release_to_lmc(*, person: Person, user=None, reason: str, on: dt.date,
                   rotl_hdc: bool = False, request=None) -> RoutingDecision | None:
    """Pass a hub-held custody case to its LMC: on its date (the scheduled job) or on a
    ROTL / HDC request (§3.2)."""
    person = _lock(person, None)
    if person.hub_hold != "long_custody":
        return None
    if rotl_hdc:
        problem = routing_rules.rotl_hdc_request_problem(on, timezone.localdate())
        if problem is not None:
            raise DecisionRefused({"requested_on": problem.text})
    if person.lmc_id is None:
        raise DecisionRefused({"lmc": "The release address has no LMC: record the address first"})
    if rotl_hdc:
        person.rotl_hdc_requested_on = on
    person.routing, person.hub_hold, person.team_id = "lmc", "", person.lmc_id
    _bump(person, ["routing", "hub_hold", "team", "rotl_hdc_requested_on"])
    decision = RoutingDecision.objects.create(
        person=person, kind=RoutingDecision.Kind.RELEASED, routing="lmc", lmc_id=person.lmc_id,
        proposed={"pass_to_lmc_on": person.pass_to_lmc_on.isoformat()
                  if person.pass_to_lmc_on else None},
        note=reason, decided_by=user if getattr(user, "pk", None) else None,
    )
    events.routing_decided(user=user or "desist recompute", person=person, decision=decision,
                           request=request)
    if person.responsible_officer_id is None:
        _raise_allocation(person, on, actor=user)
    return decision


def _raise_allocation(person: Person, today: dt.date, *, actor) -> None:
    raise_task(
        provider_id=person.provider_id, person=person, kind="allocation",
        key=f"allocation:{person.crn}", title=f"Assign a responsible officer to {person.name}",
        due_on=timescales.add_working_days(today, timescales.DEFAULT_TIMESCALES.assignment_working_days),
        team=person.lmc or person.team, assigned_to=None, actor=actor,
    )


# --- Banding (§4) ---------------------------------------------------------------------------

@dataclass(frozen=True)
class BandChoice:
    band: str
    answers: dict[str, PromptAnswer]
    rationale: str = ""
    ror_judgement: str = ""  # "high"/"low" when OGRS3 cannot be scored
    ror_reason: str = ""


@transaction.atomic
def decide_band(*, user, person: Person, choice: BandChoice, expected_version: int | None = None,
                request=None) -> BandDecision:
    """Record the manager's band: the proposal confirmed, or raised with a rationale."""
    today = timezone.localdate()
    person = _lock(person, expected_version)
    if choice.ror_judgement:
        person.ror_judgement = choice.ror_judgement
    sentences, registrations = case_overview(person)
    context = band_context(person, today, sentences, registrations)
    picture, proposal, review, event = context.picture, context.proposal, context.review, context.event
    if proposal is None:
        raise DecisionRefused({"band": picture.band_missing})
    check = check_band_decision(
        proposed=proposal.band, prompt_codes=tuple(p.code for p in proposal.prompts),
        chosen=choice.band, answers=choice.answers, rationale=choice.rationale,
        ror_by_judgement=picture.ogrs3 is None, ror_reason=choice.ror_reason,
    )
    if not check.ok:
        raise DecisionRefused(check.problems)
    previous = person.band
    decision = BandDecision.objects.create(
        person=person, band=choice.band, proposed_band=proposal.band, previous_band=previous,
        event=event or ("initial" if not previous else "review"),
        ogrs3_two_year=picture.ogrs3.two_year_percent if picture.ogrs3 else None,
        ror_source="ogrs3" if picture.ogrs3 else "judgement", ror_judgement_reason=choice.ror_reason,
        overridden=check.overridden, rationale=choice.rationale,
        # Each prompt with its template and parameters, as its reasons (ADR 0016).
        prompts=[{**p.as_record(),
                  "answer": choice.answers.get(p.code, PromptAnswer("")).answer or "decided",
                  "note": choice.answers.get(p.code, PromptAnswer("")).note} for p in proposal.prompts],
        reasons=facts.reason_dicts(proposal.reasons + check.reasons), decided_by=user,
    )
    person.band, person.band_confirmed_at, person.proposed_band = choice.band, timezone.now(), proposal.band
    person.banding_facts = facts.banding_facts(person, sentences, registrations)
    with caseloads.tracking([person.pk]):  # the officer's count by band and points follow
        _bump(person, ["band", "band_confirmed_at", "proposed_band", "ror_judgement",
                       "banding_facts"])
        refresh_workload_points(person)
    events.band_decided(user=user, person=person, decision=decision, request=request)
    if review:
        close_open(provider_id=person.provider_id, key=review.key, user=user,
                   outcome=f"Band {choice.band} confirmed")
    return decision


@dataclass(frozen=True)
class BandContext:
    """What the band page, the API and the decision all start from: OGRS3, the proposal (the
    recategorisation proposal while a band review is open), and that review."""

    picture: RiskPicture
    proposal: BandResult | None
    review: Task | None  # the open band review on the worklist
    event: str | None


def band_context(person: Person, today: dt.date, sentences=None, registrations=None) -> BandContext:
    if sentences is None:
        sentences, registrations = case_overview(person)
    picture = facts.band_proposal(person, sentences, registrations, today)
    review = open_review(person)
    event = review.data.get("event") if review else None
    proposal = picture.band
    if proposal is not None and event and person.band:
        proposal = recategorise(_band_input(risk_facts(person, sentences, registrations), picture,
                                            person.age_on(today)), event)
    return BandContext(picture, proposal, review, event)


def _band_input(f: RiskFacts, picture: RiskPicture, age: int) -> BandInput:
    return BandInput(
        rosh=f.rosh, ogrs3_two_year=picture.ogrs3.two_year_percent if picture.ogrs3 else None,
        ror_judgement=None if picture.ogrs3 else (f.ror_judgement or None),
        requirements=f.requirements & REQUIREMENT_CODES,
        registrations=f.registrations & REGISTRATION_CODES, age=age,
        close_to_change=f.close_to_change, previous_band=f.band or None,
    )


def open_review(person: Person):
    """The case's open band review task, if any."""

    return Task.objects.filter(provider_id=person.provider_id, key=f"band_review:{person.crn}",
                               status=Task.Status.OPEN).first()


def significant_event(*, person: Person, event: str, actor=None, today: dt.date | None = None):
    """A §4 significant event: propose the new band and ask the manager to confirm it.

    Called by the services that make the change (a breach started, RoSH reassessed …) and by
    the nightly recompute when it finds the facts changed. One open review per case.
    """
    today = today or timezone.localdate()
    # The same events move the national tier (tiering.md): recalculated whatever the policy.
    from desist.tiering.services import tier_refresh

    tier_refresh(person, event=event, actor=actor)
    if not person.band:
        return None  # not yet banded: the initial banding at allocation covers it
    sentences, registrations = case_overview(person)
    picture = facts.band_proposal(person, sentences, registrations, today)
    if picture.band is None:
        return None  # no RoSH, or no RoR to band on: the band page says what is missing
    proposal = recategorise(_band_input(risk_facts(person, sentences, registrations), picture,
                                        person.age_on(today)), event)
    task, _ = raise_task(
        provider_id=person.provider_id, person=person, kind="band_review",
        key=f"band_review:{person.crn}",
        title=f"Review the band of {person.name}: {EVENT_LABELS.get(event, 'change in the case')}",
        detail=" ".join(r.text for r in proposal.reasons),
        due_on=timescales.add_working_days(today, BAND_REVIEW_WORKING_DAYS),
        team=person.team, assigned_to=None, queue="manager",
        data={"event": event, "proposed_band": proposal.band, "previous_band": person.band},
        actor=actor,
    )
    return task


def escalation_key(crn: str, assessed_on: dt.date | None) -> str:
    """One escalation per assessment."""
    return f"risk_escalation:{crn}:{assessed_on.isoformat() if assessed_on else 'unknown'}"


def escalation_assessment(data: dict) -> escalation_rules.RoshAssessment:
    assessed = data.get("assessed_on")
    try:
        day = dt.date.fromisoformat(assessed) if assessed and assessed != "unknown" else None
    except ValueError:
        day = None
    level = data.get("rosh", "")
    return escalation_rules.RoshAssessment(level if level in escalation_rules.ROSH_LEVELS else "",
                                           day)


def reconcile_escalations(person: Person, *, actor=None) -> tuple[list, dt.date | None]:
    """Close open escalations the current RoSH no longer supports (§2): resolved when RoSH has
    dropped, replaced when a later assessment changed it. Returns (closed tasks, the earliest
    due date among those replaced, which the new escalation keeps)."""
    from desist.worklist.services import close_task

    current = escalation_rules.RoshAssessment(person.rosh or "", person.rosh_assessed_on)
    closed: list[Task] = []
    keep_due: dt.date | None = None
    for task in Task.objects.filter(provider_id=person.provider_id, person=person,
                                    kind="risk_escalation", status=Task.Status.OPEN):
        result = escalation_rules.reconcile(escalation_assessment(task.data), current)
        if result.action == escalation_rules.KEEP:
            continue
        closed.append(close_task(task, user=actor, outcome=result.text, done=False))
        if result.action == escalation_rules.REPLACE and task.due_on:
            keep_due = min(keep_due or task.due_on, task.due_on)
    return closed, keep_due


def escalate_if_needed(person: Person, *, actor=None, today: dt.date | None = None):
    """Keep the case's escalation to the NPS in step with its current RoSH (§2, F18): close
    escalations it no longer supports, and raise one when RoSH is high or very high."""

    _closed, keep_due = reconcile_escalations(person, actor=actor)
    if not escalation_rules.needs_escalation(person.rosh):
        return None
    today = today or timezone.localdate()
    key = escalation_key(person.crn, person.rosh_assessed_on)
    if Task.objects.filter(provider_id=person.provider_id, key=key, status="done").exists():
        return None  # this assessment has been escalated already (one replaced or no longer
        # needed was closed as cancelled, and does not count)
    due = timescales.add_working_days(today, ESCALATION_WORKING_DAYS)
    task, _ = raise_task(
        provider_id=person.provider_id, person=person, kind="risk_escalation", key=key,
        title=f"Escalate {person.name} to the NPS: RoSH {person.get_rosh_display().lower()}",
        detail="RoSH is high or very high: outside the CRC's remit (operating model §2).",
        due_on=min(due, keep_due) if keep_due else due,
        team=person.team, assigned_to=None, queue="manager", actor=actor,
        data={"rosh": person.rosh,
              "assessed_on": person.rosh_assessed_on.isoformat() if person.rosh_assessed_on
              else "unknown"},
    )
    return task


@transaction.atomic
def escalation_record(*, user, person: Person, task, outcome: str, on: dt.date | None,
                      notes: str = "", request=None) -> EscalationOutcome:
    """The manager records what was done about an escalation: a choice, its date and notes
    (§2, F18). It closes the escalation task with the outcome in words."""
    from desist.worklist.services import close_task

    if task is None or task.person_id != person.pk or task.kind != "risk_escalation":
        raise DecisionRefused({"task": "Choose the escalation this outcome is for"})
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status != Task.Status.OPEN:
        raise DecisionRefused({"task": "This escalation has already been closed"})
    raised = escalation_assessment(task.data)
    check = escalation_rules.check_outcome(outcome=outcome, on=on, notes=notes,
                                           today=timezone.localdate(), raised_on=raised.assessed_on)
    if not check.ok or on is None:  # the rule refuses an outcome without its date
        raise DecisionRefused(check.problems or {"on": "Enter the date of the outcome"})
    record = EscalationOutcome.objects.create(
        person=person, task=task, outcome=outcome, on=on, notes=notes.strip(),
        rosh=raised.level, assessed_on=raised.assessed_on, recorded_by=user)
    close_task(task, user=user, outcome=check.text, done=True)
    events.risk_recorded(user=user, person=person, what="risk_escalation_outcome",
                         object_type="escalation_outcome", object_id=record.pk,
                         detail={"outcome": outcome, "on": on.isoformat(), "task": task.pk,
                                 "rosh": raised.level}, request=request)
    return record


# --- Assignment (§3.3) ----------------------------------------------------------------------

@dataclass(frozen=True)
class AssignChoice:
    officer_id: int
    reason: str = ""
    acknowledgement: str = ""
    acknowledged: bool = False


@transaction.atomic
def assign(*, user, person: Person, choice: AssignChoice, expected_version: int | None = None,
           request=None) -> Assignment:
    """Assign or reassign the responsible officer, re-checking the matching rules (§3.3)."""
    from .candidates import candidates_for

    person = _lock(person, expected_version)
    reassignment = person.responsible_officer_id is not None
    if reassignment and choice.officer_id == person.responsible_officer_id:
        raise DecisionRefused({"officer": "This officer already holds the case: choose another"})
    ranking = candidates_for(person, officer_ids=[choice.officer_id], reassignment=reassignment)
    if not ranking.rows:
        raise DecisionRefused({"officer": "Choose an officer from the list"})
    row = ranking.rows[0]
    problems = {}
    if reassignment and not choice.reason.strip():
        problems["reason"] = "Say why the case is being reassigned"
    warnings = [{"code": w.code, "text": " ".join(r.text for r in w.reasons)}
                for w in row.candidate.warnings]
    if warnings and not (choice.acknowledged and choice.acknowledgement.strip()):
        problems["acknowledgement"] = (
            "This assignment breaks a matching rule: confirm you have read the warning and "
            "say why you are going ahead"
        )
    if problems:
        raise DecisionRefused(problems)
    previous = person.responsible_officer
    record = Assignment.objects.create(
        person=person, officer=row.staff, previous_officer=previous, team=row.staff.team,
        reassignment=reassignment, reason=choice.reason, rank=row.candidate.rank,
        points_after=row.candidate.points_after,
        capacity_percent_after=row.candidate.capacity_percent_after,
        warnings=warnings, acknowledgement=choice.acknowledgement if warnings else "",
        decided_by=user,
    )
    person.responsible_officer = row.staff
    if row.staff.team_id:
        person.team_id = row.staff.team_id
    with caseloads.tracking([person.pk]):  # both officers' caseload summaries follow (ADR 0005)
        _bump(person, ["responsible_officer", "team"])
    events.officer_assigned(user=user, person=person, assignment=record, request=request)
    if previous is not None:
        # The case's open work follows it: nothing is left on the old officer's list (F12).

        Task.objects.filter(person=person, status=Task.Status.OPEN, assigned_to=previous).update(
            assigned_to=row.staff, team_id=row.staff.team_id)
    close_open(provider_id=person.provider_id, key=f"allocation:{person.crn}", user=user,
               outcome=f"Assigned to {row.staff.name}")
    return record
