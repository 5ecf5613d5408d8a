"""Showcase cases for intake, banding and assignment, then the recompute over the caseload.

The cases are the ones a tester tries first (issue: intake, banding and assignment): a custody
case held in the hub and one passing to its LMC 12 weeks before release, a domestic-abuse case
whose "consider blue/red" prompt must be answered, a woman's case in a team with male officers,
an officer over capacity, and a medium-RoSH domestic-abuse case a manager may try to pass to a PSO.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from desist.organisation.models import LocalAuthority, Provider, Staff, StaffReduction, Team
from desist.people.models import Person, Registration
from desist.sentences.models import Offence, Requirement, Sentence

from . import caseloads, recompute

NEWCASTLE = "E08000021"
PHASED_RETURN_REDUCTION = 25
PHASED_RETURN_NOTE = "Demo: back from sick leave after the caseload was shared out."
D = dt.timedelta


def _person(provider, crn, first, last, **extra) -> tuple[Person, bool]:
    existing = Person.objects.filter(crn=crn).first()
    if existing is not None:
        return existing, False
    la = LocalAuthority.objects.filter(code=NEWCASTLE).first()
    defaults = dict(provider=provider, crn=crn, first_name=first, last_name=last,
                    date_of_birth=dt.date(1988, 3, 14), gender="male", local_authority=la,
                    address="12 Grainger Street, Newcastle upon Tyne", postcode="NE1 5JQ",
                    previous_sanctions=2, first_sanction_date=dt.date(2012, 6, 1),
                    rosh="low", rosh_to=["public"])
    defaults.update(extra)
    return Person.objects.create(**defaults), True


def _sentence(person, today, *, type="community_order", months=12, custodial=None, release=None,
              requirements=(("rar", 20),), category="violence", offence="Assault by beating"):
    sentence_date = today - D(days=3) if type != "custody" else today - D(days=400)
    sentence = Sentence.objects.create(
        person=person, type=type, court="Newcastle Magistrates' Court",
        sentence_date=sentence_date, start_date=release or sentence_date,
        expected_end_date=(release or sentence_date) + D(days=30 * months),
        custodial_months=custodial, release_date=release)
    for kind, days in requirements:
        Requirement.objects.create(sentence=sentence, type=kind,
                                   rar_days=days if kind == "rar" else None,
                                   upw_hours=days if kind == "upw" else None)
    Offence.objects.create(sentence=sentence, description=offence, category=category,
                           offence_date=sentence_date - D(days=60))
    return sentence


def seed_showcase(today: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    if provider is None:
        return "skipped (no NCRC provider)"
    ncl = Team.objects.filter(provider=provider, code="NCL").first()
    hub = Team.objects.filter(provider=provider, code="HUB").first()
    made = 0

    # Long custody, released in 20 weeks: held in the hub, passes to Newcastle LMC in 8.
    p, new = _person(provider, "Y900001", "Connor", "Reid", routing="hub", hub_hold="long_custody",
                     team=hub, rosh="medium", arrived_on=today - D(days=400))
    if new:
        _sentence(p, today, type="custody", custodial=30, release=today + D(weeks=20),
                  requirements=(), category="robbery", offence="Robbery")
        made += 1
    # Long custody released in 12 weeks less 2 days: the recompute passes it to the LMC now.
    p, new = _person(provider, "Y900002", "Liam", "Hart", routing="hub", hub_hold="long_custody",
                     team=hub, arrived_on=today - D(days=500))
    if new:
        _sentence(p, today, type="custody", custodial=24, release=today + D(weeks=12) - D(days=2),
                  requirements=(), category="burglary_domestic", offence="Burglary (dwelling)")
        made += 1
    # Domestic abuse, low RoSH, low OGRS3: green proposed with "consider blue/red" to answer.
    p, new = _person(provider, "Y900003", "Gary", "Lowe", routing="lmc", lmc=ncl, team=ncl,
                     routing_confirmed_at=timezone.now(), arrived_on=today - D(days=3),
                     date_of_birth=dt.date(1975, 1, 9), previous_sanctions=0,
                     first_sanction_date=None)
    if new:
        _sentence(p, today, category="violence", offence="Assault (domestic)")
        Registration.objects.create(person=p, type="domestic_abuse", start_date=today - D(days=3),
                                    review_date=today + D(weeks=12))
        made += 1
    # A woman's case awaiting assignment in Newcastle.
    p, new = _person(provider, "Y900004", "Kelly", "Nixon", gender="female", routing="lmc",
                     lmc=ncl, team=ncl, routing_confirmed_at=timezone.now(),
                     arrived_on=today - D(days=2), date_of_birth=dt.date(1992, 8, 2))
    if new:
        _sentence(p, today, category="theft_non_motor", offence="Shoplifting")
        made += 1
    # Medium-RoSH domestic-abuse case held by the PO; passing it to a PSO is warned.
    officer = Staff.objects.filter(provider=provider, user__username="officer").first()
    p, new = _person(provider, "Y900005", "Wayne", "Dodd", routing="lmc", lmc=ncl, team=ncl,
                     rosh="medium", rosh_to=["known_adult", "children"], band="yellow",
                     band_confirmed_at=timezone.now(), responsible_officer=officer,
                     routing_confirmed_at=timezone.now(), arrived_on=today - D(days=60))
    if new:
        _sentence(p, today, category="violence", offence="Actual bodily harm (domestic)")
        Registration.objects.create(person=p, type="domestic_abuse", start_date=today - D(days=60),
                                    review_date=today + D(weeks=6))
        made += 1
    # A new arrival with no address and no RoSH: the hub must chase both.
    p, new = _person(provider, "Y900006", "Shane", "Pike", address="", postcode="",
                     local_authority=None, rosh="", rosh_to=[], team=hub,
                     arrived_on=today - D(days=2))
    if new:
        _sentence(p, today, category="criminal_damage", offence="Criminal damage")
        made += 1
    # An officer on a phased return (25% reduction) after the caseload was shared out: about a
    # third over capacity, so taking a case is warned and the ranking puts them last.
    if ncl is not None:
        phased = (Staff.objects.filter(provider=provider, team=ncl, role="responsible_officer",
                                       grade="PO").exclude(user__username__in=("officer", "granted"))
                  .order_by("staff_code").first())
        if phased is not None and not StaffReduction.objects.filter(
                staff=phased, reason="phased_return", note=PHASED_RETURN_NOTE).exists():
            StaffReduction.objects.create(
                staff=phased, reason="phased_return", percent=PHASED_RETURN_REDUCTION,
                # Dated from the real day, as capacity is counted on the real day.
                starts_on=timezone.localdate() - D(days=14),
                ends_on=timezone.localdate() + D(weeks=8),
                note=PHASED_RETURN_NOTE)

    counts = recompute.run(as_of=today, restart=True)
    balanced = balance_caseloads(provider)
    return (f"{made} showcase cases; recomputed {counts.processed:,} people "
            f"({counts.escalations} risk escalations, {counts.released} passed to their LMC); "
            f"{balanced:,} cases shared out to even the caseloads")


# --- Balancing the generated caseloads (§16, issue 12 item 9) ----------------------------------

BALANCE_ABOVE = 110.0  # an officer above this share of capacity gives cases away …
BALANCE_TO_BELOW = 100.0  # … to colleagues who stay below this after taking one


def balance_caseloads(provider) -> int:
    """Share out each LMC team's generated caseload as a manager with the workload tool would:
    move cases from officers well over capacity to colleagues with room who break no matching
    rule (the same rules core as the assignment page). The generator picks officers at random in
    proportion to capacity, which leaves a few at twice the load of the rest. Returns the number
    of cases moved; running it again moves none."""
    from desist.allocation.candidates import officer_capacity
    from desist.allocation.services import weights_for
    from desist.organisation.capacity import attach_reductions
    from desist.rules import assignment

    weights = weights_for(provider.pk)
    moved: dict[int, int] = {}  # person pk → new officer pk
    lmc_teams = Team.objects.filter(provider=provider, venue__kind="lmc")
    for team in lmc_teams:
        staff = attach_reductions(list(
            Staff.objects.filter(team=team, active=True, role="responsible_officer",
                                 grade__in=("PO", "PSO"))
            .exclude(user__username="granted").order_by("staff_code")))
        if len(staff) < 2:
            continue
        capacity = {s.pk: officer_capacity(s, weights) for s in staff}
        cases = list(Person.objects.filter(active=True, restricted=False,
                                           responsible_officer__in=staff)
                     .values("pk", "responsible_officer_id", "workload_points", "gender", "rosh",
                             "band", "proposed_band").order_by("-workload_points", "pk"))
        flags: dict[int, set[str]] = {}
        for pk, kind in Registration.objects.filter(
                person_id__in=[c["pk"] for c in cases], end_date__isnull=True).values_list(
                "person_id", "type"):
            flags.setdefault(pk, set()).add(kind)
        load = {s.pk: 0.0 for s in staff}
        for c in cases:
            load[c["responsible_officer_id"]] += c["workload_points"]

        def percent(officer_pk: int, extra: float = 0.0, load=load, capacity=capacity) -> float:
            cap = capacity[officer_pk]
            return (load[officer_pk] + extra) * 100 / cap if cap else float("inf")

        for donor in sorted(staff, key=lambda s: -percent(s.pk)):
            for c in [c for c in cases if c["responsible_officer_id"] == donor.pk]:
                if percent(donor.pk) <= BALANCE_ABOVE:
                    break
                profile = assignment.CaseProfile(
                    rosh=c["rosh"] or "low", band=c["band"] or c["proposed_band"] or None,
                    registrations=frozenset(flags.get(c["pk"], ())) & weights.codes,
                    gender=c["gender"] if c["gender"] in assignment.GENDERS else None)
                for taker in sorted(staff, key=lambda s: percent(s.pk)):
                    if taker.pk == donor.pk or \
                            percent(taker.pk, c["workload_points"]) >= BALANCE_TO_BELOW:
                        continue
                    check = assignment.check_assignment(profile, assignment.Officer(
                        id=taker.staff_code, grade=taker.grade,
                        gender=taker.gender if taker.gender in assignment.GENDERS else "other",
                        specialisms=frozenset(taker.specialisms or ()), agency=taker.agency,
                        current_points=round(load[taker.pk], 2),
                        capacity_points=capacity[taker.pk]), weights=weights)
                    if check.warnings:
                        continue
                    load[donor.pk] -= c["workload_points"]
                    load[taker.pk] += c["workload_points"]
                    c["responsible_officer_id"] = taker.pk
                    moved[c["pk"]] = taker.pk
                    break
    by_officer: dict[int, list[int]] = {}
    for person_pk, officer_pk in moved.items():
        by_officer.setdefault(officer_pk, []).append(person_pk)
    for officer_pk, pks in by_officer.items():
        Person.objects.filter(pk__in=pks).update(responsible_officer_id=officer_pk)
    return len(moved)


def rebuild_caseloads(today: dt.date) -> str:
    """The seeders move cases between officers and close cases in bulk, past the services:
    recount the officers' caseload summary once they are done (ADR 0005)."""
    del today
    corrected = caseloads.rebuild()
    return f"{len(corrected):,} officers' caseload rows corrected"
