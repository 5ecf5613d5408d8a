"""Access-checking fetches of case data. Views and the API read cases only through these.

``visible_cases(user)`` is the scope: the user's provider; a partner caseworker only people
whose referral it has accepted, until closed; an unpaid-work supervisor only people placed on
the sessions they supervise; restricted cases only where granted; never a case the user is excluded from.
``case_for(user, crn)`` gives the same 404 for "does not exist" and "not yours".
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from desist.audit import events
from desist.interventions.models import Referral
from desist.organisation.roles import Role, role_of
from desist.people.models import CaseAccessEntry, Person
from desist.unpaid_work.models import Placement


def visible_cases(user) -> QuerySet[Person]:
    if role_of(user) is None:
        return Person.objects.none()
    return Person.objects.filter(case_visibility(user))


def case_visibility(user, via: str = "", *, provider_checked: bool = False) -> Q:
    """The condition "this user may see this case", as a filter on Person or on a model that
    reaches its case through ``via`` (``"person"`` for a task, an appointment, a referral …).

    Written so the planner can use whatever index serves the page (issue 23): the provider is a
    column test; a partner's or a supervisor's narrower scope is an ``EXISTS`` on the row's own
    case; and the cases hidden from the user — restricted ones without a grant, and exclusions —
    are a short list (about 1% of a caseload, from the partial index on restricted cases) that
    each row is checked against by hash. Never ``person IN (every visible case id)``: at national
    scale that list is 300,000 ids long. ``provider_checked`` says the caller already filters
    the row's own provider column, so the case need not be joined for it.
    Only for a user with a role (``role_of(user)`` is not None).
    """
    role = role_of(user)
    staff = user.staff
    prefix = f"{via}__" if via else ""
    case = OuterRef(via or "pk")  # the case's id as seen from the outer row
    visible = Q() if provider_checked else Q(**{f"{prefix}provider_id": staff.provider_id})
    if role is Role.PARTNER_CASEWORKER:
        # Only while the partner works with the person: accepted until closed (plus grace).
        visible &= Q(Exists(
            Referral.objects.granting_partner_access(staff.partner_id).filter(person=case)))
    elif role is Role.UPW_SUPERVISOR:
        # Only people placed on sessions they supervise (their own, or their projects' when the
        # session names no one else): issue 15, §12.
        visible &= Q(Exists(Placement.objects.filter(person=case).filter(
            Q(session__supervisor=staff)
            | Q(session__supervisor__isnull=True, session__project__supervisor=staff))))
    elif role is Role.AUDITOR:
        # Quality assurance sees only the cases sampled into a round it audits (issue 18).
        from desist.oversight.selectors import sampled_for

        visible &= Q(Exists(sampled_for(user).filter(person=case)))
    granted = CaseAccessEntry.objects.filter(user=user, kind=CaseAccessEntry.Kind.GRANTED)
    restricted = Person.objects.filter(provider_id=staff.provider_id, restricted=True).exclude(
        pk__in=granted.values("person_id"))
    excluded = CaseAccessEntry.objects.filter(user=user, kind=CaseAccessEntry.Kind.EXCLUDED)
    key = f"{via}_id__in" if via else "pk__in"
    return (visible & ~Q(**{key: restricted.values("pk")})
            & ~Q(**{key: excluded.values("person_id")}))


def visible_rows(user, queryset: QuerySet, via: str = "person", *, optional: bool = False):
    """Rows of ``queryset`` about a case the user may see (or about no case, if ``optional``).

    A model with its own ``provider`` is filtered on it, so the case is not joined at all for
    the whole-provider roles; its cases are in the same provider by construction.
    """
    if role_of(user) is None:
        return queryset.none()
    own_provider = any(f.name == "provider" for f in queryset.model._meta.concrete_fields)
    if own_provider:
        queryset = queryset.filter(provider_id=user.staff.provider_id)
    condition = case_visibility(user, via, provider_checked=own_provider)
    if optional:
        condition = Q(**{f"{via}__isnull": True}) | condition
    return queryset.filter(condition)


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
