"""Oversight: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.oversight.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.audit import events
from desist.oversight.choices import CountersignSubject, Position, RoundStatus
from desist.oversight.models import AuditCase, Countersignature, OversightRecord
from desist.oversight.selectors import NONE, ROSH_FOR_COUNTERSIGN
from desist.people.models import HIGH_ROSH, Person, Registration
from desist.scopes.cases import visible_rows


def audit_case_for(user, pk: int, *, request=None) -> AuditCase:
    """A sampled case the user audits (or leads the round of), if they may see the case.

    Auditors see only the cases sampled and given to them: reserve cases, other auditors' cases
    and any case they could not otherwise see (a restricted case without its grant) are the
    same 404, and the refusal is audited.
    """
    rows = AuditCase.objects.filter(pk=pk).exclude(position=Position.RESERVE).filter(
        Q(auditor=user) | Q(second_auditor=user) | Q(round__lead=user))
    found = visible_rows(user, rows.select_related("round__edition", "person", "officer",
                                                   "office"), via="person").first()
    if found is None:
        events.access_denied(user=user, object_type="audit_case", object_id=pk,
                             request=request)
        raise Http404("No such case audit.")
    return found


def my_audits(user):
    return visible_rows(user, AuditCase.objects.filter(
        Q(auditor=user) | Q(second_auditor=user), position=Position.SAMPLE,
        round__status=RoundStatus.IN_PROGRESS), via="person").select_related(
        "round", "person").order_by("round", "completed_at", "person__crn")


def _recent_oversight(weeks: int, today: dt.date) -> Exists:
    since = today - dt.timedelta(weeks=weeks)
    return Exists(OversightRecord.objects.filter(person=OuterRef("pk"), recorded_on__gt=since,
                                                 recorded_on__lte=today))


def _high_risk(user, weeks: int, today: dt.date):
    return visible_rows(user, Person.objects.filter(active=True, rosh__in=HIGH_ROSH),
                        via="").annotate(overseen=_recent_oversight(weeks, today))


def coverage_tables(user, *, weeks: int, today: dt.date) -> dict[str, list[dict]]:
    """Share of high-risk cases (RoSH high or very high) with oversight in the last N weeks,
    by team (``"team"``) and by the officer's grade (``"grade"``) (§15; F16). Each row's ``key``
    is what ``coverage_cases`` takes to list exactly the cases counted in it (teams by id, since
    two teams may share a name; ``NONE`` for cases with no team, or no officer and so no grade).

    One grouped count in the database (a row per team and grade), folded into both tables here:
    it read every high-risk case into Python, once per table (16,000 rows twice at 300,000
    people, issue 23)."""
    groups = (visible_rows(user, Person.objects.filter(active=True, rosh__in=HIGH_ROSH), via="")
              .order_by().values("team_id", "team__name", "responsible_officer__grade")
              .annotate(cases=Count("pk"),
                        overseen=Count("pk", filter=Q(_recent_oversight(weeks, today)))))
    tallies: dict[str, dict[str, list]] = {"team": defaultdict(lambda: ["", 0, 0]),
                                           "grade": defaultdict(lambda: ["", 0, 0])}
    for group in groups:
        grade = group["responsible_officer__grade"]
        for by, key, name in (("team", group["team_id"], group["team__name"]),
                              ("grade", grade, grade)):
            row = tallies[by][str(key) if key not in (None, "") else NONE]
            row[0] = name or ""
            row[1] += group["cases"]
            row[2] += group["overseen"]
    return {by: [{"key": key, "name": name, "cases": n, "overseen": k,
                  "percent": round(100 * k / n) if n else None}
                 for key, (name, n, k) in sorted(tally.items(), key=lambda kv: (
                     kv[0] == NONE, kv[1][0], kv[0]))]
            for by, tally in tallies.items()}


def coverage(user, *, weeks: int, today: dt.date, by: str = "team") -> list[dict]:
    """One of ``coverage_tables``: ``by`` is ``"team"`` or ``"grade"``."""
    return coverage_tables(user, weeks=weeks, today=today)[by]


def coverage_cases(user, *, weeks: int, today: dt.date, team: str = "", grade: str = "",
                   overseen: bool | None = None):
    """The cases behind one coverage figure: the same population as ``coverage``, narrowed to a
    team (by id, or ``NONE``), a grade (or ``NONE``) and, optionally, with or without oversight."""
    people = _high_risk(user, weeks, today)
    if team == NONE:
        people = people.filter(team__isnull=True)
    elif team:
        people = people.filter(team_id=int(team)) if team.isdigit() else people.none()
    if grade == NONE:
        people = people.filter(Q(responsible_officer__isnull=True)
                               | Q(responsible_officer__grade=""))
    elif grade:
        people = people.filter(responsible_officer__grade=grade)
    if overseen is not None:
        people = people.filter(overseen=overseen)
    return people.select_related("responsible_officer__user", "team").order_by("overseen", "crn")


def pending_reviews(user):
    """Each case's latest review, on a case that needs countersigning, with no decision yet."""
    from desist.reviews.models import Review, StepDown
    from desist.rules.planning import CHILD_FLAGS, DA_FLAGS

    latest = Review.objects.filter(person=OuterRef("person_id")).values("pk")[:1]
    decided = Countersignature.objects.filter(subject=CountersignSubject.REVIEW,
                                              subject_id=OuterRef("pk"))
    flagged = Registration.objects.filter(person=OuterRef("person_id"), end_date__isnull=True,
                                          type__in=DA_FLAGS | CHILD_FLAGS)
    rows = (visible_rows(user, Review.objects.filter(person__active=True))
            .filter(pk=Subquery(latest)).exclude(Exists(decided))
            .filter(Q(rosh_after__in=ROSH_FOR_COUNTERSIGN) | Exists(flagged))
            .select_related("person__team", "person__responsible_officer__user", "recorded_by"))
    step_downs = dict(StepDown.objects.filter(review__in=[r.pk for r in rows])
                      .values_list("review_id", "destination"))
    return rows, step_downs


