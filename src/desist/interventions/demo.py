"""Demo catalogue: Northumbria's RAR components, accredited programmes and partners' rate cards.

From operating-model.md §9. Session counts for the 1-1 modules are the report's; the rest
(programme lengths, waiting times, prices) are Desist's demo figures, not published ones.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F

from desist.organisation.models import Partner, Provider, Venue

from .models import Referral, Service

# code, name, component, partner code ("" in-house), mode, sessions, per week, extra
CATALOGUE = (
    ("ND", "New Directions meeting", "new_directions", "", "one_to_one", 1, 1,
     {"hours_per_session": Decimal("2"), "description": "Induction: the first two hours of every "
      "band's minimum offer."}),
    ("GW", "RAR group work", "group_work", "", "group", 8, 1, {"evenings": True}),
    ("MOT", "Motivational module", "motivational", "", "group", 4, 1, {}),
    ("PP", "Positive Pathways", "one_to_one", "", "one_to_one", 6, 1, {}),
    ("MA", "Masculinity and Aggression", "one_to_one", "", "one_to_one", 6, 1,
     {"eligibility": "male"}),
    ("VA", "Victim Awareness", "one_to_one", "", "one_to_one", 3, 1, {}),
    ("SOLO", "SOLO", "one_to_one", "", "one_to_one", 12, 1, {}),
    ("SOLOE", "SOLO enhanced", "one_to_one", "", "one_to_one", 12, 1, {}),
    ("VAB", "Values, Attitudes and Behaviour – Hate Crime", "one_to_one", "", "one_to_one", 4, 1,
     {}),
    ("REENG", "Re-engagement", "one_to_one", "", "one_to_one", 3, 1, {}),
    ("SUB", "Substance misuse", "community_integration", "NRP", "group", 4, 1,
     {"price": Decimal("38.00")}),
    ("ACC", "Accommodation advice", "community_integration", "SHH", "one_to_one", 3, 1,
     {"price": Decimal("45.00"), "evenings": True}),
    ("ETE", "Education, training and employment", "community_integration", "TSW", "group", 6, 1,
     {"price": Decimal("32.50"), "evenings": True}),
    ("DEBT", "Finance, benefits and debt", "community_integration", "SHH", "one_to_one", 2, 1,
     {"price": Decimal("45.00")}),
    ("MENT", "Peer mentoring", "mentoring", "SCM", "one_to_one", 10, 1,
     {"price": Decimal("28.00"), "evenings": True, "waiting_weeks": 3}),
    ("RJ", "Restorative justice conference", "restorative_justice", "", "one_to_one", 2, 1, {}),
    ("KIOSK", "Kiosk reporting", "kiosk", "", "one_to_one", 1, 1,
     {"rar_activity": False, "hours_per_session": Decimal("0.5")}),
    ("WOM", "Women's hub support", "womens_service", "CHP", "group", 12, 1,
     {"women_only": True, "eligibility": "female", "price": Decimal("40.00"), "capacity": 14}),
    # Accredited programmes: under a programme requirement, not RAR (§9).
    ("TSP", "Thinking Skills Programme", "accredited_programme", "", "group", 19, 2,
     {"programme": True, "rar_activity": False, "hours_per_session": Decimal("2.5"),
      "waiting_weeks": 30, "capacity": 10}),
    ("BBR", "Building Better Relationships", "accredited_programme", "", "group", 24, 1,
     {"programme": True, "rar_activity": False, "needs_link_worker": True, "eligibility": "male",
      "hours_per_session": Decimal("2.5"), "waiting_weeks": 12,
      "eligibility_notes": "Men convicted of domestic abuse against a partner; a partner link "
      "worker supports the (ex-)partner."}),
    ("RES", "Resolve", "accredited_programme", "", "group", 24, 1,
     {"programme": True, "rar_activity": False, "hours_per_session": Decimal("2"),
      "waiting_weeks": 8, "status": "paused"}),
    ("DIDS", "Drink Impaired Drivers (DIDs)", "accredited_programme", "", "group", 7, 1,
     {"programme": True, "rar_activity": False, "status": "withdrawn",
      "hours_per_session": Decimal("2")}),
)

VENUES = {"WOM": ("WH-NCL", "WH-SND", "WH-BLY"), "GW": ("LMC-NCL", "LMC-SND"),
          "TSP": ("LMC-NCL", "LMC-GHD"), "BBR": ("LMC-NCL",), "ETE": ("LMC-NCL",)}


def seed(reference_date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    if provider is None:
        return "no NCRC provider"
    partners = {p.code: p for p in Partner.objects.filter(provider=provider)}
    venues = {v.code: v for v in Venue.objects.filter(provider=provider)}
    created = 0
    for code, name, component, partner, mode, sessions, per_week, extra in CATALOGUE:
        if partner and partner not in partners:
            continue
        service, made = Service.objects.get_or_create(
            provider=provider, code=code,
            defaults={"name": name, "component": component, "partner": partners.get(partner),
                      "mode": mode, "sessions": sessions, "sessions_per_week": per_week,
                      **extra},
        )
        if made:
            created += 1
            service.venues.set([venues[v] for v in VENUES.get(code, ()) if v in venues])
    linked = _link_generated_referrals(provider)
    workers = _link_workers(provider, partners.get("RRN"), reference_date)
    return (f"{created} catalogue services added ({len(CATALOGUE)} in the catalogue), "
            f"{linked} generated referrals linked to them, {workers} partner link workers "
            "recorded for men with a BBR requirement")


# The generator's referral names → catalogue codes, so monitoring has something to show.
GENERATED = {"Women's hub support": "WOM", "Housing advice": "ACC", "Employment support": "ETE",
             "Peer mentoring": "MENT", "Substance misuse assessment": "SUB"}


def _link_generated_referrals(provider) -> int:
    services = {s.code: s for s in Service.objects.filter(provider=provider)}
    linked = 0
    for name, code in GENERATED.items():
        service = services.get(code)
        if service is None:
            continue
        rows = Referral.objects.filter(person__provider=provider, service=name,
                                       catalogue_service__isnull=True)
        linked += rows.update(catalogue_service=service)
        # Started referrals waited a while; sessions so far follow from the time since.
        Referral.objects.filter(catalogue_service=service, started_on__isnull=True,
                                status__in=["started", "completed"]).update(
            started_on=F("referred_on") + dt.timedelta(days=WAIT_DAYS.get(code, 10)),
            sessions_attended=min(service.sessions, 3), sessions_missed=1)
    return linked


WAIT_DAYS = {"WOM": 7, "ACC": 5, "ETE": 12, "MENT": 24, "SUB": 10}


# Partner link workers of Respect Relationships North (the demo's BBR partner link service).
LINK_WORKERS = (("Jo Lambton", "0191 496 0301"), ("Sam Okafor", "0191 496 0302"),
                ("Priya Nair", "0191 496 0303"), ("Chris Dodds", "0191 496 0304"))


def _link_workers(provider, partner, reference_date) -> int:
    """Every man with a BBR programme requirement gets a partner link worker on the Risk tab (§7),
    so a BBR referral can be made for him as it would be in practice."""
    from desist.risk.models import PartnerLinkWorker
    from desist.sentences.models import Requirement

    organisation = partner.name if partner else "Respect Relationships North"
    people = (Requirement.objects.filter(
        sentence__person__provider=provider, sentence__terminated_on__isnull=True,
        type="programme", programme__iexact="BBR", sentence__person__partner_link_worker=None)
        .values_list("sentence__person_id", "sentence__start_date").distinct().order_by(
            "sentence__person_id"))
    rows = []
    for person_id, start in people:
        name, phone = LINK_WORKERS[person_id % len(LINK_WORKERS)]
        rows.append(PartnerLinkWorker(person_id=person_id, name=name, organisation=organisation,
                                      phone=phone, assigned_on=min(start, reference_date)))
    PartnerLinkWorker.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
