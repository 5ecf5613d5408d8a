"""Demo: a showcase case per check-in rule (§10, §11).

- an eligible person enrolled with the demo PIN 135790 (try the kiosk or /check-in/ with
  their date of birth), who reported a new address at their last check-in (an officer task);
- a person whose check-in locked after five wrong PINs (an officer task);
- a person who missed a check-in (an absence awaiting the officer's decision);
- a person with a sexual offence, not eligible until a senior officer approves.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from desist.appointments.demo import pick, shape
from desist.appointments.models import Appointment
from desist.organisation.models import Provider, Staff
from desist.people.models import Registration

from . import services
from .models import Enrolment

DEMO_PIN = "135790"


def seed(reference_date: dt.date) -> str:
    provider = Provider.objects.filter(code="NCRC").first()
    user = get_user_model().objects.filter(username="officer").first()
    officer = Staff.objects.filter(user=user).select_related("team").first() if user else None
    if provider is None or officer is None:
        return "no NCRC provider or officer login"
    if Enrolment.objects.filter(provider=provider).exists():
        return "check-in showcase cases already present"
    today = reference_date
    used = set(Appointment.objects.filter(provider=provider).values_list("person__crn",
                                                                          flat=True))
    people = [pick(provider, officer, g, used) for g in ("female", "male", "male", "male")]
    if any(p is None for p in people):
        return "not enough cases on the officer's caseload"
    Registration.objects.filter(person__in=people).delete()
    reporter, locked, missed, approval = (shape(p, {"rosh": "low", "band": "green"}, 8, None,
                                                today)[0] for p in people)
    # 1. Enrolled with a known PIN; reported a new address at the kiosk yesterday.
    enrolment, _pin = services.enrol(acting_user=user, person=reporter, every_days=14,
                                     today=today)
    Enrolment.objects.filter(pk=enrolment.pk).update(pin_hash=make_password(DEMO_PIN))
    now = timezone.now()
    if timezone.localdate(now) == today:
        services.check_in(enrolment=enrolment, channel="kiosk",
                          answers={"address_changed": True, "work_changed": False,
                                   "health_changed": False, "circumstances_changed": False,
                                   "wants_to_speak": True},
                          details="Moved to 12 Elswick Road with my sister.", now=now)
    # 2. Five wrong PINs: locked, and the officer told.
    second, _pin = services.enrol(acting_user=user, person=locked, today=today)
    for _ in range(5):
        try:
            services.identify(date_of_birth=locked.date_of_birth, pin="000000", channel="online")
        except services.CheckInRefused:
            pass
    # 3. Missed the check-in due two days ago: an absence for the officer to decide.
    services.enrol(acting_user=user, person=missed, every_days=7,
                   first_due_on=today - dt.timedelta(days=2), today=today)
    services.record_missed(today=today, provider_id=provider.pk)
    # 4. Sexual offence: not eligible until a senior officer approves.
    Registration.objects.create(person=approval, type="sex_offender",
                                start_date=today - dt.timedelta(days=240))
    return (f"PIN {DEMO_PIN} for {reporter.crn} (born {reporter.date_of_birth:%d/%m/%Y}); "
            f"locked {locked.crn}; missed {missed.crn}; needs senior approval {approval.crn}")
