"""Compliance over the JSON API: absences and decisions, and the case's compliance summary."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN, CRN_PATTERN, ID_PATTERN, Filters, ascii_id
from desist.audit import events
from desist.forms import StaleRecordError
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF, role_of
from desist.scopes import compliance as scoped
from desist.scopes.cases import case_for

from . import selectors, services
from .choices import AbsenceStatus, BreachStatus
from .models import Absence, Breach
from .views import DECIDERS


class AbsenceSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(source="person.crn", read_only=True)

    class Meta:
        model = Absence
        fields = ["id", "crn", "appointment", "failed_on", "status", "due_on", "arrangement",
                  "evidence", "decided_on", "action", "reasons", "version"]


class DecisionInput(serializers.Serializer):
    judged = serializers.ChoiceField(choices=["acceptable", "unacceptable"])
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    version = serializers.IntegerField()


class AbsenceFilters(Filters):
    status = serializers.ChoiceField(choices=AbsenceStatus.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[AbsenceFilters]))
class AbsenceViewSet(viewsets.GenericViewSet):
    """Absences of cases the caller may see; the officer's decision applies the §11 rules."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)

    @staticmethod
    def case_of(request, pk=None, **kwargs):  # the case a write decides on (scopes.decisions)
        return None if pk is None else scoped.absence_for(request.user, _pk(pk)).person
    permission_classes = [DeclaredRulePermission]
    serializer_class = AbsenceSerializer
    queryset = Absence.objects.none()
    lookup_value_regex = ID_PATTERN

    def list(self, request):
        filters = AbsenceFilters.read(request)
        page = self.paginate_queryset(scoped.absence_list(request.user,
                                                             status=filters.get("status")))
        events.caseload_listed(user=request.user, crns=sorted({a.person.crn for a in page}),
                               request=request, query=Filters.audited("absences", filters))
        return self.get_paginated_response(AbsenceSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        absence = scoped.absence_for(request.user, _pk(pk))
        events.case_viewed(user=request.user, person=absence.person, request=request,
                           page="api-absence")
        return Response(AbsenceSerializer(absence).data)

    @extend_schema(methods=["GET"], responses=AbsenceSerializer)
    @extend_schema(methods=["POST"], request=DecisionInput, responses=AbsenceSerializer,
                   description="The officer's decision: acceptable or unacceptable (§11). An "
                               "unacceptable absence gets the required action and its letter.")
    @action(detail=True, methods=["get", "post"])
    def decision(self, request, pk=None):
        absence = scoped.absence_for(request.user, _pk(pk))
        if request.method == "GET":
            events.case_viewed(user=request.user, person=absence.person, request=request,
                               page="api-absence")
            return Response(AbsenceSerializer(absence).data)
        if role_of(request.user) not in DECIDERS:
            return Response({"error": {"status": 403, "message": "Only the responsible officer "
                                       "or a manager decides absences.", "fields": {}}},
                            status=status.HTTP_403_FORBIDDEN)
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            absence = services.decide(user=request.user, absence=absence, request=request,
                                      judged=data.validated_data["judged"],
                                      evidence=data.validated_data["evidence"],
                                      expected_version=data.validated_data["version"])
        except StaleRecordError as error:
            return Response({"error": {"status": 409, "message": str(error), "fields": {}}},
                            status=status.HTTP_409_CONFLICT)
        except services.DecisionRefused as error:
            raise ValidationError({"judged": [str(error)]}) from error
        return Response(AbsenceSerializer(absence).data)


class BreachSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(source="person.crn", read_only=True)
    due_on = serializers.DateField(source="action.due_on", read_only=True)

    class Meta:
        model = Breach
        fields = ["id", "crn", "kind", "status", "started_on", "due_on", "officer_assessment",
                  "submitted_on", "outcome", "outcome_notes", "outcome_on", "version"]


class BreachFilters(Filters):
    status = serializers.ChoiceField(choices=BreachStatus.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[BreachFilters]))
class BreachViewSet(viewsets.GenericViewSet):
    """Breach and recall work of the cases the caller may see (the hub queue's data)."""

    access_rule = AccessRule(read=PROVIDER_STAFF)
    permission_classes = [DeclaredRulePermission]
    serializer_class = BreachSerializer
    queryset = Breach.objects.none()
    lookup_value_regex = ID_PATTERN

    def list(self, request):
        filters = BreachFilters.read(request)
        page = self.paginate_queryset(scoped.breach_list(request.user,
                                                            status=filters.get("status")))
        events.caseload_listed(user=request.user, crns=sorted({b.person.crn for b in page}),
                               request=request, query=Filters.audited("breaches", filters))
        return self.get_paginated_response(BreachSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        breach = scoped.breach_for(request.user, _pk(pk))
        events.case_viewed(user=request.user, person=breach.person, request=request,
                           page="api-breach")
        return Response(BreachSerializer(breach).data)


class TimelineEntrySerializer(serializers.Serializer):
    on = serializers.DateField()
    kind = serializers.CharField()
    text = serializers.CharField()


class ComplianceSummarySerializer(serializers.Serializer):
    crn = serializers.CharField()
    window_start = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    timeline = TimelineEntrySerializer(many=True)


@extend_schema_view(retrieve=extend_schema(parameters=[CRN]))
class ComplianceViewSet(viewsets.GenericViewSet):
    """A case's compliance: counts in the current 12-month window and the timeline."""

    access_rule = AccessRule(read=PROVIDER_STAFF)
    permission_classes = [DeclaredRulePermission]
    lookup_field = "crn"
    lookup_value_regex = CRN_PATTERN
    queryset = Absence.objects.none()
    serializer_class = ComplianceSummarySerializer

    def retrieve(self, request, crn=None):
        from django.utils import timezone

        person = case_for(request.user, crn, request=request, page="api-compliance")
        record = selectors.compliance_record(person, timezone.localdate())
        return Response({
            "crn": person.crn, "window_start": record["window_start"], "counts": record["counts"],
            "timeline": [{"on": row["on"], "kind": row["kind"], "text": row["text"]}
                         for row in record["timeline"]],
        })


def _pk(value) -> int:
    return ascii_id(value)
