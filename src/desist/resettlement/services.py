"""Writes for Through the Gate (operating model §13). Each owns its transaction and audit event.

The decisions are the rules core's (``desist.rules.resettlement``): deadlines, the hand-over
date, what blocks completing a plan, the accommodation alert. This module gathers the facts from
the record, applies the result and writes the audit trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.locking import check_version
from desist.rules import resettlement as rules
from desist.rules.timescales import first_appointment_deadline
from desist.worklist import services as worklist

from . import assessment
from .choices import (
    CLOSED_NEEDS,
    NEED_TYPES,
    AssessmentKind,
    ChecklistItem,
    NeedStatus,
    Pathway,
    PathwayStatus,
)
from .models import (
    AssessmentResponse,
    AssessmentVersion,
    ChecklistTick,
    CodeAttempt,
    CustodyCase,
    NeedUpdate,
    PathwayChange,
    PersonCode,
    ResettlementPathway,
    SupportNeed,
)

DEFAULT_FILES = {
    AssessmentKind.SCREENING: Path(__file__).parent / "config" / "default_screening.json",
    AssessmentKind.PRE_RELEASE: Path(__file__).parent / "config" / "default_pre_release.json",
}
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
CODE_LENGTH = 6
CODE_VALID = dt.timedelta(days=7)
CODE_MAX_WRONG = 5
RATE_WINDOW = dt.timedelta(minutes=15)
RATE_LIMIT = 10  # tries per network address per window
VIEW_SESSION = dt.timedelta(hours=1)


class ResettlementRefused(Refused):
    default_code = "resettlement_refused"


def config() -> rules.ResettlementConfig:
    """The §13 service levels, from settings ``DESIST_RESETTLEMENT`` (a dict) or the defaults."""
    overrides = getattr(settings, "DESIST_RESETTLEMENT", None) or {}
    return rules.ResettlementConfig(**overrides)


def _today(today):
    return today or timezone.localdate()


def _bump(case: CustodyCase) -> None:
    CustodyCase.objects.filter(pk=case.pk).update(version=F("version") + 1)
    case.version += 1


# --- Opening a custody case ------------------------------------------------------------------


def handover_for(person, release: dt.date) -> rules.Handover:
    """The hand-over: the date intake routing stored (``pass_to_lmc_on``, §3.2) when it has one,
    else the rules core's computation from the same routing configuration."""
    computed = rules.handover_date(release, rotl_hdc_request=person.rotl_hdc_requested_on)
    if person.pass_to_lmc_on and person.pass_to_lmc_on != computed.on:
        return rules.Handover(person.pass_to_lmc_on, "routing", (rules.Reason(
            "s3_handover_routing", rules.S3,
            "Intake routing passes the case to the LMC on this date: the community officer is "
            "assigned then."),))
    return computed


@transaction.atomic
def custody_case_open(*, acting_user, person, sentence, prison: str, reception_on: dt.date,
                      request=None) -> CustodyCase:
    """Start resettlement for a custodial sentence: the seven pathways and the deadlines."""
    problems = {}
    if sentence.type != "custody" or sentence.person_id != person.pk:
        problems["sentence"] = "Choose a custodial sentence on this case."
    if sentence.release_date is None:
        problems["sentence"] = "Record the release date on the sentence first."
    elif reception_on >= sentence.release_date:
        problems["reception_on"] = "The reception date must be before the release date."
    if not prison.strip():
        problems["prison"] = "Enter the prison."
    if CustodyCase.objects.filter(sentence=sentence).exists():
        raise ResettlementRefused("Resettlement has already started for this sentence.",
                                  code="resettlement_already_open", field="sentence",
                                  conflict=True)
    if problems:
        raise ResettlementRefused(code="resettlement_open_refused", problems=problems)
    cfg = config()
    release = sentence.release_date
    case = CustodyCase.objects.create(
        provider_id=person.provider_id, person=person, sentence=sentence, prison=prison.strip(),
        reception_on=reception_on, release_on=release,
        screening_due_on=rules.screening_deadline(reception_on, config=cfg).due,
        plan_due_on=rules.plan_deadline(release, config=cfg).due,
        handover_on=handover_for(person, release).on,
    )
    ResettlementPathway.objects.bulk_create(
        [ResettlementPathway(case=case, pathway=p) for p in Pathway.values])
    events.resettlement_changed(user=acting_user, case=case, change="opened",
                                detail={"prison": case.prison, "release_on": release.isoformat()},
                                request=request)
    return case


