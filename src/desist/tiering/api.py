"""A case's tier and its history over the JSON API: same scope, rules and audit as the page."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN
from desist.scopes.cases import case_for

from . import selectors
from .views import TIER_READERS


def _history_dict(h) -> dict:
    return {"tier": h.tier, "previous_tier": h.previous_tier or None, "protect": h.protect,
            "change": h.change, "protect_points": h.protect_points,
            "change_points": h.change_points, "event": h.event, "actor": h.actor,
            "calculated_at": h.calculated_at, "inputs": h.inputs, "reasons": h.reasons}


class CaseTier(APIView):
    """The case's tier calculated now from its records (with the inputs and reasons), the
    provider's prioritisation policy, and the tier's history, newest first (tiering.md)."""

    access_rule = AccessRule(read=TIER_READERS)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(parameters=[CRN], responses={200: OpenApiResponse(
        dict, "The tier now (as `desist rules tier` answers, with its inputs), the policy and "
              "the history.")})
    def get(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-tier")
        view = selectors.tier_view(person)
        policy = selectors.policy_for(person.provider_id)
        return Response({
            "crn": person.crn, **view.result.as_dict(), "inputs": view.inputs,
            "stored_tier": person.tier or None,
            "contact": view.contact.as_dict(),
            "policy": {"policy": policy.policy, "transition": policy.transition},
            "history": [_history_dict(h) for h in selectors.tier_history(person)],
        })
