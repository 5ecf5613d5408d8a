"""Safeguarding checks over the JSON API: same scope, access rules and audit."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN, ID_PATTERN, ascii_id
from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF
from desist.scopes.cases import case_for
from desist.validators import validate_sensible_date

from . import selectors, services
from .choices import CheckKind, CheckResult
from .models import SafeguardingCheck


class CheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = SafeguardingCheck
        fields = ["id", "kind", "requested_on", "completed_on", "result", "details"]
        read_only_fields = ["id"]


class CheckResultInput(serializers.Serializer):
    completed_on = serializers.DateField(validators=[validate_sensible_date])
    result = serializers.ChoiceField(choices=CheckResult.choices)
    details = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CheckInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CheckKind.choices)
    requested_on = serializers.DateField(validators=[validate_sensible_date])


@extend_schema_view(list=extend_schema(parameters=[CRN]),
                    create=extend_schema(parameters=[CRN], request=CheckInput,
                                         responses=CheckSerializer),
                    retrieve=extend_schema(parameters=[CRN]),
                    partial_update=extend_schema(parameters=[CRN], request=CheckResultInput,
                                                 responses=CheckSerializer))
class CheckViewSet(viewsets.GenericViewSet):
    """A case's safeguarding checks; POST records a request (and raises a task for the result)."""

    access_rule = AccessRule(read=PROVIDER_STAFF, write=CASE_WRITERS)
    permission_classes = [DeclaredRulePermission]
    serializer_class = CheckSerializer
    queryset = SafeguardingCheck.objects.none()
    lookup_value_regex = ID_PATTERN
    pagination_class = None  # a case has a handful of these: the list is a plain array

    def list(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-checks")
        return Response(CheckSerializer(selectors.checks(person), many=True).data)

    def retrieve(self, request, crn=None, pk=None):
        person = case_for(request.user, crn, request=request, page="api-check")
        item = selectors.check_for(person, ascii_id(pk))
        if item is None:
            raise NotFound("Not found.")
        return Response(CheckSerializer(item).data)

    def create(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-check-create")
        data = CheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.request_check(acting_user=request.user, person=person,
                                          request=request, **data.validated_data)
        except services.RiskRefused as error:
            raise ValidationError({error.field or "non_field_errors": [error.message]}) from error
        return Response(CheckSerializer(item).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, crn=None, pk=None):
        """Record the check's result (closes its task)."""
        person = case_for(request.user, crn, request=request, page="api-check-result")
        item = selectors.check_for(person, ascii_id(pk))
        if item is None:
            raise NotFound("Not found.")
        data = CheckResultInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.record_check_result(
                acting_user=request.user, check=item, request=request,
                completed_on=data.validated_data["completed_on"],
                result=data.validated_data["result"],
                details=data.validated_data.get("details", ""))
        except services.RiskRefused as error:
            if error.conflict:
                return Response({"error": {"status": 409, "message": error.message,
                                           "fields": {}}}, status=status.HTTP_409_CONFLICT)
            raise ValidationError({error.field or "non_field_errors": [error.message]}) from error
        return Response(CheckSerializer(item).data)