# --- Assessment configuration ----------------------------------------------------------------


@transaction.atomic
def assessment_version_load(*, acting_user, definition: object, request=None) -> AssessmentVersion:
    """Load a new version of the screening or pre-release questions (an administrator's file).
    Earlier answers keep the version they were given under."""
    try:
        checked = assessment.check_definition(definition)
    except assessment.DefinitionError as error:
        raise ResettlementRefused(str(error), code="assessment_definition_invalid",
                                  field="file") from error
    kind = checked["kind"]
    # Lock the kind's versions (no aggregate: PostgreSQL refuses FOR UPDATE with one); the
    # unique (kind, number) constraint settles a race for the first version.
    latest = max(AssessmentVersion.objects.select_for_update().filter(kind=kind)
                 .values_list("number", flat=True), default=0)
    version = AssessmentVersion.objects.create(
        kind=kind, number=latest + 1, title=str(checked["title"])[:200], definition=checked,
        loaded_by=acting_user if getattr(acting_user, "pk", None) else None)
    events.resettlement_assessment_loaded(user=acting_user, version=version, request=request)
    return version


def current_version(kind: str) -> AssessmentVersion | None:
    return AssessmentVersion.objects.filter(kind=kind).order_by("-number").first()


def ensure_default_versions(acting_user="desist", kinds=None) -> None:
    """Load the shipped default definitions (screening and pre-release) where no version of
    that kind exists yet. An administrator's later version replaces it for new answers only."""
    for kind, path in DEFAULT_FILES.items():
        if (kinds is None or kind in kinds) and current_version(kind) is None:
            assessment_version_load(acting_user=acting_user,
                                    definition=json.loads(path.read_text()))


@transaction.atomic
def assessment_record(*, acting_user, case: CustodyCase, kind: str, answers: dict,
                      today: dt.date | None = None, request=None) -> AssessmentResponse:
    """Record answers under the current version; raise the support needs the answers call for."""
    today = _today(today)
    if case.released_on:
        raise ResettlementRefused("The person has been released.", code="resettlement_released",
                                  conflict=True)
    version = current_version(kind)
    if version is None:
        raise ResettlementRefused("No questions are loaded for this assessment.",
                                  code="assessment_not_loaded", conflict=True)
    kept, raised, problems = assessment.evaluate(version.definition, answers)
    if problems:
        raise ResettlementRefused(code="assessment_incomplete", problems=problems)
    response = AssessmentResponse.objects.create(case=case, version=version, answers=kept,
                                                 raised=raised, recorded_on=today,
                                                 recorded_by=acting_user)
    open_kinds = set(SupportNeed.objects.filter(case=case).exclude(
        status__in=CLOSED_NEEDS).values_list("kind", flat=True))
    due = min(case.plan_due_on, case.release_on)
    for code in raised:
        if code not in open_kinds:
            need = SupportNeed.objects.create(case=case, kind=code, due_on=due,
                                              raised_by=response, created_by=acting_user,
                                              notes="Raised by the " + version.title.lower())
            NeedUpdate.objects.create(need=need, status=need.status, note=need.notes,
                                      by=acting_user)
    # A pathway with a need is in progress (a new status row, if it was not started).
    for code in raised:
        pathway = ResettlementPathway.objects.get(case=case, pathway=NEED_TYPES[code].pathway)
        if pathway.status == PathwayStatus.NOT_STARTED:
            _set_pathway(pathway, PathwayStatus.IN_PROGRESS, acting_user,
                         "Support need raised by the " + version.title.lower())
    if kind == AssessmentKind.SCREENING and case.screened_on is None:
        CustodyCase.objects.filter(pk=case.pk).update(screened_on=today)
        case.screened_on = today
    _bump(case)
    events.resettlement_changed(user=acting_user, case=case, change="assessment_recorded",
                                detail={"kind": kind, "version": version.number,
                                        "raised": raised}, request=request)
    return response


# --- Pathways and needs ----------------------------------------------------------------------


