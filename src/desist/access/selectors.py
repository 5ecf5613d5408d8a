"""Access-checking fetches of case data. Views and the API read cases only through these.

``visible_cases(user)`` is the scope: the user's provider; a partner caseworker only people
referred to their organisation; an unpaid-work supervisor only people with unpaid work;
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
    if role_of(user) is None:
        return Person.objects.none()
    return Person.objects.filter(case_visibility(user))


def case_visibility(user, via: str = "") -> Q:
    """The condition "this user may see this case", as columns of the case itself.

    ``via`` is the path from another model to its case (``"person"`` for a task, an appointment,
    a referral …): the same condition then becomes a join to that row's own case plus small
    correlated look-ups, which the planner can drive from whichever side is selective. Never
    ``person IN (every visible case id)``: at national scale that list is 300,000 ids long.
    Only for a user with a role (``role_of(user)`` is not None).
    """
    role = role_of(user)
    staff = user.staff
    prefix = f"{via}__" if via else ""
    case = OuterRef(via or "pk")  # the case's id as seen from the outer row
    visible = Q(**{f"{prefix}provider_id": staff.provider_id})
    if role is Role.PARTNER_CASEWORKER:
        visible &= Q(Exists(Referral.objects.filter(person=case, partner_id=staff.partner_id)))
    elif role is Role.UPW_SUPERVISOR:
        visible &= Q(Exists(Requirement.objects.filter(sentence__person=case, type="upw")))
    granted = CaseAccessEntry.objects.filter(
        person=case, user=user, kind=CaseAccessEntry.Kind.GRANTED
    )
    excluded = CaseAccessEntry.objects.filter(
        person=case, user=user, kind=CaseAccessEntry.Kind.EXCLUDED
    )
    return visible & (Q(**{f"{prefix}restricted": False}) | Exists(granted)) & ~Exists(excluded)


def visible_rows(user, queryset: QuerySet, via: str = "person", *, optional: bool = False):
    """Rows of ``queryset`` about a case the user may see (or about no case, if ``optional``)."""
    if role_of(user) is None:
        return queryset.none()
    condition = case_visibility(user, via)
    if optional:
        condition = Q(**{f"{via}__isnull": True}) | condition
    return queryset.filter(condition)


def case_for(user, crn: str, *, request=None, page: str = "overview", audit: bool = True) -> Person:
    """The case with this CRN if the user may see it (read audited), else the same 404."""
    person = visible_cases(user).filter(crn=str(crn).upper()).first()
    if person is None:
        raise Http404("No case with that CRN.")
    if audit:
        events.case_viewed(user=user, person=person, request=request, page=page)
    return person
