"""Referrals over the JSON API: partners update their own referrals; same scope and audit as pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.roles import ALL_ROLES
from desist.access.rules import AccessRule
from desist.audit import events
from desist.forms import StaleRecordError
from desist.validators import validate_sensible_date

from . import selectors, services
from .models import Referral, SessionRecord
from .views import REFERRAL_WRITERS, allowed_steps


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionRecord
        fields = ["id", "session_on", "attended", "hours", "note", "recorded_at"]


class ReferralSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(source="person.crn")
    partner = serializers.CharField(source="partner.name", default=None)
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
    status = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    version = serializers.IntegerField()


class ReferralViewSet(viewsets.GenericViewSet):
    """Referrals the caller may see; a partner caseworker sees only their organisation's."""

    access_rule = AccessRule(read=ALL_ROLES, write=REFERRAL_WRITERS)

    @staticmethod
    def case_of(request, pk=None, **kwargs):  # the case a write decides on (access.decisions)
        return None if pk is None else selectors.referral_for(request.user, _pk(pk)).person
    permission_classes = [DeclaredRulePermission]
    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()

    def get_queryset(self):
        params = self.request.query_params
        return selectors.referral_list(self.request.user, status=params.get("status", "")[:20],
                                       service=params.get("service", "")[:20])

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        events.caseload_listed(user=request.user, crns=sorted({r.person.crn for r in page}),
                               request=request, query={"api": "referrals",
                                                       **request.query_params.dict()})
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        referral = selectors.referral_for(request.user, _pk(pk))
        events.referral_viewed(user=request.user, referral=referral, request=request)
        return Response(ReferralSerializer(referral).data)

    @extend_schema(request=SessionInput, responses=SessionSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def sessions(self, request, pk=None):
        referral = selectors.referral_for(request.user, _pk(pk))
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
        referral = selectors.referral_for(request.user, _pk(pk))
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
    from django.http import Http404

    if not str(value).isdigit():
        raise Http404("No such referral.")
    return int(value)