def _set_pathway(pathway: ResettlementPathway, to: str, user, note: str) -> None:
    PathwayChange.objects.create(pathway=pathway, from_status=pathway.status, to_status=to,
                                 note=note, by=user if getattr(user, "pk", None) else None)
    ResettlementPathway.objects.filter(pk=pathway.pk).update(status=to,
                                                             version=F("version") + 1)
    pathway.status = to
    pathway.version += 1


@transaction.atomic
def pathway_set_status(*, acting_user, pathway: ResettlementPathway, status: str, note: str = "",
                       expected_version: int | None = None, request=None) -> ResettlementPathway:
    pathway = ResettlementPathway.objects.select_for_update(of=("self",)).select_related(
        "case__person").get(pk=pathway.pk)
    check_version(pathway, expected_version)
    if status not in PathwayStatus.values:
        raise ResettlementRefused(code="pathway_status_unknown", field="status",
                                  message="Choose a status.")
    if pathway.case.released_on:
        raise ResettlementRefused("The person has been released.", code="resettlement_released",
                                  conflict=True)
    if status == PathwayStatus.DECLINED and not note.strip():
        raise ResettlementRefused("Say why the person declined support.",
                                  code="pathway_declined_needs_note", field="note")
    before = pathway.status
    _set_pathway(pathway, status, acting_user, note.strip())
    events.resettlement_changed(user=acting_user, case=pathway.case, change="pathway_changed",
                                detail={"pathway": pathway.pathway, "from": before,
                                        "to": status}, request=request)
    return pathway


@transaction.atomic
def need_add(*, acting_user, case: CustodyCase, kind: str, due_on: dt.date, owner=None,
             notes: str = "", request=None) -> SupportNeed:
    if kind not in NEED_TYPES:
        raise ResettlementRefused("Choose a support need.", code="need_kind_unknown",
                                  field="kind")
    if case.released_on:
        raise ResettlementRefused("The person has been released.", code="resettlement_released",
                                  conflict=True)
    if due_on > case.release_on:
        raise ResettlementRefused("The due date must be on or before release.",
                                  code="need_due_after_release", field="due_on")
    need = SupportNeed.objects.create(case=case, kind=kind, due_on=due_on, owner=owner,
                                      notes=notes.strip(), created_by=acting_user)
    NeedUpdate.objects.create(need=need, status=need.status, note=need.notes, by=acting_user)
    pathway = ResettlementPathway.objects.get(case=case, pathway=NEED_TYPES[kind].pathway)
    if pathway.status == PathwayStatus.NOT_STARTED:
        _set_pathway(pathway, PathwayStatus.IN_PROGRESS, acting_user, "Support need added")
    _bump(case)
    events.resettlement_changed(user=acting_user, case=case, change="need_added",
                                detail={"need": need.pk, "kind": kind}, request=request)
    return need


@transaction.atomic
def need_update(*, acting_user, need: SupportNeed, status: str, note: str = "",
                expected_version: int | None = None, request=None) -> SupportNeed:
    need = SupportNeed.objects.select_for_update(of=("self",)).select_related("case__person").get(pk=need.pk)
    check_version(need, expected_version)
    if status not in NeedStatus.values:
        raise ResettlementRefused("Choose a status.", code="need_status_unknown", field="status")
    before = need.status
    NeedUpdate.objects.create(need=need, status=status, note=note.strip(), by=acting_user)
    SupportNeed.objects.filter(pk=need.pk).update(status=status, version=F("version") + 1)
    need.status, need.version = status, need.version + 1
    events.resettlement_changed(user=acting_user, case=need.case, change="need_updated",
                                detail={"need": need.pk, "from": before, "to": status},
                                request=request)
    return need


