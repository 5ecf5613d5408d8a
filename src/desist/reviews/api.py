"""Reviews and step-down over the JSON API (§14, §10). Refusals map to the error envelope."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF
from desist.people.choices import RoshLevel
from desist.scopes.cases import case_for

from . import selectors, services
from .choices import ComplianceLevel, Destination, Progress, RiskChange


class ProgressInput(serializers.Serializer):
    objective = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    progress = serializers.ChoiceField(choices=Progress.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class ReviewInput(serializers.Serializer):
    reviewed_on = serializers.DateField()
    reading = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    compliance = serializers.ChoiceField(choices=ComplianceLevel.choices)
    compliance_notes = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                             default="")
    risk_change = serializers.ChoiceField(choices=RiskChange.choices)
    rosh_after = serializers.ChoiceField(choices=RoshLevel.choices, required=False,
                                         allow_null=True, default=None)
    risk_notes = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                       default="")
    adjustments = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                        default="")
    no_open_risk_actions = serializers.BooleanField(default=False)
    progress = ProgressInput(many=True)


class StepDownInput(serializers.Serializer):
    destination = serializers.ChoiceField(choices=Destination.choices)


def _review_dict(r) -> dict:
    return {"id": r.pk, "reviewed_on": r.reviewed_on, "trigger": r.trigger,
            "reading": r.reading_id, "compliance": r.compliance, "risk_change": r.risk_change,
            "rosh_before": r.rosh_before or None, "rosh_after": r.rosh_after or None,
            "adjustments": r.adjustments, "no_open_risk_actions": r.no_open_risk_actions,
            "flagged": r.flagged, "reasons": r.reasons, "checks": r.checks,
            "progress": [{"objective": p.objective_id, "progress": p.progress, "note": p.note}
                         for p in r.progress.all()]}


class CaseReviews(APIView):
    """A case's reviews and when the next is due; POST records a review (§14, F9)."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(parameters=[CRN], responses=dict)
    def get(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-reviews")
        today = timezone.localdate()
        return Response({"crn": person.crn, "due": selectors.review_due(person, today).as_dict(),
                         "check_blockers": [r.as_dict() for r in
                                            selectors.check_blockers(person, today)],
                         "reviews": [_review_dict(r) for r in selectors.reviews(person)]})

    @extend_schema(parameters=[CRN], request=ReviewInput,
                   responses={201: OpenApiResponse(dict, "The review recorded.")})
    def post(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-reviews")
        data = ReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        review = services.review_record(
            acting_user=request.user, person=person, reviewed_on=v["reviewed_on"],
            reading_id=v["reading"], compliance=v["compliance"],
            compliance_notes=v["compliance_notes"], risk_change=v["risk_change"],
            rosh_after=v["rosh_after"], risk_notes=v["risk_notes"],
            adjustments=v["adjustments"], no_open_risk_actions=v["no_open_risk_actions"],
            progress={p["objective"]: (p["progress"], p["note"]) for p in v["progress"]},
            request=request)
        return Response(_review_dict(review), status=status.HTTP_201_CREATED)


class CaseStepDown(APIView):
    """The step-down gate and any active step-down; POST steps the case down (§10, F10)."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)
    permission_classes = [DeclaredRulePermission]

    def _body(self, person):
        active = selectors.active_step_down(person)
        return {"crn": person.crn,
                "gate": selectors.step_down_gate(person, timezone.localdate()).as_dict(),
                "active": {"id": active.pk, "destination": active.destination,
                           "started_on": active.started_on, "review": active.review_id,
                           "contact_every_days": active.contact_every_days,
                           "warnings": active.warnings} if active else None}

    @extend_schema(parameters=[CRN], responses=dict)
    def get(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-step-down")
        return Response(self._body(person))

    @extend_schema(parameters=[CRN], request=StepDownInput,
                   responses={201: OpenApiResponse(dict, "The case stepped down.")})
    def post(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-step-down")
        data = StepDownInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.step_down(acting_user=request.user, person=person, review_id=None,
                           destination=data.validated_data["destination"], request=request)
        return Response(self._body(person), status=status.HTTP_201_CREATED)