def countersign_queue(user) -> list[dict]:
    """Every decision waiting for a manager's countersignature or confirmation (§4, §15), one
    list: plans and reviews of medium-or-above RoSH, domestic abuse and safeguarding cases, and
    band recategorisations the system proposed. Each item links to where it is decided."""
    from django.urls import reverse

    from desist.planning.choices import PlanStatus
    from desist.planning.models import Plan
    from desist.reviews.choices import Destination
    from desist.worklist.models import Task

    items = []
    for plan in (visible_rows(user, Plan.objects.filter(
            status=PlanStatus.AWAITING_COUNTERSIGNATURE))
            .select_related("person__team", "person__responsible_officer__user")):
        items.append({"kind": "plan", "label": _("Sentence plan"), "person": plan.person,
                      "on": plan.started_on, "what": _("Plan sent for countersignature"),
                      "href": reverse("planning:countersign",
                                      kwargs={"crn": plan.person.crn, "pk": plan.pk})})
    reviews, step_downs = pending_reviews(user)
    for review in reviews:
        what = str(review.get_risk_change_display())
        if review.pk in step_downs:
            what += "; " + _("stepped down to: %(where)s") % {
                "where": Destination(step_downs[review.pk]).label}
        items.append({"kind": "review", "label": _("Review"), "person": review.person,
                      "on": review.reviewed_on, "what": what,
                      "href": reverse("oversight:countersign-review",
                                      kwargs={"crn": review.person.crn, "pk": review.pk})})
    for task in (visible_rows(user, Task.objects.filter(kind="band_review",
                                                         status=Task.Status.OPEN)
                              .exclude(person=None))
                 .select_related("person__team", "person__responsible_officer__user")):
        items.append({"kind": "band", "label": _("Colour band"), "person": task.person,
                      "on": timezone.localtime(task.created_at).date(), "what": task.title,
                      "href": reverse("allocation:banding", kwargs={"crn": task.person.crn})})
    items.sort(key=lambda item: (item["on"], item["person"].crn))
    return items