@transaction.atomic
def need_refer(*, acting_user, need: SupportNeed, service, today: dt.date | None = None,
               request=None) -> SupportNeed:
    """Refer the person to a partner for this need, through the referral machinery (§9)."""
    from desist.interventions import services as interventions

    need = SupportNeed.objects.select_for_update(of=("self",)).select_related(
        "case__person").get(pk=need.pk)
    if need.referral_id:
        raise ResettlementRefused("This need has already been referred.",
                                  code="need_already_referred", conflict=True)
    if need.status in CLOSED_NEEDS:
        raise ResettlementRefused("This need is closed: there is nothing to refer.",
                                  code="need_closed", conflict=True)
    if service is None or service.provider_id != need.case.provider_id or service.partner_id is None:
        raise ResettlementRefused("Choose a partner service from the catalogue.",
                                  code="need_service_unknown", field="service")
    referral, _check = interventions.make_referral(
        user=acting_user, person=need.case.person, service=service, today=_today(today),
        note=f"Resettlement: {need.get_kind_display()}", request=request)
    SupportNeed.objects.filter(pk=need.pk).update(referral=referral, version=F("version") + 1,
                                                  status=NeedStatus.IN_PROGRESS)
    NeedUpdate.objects.create(need=need, status=NeedStatus.IN_PROGRESS,
                              note=f"Referred to {referral.service}", by=acting_user)
    need.refresh_from_db()
    events.resettlement_changed(user=acting_user, case=need.case, change="need_referred",
                                detail={"need": need.pk, "referral": referral.pk},
                                request=request)
    return need


@transaction.atomic
def risk_section_save(*, acting_user, case: CustodyCase, text: str,
                      expected_version: int | None = None, request=None) -> CustodyCase:
    case = CustodyCase.objects.select_for_update(of=("self",)).select_related("person").get(pk=case.pk)
    check_version(case, expected_version)
    if not text.strip():
        raise ResettlementRefused("Write the risk of harm section.", code="risk_section_empty",
                                  field="risk_section")
    CustodyCase.objects.filter(pk=case.pk).update(risk_section=text.strip(),
                                                  risk_section_by=acting_user)
    _bump(case)
    case.risk_section = text.strip()
    events.resettlement_changed(user=acting_user, case=case, change="risk_section_saved",
                                request=request)
    return case


# --- Completing the plan ---------------------------------------------------------------------


def plan_facts(case: CustodyCase) -> rules.PlanFacts:
    from desist.people.models import Registration

    flags = frozenset(Registration.objects.filter(person_id=case.person_id, end_date__isnull=True)
                      .values_list("type", flat=True))
    needs = tuple(
        rules.NeedFact(n.kind, open=n.status not in CLOSED_NEEDS,
                       drug=NEED_TYPES[n.kind].drug, prescription=NEED_TYPES[n.kind].prescription,
                       accommodation=NEED_TYPES[n.kind].accommodation)
        for n in case.needs.exclude(status=NeedStatus.CANCELLED))
    return rules.PlanFacts(
        pathways=dict(case.pathways.values_list("pathway", "status")), registrations=flags,
        risk_section_written=bool(case.risk_section.strip()), needs=needs,
        screened=case.screened_on is not None)


@transaction.atomic
def plan_complete(*, acting_user, case: CustodyCase, today: dt.date | None = None,
                  expected_version: int | None = None, request=None) -> CustodyCase:
    """Complete the plan, unless the rules core says what still blocks it (§13, F19)."""
    case = CustodyCase.objects.select_for_update(of=("self",)).select_related("person").get(pk=case.pk)
    check_version(case, expected_version)
    if case.plan_completed_on:
        raise ResettlementRefused("The plan is already complete.", code="plan_already_complete",
                                  conflict=True)
    result = rules.completion_problems(plan_facts(case))
    if not result.allowed:
        raise ResettlementRefused(
            code=result.problems[0].code,
            problems={result.fields.get(r.code, "plan"): r.text for r in result.problems},
            reasons=result.problems)
    today = _today(today)
    CustodyCase.objects.filter(pk=case.pk).update(plan_completed_on=today,
                                                  plan_completed_by=acting_user)
    case.plan_completed_on = today
    _bump(case)
    timeliness = rules.plan_timeliness(due=case.plan_due_on, completed_on=today, today=today)
    events.resettlement_changed(user=acting_user, case=case, change="plan_completed",
                                detail={"due": case.plan_due_on.isoformat(),
                                        "timeliness": timeliness}, request=request)
    worklist.close_open(provider_id=case.provider_id, key=f"resettlement-plan:{case.pk}",
                        user=acting_user, outcome="Plan completed")
    return case


# --- Release day -----------------------------------------------------------------------------


