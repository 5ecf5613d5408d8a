"""Reads for oversight and case audit: eligibility, rounds, audit cases, results, coverage.

The reads that start from the user's case scope are in ``desist.scopes.oversight`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from desist.dates import format_date
from desist.organisation.roles import Role, role_of
from desist.people.models import HIGH_ROSH, Person, Registration
from desist.rules.ratings import RATING_NAMES, KeyQuestionCount, rate
from desist.rules.timescales import add_months
from desist.sentences.models import Requirement, Sentence

from . import framework as fw
from .choices import Answer, CountersignSubject, Position, Strand, Theme
from .models import (
    AuditAnswer,
    AuditCase,
    AuditRound,
    Countersignature,
    Domain1Rating,
    FrameworkEdition,
    OversightRecord,
)

COMMUNITY = ("community_order", "sso")
POST_CUSTODY = ("licence", "pss")
CHILD_SAFEGUARDING = ("child_protection_plan", "child_concern", "child_in_need")


# ---------------------------------------------------------------------------------- framework


def latest_edition() -> FrameworkEdition | None:
    return FrameworkEdition.objects.order_by("-loaded_at", "-pk").first()


def editions():
    return FrameworkEdition.objects.order_by("-loaded_at", "-pk")


# ---------------------------------------------------------------------------------- eligibility


def eligibility_window(strand: str, as_at: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a case's start must fall between to be eligible (inspection-framework.md
    Sampling): supervision 6–7 months in; unpaid work begun 3 months or more before; Through
    the Gate released about 6 weeks before (4 to 8 weeks)."""
    if strand == Strand.SUPERVISION:
        return add_months(as_at, -7), add_months(as_at, -6)
    if strand == Strand.UPW:
        return dt.date(1900, 1, 1), add_months(as_at, -3)
    return as_at - dt.timedelta(weeks=8), as_at - dt.timedelta(weeks=4)


def stratum_of(gender: str, post_custody: bool, rosh: str) -> str:
    """The Ministry's five strata (inspection-framework.md Sampling)."""
    if gender == "female":
        return "Female"
    where = "post-custody" if post_custody else "community"
    return f"Male {where}, {'low' if rosh == 'low' else 'not low'} RoSH"


def eligible(provider_id: int, strand: str, as_at: dt.date, *, theme: str = Theme.ALL,
             office_ids=()) -> list[dict]:
    """The eligible population for one strand, one row per person (restricted ones flagged, so
    the sampler excludes them and says so)."""
    start, end = eligibility_window(strand, as_at)
    live = Q(terminated_on__isnull=True) | Q(terminated_on__gt=as_at)
    if strand == Strand.SUPERVISION:
        sentences = Sentence.objects.filter(live).filter(
            Q(type__in=COMMUNITY, start_date__range=(start, end))
            | Q(type__in=POST_CUSTODY, release_date__range=(start, end)))
        post = dict(sentences.values_list("person_id", "type"))
        post = {pid: t in POST_CUSTODY for pid, t in post.items()}
    elif strand == Strand.UPW:
        reqs = Requirement.objects.filter(
            type="upw", start_date__range=(start, end)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=as_at)).filter(
            Q(sentence__terminated_on__isnull=True) | Q(sentence__terminated_on__gt=as_at))
        post = dict.fromkeys(reqs.values_list("sentence__person_id", flat=True), False)
    else:
        sentences = Sentence.objects.filter(live).filter(
            type__in=(*POST_CUSTODY, "custody"), release_date__range=(start, end))
        post = dict.fromkeys(sentences.values_list("person_id", flat=True), True)
    people = Person.objects.filter(provider_id=provider_id, active=True, pk__in=list(post))
    if office_ids:
        people = people.filter(team__venue_id__in=list(office_ids))
    if theme == Theme.DOMESTIC_ABUSE:
        people = people.filter(Exists(Registration.objects.filter(
            person=OuterRef("pk"), type="domestic_abuse", end_date__isnull=True)))
    elif theme == Theme.CHILD_SAFEGUARDING:
        people = people.filter(Exists(Registration.objects.filter(
            person=OuterRef("pk"), type__in=CHILD_SAFEGUARDING, end_date__isnull=True)))
    elif theme == Theme.WOMEN:
        people = people.filter(gender="female")
    elif theme == Theme.HIGH_ROSH:
        people = people.filter(rosh__in=HIGH_ROSH)
    flagged = set(Registration.objects.filter(
        person__in=people, end_date__isnull=True,
        type__in=("domestic_abuse", *CHILD_SAFEGUARDING, "mappa")).values_list(
        "person_id", flat=True))
    rows = []
    for p in people.values("pk", "gender", "rosh", "restricted", "responsible_officer_id",
                           "responsible_officer__grade", "team__venue_id").order_by("pk"):
        rows.append({
            "person": p["pk"],
            "stratum": stratum_of(p["gender"], post[p["pk"]], p["rosh"]),
            "officer": p["responsible_officer_id"],
            "grade": p["responsible_officer__grade"] or "",
            "office": p["team__venue_id"],
            # Risk of serious harm issues apply: RoSH above low, or a DA, child safeguarding
            # or MAPPA flag (inspection-framework.md: the relevant sub-sample).
            "relevant": p["rosh"] in ("medium", *HIGH_ROSH) or p["pk"] in flagged,
            "restricted": p["restricted"],
        })
    return rows


