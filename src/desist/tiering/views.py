"""The case's tier with its explanation and history; the provider's prioritisation policy."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.organisation.roles import PROVIDER_STAFF, Role, role_of
from desist.scopes.cases import case_for
from desist.scopes.decisions import authority_for
from desist.write_views import submit

from . import selectors, services
from .forms import PolicyForm, RsrForm

TIER_READERS = PROVIDER_STAFF
EVENT_WORDS = {
    "first": _lazy("First calculation"), "recompute": _lazy("Nightly recalculation"),
    "rosh_change": _lazy("Risk of serious harm reassessed"),
    "registration_added": _lazy("Registration added"),
    "registration_removed": _lazy("Registration removed"),
    "assessment": _lazy("Self-assessment approved"),
    "policy_switch": _lazy("Prioritisation policy changed"),
    "breach": _lazy("Breach or recall"), "new_offence": _lazy("New offence"),
    "closeness_change": _lazy("Closeness to change reassessed"),
    "rsr_change": _lazy("RSR recorded"),
}
POLICY_READERS = frozenset({Role.MANAGER, Role.SYSADMIN, Role.AUDITOR})
POLICY_WRITERS = frozenset({Role.SYSADMIN})
# The case's officer, its team's managers and the provider's administrators (the hub; a system
# administrator records a cover first, as for every decision on a case: scopes.decisions).
RSR_WRITERS = frozenset({Role.RESPONSIBLE_OFFICER, Role.MANAGER, Role.HUB_ADMIN, Role.SYSADMIN})


def _may_record_rsr(user, person) -> bool:
    return role_of(user) in RSR_WRITERS and authority_for(user, person).may_decide


@allow(read=TIER_READERS)
@require_http_methods(["GET"])
def case_tier(request, crn: str):
    person = case_for(request.user, crn, request=request, page="tier")
    return render(request, "tiering/case_tier.html", {
        "person": person, "view": selectors.tier_view(person),
        "policy": selectors.policy_for(person.provider_id),
        "history": selectors.tier_history(person), "event_words": EVENT_WORDS,
        "today": timezone.localdate(), "rsr_history": selectors.rsr_history(person),
        "may_record_rsr": _may_record_rsr(request.user, person),
    })


@allow(read=RSR_WRITERS, write=RSR_WRITERS)
@require_http_methods(["GET", "POST"])
def case_rsr(request, crn: str):
    """Record an RSR score: a new history row, the case's latest score, the tier recalculated."""
    person = case_for(request.user, crn, request=request, page="tier-rsr")
    form = RsrForm(request.POST or None, initial={
        "version": person.version, "score": person.rsr, "assessed_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        response, status = submit(
            request, form,
            lambda data: services.record_rsr(
                acting_user=request.user, person=person, score=data["score"],
                assessed_on=data["assessed_on"], expected_version=data.get("version"),
                request=request),
            success=lambda row: _("RSR %(score)s recorded. The tier is now %(tier)s.") % {
                "score": f"{float(row.score):g}", "tier": person.tier or _("not set")},
            redirect_to=("tiering:case-tier", {"crn": person.crn}))
        if response:
            return response
    return render(request, "tiering/rsr.html", {"person": person, "form": form}, status=status)


def _policy_page(request, form, status=200):
    provider_id = request.user.staff.provider_id
    return render(request, "tiering/policy.html", {
        "form": form, "policy": selectors.policy_for(provider_id),
        "history": selectors.policy_history(provider_id),
        "can_switch": request.user.staff.role in POLICY_WRITERS,
    }, status=status)


@allow(read=POLICY_READERS)
@require_http_methods(["GET"])
def policy(request):
    current = selectors.policy_for(request.user.staff.provider_id)
    form = PolicyForm(initial={"policy": current.policy,
                               "transition": "yes" if current.transition else "no"})
    return _policy_page(request, form)


@require_http_methods(["POST"])
@allow(write=POLICY_WRITERS)
def policy_switch(request):
    """The administrator switches the provider's policy (audited; cases recalculated)."""
    form = PolicyForm(request.POST)
    response, status = submit(
        request, form,
        lambda data: services.policy_switch(
            acting_user=request.user, provider_id=request.user.staff.provider_id,
            policy=data["policy"], transition=data["transition"] == "yes",
            reason=data["reason"], request=request),
        success=_("Policy recorded. Every case's tier and workload points are being "
                  "recalculated under it."),
        redirect_to="tiering:policy")
    return response or _policy_page(request, form, status)