@transaction.atomic
def checklist_tick(*, acting_user, case: CustodyCase, item: str, done: bool = True,
                   note: str = "", request=None) -> ChecklistTick:
    if item not in ChecklistItem.values:
        raise ResettlementRefused("Choose a checklist item.", code="checklist_item_unknown",
                                  field="item")
    tick = ChecklistTick.objects.create(case=case, item=item, done=done, note=note.strip()[:300],
                                        by=acting_user)
    events.resettlement_changed(user=acting_user, case=case, change="checklist_ticked",
                                detail={"item": item, "done": done}, request=request)
    return tick


@transaction.atomic
def case_release(*, acting_user, case: CustodyCase, released_on: dt.date,
                 expected_version: int | None = None, request=None) -> CustodyCase:
    """Record the release. The case moves to induction (§5) on the same record: a task for the
    community officer to screen and book the induction, due within the §3 timescale from
    release. Nothing is keyed again: the induction screen starts from what the case says."""
    case = CustodyCase.objects.select_for_update(of=("self",)).select_related(
        "person__responsible_officer").get(pk=case.pk)
    check_version(case, expected_version)
    if case.released_on:
        raise ResettlementRefused("The release is already recorded.",
                                  code="release_already_recorded", conflict=True)
    if released_on < case.reception_on:
        raise ResettlementRefused("The release date must be after reception.",
                                  code="release_before_reception", field="released_on")
    CustodyCase.objects.filter(pk=case.pk).update(released_on=released_on,
                                                  released_by=acting_user)
    case.released_on = released_on
    _bump(case)
    deadline = first_appointment_deadline(released_on, from_release=True)
    person = case.person
    worklist.raise_task(
        provider_id=case.provider_id, kind="resettlement_induction",
        key=f"resettlement-induction:{case.pk}", person=person, due_on=deadline.due,
        title=f"{person.first_name} {person.last_name} released: screen and book the induction",
        detail=deadline.reasons[0].text, data={"url": f"/cases/{person.crn}/induction/"},
        actor=acting_user)
    for key in (f"resettlement-accommodation:{case.pk}", f"resettlement-accommodation-m:{case.pk}"):
        worklist.close_open(provider_id=case.provider_id, key=key, user=acting_user,
                            outcome="Released")
    events.resettlement_changed(user=acting_user, case=case, change="released",
                                detail={"released_on": released_on.isoformat()}, request=request)
    return case


# --- The person's code -----------------------------------------------------------------------


def _hash(code: str) -> str:
    normalised = "".join(code.split()).upper()
    return hashlib.sha256(f"{settings.SECRET_KEY}:{normalised}".encode()).hexdigest()


@transaction.atomic
def code_issue(*, acting_user, case: CustodyCase, request=None) -> str:
    """A new one-time code for the person (earlier unused codes are withdrawn). Returns the code,
    shown once to the staff member; only its hash is kept."""
    now = timezone.now()
    PersonCode.objects.filter(case=case, used_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=now)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not PersonCode.objects.filter(code_hash=_hash(code)).exists():
            break
    PersonCode.objects.create(case=case, code_hash=_hash(code), issued_by=acting_user,
                              expires_at=now + CODE_VALID)
    events.resettlement_changed(user=acting_user, case=case, change="code_issued",
                                detail={"expires": (now + CODE_VALID).date().isoformat()},
                                request=request)
    return code


class CodeRefused(Refused):
    default_code = "person_code_refused"


WRONG = "That code and date of birth do not match. Check them and try again."


