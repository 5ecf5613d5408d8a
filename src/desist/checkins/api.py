"""Check-in eligibility and enrolment state over the JSON API (§10)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN
from desist.organisation.roles import PROVIDER_STAFF
from desist.scopes.cases import case_for

from . import selectors


class CaseCheckIns(APIView):
    """Whether the person may self-report, their enrolment and recent check-ins."""

    access_rule = AccessRule(read=PROVIDER_STAFF)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(parameters=[CRN], responses=dict)
    def get(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-checkins")
        enrolment = selectors.enrolment(person)
        return Response({
            "crn": person.crn, "eligibility": selectors.eligibility(person).as_dict(),
            "enrolment": {"active": enrolment.active, "every_days": enrolment.every_days,
                          "next_due_on": enrolment.next_due_on, "locked": enrolment.locked,
                          "failed_attempts": enrolment.failed_attempts} if enrolment else None,
            "checkins": [{"id": c.pk, "status": c.status, "channel": c.channel or None,
                          "due_on": c.due_on, "checked_in_at": c.checked_in_at,
                          "answers": c.answers, "needs_attention": c.needs_attention}
                         for c in selectors.checkins(person)]})
