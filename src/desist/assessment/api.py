"""Self-assessment readings over the JSON API: the same scope, access rules and audit as pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN, ID_PATTERN, ascii_id
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF
from desist.rules.errors import RuleInputError
from desist.scopes.cases import case_for
from desist.validators import validate_sensible_date

from . import selectors, services
from .models import Reading


class ReadingSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.name", read_only=True)
    instrument_version = serializers.IntegerField(source="instrument.version", read_only=True)
    signed = serializers.BooleanField(source="is_signed", read_only=True)
    missing_areas = serializers.SerializerMethodField()

    class Meta:
        model = Reading
        fields = ["id", "taken_on", "status", "instrument", "instrument_version", "scores",
                  "comments", "signed", "signature_method", "signed_at", "unsigned_reason",
                  "approved_at", "missing_areas", "version"]

    def get_missing_areas(self, reading) -> list[str]:
        return [a.code for a in reading.missing]


class ApproveInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=[("approved", "approved")])
    unsigned_reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ReadingInput(serializers.Serializer):
    taken_on = serializers.DateField(validators=[validate_sensible_date])
    scores = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    comments = serializers.DictField(child=serializers.CharField(allow_blank=True,
                                                                 max_length=500), required=False)


@extend_schema_view(list=extend_schema(parameters=[CRN]),
                    create=extend_schema(parameters=[CRN], request=ReadingInput,
                                         responses=ReadingSerializer),
                    retrieve=extend_schema(parameters=[CRN]),
                    partial_update=extend_schema(parameters=[CRN], request=ApproveInput,
                                                 responses=ReadingSerializer))
class ReadingViewSet(viewsets.GenericViewSet):
    """A case's self-assessment readings. POST saves a draft (incomplete readings are kept)."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)
    permission_classes = [DeclaredRulePermission]
    serializer_class = ReadingSerializer
    queryset = Reading.objects.none()
    lookup_value_regex = ID_PATTERN
    pagination_class = None  # a case has a handful of these: the list is a plain array

    def list(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-readings")
        readings = selectors.approved_readings(person) + selectors.draft_readings(person)
        return Response(ReadingSerializer(readings, many=True).data)

    def retrieve(self, request, crn=None, pk=None):
        person = case_for(request.user, crn, request=request, page="api-reading")
        reading = selectors.reading_for(person, ascii_id(pk))
        if reading is None:
            raise NotFound("Not found.")
        return Response(ReadingSerializer(reading).data)

    def create(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-reading-create")
        data = ReadingInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            reading = services.save_reading(
                acting_user=request.user, person=person, taken_on=data.validated_data["taken_on"],
                scores=data.validated_data["scores"],
                comments=data.validated_data.get("comments", {}), request=request)
        except RuleInputError as error:
            raise ValidationError({"scores": [f"{error.field}: {error.message}"]}) from error
        except services.ReadingError as error:
            raise ValidationError({error.field or "non_field_errors": [error.message]}) from error
        return Response(ReadingSerializer(reading).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, crn=None, pk=None):
        """Approve a complete reading with ``{"status": "approved"}`` (an unsigned reading needs
        ``unsigned_reason``); falling areas raise a review task."""
        person = case_for(request.user, crn, request=request, page="api-reading-approve")
        reading = selectors.reading_for(person, ascii_id(pk))
        if reading is None:
            raise NotFound("Not found.")
        data = ApproveInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            reading, _comparison = services.approve_reading(
                acting_user=request.user, reading=reading,
                unsigned_reason=data.validated_data.get("unsigned_reason", ""), request=request)
        except services.ReadingError as error:
            raise ValidationError({error.field or "non_field_errors": [error.message]}) from error
        return Response(ReadingSerializer(reading).data)