# ---------------------------------------------------------------------------------- rounds


def rounds_for(user, *, newest_first: bool = False):
    if role_of(user) is None:
        return AuditRound.objects.none()
    rounds = AuditRound.objects.filter(provider_id=user.staff.provider_id).select_related(
        "edition", "lead")
    return rounds.order_by("-pk") if newest_first else rounds


def round_for(user, pk: int) -> AuditRound:
    found = rounds_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such audit round.")
    return found


def round_cases(audit_round: AuditRound):
    return audit_round.cases.select_related("person", "officer__user", "office", "auditor",
                                            "second_auditor").order_by(
        "strand", "position", "reserve_order", "person__crn")


def sampled_for(user):
    """The audit cases a user may open: sampled (or swapped out, for the record) in a round
    they audit or lead. The quality assurance role's whole case scope (scopes.cases)."""
    return AuditCase.objects.exclude(position=Position.RESERVE).filter(
        Q(auditor=user) | Q(second_auditor=user) | Q(round__lead=user))


def standing_answers(audit_case: AuditCase, auditor) -> dict[str, AuditAnswer]:
    """The newest answer per question by this auditor."""
    out: dict[str, AuditAnswer] = {}
    for a in audit_case.answers.filter(auditor=auditor).order_by("question", "-answered_at",
                                                                 "-pk"):
        out.setdefault(a.question, a)
    return out


def questions_for(audit_case: AuditCase) -> tuple[fw.Question, ...]:
    """The key questions this case is audited on: its strand's, without the relevant-only ones
    where the case is not in the relevant sub-sample."""
    return tuple(q for q in fw.questions(audit_case.round.edition.data, audit_case.strand)
                 if audit_case.relevant or not q.relevant_only)


# ---------------------------------------------------------------------------------- results


def _lead_answers(audit_round: AuditRound):
    """The standing answers of each sampled case's (first) auditor: what the round counts."""
    rows = AuditAnswer.objects.filter(
        audit_case__round=audit_round, audit_case__position=Position.SAMPLE).select_related(
        "audit_case").order_by("audit_case_id", "question", "-answered_at", "-pk")
    standing = {}
    for a in rows:
        if a.auditor_id != a.audit_case.auditor_id:
            continue
        standing.setdefault((a.audit_case_id, a.question), a)
    return list(standing.values())


def _counts(answers) -> dict[str, KeyQuestionCount]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in answers:
        if a.answer == Answer.NOT_RELEVANT:
            continue
        tally[a.question][1] += 1
        if a.answer == Answer.YES:
            tally[a.question][0] += 1
    return {q: KeyQuestionCount(yes, relevant) for q, (yes, relevant) in tally.items()}


def domain1_standing(audit_round: AuditRound) -> dict[str, Domain1Rating]:
    out: dict[str, Domain1Rating] = {}
    for r in audit_round.domain1.select_related("entered_by").order_by("standard",
                                                                        "-entered_at", "-pk"):
        out.setdefault(r.standard, r)
    return out


