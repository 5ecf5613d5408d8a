"""Appointments over the JSON API: the same booking rules, scope and audit as the pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import ID_PATTERN, CrnField, Filters, IdField, ascii_id
from desist.audit import events
from desist.forms import StaleRecordError
from desist.organisation import selectors as organisation
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF
from desist.scopes import appointments as scoped
from desist.scopes.cases import case_for
from desist.scopes.decisions import visible_case_by_crn
from desist.validators import validate_sensible_date

from . import services
from .choices import BOOKABLE_KINDS, Outcome
from .models import Appointment


class AppointmentSerializer(serializers.ModelSerializer):
    crn = serializers.CharField(source="person.crn", read_only=True)

    class Meta:
        model = Appointment
        fields = ["id", "crn", "kind", "officer", "partner", "referral", "venue", "starts_at",
                  "ends_at", "purpose", "rar_activity", "sensitive", "women_only", "outcome",
                  "evidence", "version"]


class BookingInput(serializers.Serializer):
    crn = CrnField()
    kind = serializers.ChoiceField(choices=BOOKABLE_KINDS)
    venue = IdField()
    starts_at = serializers.DateTimeField(validators=[validate_sensible_date])
    ends_at = serializers.DateTimeField(validators=[validate_sensible_date])
    rar_activity = serializers.BooleanField()
    officer = IdField(required=False, allow_null=True, default=None)
    referral = IdField(required=False, allow_null=True, default=None)
    purpose = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    sensitive = serializers.BooleanField(required=False, default=False)
    women_only = serializers.BooleanField(required=False, default=False)


class OutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[c for c in Outcome.values if c])
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    version = serializers.IntegerField()


class AppointmentFilters(Filters):
    crn = CrnField(required=False)
    officer = IdField(required=False, help_text="The officer's staff id.")
    week = serializers.DateField(required=False, help_text="Any day of the week wanted (YYYY-MM-DD).")


@extend_schema_view(list=extend_schema(parameters=[AppointmentFilters]))
class AppointmentViewSet(viewsets.GenericViewSet):
    """Appointments of the cases the caller may see; booking refuses unsuitable venues and clashes."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)

    @staticmethod
    def case_of(request, pk=None, **kwargs):  # the case a write decides on (scopes.decisions)
        if pk is not None:
            return scoped.appointment_for(request.user, _pk(pk)).person
        crn = request.data.get("crn") if hasattr(request.data, "get") else None
        return visible_case_by_crn(request.user, crn) if isinstance(crn, str) else None
    permission_classes = [DeclaredRulePermission]
    serializer_class = AppointmentSerializer
    queryset = Appointment.objects.none()
    lookup_value_regex = ID_PATTERN

    def list(self, request):
        filters = AppointmentFilters.read(request)
        rows = scoped.appointment_list(request.user, crn=filters.get("crn"),
                                          officer=filters.get("officer"), week=filters.get("week"))
        page = self.paginate_queryset(rows)
        events.caseload_listed(user=request.user, crns=sorted({a.person.crn for a in page}),
                               request=request, query=Filters.audited("appointments", filters))
        return self.get_paginated_response(AppointmentSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        appointment = scoped.appointment_for(request.user, _pk(pk))
        events.case_viewed(user=request.user, person=appointment.person, request=request,
                           page="api-appointment")
        return Response(AppointmentSerializer(appointment).data)

    @extend_schema(request=BookingInput,
                   responses={201: OpenApiResponse(AppointmentSerializer, "The appointment booked.")},
                   description="Book an appointment. A booking the rules refuse (venue not "
                               "accessible, no private room, clash, outside opening hours…) is a "
                               "409 whose `reasons` say why.")
    def create(self, request):
        data = BookingInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        person = case_for(request.user, values["crn"], request=request, page="api-book")
        venue = organisation.provider_venue(person.provider_id, values["venue"])
        if venue is None:
            raise ValidationError({"venue": ["No such venue."]})
        officer = None
        if values["officer"] is not None:
            officer = organisation.provider_staff_member(person.provider_id, values["officer"])
            if officer is None:
                raise ValidationError({"officer": ["No such officer."]})
        referral = None
        if values["referral"] is not None:
            referral = scoped.referral_of(request.user, person, values["referral"])
            if referral is None:
                raise ValidationError({"referral": ["No such referral for this case."]})
        try:
            appointment = services.book(
                user=request.user, person=person, kind=values["kind"], venue=venue,
                starts_at=values["starts_at"], ends_at=values["ends_at"],
                rar_activity=values["rar_activity"], officer=officer, referral=referral,
                purpose=values["purpose"], sensitive=values["sensitive"],
                women_only=values["women_only"], request=request)
        except services.BookingRefused as refusal:
            events.booking_refused(user=request.user, person=person,
                                   reasons=[r.code for r in refusal.reasons], request=request)
            return Response({"error": {"status": 409, "message": str(refusal),
                                       "fields": {"booking": [r.text for r in refusal.reasons]},
                                       "reasons": [r.as_dict() for r in refusal.reasons]}},
                            status=status.HTTP_409_CONFLICT)
        return Response(AppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=AppointmentSerializer)
    @extend_schema(methods=["POST"], request=OutcomeInput, responses=AppointmentSerializer,
                   description="Record the outcome, once (a second outcome is a 409).")
    @action(detail=True, methods=["get", "post"])
    def outcome(self, request, pk=None):
        appointment = scoped.appointment_for(request.user, _pk(pk))
        if request.method == "GET":
            events.case_viewed(user=request.user, person=appointment.person, request=request,
                               page="api-appointment")
            return Response(AppointmentSerializer(appointment).data)
        data = OutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        if appointment.outcome:
            return Response({"error": {"status": 409, "message": "The outcome is already recorded.",
                                       "fields": {}}}, status=status.HTTP_409_CONFLICT)
        try:
            appointment = services.record_outcome(
                user=request.user, appointment=appointment, request=request,
                outcome=data.validated_data["outcome"], evidence=data.validated_data["evidence"],
                expected_version=data.validated_data["version"])
        except StaleRecordError as error:
            return Response({"error": {"status": 409, "message": str(error), "fields": {}}},
                            status=status.HTTP_409_CONFLICT)
        except services.OutcomeRefused as error:
            raise ValidationError({"outcome": [str(error)]}) from error
        return Response(AppointmentSerializer(appointment).data)


def _pk(value) -> int:
    return ascii_id(value, what="appointment")
