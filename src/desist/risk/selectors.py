"""Reads for risk of harm and safeguarding. Case access is the caller's job (``case_for``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from desist.rules import planning as rules

from .models import (
    AgencyInformation,
    HomeVisit,
    PartnerLinkWorker,
    RiskAssessment,
    SafeguardingCheck,
)


def active_flags(person) -> frozenset[str]:
    return frozenset(person.registrations.filter(end_date__isnull=True).values_list("type", flat=True))


def bbr_referral(person) -> bool:
    from desist.sentences.models import Requirement

    on_order = Requirement.objects.filter(
        sentence__person=person, sentence__terminated_on__isnull=True, type="programme",
        programme__iexact="BBR",
    ).exists()
    return on_order or person.referrals.filter(
        Q(service__icontains="Building Better Relationships") | Q(service__iexact="BBR")
    ).exists()


def link_worker(person) -> PartnerLinkWorker | None:
    return PartnerLinkWorker.objects.filter(person=person).first()


def risk_assessments(person) -> list[RiskAssessment]:
    return list(RiskAssessment.objects.filter(person=person).select_related("assessed_by__user"))


def checks(person) -> list[SafeguardingCheck]:
    return list(SafeguardingCheck.objects.filter(person=person))


def check_for(person, pk) -> SafeguardingCheck | None:
    return SafeguardingCheck.objects.filter(person=person, pk=pk).first()


def latest_check_dates(person) -> dict[str, dt.date | None]:
    dates: dict[str, dt.date | None] = {kind: None for kind in rules.CHECK_LABELS}
    for check in SafeguardingCheck.objects.filter(person=person, completed_on__isnull=False):
        if dates[check.kind] is None or check.completed_on > dates[check.kind]:
            dates[check.kind] = check.completed_on
    return dates


def check_states(person, today: dt.date):
    states, blockers = rules.safeguarding_gate(active_flags(person), latest_check_dates(person), today)
    return states, blockers


def agency_information(person) -> list[AgencyInformation]:
    return list(AgencyInformation.objects.filter(person=person))


def agency_item(person, pk) -> AgencyInformation | None:
    return AgencyInformation.objects.filter(person=person, pk=pk).first()


def unacknowledged_information(person) -> list[AgencyInformation]:
    return list(AgencyInformation.objects.filter(person=person, acknowledged_at__isnull=True))


def home_visits(person) -> list[HomeVisit]:
    return list(HomeVisit.objects.filter(person=person))


def home_visit(person, pk) -> HomeVisit | None:
    return HomeVisit.objects.filter(person=person, pk=pk).first()
