"""Reads of the catalogue and referrals, scoped like cases.

A partner caseworker sees only their own organisation's referrals (never another partner's
referral of the same person), and only while awaiting its decision or in its access window;
everyone else sees the referrals of the cases they may see.

The reads that start from the user's case scope are in ``desist.scopes.interventions`` (ADR 0017).
"""

from __future__ import annotations

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404

from desist.api_params import parse_id
from desist.organisation.roles import Role, role_of
from desist.people.models import Person
from desist.rules.referrals import PlaceFacts, estimate_wait

from .choices import PLACE_STATUSES, WAITING_STATUSES
from .models import Referral, Service


def search_filter(query: str) -> Q:
    """Name ("Joseph Charlton", "Charlton, Joseph"), CRN or service: every word must match.

    The person is matched by a primary-key lookup per referral (``Exists``), not a join, so a
    search costs as many lookups as the user has referrals, whatever the size of the caseload.
    """
    match = Q()
    for word in query.replace(",", " ").split()[:6]:
        person = Person.objects.filter(pk=OuterRef("person_id")).filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(crn__iexact=word))
        match &= Q(service__icontains=word) | Exists(person)
    return match


def catalogue(user, *, partner: str = "", component: str = "") -> QuerySet[Service]:
    role = role_of(user)
    if role is None:
        return Service.objects.none()
    services = Service.objects.filter(provider_id=user.staff.provider_id)
    if role is Role.PARTNER_CASEWORKER:
        services = services.filter(partner_id=user.staff.partner_id)
    if partner == "in_house":
        services = services.filter(partner__isnull=True)
    elif (partner_id := parse_id(partner)) is not None:
        services = services.filter(partner_id=partner_id)
    if component:
        services = services.filter(component=component)
    return services.select_related("partner").prefetch_related("venues").order_by(
        "partner__name", "component", "name")


def service_places(service_ids) -> dict[int, dict[str, int]]:
    """Per service, counted from the referrals: how many wait for a place and how many hold one.

    Every referral counts, whoever may see it: the waiting list is a property of the service.
    """
    rows = (Referral.objects.filter(catalogue_service_id__in=list(service_ids))
            .values("catalogue_service_id").order_by()
            .annotate(waiting=Count("pk", filter=Q(status__in=WAITING_STATUSES)),
                      in_use=Count("pk", filter=Q(status__in=PLACE_STATUSES))))
    return {r["catalogue_service_id"]: {"waiting": r["waiting"], "in_use": r["in_use"]}
            for r in rows}


def with_places(services) -> list[Service]:
    """The services with ``places`` (waiting, in use, free) and ``wait`` (weeks, reasons) set."""
    services = list(services)
    counts = service_places(s.pk for s in services)
    for service in services:
        found = counts.get(service.pk, {"waiting": 0, "in_use": 0})
        service.wait = estimate_wait(place_facts(service, **found))
        service.places = {**found, "free": service.wait.free_places}
    return services


def place_facts(service: Service, *, waiting: int, in_use: int) -> PlaceFacts:
    return PlaceFacts(capacity=max(service.capacity, 1), in_use=in_use, waiting=waiting,
                      course_weeks=service.course_weeks, published_weeks=service.waiting_weeks)


def service_for_editing(user, pk: int) -> Service:
    """A service the user may edit: the system administrator any of the provider's, a partner
    caseworker only its own organisation's; else the same 404 as for one that does not exist."""
    role = role_of(user)
    services = Service.objects.filter(provider_id=user.staff.provider_id)
    if role is Role.PARTNER_CASEWORKER:
        services = services.filter(partner_id=user.staff.partner_id)
    elif role is not Role.SYSADMIN:
        services = services.none()
    service = services.select_related("partner").filter(pk=pk).first()
    if service is None:
        raise Http404("No such service.")
    return service


def referable_services(user) -> QuerySet[Service]:
    return catalogue(user).exclude(status="withdrawn")


def monitoring(user) -> list[dict]:
    """Per partner and service: referrals, starts, completions, withdrawals, waiting, attendance."""
    waited = ExpressionWrapper(F("started_on") - F("referred_on"), output_field=DurationField())
    # Aggregate figures of the provider's services count every referral, as the catalogue's
    # waiting list does, so the two agree; the drill-down lists only cases the user may see.
    if role_of(user) is None:
        return []
    rows = (
        Referral.objects.filter(catalogue_service__provider_id=user.staff.provider_id)
        .values("catalogue_service", "catalogue_service__name", "catalogue_service__capacity",
                "partner__name")
        .annotate(
            referrals=Count("pk"),
            starts=Count("pk", filter=Q(started_on__isnull=False)),
            completions=Count("pk", filter=Q(status="completed")),
            withdrawals=Count("pk", filter=Q(status="withdrawn")),
            rejections=Count("pk", filter=Q(status="rejected")),
            waiting=Count("pk", filter=Q(status__in=WAITING_STATUSES)),
            in_use=Count("pk", filter=Q(status__in=PLACE_STATUSES)),
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
            "capacity": row["catalogue_service__capacity"],
            "attendance": round(100 * (row["attended"] or 0) / sessions) if sessions else None,
            "completion": round(100 * row["completions"] / row["starts"]) if row["starts"] else None,
            "mean_wait_days": (wait.days if hasattr(wait, "days") else round(wait or 0))
            if wait is not None else None,
        })
    return out


def case_referrals(person) -> list[Referral]:
    """Every referral of a case already access-checked by the caller, newest first."""
    return list(Referral.objects.filter(person=person)
                .select_related("partner", "catalogue_service").order_by("-referred_on", "-pk"))


def open_case_referrals(person) -> list[Referral]:
    """The open referrals of a case already access-checked by the caller."""
    from .choices import OPEN_STATUSES

    return list(Referral.objects.filter(person=person, status__in=list(OPEN_STATUSES)))
