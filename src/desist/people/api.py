"""Cases over the JSON API: the same scope, access rules and audit as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desist.access.rules import AccessRule
from desist.api_params import CRN, CRN_PATTERN, Filters
from desist.audit import events
from desist.forms import StaleRecordError
from desist.organisation.roles import ALL_ROLES, CASE_WRITERS
from desist.scopes import people as scoped
from desist.scopes.cases import case_for

from . import selectors, services
from .search import MAX_QUERY_LENGTH
from .serializers import CaseDetailSerializer, CaseListSerializer, PersonalDetailsInput


class CaseFilters(Filters):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_QUERY_LENGTH,
                              error_messages={"max_length": f"Name or CRN must be "
                                                            f"{MAX_QUERY_LENGTH} characters or fewer."},
                              help_text="Name (\"Joseph Charlton\", \"Charlton, Joseph\"), surname or CRN.")
    scope = serializers.ChoiceField(choices=["mine", "team", "all"], required=False, default="all",
                                    help_text="Your own cases, your team's, or all you may see.")


@extend_schema_view(list=extend_schema(parameters=[CaseFilters]),
                    retrieve=extend_schema(parameters=[CRN]),
                    partial_update=extend_schema(parameters=[CRN]))
class CaseViewSet(viewsets.GenericViewSet):
    """People on probation the caller may see, by CRN."""

    access_rule = AccessRule(read=ALL_ROLES, write=CASE_WRITERS)
    lookup_field = "crn"
    lookup_value_regex = CRN_PATTERN
    serializer_class = CaseListSerializer

    def get_queryset(self):
        filters = CaseFilters.read(self.request)
        query = selectors.CaseloadQuery(search=filters.get("q", ""), scope=filters["scope"])
        return scoped.caseload(self.request.user, query)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        events.caseload_listed(user=request.user, crns=[p.crn for p in page], request=request,
                               query=Filters.audited("cases", CaseFilters.read(request)))
        return self.get_paginated_response(CaseListSerializer(page, many=True).data)

    @extend_schema(responses=CaseDetailSerializer)
    def retrieve(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api")
        return Response(CaseDetailSerializer(selectors.case_detail(person)).data)

    @extend_schema(request=PersonalDetailsInput, responses=CaseDetailSerializer)
    def partial_update(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-update")
        data = PersonalDetailsInput(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version")
        try:
            person = services.person_update_details(
                acting_user=request.user, person=person, expected_version=version,
                changes=changes, request=request,
            )
        except StaleRecordError as error:
            return Response(
                {"error": {"status": 409, "message": str(error),
                           "fields": {"version": [f"Current version is {person.version}."]}}},
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        return Response(CaseDetailSerializer(person).data)
