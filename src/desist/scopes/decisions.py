"""The one check on every write to a case: is it the user's to decide? (issue 22 item 5)

``require_decision(user, person)`` applies ``desist.rules.write_scope``: the responsible officer,
the managers of the case's team and the hub decide; anyone else must have recorded a cover
(``cover_record``), which is audited and shown on the case. Routes do not call it by hand:
``@allow`` (pages) and ``DeclaredRulePermission`` (API) run it on every non-GET request to a
route keyed by CRN, or whose ``case=`` / ``case_of`` declaration names the case it writes to.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from desist.audit import events
from desist.organisation.roles import role_of
from desist.people.models import CaseCover
from desist.rules.write_scope import Authority, CaseFacts, Decider, decision_authority

from .cases import case_for, visible_cases


class CoverRequired(PermissionDenied):
    """The case is not the user's to decide and no cover is recorded."""

    def __init__(self, person, authority: Authority):
        super().__init__(authority.reasons[0].text)
        self.person = person
        self.authority = authority


def active_cover(user, person) -> CaseCover | None:
    now = timezone.now()
    return (CaseCover.objects.filter(person=person, user=user, started_at__lte=now, ends_at__gt=now)
            .order_by("-ends_at").first())


def current_covers(person) -> list[CaseCover]:
    now = timezone.now()
    return list(CaseCover.objects.filter(person=person, ends_at__gt=now)
                .select_related("user").order_by("-started_at"))


def authority_for(user, person) -> Authority:
    staff = user.staff
    decider = Decider(role=str(role_of(user)), staff_id=staff.pk, team_id=staff.team_id)
    facts = CaseFacts(officer_id=person.responsible_officer_id, team_id=person.team_id)
    authority = decision_authority(decider, facts, has_cover=False)
    if authority.may_decide:
        return authority
    return decision_authority(decider, facts, has_cover=active_cover(user, person) is not None)


def require_decision(user, person, *, request=None) -> Authority:
    """Return the user's authority on this case, or raise ``CoverRequired`` (audited)."""
    authority = authority_for(user, person)
    if not authority.may_decide:
        events.case_decision_refused(user=user, person=person, request=request,
                                     path=getattr(request, "path", ""))
        raise CoverRequired(person, authority)
    return authority


def case_for_decision(user, crn: str, *, request=None, page: str = "decision"):
    """``case_for`` (read audited, same 404) plus the decision check, for service callers."""
    person = case_for(user, crn, request=request, page=page)
    require_decision(user, person, request=request)
    return person


def visible_case_by_crn(user, crn) -> object | None:
    """The case a write route names by CRN, unaudited (the view audits its own read)."""
    return visible_cases(user).filter(crn=str(crn).upper()).first()


@transaction.atomic
def cover_record(*, acting_user, person, reason: str, request=None) -> CaseCover:
    """Record that ``acting_user`` is covering ``person``'s case for the configured period."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A cover needs a reason.")
    now = timezone.now()
    cover = CaseCover.objects.create(
        person=person, user=acting_user, reason=reason[:300], started_at=now,
        ends_at=now + dt.timedelta(days=settings.CASE_COVER_DAYS))
    events.case_cover_recorded(user=acting_user, cover=cover, request=request)
    return cover
