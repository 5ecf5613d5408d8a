"""Writes for oversight and case audit. Each service is atomic and audited in its transaction;
sampling and rating are the rules core's (``desist.rules.sampling``, ``desist.rules.ratings``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.rules.sampling import SampleCase, draw_sample
from desist.worklist.services import close_open, raise_task

from . import framework as fw
from . import selectors
from .choices import (
    Answer,
    CountersignDecision,
    CountersignSubject,
    OversightSubject,
    Position,
    Rating,
    RoundStatus,
    Strand,
    Theme,
)
from .models import (
    AuditAnswer,
    AuditCase,
    AuditRound,
    Countersignature,
    Domain1Rating,
    FrameworkEdition,
    OversightRecord,
)


class AuditRefused(Refused):
    default_code = "audit_refused"


# ---------------------------------------------------------------------------------- framework


@transaction.atomic
def edition_load(*, acting_user, data, request=None) -> FrameworkEdition:
    """Load a new edition of the framework. Rounds already started keep theirs."""
    data = fw.check_edition(data)
    if FrameworkEdition.objects.filter(code=data["code"]).exists():
        raise fw.EditionRefused(f"An edition with the code {data['code']} is already loaded",
                                code="edition_exists", field="edition", conflict=True)
    edition = FrameworkEdition.objects.create(code=data["code"], name=data["name"], data=data,
                                              loaded_by=acting_user if getattr(
                                                  acting_user, "pk", None) else None)
    events.framework_loaded(user=acting_user, edition=edition, request=request)
    return edition


def default_edition(*, acting_user="desist") -> FrameworkEdition:
    """The shipped edition, loaded the first time it is needed."""
    data = fw.default_edition()
    found = FrameworkEdition.objects.filter(code=data["code"]).first()
    return found or edition_load(acting_user=acting_user, data=data)


# ---------------------------------------------------------------------------------- sampling


def _draw(population: list[dict], *, seed: int, confidence: float, margin: float,
          max_per_officer: int, reserve_percent: int):
    cases = [SampleCase(row["person"], row["stratum"], str(row["officer"] or "none"),
                        restricted=row["restricted"]) for row in population]
    return draw_sample(cases, seed=seed, confidence=confidence, margin=margin,
                       max_per_officer=max_per_officer,
                       reserve=Fraction(reserve_percent, 100))


@transaction.atomic
def round_start(*, acting_user, name: str, strands: list[str], period_start: dt.date,
                period_end: dt.date, theme: str = Theme.ALL, offices=(), confidence=0.8,
                margin=0.05, max_per_officer: int = 6, reserve_percent: int = 20,
                seed: int | None = None, edition: FrameworkEdition | None = None,
                request=None) -> AuditRound:
    """Start a round: take the current edition, find the eligible cases for each strand at the
    end of the period, and draw the sample and reserve list with the stored seed."""
    problems = {}
    if not strands or any(s not in Strand.values for s in strands):
        problems["strands"] = "Choose at least one sample"
    if period_end < period_start:
        problems["period_end"] = "The end of the period must be on or after its start"
    if not name.strip():
        problems["name"] = "Enter a name for the round"
    if problems:
        raise AuditRefused(code="round_invalid", problems=problems)
    edition = edition or selectors.latest_edition() or default_edition(acting_user=acting_user)
    provider_id = acting_user.staff.provider_id
    seed = secrets.randbelow(2**31) if seed is None else int(seed)
    audit_round = AuditRound.objects.create(
        provider_id=provider_id, name=name.strip(), edition=edition, theme=theme,
        strands=list(strands), period_start=period_start, period_end=period_end,
        confidence=confidence, margin=margin, max_per_officer=max_per_officer,
        reserve_percent=reserve_percent, seed=seed, lead=acting_user)
    office_ids = [o.pk if hasattr(o, "pk") else int(o) for o in offices]
    if office_ids:
        audit_round.offices.set(office_ids)
    draw = {}
    rows = []
    for strand in strands:
        population = selectors.eligible(provider_id, strand, period_end, theme=theme,
                                        office_ids=office_ids)
        result = _draw(population, seed=seed, confidence=float(confidence),
                       margin=float(margin), max_per_officer=max_per_officer,
                       reserve_percent=reserve_percent)
        draw[strand] = {
            "size": result.size, "population": len(population),
            "allocation": dict(result.allocation), "sample": list(result.sample),
            "reserve": list(result.reserve),
            # With template and parameters: the round page says them in the reader's language.
            "reasons": [r.as_record() for r in result.reasons],
            # The input as drawn, so the draw can be repeated from the seed (reproducibility).
            "input": [[r["person"], r["stratum"], r["officer"], r["restricted"]]
                      for r in population],
        }
        by_person = {r["person"]: r for r in population}
        for position, ids in ((Position.SAMPLE, result.sample),
                              (Position.RESERVE, result.reserve)):
            for order, pid in enumerate(ids):
                r = by_person[pid]
                rows.append(AuditCase(
                    round=audit_round, person_id=pid, strand=strand, stratum=r["stratum"],
                    officer_id=r["officer"], office_id=r["office"], grade=r["grade"],
                    position=position, relevant=r["relevant"],
                    reserve_order=order if position == Position.RESERVE else None))
    AuditCase.objects.bulk_create(rows)
    audit_round.draw = draw
    audit_round.save(update_fields=["draw"])
    events.audit_round_started(user=acting_user, audit_round=audit_round, request=request)
    return audit_round


def redraw(audit_round: AuditRound) -> dict[str, tuple[list, list]]:
    """The draw repeated from the stored input and seed: (sample, reserve) per strand."""
    out = {}
    for strand, stored in audit_round.draw.items():
        population = [{"person": pid, "stratum": stratum, "officer": officer,
                       "restricted": restricted}
                      for pid, stratum, officer, restricted in stored["input"]]
        result = _draw(population, seed=audit_round.seed,
                       confidence=float(audit_round.confidence),
                       margin=float(audit_round.margin),
                       max_per_officer=audit_round.max_per_officer,
                       reserve_percent=audit_round.reserve_percent)
        out[strand] = (list(result.sample), list(result.reserve))
    return out


# ---------------------------------------------------------------------------------- auditing


def _open(audit_round: AuditRound) -> None:
    if audit_round.status != RoundStatus.IN_PROGRESS:
        raise AuditRefused("This round is completed: its audits can no longer change",
                           code="round_completed", conflict=True)


@transaction.atomic
def audit_cases_assign(*, acting_user, audit_round: AuditRound, auditors: list,
                       paired_every: int = 0, request=None) -> int:
    """Share the unassigned sampled cases among the auditors, round robin, never giving an
    auditor a case of their own; every ``paired_every``-th case also gets a second auditor
    (paired review). Returns how many cases were assigned."""
    _open(audit_round)
    if not auditors:
        raise AuditRefused(code="auditors_required", problems={"auditors": "Choose the auditors"})
    cases = list(audit_round.cases.filter(position=Position.SAMPLE, auditor__isnull=True)
                 .select_related("officer").order_by("strand", "pk"))
    assigned = 0
    for index, case in enumerate(cases):
        own = case.officer.user_id if case.officer else None
        choices = [u for u in auditors if u.pk != own] or list(auditors)
        case.auditor = choices[index % len(choices)]
        if paired_every and index % paired_every == 0 and len(choices) > 1:
            others = [u for u in choices if u.pk != case.auditor.pk]
            case.second_auditor = others[index % len(others)]
        case.save(update_fields=["auditor", "second_auditor"])
        assigned += 1
    events.audit_round_changed(user=acting_user, audit_round=audit_round, change="assigned",
                               detail={"cases": assigned,
                                       "auditors": [u.get_username() for u in auditors]},
                               request=request)
    return assigned


@transaction.atomic
def audit_case_assign(*, acting_user, audit_case: AuditCase, auditor, second_auditor=None,
                      request=None) -> AuditCase:
    _open(audit_case.round)
    if second_auditor is not None and second_auditor.pk == auditor.pk:
        raise AuditRefused(code="same_auditor", problems={
            "second_auditor": "A paired review needs a different second auditor"})
    audit_case.auditor, audit_case.second_auditor = auditor, second_auditor
    audit_case.save(update_fields=["auditor", "second_auditor"])
    events.audit_case_changed(user=acting_user, audit_case=audit_case, change="assigned",
                              detail={"auditor": auditor.get_username()}, request=request)
    return audit_case


@transaction.atomic
def audit_answers_record(*, acting_user, audit_case: AuditCase, answers: dict[str, tuple[str, str]],
                         request=None) -> AuditCase:
    """Record the auditor's answer and reason for every key question of the case. All must be
    answered, each with its reason; a new row per answer (earlier answers are history)."""
    audit_case = AuditCase.objects.select_for_update().select_related(
        "round__edition", "person").get(pk=audit_case.pk)
    _open(audit_case.round)
    if audit_case.position != Position.SAMPLE:
        raise AuditRefused("This case is no longer in the sample", code="not_sampled",
                           conflict=True)
    if acting_user.pk not in (audit_case.auditor_id, audit_case.second_auditor_id):
        raise AuditRefused("Only the case's auditors answer its questions",
                           code="not_your_audit", conflict=True)
    problems = {}
    asked = selectors.questions_for(audit_case)
    for q in asked:
        answer, reason = answers.get(q.code, ("", ""))
        allowed = Answer.values if q.relevant_only else (Answer.YES, Answer.NO)
        if answer not in allowed:
            problems[f"q_{fw.slug(q.code)}"] = f"Answer {q.code}"
        elif not (reason or "").strip():
            problems[f"r_{fw.slug(q.code)}"] = f"Give the reason for your answer to {q.code}"
    unknown = sorted(set(answers) - {q.code for q in asked})
    if unknown:
        problems[f"q_{fw.slug(unknown[0])}"] = f"{unknown[0]} is not asked for this case"
    if problems:
        raise AuditRefused(code="answers_incomplete", problems=problems)
    AuditAnswer.objects.bulk_create([
        AuditAnswer(audit_case=audit_case, auditor=acting_user, question=q.code,
                    answer=answers[q.code][0], reason=answers[q.code][1].strip())
        for q in asked])
    if acting_user.pk == audit_case.auditor_id and audit_case.completed_at is None:
        audit_case.completed_at = timezone.now()
        audit_case.save(update_fields=["completed_at"])
    events.audit_case_changed(user=acting_user, audit_case=audit_case, change="answered",
                              detail={"questions": len(asked)}, request=request)
    return audit_case


@transaction.atomic
def audit_case_swap(*, acting_user, audit_case: AuditCase, reason: str,
                    request=None) -> AuditCase:
    """Replace an unsuitable sampled case with the next reserve case from its stratum (or, when
    the stratum's reserve is used up, the next in its sample), with the stated reason."""
    audit_case = AuditCase.objects.select_for_update().select_related("round").get(
        pk=audit_case.pk)
    _open(audit_case.round)
    if not reason.strip():
        raise AuditRefused(code="reason_required",
                           problems={"reason": "Say why the case is unsuitable"})
    if audit_case.position != Position.SAMPLE:
        raise AuditRefused("Only a case in the sample can be swapped", code="not_sampled",
                           conflict=True)
    reserve = audit_case.round.cases.select_for_update().filter(
        strand=audit_case.strand, position=Position.RESERVE)
    nxt = (reserve.filter(stratum=audit_case.stratum).order_by("reserve_order").first()
           or reserve.order_by("reserve_order").first())
    if nxt is None:
        raise AuditRefused("The reserve list is used up", code="reserve_empty",
                           field="reason", conflict=True)
    nxt.position = Position.SAMPLE
    nxt.auditor, nxt.second_auditor = audit_case.auditor, audit_case.second_auditor
    nxt.save(update_fields=["position", "auditor", "second_auditor"])
    audit_case.position = Position.SWAPPED_OUT
    audit_case.swapped_for = nxt
    audit_case.swap_reason = reason.strip()
    audit_case.save(update_fields=["position", "swapped_for", "swap_reason"])
    events.audit_case_changed(user=acting_user, audit_case=audit_case, change="swapped",
                              detail={"reason": reason.strip()[:200], "replacement": nxt.pk},
                              request=request)
    return nxt


@transaction.atomic
def domain1_rate(*, acting_user, audit_round: AuditRound, standard: str, rating: str,
                 evidence: str, request=None) -> Domain1Rating:
    """The lead auditor's rating of a domain 1 standard, from evidence and interviews."""
    _open(audit_round)
    codes = [s.code for s in fw.standards(audit_round.edition.data) if s.strand is None]
    problems = {}
    if standard not in codes:
        problems["standard"] = "Choose a domain 1 standard"
    if rating not in Rating.values:
        problems["rating"] = "Choose the rating"
    if not evidence.strip():
        problems["evidence"] = "Give the evidence for the rating"
    if problems:
        raise AuditRefused(code="domain1_invalid", problems=problems)
    row = Domain1Rating.objects.create(round=audit_round, standard=standard, rating=rating,
                                       evidence=evidence.strip(), entered_by=acting_user)
    events.audit_round_changed(user=acting_user, audit_round=audit_round, change="domain1",
                               detail={"standard": standard, "rating": rating},
                               request=request)
    return row


@transaction.atomic
def round_complete(*, acting_user, audit_round: AuditRound, request=None) -> AuditRound:
    _open(audit_round)
    waiting = audit_round.cases.filter(position=Position.SAMPLE,
                                       completed_at__isnull=True).count()
    if waiting:
        raise AuditRefused(f"{waiting} sampled cases are not audited yet",
                           code="audits_outstanding", conflict=True)
    audit_round.status = RoundStatus.COMPLETED
    audit_round.completed_at = timezone.now()
    audit_round.save(update_fields=["status", "completed_at"])
    events.audit_round_changed(user=acting_user, audit_round=audit_round, change="completed",
                               request=request)
    return audit_round


# ---------------------------------------------------------------------------------- oversight


@transaction.atomic
def oversight_record(*, acting_user, person, risk: str, safeguarding: str, plan: str,
                     enforcement: str, next_action: str, due_on: dt.date | None,
                     subject: str = OversightSubject.CASE, subject_id: int | None = None,
                     today: dt.date | None = None, request=None) -> OversightRecord:
    """A manager's structured oversight. What must happen next becomes the officer's task."""
    today = today or timezone.localdate()
    problems = {}
    for field, value in (("risk", risk), ("safeguarding", safeguarding), ("plan", plan),
                         ("enforcement", enforcement), ("next_action", next_action)):
        if not (value or "").strip():
            problems[field] = "Write your oversight of this (say 'None' if nothing applies)"
    if due_on is not None and due_on < today:
        problems["due_on"] = "The date must be today or later"
    if subject not in OversightSubject.values:
        problems["subject"] = "Choose what the oversight is of"
    elif subject != OversightSubject.CASE:
        related = {OversightSubject.BREACH: person.breaches, OversightSubject.PLAN: person.plans,
                   OversightSubject.REVIEW: person.reviews}[OversightSubject(subject)]
        if subject_id is None or not related.filter(pk=subject_id).exists():
            problems["subject_id"] = "Choose the record the oversight is of"
    if problems:
        raise Refused(code="oversight_invalid", problems=problems)
    record = OversightRecord.objects.create(
        provider_id=person.provider_id, person=person, subject=subject,
        subject_id=subject_id if subject != OversightSubject.CASE else None,
        risk=risk.strip(), safeguarding=safeguarding.strip(), plan=plan.strip(),
        enforcement=enforcement.strip(), next_action=next_action.strip(), due_on=due_on,
        recorded_by=acting_user, recorded_on=today)
    if person.responsible_officer_id is not None and next_action.strip().lower() != "none":
        task, _ = raise_task(
            provider_id=person.provider_id, kind="oversight_action",
            key=f"oversight:{record.pk}", person=person, due_on=due_on,
            title=f"Manager oversight: {next_action.strip()[:120]}",
            detail=next_action.strip(), actor=acting_user)
        record.task = task
        record.save(update_fields=["task"])
    events.oversight_recorded(user=acting_user, record=record, request=request)
    return record


# ---------------------------------------------------------------------------------- countersigning


class CountersignRefused(Refused):
    default_code = "countersign_refused"


def on_review_saved(sender, *, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A review recorded on a case that needs countersigning (§15) goes to its team's
    managers as a task (post_save of ``reviews.Review``)."""
    if not created or raw:
        return
    person = instance.person
    for earlier in selectors.returned_reviews_with_open_task(person, before=instance.pk):
        close_open(provider_id=person.provider_id, key=f"review_returned:{earlier}",
                   user=instance.recorded_by, outcome="A new review was recorded")
    reasons = selectors.review_countersign_reasons(instance)
    if not reasons:
        return
    raise_task(provider_id=person.provider_id, person=person, kind="countersign_review",
               key=f"countersign_review:{instance.pk}", assigned_to=None, team=person.team,
               title=f"Countersign the review of {person.name}",
               detail=" ".join(r.text for r in reasons), data={"review": instance.pk},
               actor=instance.recorded_by or "desist")


def _refuse(error: CountersignRefused, *, acting_user, person, review, request):
    events.countersign_refused(user=acting_user, person=person,
                               subject=CountersignSubject.REVIEW, subject_id=review.pk,
                               code=error.code, request=request)
    return error


def countersign_review(*, acting_user, review, decision: str, reason: str,
                       request=None) -> Countersignature:
    """A manager countersigns a review, or returns it to the officer saying what must change.
    A new row with who and why; the manager's task closes; a returned review is the officer's
    task. Refused (nothing written) when the review does not need it, is not the case's latest
    review, or already has a decision."""
    person = review.person
    try:
        return _countersign_review(acting_user=acting_user, review=review, decision=decision,
                                   reason=reason, request=request)
    except CountersignRefused as error:
        raise _refuse(error, acting_user=acting_user, person=person, review=review,
                      request=request) from None


@transaction.atomic
def _countersign_review(*, acting_user, review, decision, reason, request):
    from desist.people.models import Person

    person = review.person
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True).first()
    problems = {}
    if decision not in CountersignDecision.values:
        problems["decision"] = "Choose whether you countersign the review or return it"
    if not (reason or "").strip():
        problems["reason"] = ("Say why: what you checked, and for a return what must change")
    if problems:
        raise CountersignRefused(code="countersign_invalid", problems=problems)
    if not selectors.review_countersign_reasons(review):
        raise CountersignRefused("This review does not need a manager's countersignature",
                                 code="not_needed", conflict=True)
    if selectors.latest_review_pk(person) != review.pk:
        raise CountersignRefused("A newer review has been recorded: countersign that one",
                                 code="superseded", conflict=True)
    if selectors.countersignatures_of(CountersignSubject.REVIEW, review.pk).exists():
        raise CountersignRefused("A manager has already decided on this review",
                                 code="already_decided", conflict=True)
    signature = Countersignature.objects.create(
        provider_id=person.provider_id, person=person, subject=CountersignSubject.REVIEW,
        subject_id=review.pk, decision=decision, reason=reason.strip(), decided_by=acting_user)
    returned = decision == CountersignDecision.RETURNED
    close_open(provider_id=person.provider_id, key=f"countersign_review:{review.pk}",
               user=acting_user, outcome="Returned to the officer" if returned
               else "Countersigned")
    if returned and person.responsible_officer_id is not None:
        task, _ = raise_task(
            provider_id=person.provider_id, person=person, kind="review_returned",
            key=f"review_returned:{review.pk}", title=f"Review returned: {reason.strip()[:120]}",
            detail=reason.strip(), data={"review": review.pk}, actor=acting_user)
        signature.task = task
        signature.save(update_fields=["task"])
    events.countersign_decided(user=acting_user, signature=signature, request=request)
    return signature
