"""The Reviews tab (reviews, significant events, step-down, telephone contact) and the hub's
remote caseload."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.audit import events
from desist.errors import Refused
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, Role, role_of
from desist.scopes import reviews as scoped
from desist.scopes.cases import case_for

from . import selectors, services
from .forms import EventForm, PullBackForm, ReviewForm, StepDownForm, TelephoneForm, add_refusal

HUB_READERS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN, Role.AUDITOR,
               Role.RESPONSIBLE_OFFICER}


def reviews_panel(request, person, today):
    due = selectors.review_due(person, today)
    active = selectors.active_step_down(person)
    return {"crn": person.crn, "due": due, "step_down": active}


def radio_items(form, name) -> list[dict]:
    """Items for govukRadios from a form field's choices, the submitted one checked."""
    chosen = form[name].value()
    return [{"value": str(v), "text": str(label), "checked": str(v) == str(chosen)}
            for v, label in form.fields[name].choices]


def progress_rows(review) -> list[dict]:
    return [{"key": {"text": p.objective.text},
             "value": {"text": p.get_progress_display() + (f": {p.note}" if p.note else "")}}
            for p in review.progress.all()]


@require_http_methods(["GET"])  # first: a POST here is 405; each write has its own route below
@allow(read=PROVIDER_STAFF)
def case(request, crn: str):
    return _case(request, crn, None)


def _write_route(action: str):
    """A POST-only route for one of the tab's writes, with its own access rule (issue 14)."""
    @require_http_methods(["POST"])
    @allow(write=CASE_WRITERS)
    def route(request, crn: str):
        return _case(request, crn, action)
    route.__name__ = route.__qualname__ = action
    return route


review = _write_route("review")
event = _write_route("event")
step_down = _write_route("step_down")
pull_back = _write_route("pull_back")
telephone = _write_route("telephone")


def _case(request, crn: str, action: str | None):
    """The reviews tab, after the write ``action`` (one of the forms) when one was posted."""
    person = case_for(request.user, crn, request=request, page="reviews")
    today = timezone.localdate()
    objectives = selectors.objectives(person)
    readings = selectors.readings(person)
    post = request.POST if request.method == "POST" else None
    forms = {
        "review": ReviewForm(post if action == "review" else None, objectives=objectives,
                             readings=readings),
        "event": EventForm(post if action == "event" else None),
        "step_down": StepDownForm(post if action == "step_down" else None),
        "pull_back": PullBackForm(post if action == "pull_back" else None),
        "telephone": TelephoneForm(post if action == "telephone" else None),
    }
    status = 200
    if action is not None:
        form = forms.get(action)
        if form is None:
            status = 400
        elif form.is_valid():
            try:
                message = _do(action, form, request, person, today)
            except Refused as error:
                add_refusal(form, error)
                status = 409 if error.conflict else 400
            else:
                messages.success(request, message)
                return redirect("reviews:case", crn=person.crn)
        else:
            status = 400
    active = selectors.active_step_down(person)
    last = selectors.last_review(person)
    return render(request, "reviews/case.html", {
        "person": person, "today": today, "forms": forms,
        "form": forms.get(action) if action else None, "action": action,
        "due": selectors.review_due(person, today),
        "check_blockers": selectors.check_blockers(person, today),
        "reviews": selectors.reviews(person), "events": selectors.events(person),
        "objectives": objectives, "readings": readings,
        "gate": selectors.step_down_gate(person, today, last), "last_review": last,
        "open_actions": [] if active else selectors.open_action_list(person, today),
        "step_down": active, "step_downs": selectors.step_downs(person),
        "hub_contacts": selectors.hub_contacts(person, active.started_on) if active else [],
        "can_write": role_of(request.user) in CASE_WRITERS,
        "radio_items": radio_items, "progress_rows": progress_rows,
    }, status=status)


def _do(action: str, form, request, person, today) -> str:
    data = form.cleaned_data
    user = request.user
    if action == "review":
        review = services.review_record(
            acting_user=user, person=person, reviewed_on=data["reviewed_on"],
            reading_id=data["reading"], compliance=data["compliance"],
            compliance_notes=data["compliance_notes"], risk_change=data["risk_change"],
            rosh_after=data["rosh_after"] or None, risk_notes=data["risk_notes"],
            adjustments=data["adjustments"], no_open_risk_actions=data["no_open_risk_actions"],
            progress=form.progress(), today=today, request=request)
        if review.flagged:
            return _("Review recorded. Risk rose and nothing was adjusted: the manager has "
                     "been told")
        return _("Review recorded")
    if action == "event":
        services.significant_event_record(acting_user=user, person=person, kind=data["kind"],
                                          occurred_on=data["occurred_on"], note=data["note"],
                                          today=today, request=request)
        return _("Event recorded: the next review is brought forward")
    if action == "step_down":
        services.step_down(acting_user=user, person=person, review_id=None,
                           destination=data["destination"], today=today, request=request)
        return _("Case stepped down. You keep the case and can pull it back at any time")
    if action == "pull_back":
        active = selectors.active_step_down(person)
        if active is None:
            raise Refused(_("The case is not stepped down."), code="not_stepped_down",
                          conflict=True, field="reason")
        services.step_down_pull_back(acting_user=user, step_down=active, reason=data["reason"],
                                     today=today, request=request)
        return _("Case pulled back into direct supervision")
    at = timezone.make_aware(dt.datetime.combine(data["on"], data["time"]))
    services.telephone_contact_record(acting_user=user, person=person, at=at,
                                      outcome=data["outcome"], notes=data["notes"],
                                      request=request)
    return _("Telephone contact recorded")


@allow(read=HUB_READERS)
@require_http_methods(["GET"])
def remote(request):
    today = timezone.localdate()
    rows = scoped.remote_caseload(request.user, today)
    events.caseload_listed(user=request.user, crns=sorted(r["person"].crn for r in rows),
                           request=request, query={"reviews": "remote_caseload"})
    return render(request, "reviews/remote.html", {"rows": rows, "today": today})