def round_results(audit_round: AuditRound) -> dict:
    """Per key question yes / relevant and %, standard ratings with the question that drove
    each, the overall score and rating (computed by the rules core), and the same by office and
    by grade of officer."""
    data = audit_round.edition.data
    framework = fw.rules_framework(data)
    answers = _lead_answers(audit_round)
    counts = _counts(answers)
    domain1 = domain1_standing(audit_round)
    result = rate({s: r.rating for s, r in domain1.items()}, counts, framework)
    texts = {q.code: q for q in fw.questions(data)}
    question_rows = [
        {"code": q.code, "text": q.text, "standard": q.standard, "relevant_only": q.relevant_only,
         "yes": counts[q.code].yes if q.code in counts else 0,
         "relevant": counts[q.code].relevant if q.code in counts else 0,
         "percent": _pct(counts.get(q.code))}
        for q in texts.values()
    ]
    standards = [
        {"code": s.code, "name": s.name, "rating": s.rating,
         "rating_name": RATING_NAMES.get(s.rating, ""), "driven_by": s.driven_by,
         "percent": s.percent, "points": s.points, "reasons": s.reasons,
         "evidence": domain1[s.code].evidence if s.code in domain1 else ""}
        for s in result.standards
    ]
    by_case = {a.audit_case_id: a.audit_case for a in answers}
    groups = {"office": defaultdict(list), "grade": defaultdict(list)}
    for a in answers:
        case = by_case[a.audit_case_id]
        groups["office"][case.office_id].append(a)
        groups["grade"][case.grade].append(a)
    breakdown = {}
    for name, grouped in groups.items():
        rows = []
        for key, group_answers in grouped.items():
            sub = rate({}, _counts(group_answers), framework)
            rows.append({"key": key, "cases": len({a.audit_case_id for a in group_answers}),
                         "standards": {s.code: s.rating for s in sub.standards}})
        breakdown[name] = rows
    sample = audit_round.cases.filter(position=Position.SAMPLE)
    return {
        "questions": question_rows, "standards": standards, "score": result.score,
        "overall": result.overall, "overall_name": RATING_NAMES.get(result.overall, ""),
        "reasons": result.reasons, "breakdown": breakdown,
        "sampled": sample.count(), "completed": sample.filter(completed_at__isnull=False).count(),
        "agreement": paired_agreement(audit_round),
    }


def _pct(count: KeyQuestionCount | None) -> int | None:
    from desist.rules.ratings import whole_percent

    if count is None or count.relevant == 0:
        return None
    return whole_percent(count.yes, count.relevant)


def paired_agreement(audit_round: AuditRound) -> dict:
    """For paired reviews: how often the two auditors gave the same answer."""
    rows = AuditAnswer.objects.filter(audit_case__round=audit_round,
                                      audit_case__second_auditor__isnull=False).select_related(
        "audit_case").order_by("audit_case_id", "question", "-answered_at", "-pk")
    standing: dict = {}
    for a in rows:
        standing.setdefault((a.audit_case_id, a.question, a.auditor_id), a)
    same = compared = 0
    for (case_id, question, auditor_id), a in standing.items():
        if auditor_id != a.audit_case.auditor_id:
            continue
        other = standing.get((case_id, question, a.audit_case.second_auditor_id))
        if other is not None:
            compared += 1
            same += other.answer == a.answer
    return {"compared": compared, "same": same}


def question_drilldown(audit_round: AuditRound, code: str) -> list[AuditAnswer]:
    """Every standing answer to one key question, with its case: what a figure is made of."""
    return [a for a in _lead_answers(audit_round) if a.question == code]


def trends(user, code_prefix: str = "") -> dict:
    """Per key question, the percentage in each round (oldest first)."""
    rounds = list(rounds_for(user).order_by("period_end", "pk"))
    table: dict[str, dict[int, int | None]] = defaultdict(dict)
    for r in rounds:
        counts = _counts(_lead_answers(r))
        for code, count in counts.items():
            table[code][r.pk] = _pct(count)
    return {"rounds": rounds, "trend_rows": sorted(table.items(), key=lambda kv: [
        int(x) for x in kv[0].split(".")])}


# ---------------------------------------------------------------------------------- oversight


def oversight_for(person, limit: int | None = None):
    rows = OversightRecord.objects.filter(person=person).select_related("recorded_by", "task")
    return rows[:limit] if limit else rows


NONE = "none"  # the drill-down's key for "no team" / "no officer (so no grade)"


