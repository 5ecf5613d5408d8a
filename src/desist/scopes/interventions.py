"""Interventions: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.interventions.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from desist.api_params import parse_id
from desist.audit import events
from desist.interventions.models import Referral, partner_grace_days
from desist.interventions.selectors import search_filter
from desist.organisation.roles import Role, role_of
from desist.people.models import CaseAccessEntry, Person
from desist.rules.partner_access import partner_access
from desist.scopes.cases import visible_rows


def visible_referrals(user) -> QuerySet[Referral]:
    role = role_of(user)
    if role is None:
        return Referral.objects.none()
    if role is Role.PARTNER_CASEWORKER:
        return partner_referrals(user)
    return visible_rows(user, Referral.objects.all())


def partner_referrals(user) -> QuerySet[Referral]:
    """A partner's own referrals awaiting its decision or in its access window (§1, §9; F14).

    A referral awaiting acceptance does not open the case (``visible_cases``), so the
    restriction and exclusion lists are applied here directly: the partner sees such a referral
    only if it could see the case once it accepts.
    """
    staff = user.staff
    # Per-row primary-key lookups (anti-joins) rather than a join on people, so the list walks
    # the (partner, referred_on) index and stops at the page, and the count stays small.
    # A partner belongs to one provider, so its referrals are that provider's people.
    granted = CaseAccessEntry.objects.filter(person=OuterRef("pk"), user=user,
                                             kind=CaseAccessEntry.Kind.GRANTED)
    restricted = Person.objects.filter(pk=OuterRef("person_id"), restricted=True).exclude(
        Exists(granted))
    excluded = CaseAccessEntry.objects.filter(person=OuterRef("person_id"), user=user,
                                              kind=CaseAccessEntry.Kind.EXCLUDED)
    return (Referral.objects.seen_by_partner(staff.partner_id)
            .exclude(Exists(restricted)).exclude(Exists(excluded)))


def referral_for(user, pk: int, *, request=None) -> Referral:
    """The referral if the user may see it, else the same 404 as for one that does not exist.

    A partner refused its own organisation's referral (rejected, withdrawn, or completed beyond
    the grace period) is audited with the reason (F14).
    """
    referral = (visible_referrals(user).filter(pk=pk)
                .select_related("person", "partner", "catalogue_service",
                                "referred_by__user").first())
    if referral is None:
        if role_of(user) is Role.PARTNER_CASEWORKER:
            own = Referral.objects.filter(pk=pk, partner_id=user.staff.partner_id).only(
                "status", "ended_on", "person__crn").select_related("person").first()
            reasons = partner_access(status=own.status, ended_on=own.ended_on,
                                     today=timezone.localdate(),
                                     grace_days=partner_grace_days()).reasons if own else ()
            events.access_denied(user=user, object_type="referral", object_id=pk,
                                 crn=own.person.crn if own else "", reasons=reasons,
                                 request=request)
        raise Http404("No such referral.")
    return referral


def referral_list(user, *, status: str = "", service: str = "", partner: str = "",
                  at_risk: bool = False, scope: str = "all", query: str = "") -> QuerySet[Referral]:
    referrals = visible_referrals(user)
    staff = user.staff
    if scope == "mine":
        referrals = referrals.filter(person__responsible_officer_id=staff.pk)
    elif scope == "team" and staff.team_id:
        referrals = referrals.filter(person__team_id=staff.team_id)
    if status:
        referrals = referrals.filter(status=status)
    if (service_id := parse_id(service)) is not None:
        referrals = referrals.filter(catalogue_service_id=service_id)
    if partner == "in_house":
        referrals = referrals.filter(partner__isnull=True)
    elif (partner_id := parse_id(partner)) is not None:
        referrals = referrals.filter(partner_id=partner_id)
    if at_risk:
        referrals = referrals.filter(at_risk=True)
    if query.strip():
        referrals = referrals.filter(search_filter(query))
    return referrals.select_related("person", "partner", "catalogue_service").order_by(
        "-referred_on", "-pk")
