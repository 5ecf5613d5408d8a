"""Reads for appointments: case lists, calendars, RAR and minimum-offer progress, job rows.

The reads that start from the user's case scope are in ``desist.scopes.appointments`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.interventions.models import SessionRecord
from desist.people.models import Person
from desist.rules import tiering_facts
from desist.rules.offer import assess_offer
from desist.rules.rar import RarActivity, RarInput, assess_rar
from desist.sentences.models import Requirement
from desist.sentences.selectors import current_sentence, current_sentences

from .choices import Outcome
from .models import Appointment


def for_case(person) -> list[Appointment]:
    return list(Appointment.objects.filter(person=person)
                .select_related("venue", "officer__user", "partner").order_by("-starts_at"))


def _rar_activities(person, first: dt.date) -> list[RarActivity]:
    appointments = Appointment.objects.filter(person=person, outcome=Outcome.ATTENDED,
                                              rar_activity=True).values_list("starts_at",
                                                                             flat=True)
    activities = [RarActivity(timezone.localtime(at).date(), True) for at in appointments]
    sessions = SessionRecord.objects.filter(
        referral__person=person, attended=True, referral__catalogue_service__rar_activity=True,
        referral__catalogue_service__programme=False, session_on__gte=first,
    ).values_list("session_on", flat=True)
    activities += [RarActivity(day, True) for day in sessions]
    return activities


def rar_status(person, today: dt.date) -> dict | None:
    """The RAR of the current order assessed by ``rules.rar`` (None when there is no RAR)."""
    requirement = (Requirement.objects.filter(sentence__person=person, type="rar",
                                              sentence__terminated_on__isnull=True)
                   .select_related("sentence").order_by("-sentence__sentence_date").first())
    if requirement is None or not requirement.rar_days:
        return None
    sentence = requirement.sentence
    start = requirement.start_date or sentence.start_date
    end = requirement.end_date or sentence.expected_end_date
    if end <= start:
        return None
    result = assess_rar(RarInput(max_days=requirement.rar_days, order_start=start,
                                 order_end=end, as_of=today,
                                 activities=tuple(_rar_activities(person, start))))
    return {"max_days": requirement.rar_days, "start": start, "end": end, "result": result}


def delivered_hours(person, since: dt.date) -> float:
    tz = timezone.get_current_timezone()
    first = dt.datetime.combine(since, dt.time.min, tzinfo=tz)
    hours = sum(a.hours for a in Appointment.objects.filter(
        person=person, outcome=Outcome.ATTENDED, starts_at__gte=first).only("starts_at",
                                                                             "ends_at"))
    hours += sum(float(h) for h in SessionRecord.objects.filter(
        referral__person=person, attended=True, session_on__gte=since).values_list("hours",
                                                                                  flat=True))
    return round(hours, 1)


def contact_basis(person) -> tuple[str, str | None]:
    """The band whose contact allowance and minimum offer (§4, §10) the case follows, and the
    tier that sets it: its colour band (tier None), or under the provider's tiering policy the
    band its tier shares and the tier (ADR 0013); "" for none (not banded, not tiered, or
    unsupervised)."""
    from desist.tiering.selectors import policy_for

    if policy_for(person.provider_id).by_tier and person.tier:
        return tiering_facts.contact_band_of(person.tier) or "", person.tier
    return person.band or "", None


def contact_level(person) -> str:
    return contact_basis(person)[0]


def contact_level_words(person) -> str:
    """What sets the case's contact allowance, in words: "the green band" or "tier A2"."""
    level, tier = contact_basis(person)
    if tier:
        return _("tier %(tier)s") % {"tier": tier}
    return _("the %(band)s band") % {"band": person.get_band_display().lower()} if level else ""


def offer_status(person, today: dt.date):
    sentence = current_sentence(person)
    level, tier = contact_basis(person)
    if sentence is None or not level or sentence.expected_end_date <= sentence.start_date:
        return None
    return assess_offer(level, delivered_hours(person, sentence.start_date),
                        sentence.start_date, sentence.expected_end_date, today, tier=tier)


def contact_gap(person, today: dt.date):
    """Days since the last meaningful contact against the allowance of the case's band, or its
    tier's (§10, ADR 0013), as the nightly ``contact_gap`` job works it out; None for a case
    with no contact level or not yet started."""
    from desist.rules.contact import DEFAULT_CONTACT, ContactInput, check_contact

    level, tier = contact_basis(person)
    if level not in DEFAULT_CONTACT.max_days_between_contacts:
        return None
    start = (current_sentences(person, community=True)
             .values_list("start_date", flat=True).first())
    last = person.last_contact_on
    if last is not None and last > today:
        last = None
    if last is None and (start is None or start > today):
        return None
    return check_contact(ContactInput(band=level, as_of=today, last_meaningful_contact=last,
                                      supervision_start=min(start or today, last or today),
                                      tier=tier))


def contact_rows(*, provider_id: int | None = None):
    """(pk, crn, contact level, tier or None, last contact, supervision start, provider) for
    every active case with a contact level: its band, or under a tiering policy its tier's
    (ADR 0013), with the tier that sets it."""
    from desist.tiering.selectors import policy_for

    start = current_sentences(OuterRef("pk"), community=True).values("start_date")[:1]
    rows = Person.objects.filter(active=True).exclude(band="", tier="")
    if provider_id is not None:
        rows = rows.filter(provider_id=provider_id)
    found = (rows.annotate(supervision_start=Subquery(start))
             .filter(Q(last_contact_on__isnull=False) | Q(supervision_start__isnull=False))
             .values_list("pk", "crn", "band", "tier", "last_contact_on", "supervision_start",
                         "provider_id").iterator(chunk_size=5000))
    policies: dict[int, bool] = {}
    for pk, crn, band, tier, last, begun, prov in found:
        if prov not in policies:
            policies[prov] = policy_for(prov).by_tier
        if policies[prov] and tier:
            level, by = tiering_facts.contact_band_of(tier) or "", tier
        else:
            level, by = band, None
        if level:
            yield pk, crn, level, by, last, begun, prov


def rar_rows() -> list[tuple]:
    """(person id, max days, start, end) of the RAR of every live order."""
    rows = (Requirement.objects.filter(type="rar", sentence__terminated_on__isnull=True,
                                       sentence__person__active=True, rar_days__isnull=False)
            .values_list("sentence__person_id", "rar_days", "start_date", "sentence__start_date",
                         "end_date", "sentence__expected_end_date"))
    return [(pid, days, rs or ss, re or se) for pid, days, rs, ss, re, se in rows]


def week_bounds(week: dt.date) -> tuple[dt.datetime, dt.datetime, dt.date]:
    monday = week - dt.timedelta(days=week.weekday())
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time.min, tzinfo=tz)
    return start, end, monday
