"""Referrals over the JSON API: partners update their own referrals; same scope and audit as pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import ID_PATTERN, Filters, IdField, ascii_id
from desist.audit import events
from desist.forms import StaleRecordError
from desist.organisation.roles import ALL_ROLES
from desist.scopes import interventions as scoped
from desist.validators import validate_sensible_date

from . import services
from .choices import ReferralStatus
from .models import Referral, SessionRecord
from .views import REFERRAL_WRITERS, allowed_steps


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionRecord
        fields = ["id", "session_on", "attended", "hours", "note", "recorded_at"]


class ReferralSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(source="person.crn")
    partner = serializers.CharField(source="partner.name", default=None, allow_null=True,
                                    help_text="The partner organisation, or null when delivered in house.")
    catalogue_service = serializers.IntegerField(source="catalogue_service_id", allow_null=True)

    class Meta:
        model = Referral
        fields = ["id", "crn", "service", "catalogue_service", "partner", "status",
                  "referred_on", "started_on", "ended_on", "reason", "sessions_attended",
                  "sessions_missed", "expected_completion", "at_risk", "risk_text", "version"]


class SessionInput(serializers.Serializer):
    session_on = serializers.DateField(validators=[validate_sensible_date])
    attended = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReferralStatus.choices,
                                     help_text="The status to move to (the lifecycle of §9 decides "
                                               "which are allowed from the current one).")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    version = serializers.IntegerField()


class ReferralFilters(Filters):
    status = serializers.ChoiceField(choices=ReferralStatus.choices, required=False)
    service = IdField(required=False, help_text="Catalogue service id.")


@extend_schema_view(list=extend_schema(parameters=[ReferralFilters]))
class ReferralViewSet(viewsets.GenericViewSet):
    """Referrals the caller may see; a partner caseworker sees only their organisation's."""

    access_rule = AccessRule(read=ALL_ROLES, write=REFERRAL_WRITERS)

    @staticmethod
    def case_of(request, pk=None, **kwargs):  # the case a write decides on (scopes.decisions)
        return None if pk is None else scoped.referral_for(request.user, _pk(pk)).person
    permission_classes = [DeclaredRulePermission]
    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()
    lookup_value_regex = ID_PATTERN

    def list(self, request):
        filters = ReferralFilters.read(request)
        rows = scoped.referral_list(request.user, status=filters.get("status", ""),
                                       service=str(filters.get("service", "")))
        page = self.paginate_queryset(rows)
        events.caseload_listed(user=request.user, crns=sorted({r.person.crn for r in page}),
                               request=request, query=Filters.audited("referrals", filters))
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        referral = scoped.referral_for(request.user, _pk(pk), request=request)
        events.referral_viewed(user=request.user, referral=referral, request=request)
        return Response(ReferralSerializer(referral).data)

    @extend_schema(methods=["GET"], responses=SessionSerializer(many=True),
                   description="The sessions recorded for this referral, oldest first.")
    @extend_schema(methods=["POST"], request=SessionInput,
                   responses={201: OpenApiResponse(SessionSerializer, "The session recorded.")},
                   description="Record a session (attended or missed; a missed one becomes an "
                               "absence for the officer's decision).")
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def sessions(self, request, pk=None):
        referral = scoped.referral_for(request.user, _pk(pk), request=request)
        if request.method == "GET":
            events.referral_viewed(user=request.user, referral=referral, request=request)
            return Response(SessionSerializer(referral.sessions.all(), many=True).data)
        data = SessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            session = services.record_session(user=request.user, referral=referral,
                                              request=request, **data.validated_data)
        except services.TransitionRefused as error:
            raise ValidationError({"session_on": [str(error)]}) from error
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusInput, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        referral = scoped.referral_for(request.user, _pk(pk), request=request)
        data = StatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        to = data.validated_data["status"]
        if to not in allowed_steps(request.user, referral):
            raise ValidationError({"status": [f"You cannot move this referral to {to!r}."]})
        try:
            referral = services.change_status(
                user=request.user, referral=referral, to=to,
                reason=data.validated_data["reason"],
                expected_version=data.validated_data["version"], request=request)
        except StaleRecordError as error:
            return Response({"error": {"status": 409, "message": str(error),
                                       "fields": {"version": [f"Current version is "
                                                              f"{referral.version}."]}}},
                            status=status.HTTP_409_CONFLICT)
        except services.TransitionRefused as error:
            raise ValidationError({"status": [str(error)]}) from error
        return Response(ReferralSerializer(referral).data)


def _pk(value) -> int:
    return ascii_id(value, what="referral")
