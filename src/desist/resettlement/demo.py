"""Demo: custody cases at every stage of Through the Gate, and a showcase case per rule (§13).

- R900001 screening due (received this week); R900002 screening overdue;
- R900003 a 24-month sentence with a domestic-abuse registration: the plan cannot be completed
  without the risk of harm section;
- R900004 a drug need without the prescription task: the plan cannot be completed;
- R900005 accommodation unresolved 3 weeks before release: alert to the officer and the manager;
- R900006 hand-over date passed with no community officer: a task for the manager;
- R900007 plan completed on time, release next week, release-day checklist part done, and the
  person's code (``CYMRU7``, date of birth 14 March 1988) for the Welsh page;
- R900008 plan completed late (HMP Durham), R900009 released yesterday: induction task.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from desist.organisation.models import Provider, Staff
from desist.people.models import Person, Registration
from desist.seeding import claim
from desist.sentences.models import Sentence

from . import services
from .demo_caseload import seed_caseload
from .models import CustodyCase, PersonCode

D = dt.timedelta
SHOWCASE = tuple(f"R90000{i}" for i in range(1, 10))
DEMO_CODE = "CYMRU7"
DOB = dt.date(1988, 3, 14)


def _case(provider, officer, crn, first, last, *, today, received_days, release_weeks,
          prison="HMP Northumberland", user, assign=True, welsh=False, months=24):
    person = Person.objects.filter(crn=crn).first()
    if person is None:
        person = Person.objects.create(
            provider=provider, crn=crn, first_name=first, last_name=last, date_of_birth=DOB,
            gender="male", rosh="medium", previous_sanctions=3,
            first_sanction_date=dt.date(2008, 6, 1),
            address="4 Heol y Frenhines, Caerdydd" if welsh else "12 Grainger Street, Newcastle",
            postcode="CF10 2BH" if welsh else "NE1 5JQ",
            letter_language="cy" if welsh else "en", first_language="Welsh" if welsh else
            "English", responsible_officer=officer if assign else None,
            team=officer.team if assign else None, lmc=officer.team, routing="hub",
            hub_hold="long_custody")
    received = today - D(days=received_days)
    release = today + D(weeks=release_weeks) if release_weeks >= 0 else today - D(
        days=-release_weeks)
    sentence = Sentence.objects.create(
        person=person, type="custody", court="Newcastle Crown Court", sentence_date=received,
        start_date=received, expected_end_date=received + D(days=round(months * 30.4)),
        custodial_months=months, release_date=release)
    Person.objects.filter(pk=person.pk).update(pass_to_lmc_on=release - D(weeks=12))
    person.pass_to_lmc_on = release - D(weeks=12)
    return services.custody_case_open(acting_user=user, person=person, sentence=sentence,
                                      prison=prison, reception_on=received)


ANSWERS = {"accommodation": "family", "uses_drugs": "no", "alcohol": "no",
           "mental_health": "no", "gp": "yes", "bank_account": "yes", "id_documents": "yes",
           "debt": "no", "work": "no", "family": "no"}


def _settle(case, user, status="not_required"):
    for pathway in case.pathways.all():
        if pathway.status == "not_started":
            services.pathway_set_status(acting_user=user, pathway=pathway, status=status)


def _complete(case, user, completed_on):
    services.plan_complete(acting_user=user, case=case, today=completed_on)


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    user = get_user_model().objects.filter(username="officer").first()
    officer = Staff.objects.filter(user=user).select_related("team").first() if user else None
    if provider is None or officer is None:
        return "no NCRC provider or officer login"
    today = reference_date
    services.ensure_default_versions(acting_user="desist demo")
    added = sum(seed_caseload(p, today) for p in Provider.objects.order_by("pk"))
    if CustodyCase.objects.filter(person__crn="R900001").exists():
        return (f"resettlement showcase cases already present; {added} custody cases added "
                f"to the caseload")
    claim(*SHOWCASE)

    # Stage: awaiting screening (in time, and overdue).
    _case(provider, officer, "R900001", "Callum", "Reid", today=today, received_days=2,
          release_weeks=70, user=user)
    _case(provider, officer, "R900002", "Dean", "Foster", today=today, received_days=30,
          release_weeks=60, user=user)

    # Rule: DA registration → the plan cannot complete without the risk of harm section.
    da = _case(provider, officer, "R900003", "Liam", "Hartley", today=today, received_days=400,
               release_weeks=10, user=user)
    Registration.objects.create(person=da.person, type="domestic_abuse",
                                start_date=today - D(days=400))
    services.assessment_record(acting_user=user, case=da, kind="screening", answers=ANSWERS,
                               today=today - D(days=395))
    _settle(da, user)

    # Rule: a drug need demands the prescription task.
    drug = _case(provider, officer, "R900004", "Kyle", "Barnes", today=today, received_days=300,
                 release_weeks=9, user=user, prison="HMP Durham")
    services.assessment_record(acting_user=user, case=drug, kind="screening",
                               answers={**ANSWERS, "uses_drugs": "yes",
                                        "on_opiate_treatment": "yes"},
                               today=today - D(days=296))
    _settle(drug, user)

    # Rule: accommodation unresolved at 4 weeks before release → alert (officer and manager).
    house = _case(provider, officer, "R900005", "Stephen", "Wilkes", today=today,
                  received_days=500, release_weeks=3, user=user)
    services.assessment_record(acting_user=user, case=house, kind="screening",
                               answers={**ANSWERS, "accommodation": "none"},
                               today=today - D(days=495))

    # Rule: the hand-over date has passed and no community officer is assigned.
    _case(provider, officer, "R900006", "Aaron", "Pike", today=today, received_days=450,
          release_weeks=11, user=user, assign=False)

    # Plan complete on time; release next week; the person's Welsh page.
    ready = _case(provider, officer, "R900007", "Rhys", "Evans", today=today, received_days=600,
                  release_weeks=1, user=user, prison="HMP Cardiff", welsh=True)
    services.assessment_record(acting_user=user, case=ready, kind="screening",
                               answers={**ANSWERS, "bank_account": "no", "mental_health": "yes"},
                               today=today - D(days=595))
    services.need_add(acting_user=user, case=ready, kind="prescription_on_release",
                      due_on=ready.release_on, owner=officer, notes="Prison healthcare: 7 days")
    _settle(ready, user, status="done")
    ready.refresh_from_db()
    _complete(ready, user, ready.plan_due_on - D(days=3))
    for item in ("accommodation", "phone", "id"):
        services.checklist_tick(acting_user=user, case=ready, item=item)
    PersonCode.objects.create(case=ready, code_hash=services._hash(DEMO_CODE), issued_by=user,
                              expires_at=timezone.now() + services.CODE_VALID)

    # Plan completed late (HMP Durham) and a released case moving into induction.
    late = _case(provider, officer, "R900008", "Gavin", "Lowe", today=today, received_days=500,
                 release_weeks=1, user=user, prison="HMP Durham")
    services.assessment_record(acting_user=user, case=late, kind="screening", answers=ANSWERS,
                               today=today - D(days=490))
    _settle(late, user, status="done")
    late.refresh_from_db()
    _complete(late, user, today)
    out = _case(provider, officer, "R900009", "Neil", "Dobson", today=today, received_days=700,
                release_weeks=-1, user=user)
    services.assessment_record(acting_user=user, case=out, kind="screening", answers=ANSWERS,
                               today=today - D(days=690))
    _settle(out, user, status="done")
    out.refresh_from_db()
    _complete(out, user, out.plan_due_on)
    services.case_release(acting_user=user, case=out, released_on=today - D(days=1))

    added += seed_caseload(provider, today)  # anyone the showcase left without one
    counts = services.alerts_run(today=today)
    return (f"9 showcase custody cases (R900001–R900009) and {added} from the caseload at "
            f"every stage; {counts['accommodation']} accommodation, "
            f"{counts['overdue']} overdue and {counts['handover']} hand-over alerts; "
            f"person's code {DEMO_CODE} for R900007")
