"""Unpaid work over the JSON API: a case's ledger, the sessions of a day, recording outcomes."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN, CRN_PATTERN, ID_PATTERN, Filters, LocalTimeField, ascii_id
from desist.audit import events
from desist.organisation.roles import PROVIDER_STAFF
from desist.scopes import unpaid_work as scoped
from desist.scopes.cases import case_for

from . import selectors, services
from .choices import Outcome, Rating
from .models import Placement, Session
from .views import BOOKERS, SUPERVISORS


class UpwReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    section = serializers.CharField()
    text = serializers.CharField()


class UpwLedgerSerializer(serializers.Serializer):
    crn = serializers.CharField()
    ordered_minutes = serializers.IntegerField()
    credited_minutes = serializers.IntegerField()
    remaining_minutes = serializers.IntegerField()
    ete_minutes_credited = serializers.IntegerField()
    ete_cap_minutes = serializers.IntegerField()
    percent_complete = serializers.IntegerField()
    deadline = serializers.DateField()
    projected_completion = serializers.DateField(allow_null=True)
    at_risk = serializers.BooleanField()
    complete = serializers.BooleanField()
    warnings = serializers.ListField(child=serializers.CharField())
    reasons = UpwReasonSerializer(many=True)


class UpwAttendanceSerializer(serializers.Serializer):
    signed_in_at = LocalTimeField(allow_null=True)
    signed_out_at = LocalTimeField(allow_null=True)
    outcome = serializers.CharField()
    minutes_worked = serializers.IntegerField()
    penalty_minutes = serializers.IntegerField()
    work_quality = serializers.CharField()
    behaviour = serializers.CharField()


class UpwPlacementSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(source="person.crn", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    attendance = serializers.SerializerMethodField()

    class Meta:
        model = Placement
        fields = ["id", "crn", "name", "session", "needs_transport", "attendance"]

    @extend_schema_field(UpwAttendanceSerializer(allow_null=True))
    def get_attendance(self, obj):
        attendance = getattr(obj, "attendance", None)
        return UpwAttendanceSerializer(attendance).data if attendance else None


class UpwSessionSerializer(serializers.ModelSerializer):
    project = serializers.CharField(source="project.name", read_only=True)
    project_type = serializers.CharField(source="project.type", read_only=True)
    site = serializers.CharField(source="project.site", read_only=True)
    capacity = serializers.IntegerField(source="project.capacity", read_only=True)
    starts_at = LocalTimeField(read_only=True)  # a time of day on site, local (HH:MM:SS)
    ends_at = LocalTimeField(read_only=True)

    class Meta:
        model = Session
        fields = ["id", "project", "project_type", "site", "on", "starts_at", "ends_at",
                  "capacity", "transport_seats"]


class UpwSessionDetailSerializer(UpwSessionSerializer):
    placements = UpwPlacementSerializer(many=True, read_only=True)

    class Meta(UpwSessionSerializer.Meta):
        fields = [*UpwSessionSerializer.Meta.fields, "placements"]


class UpwOutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    minutes_worked = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                              max_value=1440, default=None)
    penalty_minutes = serializers.IntegerField(required=False, min_value=0, max_value=1440,
                                               default=0)
    work_quality = serializers.ChoiceField(choices=Rating.choices, required=False,
                                           allow_blank=True, default="")
    behaviour = serializers.ChoiceField(choices=Rating.choices, required=False,
                                        allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class SessionFilters(Filters):
    on = serializers.DateField(required=False, help_text="The day (default today).")


@extend_schema_view(retrieve=extend_schema(parameters=[CRN], responses=UpwLedgerSerializer))
class LedgerViewSet(viewsets.GenericViewSet):
    """A case's unpaid-work ledger in minutes, with the reasons (§12)."""

    access_rule = AccessRule(read=PROVIDER_STAFF)
    permission_classes = [DeclaredRulePermission]
    lookup_field = "crn"
    lookup_value_regex = CRN_PATTERN
    queryset = Placement.objects.none()
    serializer_class = UpwLedgerSerializer

    def retrieve(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-unpaid-work")
        ledger = selectors.ledger_for(person, timezone.localdate())
        if ledger is None:
            from rest_framework.exceptions import NotFound

            raise NotFound("This case has no unpaid work requirement.")
        return Response(UpwLedgerSerializer({**ledger.as_dict(), "crn": person.crn,
                                          "reasons": [r.as_dict() for r in ledger.reasons]}).data)


@extend_schema_view(list=extend_schema(parameters=[SessionFilters]))
class SessionViewSet(viewsets.GenericViewSet):
    """Sessions of a day: a supervisor's own, the provider's for the hub and managers."""

    access_rule = AccessRule(read=frozenset(SUPERVISORS | BOOKERS))
    permission_classes = [DeclaredRulePermission]
    serializer_class = UpwSessionSerializer
    queryset = Session.objects.none()
    lookup_value_regex = ID_PATTERN

    def list(self, request):
        filters = SessionFilters.read(request)
        day = filters.get("on") or timezone.localdate()
        rows = selectors.sessions_for(request.user, day)
        page = self.paginate_queryset(rows)  # ordered by start time in the selector
        return self.get_paginated_response(UpwSessionSerializer(page, many=True).data)

    @extend_schema(responses=UpwSessionDetailSerializer)
    def retrieve(self, request, pk=None):
        session = selectors.session_for(request.user, ascii_id(pk))
        placements = scoped.placements_on(request.user, session)
        if placements:
            events.caseload_listed(user=request.user, crns=[p.person.crn for p in placements],
                                   request=request, query={"upw_session": session.pk})
        data = UpwSessionSerializer(session).data
        data["placements"] = UpwPlacementSerializer(placements, many=True).data
        return Response(data)


class PlacementViewSet(viewsets.GenericViewSet):
    """One person on a session; the supervisor records the outcome (§12, absences §11)."""

    access_rule = AccessRule(read=frozenset(SUPERVISORS | BOOKERS), write=frozenset(SUPERVISORS))
    permission_classes = [DeclaredRulePermission]
    serializer_class = UpwPlacementSerializer
    queryset = Placement.objects.none()
    lookup_value_regex = ID_PATTERN

    @staticmethod
    def case_of(request, pk=None, **kwargs):
        return None if pk is None else scoped.placement_for(request.user,
                                                               ascii_id(pk)).person

    def retrieve(self, request, pk=None):
        placement = scoped.placement_for(request.user, ascii_id(pk))
        events.case_viewed(user=request.user, person=placement.person, request=request,
                           page="api-upw-placement")
        return Response(UpwPlacementSerializer(placement).data)

    @extend_schema(methods=["GET"], responses=UpwPlacementSerializer)
    @extend_schema(methods=["POST"], request=UpwOutcomeInput, responses=UpwPlacementSerializer,
                   description="Record what happened: time is credited only for attended or "
                               "sent home; an absence goes to the officer (§11).")
    @action(detail=True, methods=["get", "post"])
    def outcome(self, request, pk=None):
        placement = scoped.placement_for(request.user, ascii_id(pk))
        selectors.session_for(request.user, placement.session_id)
        if request.method == "GET":
            events.case_viewed(user=request.user, person=placement.person, request=request,
                               page="api-upw-placement")
            return Response(UpwPlacementSerializer(placement).data)
        data = UpwOutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.attendance_record(
            acting_user=request.user, placement=placement, outcome=values["outcome"],
            minutes_worked=values["minutes_worked"], penalty_minutes=values["penalty_minutes"],
            work_quality=values["work_quality"], behaviour=values["behaviour"],
            notes=values["notes"], evidence=values["notes"], request=request)
        placement = scoped.placement_for(request.user, placement.pk)
        return Response(UpwPlacementSerializer(placement).data)
