"""The demo's second provider, prioritising by national tier (issue 21 item 5).

Cumbria and Lancashire CRC (code ``CLCRC``) runs the tiering policy with colour bands shown
beside it during its transition. Its showcase cases each turn on one rule of ``tiering.md`` (the
CRN says which); half wait in the hub's intake queue and half in the allocation queue, both
ordered by tier. Logins: ``tier-manager`` (LMC manager), ``tier-admin`` (administrator: the
policy page), ``tier-hub`` (hub administrator) and officers ``tier-po1`` … with the demo
password. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from desist.organisation.models import LocalAuthority, Owner, Provider, Staff, Team, Venue
from desist.organisation.roles import Role
from desist.people.models import Person, Registration
from desist.sentences.models import Offence, Requirement, Sentence

from . import batch
from .models import PolicyDecision, RsrScore

CODE, NAME, OWNER = "CLCRC", "Cumbria and Lancashire CRC", "Desist demo owner (tiering)"
LA_CODE, LA_NAME = "E06000063", "Cumberland"
D = dt.timedelta

STAFF = (  # username, first, last, role, grade, gender
    ("tier-manager", "Morven", "Aske", Role.MANAGER, "SPO", "female"),
    ("tier-admin", "Idris", "Blamire", Role.SYSADMIN, "SPO", "male"),
    ("tier-hub", "Petra", "Dacre", Role.HUB_ADMIN, "PSO", "female"),
    ("tier-po1", "Ruth", "Fell", Role.RESPONSIBLE_OFFICER, "PO", "female"),
    ("tier-po2", "Owen", "Gable", Role.RESPONSIBLE_OFFICER, "PO", "male"),
    ("tier-pso1", "Nia", "Howe", Role.RESPONSIBLE_OFFICER, "PSO", "female"),
)

# CRN, name, what it shows, the case's facts. Scores are the self-assessment reading (None: no
# assessment); "hub" cases wait for routing, the others for allocation.
NEEDY = {"home": 2, "time": 3, "family": 4, "community": 3, "substances": 2, "feelings": 2,
         "offending": 3, "daily_life": 5, "wellbeing": 5, "caring": 8}
SETTLED = {code: 9 for code in NEEDY} | {"home": 6}
CASES = (
    ("T100001", "Ada", "Mappa", "MAPPA level 2 alone makes protect level A",
     dict(rosh="low", registrations=[("mappa", "2")], scores=SETTLED, hub=True)),
    ("T100002", "Bryn", "Veryhigh", "Very high RoSH scores 150: protect level A",
     dict(rosh="very_high", scores=NEEDY)),
    ("T100003", "Cal", "Rsr", "RSR of 8% outscores low RoSH: protect level B",
     dict(rosh="low", rsr=8.0, scores=SETTLED, hub=True)),
    ("T100004", "Dee", "Highrosh", "High RoSH scores 20: protect level B",
     dict(rosh="high", scores=SETTLED)),
    ("T100005", "Eli", "Medium", "Medium RoSH scores 10: protect level C",
     dict(rosh="medium", scores=SETTLED, hub=True)),
    ("T100006", "Fay", "Factors", "Five complexity factors score 10: protect level C",
     dict(rosh="low", registrations=[("self_harm", ""), ("vulnerability", ""),
                                     ("complex_mental_health", ""), ("gangs", ""),
                                     ("child_concern", "")], scores=SETTLED)),
    ("T100007", "Gwen", "Women", "A woman's parenting, temper and breach factors",
     dict(rosh="medium", gender="female", childcare=True, scores=NEEDY, breach=True, hub=True)),
    ("T100008", "Huw", "Unpaid", "Unpaid work only: no mandate for change, change level 0",
     dict(rosh="low", requirements=[("upw", 80)], scores=NEEDY)),
    ("T100009", "Ivy", "Unassessed", "No assessment yet: change level 2",
     dict(rosh="low", scores=None, hub=True)),
    ("T100010", "Jon", "Needs", "Severe needs, OGRS3 80% and IOM: change level 3",
     dict(rosh="medium", registrations=[("iom", "")], scores=NEEDY, ogrs3=80)),
    ("T100011", "Kit", "Suspended", "Suspended sentence with no requirements: unsupervised S",
     dict(rosh="low", sentence="sso", requirements=[], scores=SETTLED, hub=True)),
    ("T100012", "Lin", "Settled", "Few needs and low risk: tier D1",
     dict(rosh="low", scores=SETTLED)),
)


def _organisation():
    owner, _ = Owner.objects.get_or_create(name=OWNER)
    provider, _ = Provider.objects.get_or_create(code=CODE, defaults={"name": NAME,
                                                                     "owner": owner})
    la, _ = LocalAuthority.objects.get_or_create(code=LA_CODE, defaults={"name": LA_NAME})
    venue, created = Venue.objects.get_or_create(
        provider=provider, code="LMC-CAR", defaults=dict(
            name="Carlisle LMC", kind="lmc", address="3 English Street, Carlisle",
            postcode="CA3 8HX", phone="01228 000000", wheelchair_access=True,
            accessible_toilet=True, private_rooms=4))
    if created:
        venue.local_authorities.add(la)
    team, _ = Team.objects.get_or_create(provider=provider, code="CAR",
                                         defaults={"name": "Carlisle", "venue": venue})
    User = get_user_model()
    # The demo's logins share one password: reuse the hash of one made by the demo.
    template = User.objects.filter(staff__isnull=False).exclude(password="").first()
    for n, (username, first, last, role, grade, gender) in enumerate(STAFF):
        if Staff.objects.filter(provider=provider, user__username=username).exists():
            continue
        user, _ = User.objects.get_or_create(username=username, defaults=dict(
            first_name=first, last_name=last, email=f"{username}@example.org"))
        if template is not None and not user.password:
            User.objects.filter(pk=user.pk).update(password=template.password)
        Staff.objects.create(user=user, provider=provider, role=str(role),
                             staff_code=f"CL{n:03d}", grade=grade, team=team, base=venue,
                             gender=gender)
    return provider, la, team


def _instrument(provider):
    from desist.assessment.services import active_instrument

    return active_instrument(provider)  # Desist's default, installed the first time


def _case(provider, la, team, instrument, today, crn, first, last, facts, officer=None) -> None:
    from desist.assessment.models import Reading

    hub = facts.get("hub", False)
    allocated = {}
    if officer is not None:  # held by an officer, its band confirmed: not in any queue
        allocated = dict(responsible_officer=officer, band=BAND_BY_ROSH[facts["rosh"]],
                         band_confirmed_at=timezone.now() - D(days=30))
    person = Person.objects.create(
        provider=provider, crn=crn, first_name=first, last_name=last,
        date_of_birth=dt.date(1990, 5, 1), gender=facts.get("gender", "male"), local_authority=la,
        address="8 Castle Street, Carlisle", postcode="CA3 8TB", previous_sanctions=3,
        first_sanction_date=dt.date(2010, 4, 1), rosh=facts["rosh"], rosh_to=["public"],
        rosh_assessed_on=today - D(days=20), rsr=facts.get("rsr"),
        ogrs3_two_year=facts.get("ogrs3", 35), arrived_on=today - D(days=int(crn[-2:])),
        childcare_responsibilities=facts.get("childcare", False),
        routing="" if hub else "lmc", lmc=None if hub else team, team=None if hub else team,
        **allocated)
    sentence = Sentence.objects.create(
        person=person, type=facts.get("sentence", "community_order"), court="Carlisle Magistrates",
        sentence_date=today - D(days=20), start_date=today - D(days=20),
        expected_end_date=today + D(days=345))
    if facts.get("rsr") is not None:  # the score's history: from the national record
        RsrScore.objects.create(person=person, score=facts["rsr"], source="national_record",
                                assessed_on=today - D(days=20))
    for kind, amount in facts.get("requirements", [("rar", 15)]):
        Requirement.objects.create(sentence=sentence, type=kind,
                                   rar_days=amount if kind == "rar" else None,
                                   upw_hours=amount if kind == "upw" else None)
    Offence.objects.create(sentence=sentence, description="Assault by beating",
                           category="violence", offence_date=today - D(days=80))
    for kind, level in facts.get("registrations", []):
        Registration.objects.create(person=person, type=kind, level=level,
                                    start_date=today - D(days=15))
    if facts.get("scores") is not None:
        Reading.objects.create(person=person, instrument=instrument, taken_on=today - D(days=10),
                               scores=facts["scores"], status="approved",
                               approved_at=timezone.now() - D(days=9))
    if facts.get("breach"):
        from desist.compliance.models import Breach, EnforcementAction

        action = EnforcementAction.objects.create(provider=provider, person=person, kind="breach",
                                                  on=today - D(days=9), due_on=today - D(days=4),
                                                  done_on=today - D(days=5))
        Breach.objects.create(provider=provider, person=person, action=action, kind="breach",
                              started_on=today - D(days=9))


# The officers' caseloads: cases made from these profiles in turn until each officer's workload
# points reach the share of their capacity below, so the workload page shows believable figures
# (issue 21: most officers between 70% and 120%). Names are drawn from the lists in turn.
BAND_BY_ROSH = {"low": "green", "medium": "yellow", "high": "red", "very_high": "red"}
PROFILES = (
    dict(rosh="low", scores=SETTLED),
    dict(rosh="medium", scores=SETTLED),
    dict(rosh="low", scores=NEEDY),
    dict(rosh="medium", scores=NEEDY, gender="female", childcare=True),
    dict(rosh="high", scores=SETTLED),
    dict(rosh="low", requirements=[("upw", 120)], scores=SETTLED),
    dict(rosh="medium", registrations=[("self_harm", ""), ("vulnerability", "")], scores=NEEDY),
    dict(rosh="low", scores=None),
)
FIRST = ("Alan", "Beth", "Colin", "Dawn", "Euan", "Fern", "Glen", "Hope", "Ian", "Jan")
LAST = ("Armstrong", "Bell", "Carr", "Dixon", "Elliot", "Forster", "Graham", "Hodgson",
        "Irving", "Jackson", "Kirkbride", "Little", "Moffat", "Nixon", "Oliver", "Pattinson")
CAPACITY_SHARE = {"tier-po1": 0.95, "tier-po2": 1.1, "tier-pso1": 0.8}


def _caseloads(provider, la, team, instrument, today) -> int:
    """Give each officer cases until their points reach their share of capacity (ADR 0013: the
    points follow the tier). Batches of cases, then the provider's tiers and points worked out,
    until every officer is there; a second run finds them there and adds nothing."""
    from django.db.models import Sum

    from desist.allocation import caseloads
    from desist.allocation.facts import officer_capacity, weights_for

    weights = weights_for(provider.pk)
    officers = {s.user.username: s for s in Staff.objects.filter(
        provider=provider, user__username__in=list(CAPACITY_SHARE)).select_related("user")}
    made = 0
    for _round in range(40):  # a bound: each round adds at most 8 cases an officer
        short = []
        for username, share in CAPACITY_SHARE.items():
            officer = officers.get(username)
            if officer is None:
                continue
            held = Person.objects.filter(responsible_officer=officer, active=True).aggregate(
                points=Sum("workload_points"))["points"] or 0
            if held < share * officer_capacity(officer, weights, today):
                short.append(officer)
        if not short:
            break
        for officer in short:
            for _ in range(len(PROFILES)):
                # Q: a letter the generator's CRNs never use (demo.people.tables.CRN_LETTERS).
                n = Person.objects.filter(provider=provider, crn__startswith="Q").count()
                crn = f"Q{n:06d}"
                _case(provider, la, team, instrument, today, crn, FIRST[n % len(FIRST)],
                      LAST[(n // len(FIRST)) % len(LAST)], PROFILES[n % len(PROFILES)],
                      officer=officer)
                made += 1
        batch.recompute_provider(provider.pk, event="recompute", actor="desist demo")
    caseloads.rebuild()  # cases written here in bulk: the officers' summaries recounted (ADR 0005)
    return made


def seed_showcase(today: dt.date) -> str:
    from desist import seeding

    with transaction.atomic():
        provider, la, team = _organisation()
        instrument = _instrument(provider)
        made = 0
        for crn, first, last, _what, facts in CASES:
            if not Person.objects.filter(crn=crn).exists():
                _case(provider, la, team, instrument, today, crn, first, last, facts)
                made += 1
        seeding.claim(*(c[0] for c in CASES))
        if not PolicyDecision.objects.filter(provider=provider).exists():
            PolicyDecision.objects.create(
                provider=provider, policy="tier", previous_policy="band", transition=True,
                reason="Demo: the provider has moved to national tiering; bands are shown "
                       "beside tiers while staff get used to it.")
    counts = batch.recompute_provider(provider.pk, event="recompute", actor="desist demo")
    with transaction.atomic():
        held = _caseloads(provider, la, team, instrument, today)
    return (f"{NAME}: {made} showcase cases made, {counts.tiers_changed} tiers stored, "
            f"{held} cases on the officers' caseloads; logins tier-manager, tier-admin, tier-hub")