def code_redeem(*, code: str, date_of_birth: dt.date, client: str,
                request=None) -> CustodyCase:
    """Open the person's page: the code must be current and the date of birth must match.
    Refused (and audited) when the network address has tried too often, the code is unknown,
    used, expired or locked, or the date of birth is wrong (5 wrong tries lock the code)."""
    now = timezone.now()
    with transaction.atomic():
        recent = CodeAttempt.objects.filter(client=client[:64], at__gte=now - RATE_WINDOW,
                                            ok=False).count()
        if recent >= RATE_LIMIT:
            events.person_page_accessed(case=None, outcome="rate_limited", client=client,
                                        request=request)
            raise CodeRefused("Too many tries. Wait 15 minutes and try again.",
                              code="person_code_rate_limited", field="code")
        found = (PersonCode.objects.select_for_update(of=("self",)).select_related("case__person")
                 .filter(code_hash=_hash(code or "")).first())
        outcome = None
        if found is None:
            outcome = "unknown_code"
        elif found.locked_at is not None:
            outcome = "locked"
        elif found.used_at is not None or found.withdrawn_at is not None:
            outcome = "used"
        elif found.expires_at <= now:
            outcome = "expired"
        elif found.case.person.date_of_birth != date_of_birth:
            found.failed_tries += 1
            if found.failed_tries >= CODE_MAX_WRONG:
                found.locked_at = now
            found.save(update_fields=["failed_tries", "locked_at"])
            outcome = "locked_now" if found.locked_at else "wrong_date_of_birth"
        CodeAttempt.objects.create(client=client[:64], ok=outcome is None)
        case = found.case if found is not None else None
        events.person_page_accessed(case=case, outcome=outcome or "opened", client=client,
                                    request=request)
        if outcome is None and found is not None:  # a code found, live and with the right date
            found.used_at = now
            found.save(update_fields=["used_at"])
            return found.case
    # Outside the atomic block, so the tries and the lock are kept.
    messages = {
        "locked": "This code is locked after 5 wrong tries. Ask your officer for a new code.",
        "locked_now": "This code is now locked after 5 wrong tries. Ask your officer for a new "
        "code.",
        "used": "This code has already been used. Ask your officer for a new code.",
        "expired": "This code has expired. Ask your officer for a new code.",
    }
    raise CodeRefused(messages.get(outcome or "", WRONG), code=f"person_code_{outcome}", field="code")


# --- Alerts (nightly) ------------------------------------------------------------------------


def alerts_run(*, today: dt.date | None = None) -> dict:
    """Raise the §13 alerts: accommodation unresolved from 4 weeks before release (officer and
    manager), screening or plan overdue, hand-over with no community officer."""
    today = _today(today)
    cfg = config()
    counts = {"accommodation": 0, "overdue": 0, "handover": 0}
    cases = (CustodyCase.objects.filter(released_on__isnull=True)
             .select_related("person__responsible_officer", "person__team")
             .prefetch_related("needs"))
    for case in cases:
        person = case.person
        name = f"{person.first_name} {person.last_name}"
        unresolved = any(NEED_TYPES[n.kind].accommodation and n.status not in CLOSED_NEEDS
                         for n in case.needs.all())
        alert = rules.accommodation_alert(release=case.release_on, today=today,
                                          unresolved=unresolved, config=cfg)
        if alert is not None:
            for kind, key in (("resettlement_accommodation", "resettlement-accommodation"),
                              ("resettlement_accommodation_manager",
                               "resettlement-accommodation-m")):
                _task, created = worklist.raise_task(
                    provider_id=case.provider_id, kind=kind, key=f"{key}:{case.pk}",
                    person=person, due_on=case.release_on,
                    title=f"{name}: no accommodation confirmed for release", detail=alert.text,
                    data={"url": f"/cases/{person.crn}/resettlement/"})
                counts["accommodation"] += created
        late = []
        if case.screened_on is None and today > case.screening_due_on:
            late.append(("screening", case.screening_due_on))
        if case.plan_completed_on is None and today > case.plan_due_on:
            late.append(("plan", case.plan_due_on))
        for what, due in late:
            _task, created = worklist.raise_task(
                provider_id=case.provider_id, kind="resettlement_overdue",
                key=f"resettlement-{what}:{case.pk}", person=person, due_on=due,
                title=f"{name}: resettlement {what} overdue",
                data={"url": f"/cases/{person.crn}/resettlement/"})
            counts["overdue"] += created
        reason = rules.handover_overdue(handover_on=case.handover_on, today=today,
                                        officer_assigned=person.responsible_officer_id is not None)
        if reason is not None:
            _task, created = worklist.raise_task(
                provider_id=case.provider_id, kind="resettlement_handover",
                key=f"resettlement-handover:{case.pk}", person=person, due_on=case.handover_on,
                title=f"{name}: assign the community officer before release",
                detail=reason.text, team=person.team or person.lmc, assigned_to=None,
                data={"url": f"/cases/{person.crn}/resettlement/"})
            counts["handover"] += created
    return counts


def person_page_viewed(*, case: CustodyCase, client: str, request=None) -> None:
    """Every view of the person's own page is audited."""
    events.person_page_accessed(case=case, outcome="viewed", client=client, request=request)
