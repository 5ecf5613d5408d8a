"""The case overview's delivery panel: next appointment, RAR and minimum-offer progress."""

from __future__ import annotations

from django.utils import timezone

from . import selectors
from .models import Appointment


def delivery_panel(request, person, today):
    upcoming = (Appointment.objects.filter(person=person, starts_at__gte=timezone.now(),
                                           outcome="")
                .select_related("venue").order_by("starts_at").first())
    rar = selectors.rar_status(person, today)
    offer = selectors.offer_status(person, today)
    contact = selectors.contact_gap(person, today)
    if upcoming is None and rar is None and offer is None and contact is None:
        return None
    return {"crn": person.crn, "next": upcoming, "rar": rar, "offer": offer, "contact": contact,
            "level": selectors.contact_level_words(person),
            "last_contact_on": person.last_contact_on}
