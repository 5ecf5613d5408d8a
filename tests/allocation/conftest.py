from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from desist.allocation import caseloads
from desist.organisation.roles import Role
from tests import factories as f
from tests.conftest import make_staff


@pytest.fixture
def newcastle(provider):
    """An LMC team whose base serves one local authority, so routing has somewhere to go."""
    la = f.LocalAuthorityFactory(code="E08000021", name="Newcastle upon Tyne")
    venue = f.VenueFactory(provider=provider, code="LMC-NCL", kind="lmc")
    venue.local_authorities.add(la)
    team = f.TeamFactory(provider=provider, code="NCL", name="Newcastle", venue=venue)
    return la, team


@pytest.fixture
def lmc_manager(provider, newcastle):
    return make_staff(provider, Role.MANAGER, username="ncl-manager", grade="SPO", team=newcastle[1])


@pytest.fixture
def officers(provider, newcastle):
    """A female PO (women's champion, DA trained), a male PO and a PSO in the LMC."""
    team = newcastle[1]
    po_f = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="po-f", grade="PO", team=team)
    po_f.specialisms = ["womens_champion", "domestic_abuse"]
    po_f.save()
    po_m = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="po-m", grade="PO", team=team,
                      gender="male")
    pso = make_staff(provider, Role.RESPONSIBLE_OFFICER, username="pso", grade="PSO", team=team,
                     gender="male")
    return {"po_f": po_f, "po_m": po_m, "pso": pso}


def new_case(provider, *, la=None, team=None, crn, sentence_type="community_order", gender="male",
             rosh="low", registrations=(), requirements=(("rar", 10),), custodial=None,
             release=None, **extra):
    today = timezone.localdate()
    person = f.PersonFactory(provider=provider, crn=crn, gender=gender, rosh=rosh,
                             local_authority=la, address="1 Street" if la else "", team=team,
                             arrived_on=today - dt.timedelta(days=2), previous_sanctions=0,
                             first_sanction_date=None, **extra)
    start = release or today - dt.timedelta(days=3)
    sentence = f.SentenceFactory(person=person, type=sentence_type, sentence_date=today - dt.timedelta(days=3)
                                 if not release else today - dt.timedelta(days=400),
                                 start_date=start, expected_end_date=start + dt.timedelta(days=365),
                                 custodial_months=custodial, release_date=release)
    for kind, amount in requirements:
        f.RequirementFactory(sentence=sentence, type=kind, rar_days=amount if kind == "rar" else None,
                             upw_hours=amount if kind == "upw" else None)
    f.OffenceFactory(sentence=sentence, category="violence")
    for code in registrations:
        f.RegistrationFactory(person=person, type=code, start_date=today - dt.timedelta(days=3))
    caseloads.added([person.pk])  # as a service creating the case would (ADR 0005)
    return person
