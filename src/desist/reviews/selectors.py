"""Reads for reviews and step-down. Case access is the caller's job (``scopes.cases.case_for``).

The reads that start from the user's case scope are in ``desist.scopes.reviews`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext as _

from desist.appointments.choices import Kind
from desist.appointments.models import Appointment
from desist.assessment.selectors import approved_readings
from desist.planning import selectors as planning
from desist.risk import selectors as risk
from desist.risk.models import AgencyInformation, HomeVisit, SafeguardingCheck
from desist.rules import planning as planning_rules
from desist.rules import reviews as rules
from desist.rules.checkins import EligibilityInput, check_in_eligibility
from desist.rules.stepdown import StepDownInput, check_step_down
from desist.sentences.models import Sentence
from desist.sentences.selectors import current_sentence

from .models import Review, SignificantEvent, StepDown


def reviews(person) -> list[Review]:
    return list(Review.objects.filter(person=person).select_related("reading", "recorded_by")
                .prefetch_related("progress__objective"))


def review_for(person, pk) -> Review | None:
    return Review.objects.filter(person=person, pk=pk).first()


def last_review(person) -> Review | None:
    return Review.objects.filter(person=person).first()


def events(person) -> list[SignificantEvent]:
    return list(SignificantEvent.objects.filter(person=person))


def objectives(person) -> list:
    plan = planning.current_plan(person)
    return list(plan.objectives.all()) if plan is not None else []


def readings(person) -> list:
    return approved_readings(person)


def _supervision_start(person) -> dt.date:
    sentence = current_sentence(person)
    if sentence is not None:
        return sentence.start_date
    return person.arrived_on or person.created_at.date()


def recorded_events(person_ids) -> dict[int, list[tuple[str, dt.date]]]:
    """Significant events for each person: those recorded on the Reviews tab and those Desist
    already holds — a RoSH assessment that changed the level, a registration added, a breach
    started (§14). One query per source whatever the number of people."""
    from desist.compliance.models import Breach
    from desist.people.models import Registration
    from desist.risk.models import RiskAssessment

    out: dict[int, list[tuple[str, dt.date]]] = {}
    for pid, kind, on in SignificantEvent.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "kind", "occurred_on"):
        out.setdefault(pid, []).append((kind, on))
    for pid, rosh, before, on in RiskAssessment.objects.filter(
            person_id__in=person_ids).exclude(previous_rosh="").values_list(
            "person_id", "rosh", "previous_rosh", "assessed_on"):
        if rosh != before:
            out.setdefault(pid, []).append(("rosh_change", on))
    for pid, on in Registration.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "start_date"):
        out.setdefault(pid, []).append(("new_registration", on))
    for pid, on in Breach.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "started_on"):
        out.setdefault(pid, []).append(("breach", on))
    return out


def review_facts(person, today: dt.date, last: Review | None = None) -> rules.ReviewFacts:
    last = last if last is not None else last_review(person)
    since = last.reviewed_on if last else _supervision_start(person)
    return _facts(today, person.band or None, since, last.reviewed_on if last else None,
                  recorded_events([person.pk]).get(person.pk, []))


def _facts(today, band, since, last_on, events_) -> rules.ReviewFacts:
    """Events after the last review count; before any review, those after supervision began
    (a registration made when the order started is the case as it began, not an event)."""
    cutoff = last_on if last_on is not None else since
    return rules.ReviewFacts(
        today=today, band=band, since=since, reviewed_before=last_on is not None,
        events=tuple(rules.SignificantEvent(kind, on) for kind, on in sorted(events_,
                                                                            key=lambda e: e[1])
                     if cutoff < on <= today))


def review_due(person, today: dt.date) -> rules.ReviewDue:
    return rules.review_due(review_facts(person, today))


def check_blockers(person, today: dt.date):
    return rules.review_check_gate(risk.active_flags(person),
                                   risk.latest_check_dates(person), today)


def mappa_level(person) -> int | None:
    levels = person.registrations.filter(end_date__isnull=True, type="mappa").values_list(
        "level", flat=True)
    found = [int(c) for level in levels for c in str(level) if c in "123"]
    return max(found) if found else None


def eligibility(person, senior_approved: bool = False):
    return check_in_eligibility(EligibilityInput(
        rosh=person.rosh or None, mappa_level=mappa_level(person),
        flags=risk.active_flags(person), senior_approved=senior_approved))


@dataclass(frozen=True)
class OpenAction:
    """One action still open on the case, named so the officer knows what to close (§10)."""

    group: str  # "domestic_abuse", "child" or "risk"
    what: str
    on: dt.date | None = None
    after: str = ""  # words after the date


def open_action_list(person, today: dt.date) -> list[OpenAction]:
    """Open risk-management, domestic-abuse and child-safeguarding actions on the case (§10):
    checks requested and not back, required checks missing or stale, agency information not
    yet acknowledged, planned home visits not yet made."""
    flags = risk.active_flags(person)
    found: list[OpenAction] = []
    for check in SafeguardingCheck.objects.filter(person=person, completed_on__isnull=True,
                                                  kind__in=[planning_rules.POLICE_DA,
                                                            planning_rules.CHILDRENS_SOCIAL_CARE]):
        group = "domestic_abuse" if check.kind == planning_rules.POLICE_DA else "child"
        found.append(OpenAction(group, _("%(check)s requested on")
                                % {"check": check.get_kind_display()}, check.requested_on,
                                _(", result not back")))
    states, _blockers = risk.check_states(person, today)
    for state in states:
        if state.status == "fresh":
            continue
        words = (_("%(check)s not done") if state.status == "missing"
                 else _("%(check)s out of date, last done")) % {"check": state.label}
        if flags & planning_rules.DA_FLAGS:
            found.append(OpenAction("domestic_abuse", words, state.completed_on))
        elif state.kind == planning_rules.CHILDRENS_SOCIAL_CARE:
            found.append(OpenAction("child", words, state.completed_on))
    groups = {"marac": "domestic_abuse", "police": "domestic_abuse",
              "childrens_social_care": "child", "mappa": "risk", "other": "risk"}
    for info in AgencyInformation.objects.filter(person=person, acknowledged_at__isnull=True,
                                                 agency__in=list(groups)):
        found.append(OpenAction(groups[info.agency], _("%(agency)s information not yet acknowledged, "
                                                       "received")
                                % {"agency": info.get_agency_display()}, info.received_on))
    for visit in HomeVisit.objects.filter(person=person, visited_on__isnull=True):
        found.append(OpenAction("risk", _("Home visit not yet made, planned for"),
                                visit.planned_for))
    return found


def open_actions(person, today: dt.date) -> dict[str, int]:
    """How many actions of each group are open (what the step-down rule counts)."""
    counts = {"risk": 0, "domestic_abuse": 0, "child": 0}
    for action in open_action_list(person, today):
        counts[action.group] += 1
    return counts


def step_down_input(person, review: Review | None, today: dt.date) -> StepDownInput:
    sentence = current_sentence(person, community=True)
    end = None
    if sentence is not None:
        end = sentence.licence_end_date or sentence.pss_end_date or sentence.expected_end_date
    open_referrals = person.referrals.filter(
        status__in=["proposed", "referred", "accepted", "waiting", "started"]).exists()
    counts = open_actions(person, today)
    return StepDownInput(
        as_of=today, sentence_type=sentence.type if sentence else "community_order",
        planned_interventions_complete=not open_referrals,
        review_date=review.reviewed_on if review else None,
        review_confirms_no_open_risk_actions=bool(review and review.no_open_risk_actions),
        open_risk_management_actions=counts["risk"],
        open_domestic_abuse_actions=counts["domestic_abuse"],
        open_child_safeguarding_actions=counts["child"],
        supervision_end=end, rosh=person.rosh or None, mappa_level=mappa_level(person))


def step_down_gate(person, today: dt.date, review: Review | None = None):
    review = review if review is not None else last_review(person)
    return check_step_down(step_down_input(person, review, today))


def active_step_down(person) -> StepDown | None:
    return StepDown.objects.filter(person=person, ended_on__isnull=True).first()


def step_downs(person) -> list[StepDown]:
    return list(StepDown.objects.filter(person=person).select_related("review"))


def hub_contacts(person, since: dt.date) -> list[Appointment]:
    """Telephone contacts and check-ins since the step-down: what the officer sees of the hub."""
    return list(Appointment.objects.filter(
        person=person, kind__in=[Kind.TELEPHONE, Kind.CHECK_IN], starts_at__date__gte=since)
        .order_by("-starts_at"))


def overdue_reviews(today: dt.date, provider_id: int | None = None,
                    crns: list[str] | None = None) -> list[tuple]:
    """(person, ReviewDue) for every active, allocated case whose review is overdue."""
    from desist.people.models import Person

    people = Person.objects.filter(active=True, responsible_officer__isnull=False)
    if provider_id is not None:
        people = people.filter(provider_id=provider_id)
    if crns is not None:
        people = people.filter(crn__in=crns)
    people = people.annotate(last_review_on=Max("reviews__reviewed_on")).select_related("team")
    starts = dict(Sentence.objects.filter(terminated_on__isnull=True, person__in=people)
                  .order_by("person_id", "start_date").values_list("person_id", "start_date"))
    people = list(people)
    event_rows = recorded_events([p.pk for p in people])
    out = []
    for person in people:
        last = person.last_review_on
        since = last or starts.get(person.pk) or person.arrived_on or person.created_at.date()
        due = rules.review_due(_facts(today, person.band or None, since, last,
                                      event_rows.get(person.pk, [])))
        if due.overdue:
            out.append((person, due))
    return out


