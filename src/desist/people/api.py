"""Cases over the JSON API: the same scope, access rules and audit as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desist.access.roles import ALL_ROLES, CASE_WRITERS
from desist.access.rules import AccessRule
from desist.access.selectors import case_for
from desist.audit import events
from desist.forms import StaleRecordError

from . import selectors, services
from .search import MAX_QUERY_LENGTH
from .serializers import CaseDetailSerializer, CaseListSerializer, PersonalDetailsInput

CRN_PARAMETER = OpenApiParameter("crn", str, OpenApiParameter.PATH, description="Case reference number")


@extend_schema_view(retrieve=extend_schema(parameters=[CRN_PARAMETER]),
                    partial_update=extend_schema(parameters=[CRN_PARAMETER]))
class CaseViewSet(viewsets.GenericViewSet):
    """People on probation the caller may see, by CRN."""

    access_rule = AccessRule(read=ALL_ROLES, write=CASE_WRITERS)
    lookup_field = "crn"
    lookup_value_regex = "[A-Za-z0-9]+"
    serializer_class = CaseListSerializer

    def get_queryset(self):
        search = self.request.query_params.get("q", "")
        if len(search) > MAX_QUERY_LENGTH:  # refused, never truncated or ignored (issue 23)
            raise ValidationError({"q": [f"Search for a name or CRN of {MAX_QUERY_LENGTH} "
                                         "characters or fewer."]})
        query = selectors.CaseloadQuery(
            search=search,
            scope=self.request.query_params.get("scope", "all"),
        )
        return selectors.caseload(self.request.user, query)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        events.caseload_listed(user=request.user, crns=[p.crn for p in page], request=request,
                               query={"api": True, **request.query_params.dict()})
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
