"""Plans over the JSON API: same scope, access rules and audit."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN, ID_PATTERN, ascii_id
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF
from desist.scopes.cases import case_for

from . import selectors, services
from .models import Objective, Plan


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["id", "text", "need_kind", "area_code", "risk_factor", "services",
                  "target_date"]


class PlanSerializer(serializers.ModelSerializer):
    objectives = ObjectiveSerializer(many=True, read_only=True)
    copied_not_reviewed = serializers.BooleanField(read_only=True)
    gate = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "status", "started_on", "due_on", "copied_not_reviewed", "person_agreed",
                  "agreed_on", "completed_at", "objectives", "gate", "version"]

    def get_gate(self, plan) -> dict:
        return services.gate(plan, timezone.localdate()).as_dict()


@extend_schema_view(list=extend_schema(parameters=[CRN]),
                    retrieve=extend_schema(parameters=[CRN]))
class PlanViewSet(viewsets.GenericViewSet):
    """A case's plans, each with what still stops it being completed (the gate)."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)
    permission_classes = [DeclaredRulePermission]
    serializer_class = PlanSerializer
    queryset = Plan.objects.none()
    lookup_value_regex = ID_PATTERN
    pagination_class = None  # a case has a handful of these: the list is a plain array

    def list(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-plans")
        plans = selectors.plans_with_objectives(person)
        return Response(PlanSerializer(plans, many=True).data)

    def retrieve(self, request, crn=None, pk=None):
        person = case_for(request.user, crn, request=request, page="api-plan")
        plan = selectors.plan_for(person, ascii_id(pk))
        if plan is None:
            raise NotFound("Not found.")
        return Response(PlanSerializer(plan).data)
