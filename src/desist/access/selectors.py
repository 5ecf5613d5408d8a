"""Access-checking fetches of case data. Views and the API read cases only through these.

``visible_cases(user)`` is the scope: the user's provider; a partner caseworker only people
whose referral it has accepted, until closed; an unpaid-work supervisor only people with UPW;
restricted cases only where granted; never a case the user is excluded from.
``case_for(user, crn)`` gives the same 404 for "does not exist" and "not yours".
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from desist.audit import events
from desist.interventions.models import Referral
from desist.people.models import Person
from desist.sentences.models import Requirement

from .models import CaseAccessEntry
from .roles import Role, role_of


def visible_cases(user) -> QuerySet[Person]:
    role = role_of(user)
    if role is None:
        return Person.objects.none()
    staff = user.staff
    cases = Person.objects.filter(provider_id=staff.provider_id)
    if role is Role.PARTNER_CASEWORKER:
        # Only while the partner works with the person: accepted until closed (plus grace).
        cases = cases.filter(Exists(
            Referral.objects.granting_partner_access(staff.partner_id).filter(person=OuterRef("pk"))
        ))
    elif role is Role.UPW_SUPERVISOR:
        cases = cases.filter(
            Exists(Requirement.objects.filter(sentence__person=OuterRef("pk"), type="upw"))
        )
    granted = CaseAccessEntry.objects.filter(
        person=OuterRef("pk"), user=user, kind=CaseAccessEntry.Kind.GRANTED
    )
    excluded = CaseAccessEntry.objects.filter(
        person=OuterRef("pk"), user=user, kind=CaseAccessEntry.Kind.EXCLUDED
    )
    return cases.filter(Q(restricted=False) | Exists(granted)).exclude(Exists(excluded))


def case_for(user, crn: str, *, request=None, page: str = "overview", audit: bool = True) -> Person:
    """The case with this CRN if the user may see it (read audited), else the same 404."""
    person = visible_cases(user).filter(crn=str(crn).upper()).first()
    if person is None:
        if audit and role_of(user) is Role.PARTNER_CASEWORKER:  # e.g. its referral closed (F14)
            events.access_denied(user=user, object_type="person", crn=str(crn).upper(),
                                 request=request)
        raise Http404("No case with that CRN.")
    if audit:
        events.case_viewed(user=user, person=person, request=request, page=page)
    return person