def team_name(user, team: str) -> str:
    """The name of a team in the user's provider, for a drill-down heading."""
    from desist.organisation.models import Team

    if not team.isdigit() or role_of(user) is None:
        return ""
    found = Team.objects.filter(pk=int(team), provider_id=user.staff.provider_id).first()
    return found.name if found else ""


# ---------------------------------------------------------------------------------- countersigning

ROSH_FOR_COUNTERSIGN = ("medium", "high", "very_high")


def live_flags(person) -> frozenset[str]:
    return frozenset(person.registrations.filter(end_date__isnull=True)
                     .values_list("type", flat=True))


def review_countersign_reasons(review) -> tuple:
    """Why this review needs a manager's countersignature (§15), from the RoSH the review left
    the case at and the flags live now; empty when it does not."""
    from desist.rules.planning import review_countersign_required

    return review_countersign_required(review.rosh_after or review.person.rosh or None,
                                       live_flags(review.person))


def countersignatures_of(subject: str, subject_id: int):
    return Countersignature.objects.filter(subject=subject, subject_id=subject_id).select_related(
        "decided_by", "task")


def returned_reviews_with_open_task(person, *, before: int) -> list[int]:
    """The reviews of this case a manager returned whose officer's task is still open."""
    return list(Countersignature.objects.filter(
        person=person, subject=CountersignSubject.REVIEW, decision="returned",
        subject_id__lt=before, task__status="open").values_list("subject_id", flat=True))


def latest_review_pk(person) -> int | None:
    from desist.reviews.models import Review

    return Review.objects.filter(person=person).values_list("pk", flat=True).first()


def review_of(person, pk: int):
    """The case's review with its progress and any step-down it started, or 404."""
    from desist.reviews.models import Review

    review = (Review.objects.filter(person=person, pk=pk)
              .select_related("recorded_by").prefetch_related("progress__objective",
                                                               "step_downs").first())
    if review is None:
        raise Http404("No such review.")
    return review


def oversight_of(person, subject: str, subject_id: int):
    """Oversight recorded on one record of the case (a breach, plan or review)."""
    return OversightRecord.objects.filter(person=person, subject=subject,
                                          subject_id=subject_id).select_related("recorded_by")


def oversight_timeline(person) -> list[tuple]:
    """Oversight as entries of the compliance timeline: (date, kind, text, record)."""
    from desist.compliance.models import Breach

    breaches = {b.pk: b for b in Breach.objects.filter(person=person)}
    rows = []
    for record in oversight_for(person):
        about = breaches.get(record.subject_id) if record.subject == "breach" else None
        text = _("Management oversight by %(who)s") % {
            "who": record.recorded_by.get_full_name() or record.recorded_by.username}
        if about is not None:
            text += " " + _("of the %(what)s started %(day)s") % {
                "what": about.get_kind_display().lower(), "day": format_date(about.started_on,
                                                                             "long")}
        text += ": " + record.next_action[:200]
        rows.append((record.recorded_on, "oversight", text, record))
    return rows


# ---------------------------------------------------------------------------------- people


def offices_for(user):
    from desist.organisation.models import Venue

    if role_of(user) is None:
        return Venue.objects.none()
    return Venue.objects.filter(provider_id=user.staff.provider_id, active=True,
                                teams__isnull=False).distinct().order_by("name")


def auditors_for(user):
    """Staff who may audit cases: quality assurance, managers (senior probation officers)."""
    from desist.organisation.models import Staff

    if role_of(user) is None:
        return Staff.objects.none()
    return Staff.objects.filter(provider_id=user.staff.provider_id, active=True,
                                role__in=[Role.AUDITOR, Role.MANAGER]).select_related(
        "user").order_by("user__last_name", "user__username")


def case_view(person, today) -> dict:
    """What an auditor reads of a sampled case (read-only): sentences, active registrations,
    recent plans, the compliance timeline and recent oversight."""
    from desist.compliance.selectors import compliance_record

    return {"sentences": person.sentences.prefetch_related("requirements").order_by(
                "-start_date"),
            "registrations": person.registrations.filter(end_date__isnull=True),
            "plans": person.plans.order_by("-started_on")[:3],
            "timeline": compliance_record(person, today)["timeline"][:15],
            "oversight": oversight_for(person, limit=5)}
