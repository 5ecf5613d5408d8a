"""Reads of the catalogue and referrals, scoped like cases.

A partner caseworker sees only their own organisation's referrals (never another partner's
referral of the same person); everyone else sees the referrals of the cases they may see.
"""

from __future__ import annotations

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.http import Http404

from desist.access.roles import Role, role_of
from desist.access.selectors import visible_rows

from .models import Referral, Service


def visible_referrals(user) -> QuerySet[Referral]:
    role = role_of(user)
    if role is None:
        return Referral.objects.none()
    referrals = visible_rows(user, Referral.objects.all())
    if role is Role.PARTNER_CASEWORKER:
        referrals = referrals.filter(partner_id=user.staff.partner_id)
    return referrals


def referral_for(user, pk: int) -> Referral:
    """The referral if the user may see it, else the same 404 as for one that does not exist."""
    referral = (visible_referrals(user).filter(pk=pk)
                .select_related("person", "partner", "catalogue_service", "link_worker__user",
                                "referred_by__user").first())
    if referral is None:
        raise Http404("No such referral.")
    return referral


def referral_list(user, *, status: str = "", service: str = "", partner: str = "",
                  at_risk: bool = False, scope: str = "all") -> QuerySet[Referral]:
    referrals = visible_referrals(user)
    staff = user.staff
    if scope == "mine":
        referrals = referrals.filter(person__responsible_officer_id=staff.pk)
    elif scope == "team" and staff.team_id:
        referrals = referrals.filter(person__team_id=staff.team_id)
    if status:
        referrals = referrals.filter(status=status)
    if service.isdigit():
        referrals = referrals.filter(catalogue_service_id=int(service))
    if partner == "in_house":
        referrals = referrals.filter(partner__isnull=True)
    elif partner.isdigit():
        referrals = referrals.filter(partner_id=int(partner))
    if at_risk:
        referrals = referrals.filter(at_risk=True)
    return referrals.select_related("person", "partner", "catalogue_service").order_by(
        "-referred_on", "-pk")


def catalogue(user, *, partner: str = "", component: str = "") -> QuerySet[Service]:
    role = role_of(user)
    if role is None:
        return Service.objects.none()
    services = Service.objects.filter(provider_id=user.staff.provider_id)
    if role is Role.PARTNER_CASEWORKER:
        services = services.filter(partner_id=user.staff.partner_id)
    if partner == "in_house":
        services = services.filter(partner__isnull=True)
    elif partner.isdigit():
        services = services.filter(partner_id=int(partner))
    if component:
        services = services.filter(component=component)
    return services.select_related("partner").prefetch_related("venues").order_by(
        "partner__name", "component", "name")


def referable_services(user) -> QuerySet[Service]:
    return catalogue(user).exclude(status="withdrawn")


def monitoring(user) -> list[dict]:
    """Per partner and service: referrals, starts, completions, withdrawals, waiting, attendance."""
    waited = ExpressionWrapper(F("started_on") - F("referred_on"), output_field=DurationField())
    rows = (
        visible_referrals(user).filter(catalogue_service__isnull=False)
        .values("catalogue_service", "catalogue_service__name", "partner__name")
        .annotate(
            referrals=Count("pk"),
            starts=Count("pk", filter=Q(started_on__isnull=False)),
            completions=Count("pk", filter=Q(status="completed")),
            withdrawals=Count("pk", filter=Q(status="withdrawn")),
            rejections=Count("pk", filter=Q(status="rejected")),
            waiting=Count("pk", filter=Q(status__in=["referred", "accepted", "waiting"])),
            at_risk=Count("pk", filter=Q(at_risk=True)),
            attended=Sum("sessions_attended"), missed=Sum("sessions_missed"),
            mean_wait=Avg(waited, filter=Q(started_on__isnull=False)),
        )
        .order_by("partner__name", "catalogue_service__name")
    )
    out = []
    for row in rows:
        sessions = (row["attended"] or 0) + (row["missed"] or 0)
        wait = row["mean_wait"]
        out.append({
            **row,
            "partner": row["partner__name"] or "",
            "service": row["catalogue_service__name"],
            "attendance": round(100 * (row["attended"] or 0) / sessions) if sessions else None,
            "completion": round(100 * row["completions"] / row["starts"]) if row["starts"] else None,
            "mean_wait_days": (wait.days if hasattr(wait, "days") else round(wait or 0))
            if wait is not None else None,
        })
    return out
