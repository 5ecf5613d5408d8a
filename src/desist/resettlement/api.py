"""Through the Gate over the JSON API: the case's resettlement plan, pathway and need changes,
completing the plan, and the service level. Same scope, rules, refusals and audit as the pages."""

from __future__ import annotations

from django.http import Http404
from django.urls import re_path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN_PATTERN, ID_PATTERN, Filters
from desist.organisation.roles import ALL_ROLES, CASE_WRITERS, PROVIDER_STAFF
from desist.scopes import resettlement as scoped
from desist.scopes.cases import case_for

from . import selectors, services
from .choices import NEED_CHOICES, NeedStatus, PathwayStatus
from .views import SERVICE_READERS


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    section = serializers.CharField()
    text = serializers.CharField()


class PathwaySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    pathway = serializers.CharField()
    label = serializers.CharField(source="get_pathway_display")
    status = serializers.CharField()
    version = serializers.IntegerField()


class NeedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    label = serializers.CharField(source="get_kind_display")
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    due_on = serializers.DateField()
    status = serializers.CharField()
    notes = serializers.CharField()
    referral = serializers.IntegerField(source="referral_id", allow_null=True)
    version = serializers.IntegerField()


class CustodyCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    crn = serializers.CharField(source="person.crn")
    prison = serializers.CharField()
    stage = serializers.CharField()
    reception_on = serializers.DateField()
    release_on = serializers.DateField()
    screening_due_on = serializers.DateField()
    screened_on = serializers.DateField(allow_null=True)
    plan_due_on = serializers.DateField()
    plan_completed_on = serializers.DateField(allow_null=True)
    handover_on = serializers.DateField()
    released_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()
    pathways = PathwaySerializer(many=True, source="pathways.all")
    needs = NeedSerializer(many=True, source="needs.all")
    can_complete = serializers.BooleanField()
    blocking = ReasonSerializer(many=True)


class PathwayChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PathwayStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField()


class NeedCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NEED_CHOICES)
    due_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class NeedChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=NeedStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField()


class CompleteSerializer(serializers.Serializer):
    version = serializers.IntegerField()


class ServiceLevelRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    counted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    not_due = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    meets_target = serializers.BooleanField(allow_null=True)


class ServiceLevelSerializer(serializers.Serializer):
    by = serializers.CharField()
    target = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    rows = ServiceLevelRowSerializer(many=True)


class ServiceLevelFilters(Filters):
    by = serializers.ChoiceField(choices=["prison", "office"], required=False, default="prison",
                                 help_text="Group by prison or by office.")


def _case(request, crn):
    person = case_for(request.user, crn, request=request, page="resettlement (API)")
    case = selectors.custody_case_of(person)
    if case is None:
        raise Http404("No resettlement for this case.")
    return case


def _payload(case):
    completion = services.rules.completion_problems(services.plan_facts(case))
    case.can_complete = completion.allowed and not case.plan_completed_on
    case.blocking = [r.as_dict() for r in completion.problems]
    return CustodyCaseSerializer(case).data


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ResettlementSerializer(serializers.Serializer):
    crn = serializers.CharField()
    custody_case = CustodyCaseSerializer(allow_null=True, help_text=(
        "The current custody case being planned for release; null when resettlement has not "
        "started."))


class CaseResettlement(APIView):
    """A case's resettlement plan (§13): pathways, needs, deadlines, what blocks completing it."""

    access_rule = AccessRule(read=PROVIDER_STAFF)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(responses=ResettlementSerializer)
    def get(self, request, crn):
        person = case_for(request.user, crn, request=request, page="resettlement (API)")
        case = selectors.custody_case_of(person)
        return Response({"crn": person.crn, "custody_case": _payload(case) if case else None})


class _PostOnly(APIView):
    """A write route (POST only: GET is 405, and the Allow header lists only POST)."""

    access_rule = AccessRule(read=ALL_ROLES, write=CASE_WRITERS)
    permission_classes = [DeclaredRulePermission]



class PathwayChange(_PostOnly):
    """Change a pathway's status (a new history row)."""

    @extend_schema(request=PathwayChangeSerializer, responses=PathwaySerializer,
                   operation_id="cases_resettlement_pathway_update")
    def post(self, request, crn, pk):
        case = _case(request, crn)
        pathway = next((p for p in case.pathways.all() if str(p.pk) == str(pk)), None)
        if pathway is None:
            raise Http404("No such pathway.")
        data = _valid(PathwayChangeSerializer, request)
        pathway = services.pathway_set_status(
            acting_user=request.user, pathway=pathway, status=data["status"], note=data["note"],
            expected_version=data["version"], request=request)
        return Response(PathwaySerializer(pathway).data)


class Needs(_PostOnly):
    """Add a support need from the catalogue."""

    @extend_schema(request=NeedCreateSerializer, responses={201: NeedSerializer})
    def post(self, request, crn):
        case = _case(request, crn)
        data = _valid(NeedCreateSerializer, request)
        need = services.need_add(acting_user=request.user, case=case, kind=data["kind"],
                                 due_on=data["due_on"], notes=data["notes"], request=request)
        return Response(NeedSerializer(need).data, status=status.HTTP_201_CREATED)


class NeedChange(_PostOnly):
    """Change a support need's status (a new update row)."""

    @extend_schema(request=NeedChangeSerializer, responses=NeedSerializer,
                   operation_id="cases_resettlement_need_update")
    def post(self, request, crn, pk):
        case = _case(request, crn)
        need = next((n for n in case.needs.all() if str(n.pk) == str(pk)), None)
        if need is None:
            raise Http404("No such support need.")
        data = _valid(NeedChangeSerializer, request)
        need = services.need_update(acting_user=request.user, need=need, status=data["status"],
                                    note=data["note"], expected_version=data["version"],
                                    request=request)
        return Response(NeedSerializer(need).data)


class Complete(_PostOnly):
    """Complete the plan; refused (400, with the reasons) while something blocks it."""

    @extend_schema(request=CompleteSerializer, responses=CustodyCaseSerializer)
    def post(self, request, crn):
        case = _case(request, crn)
        data = _valid(CompleteSerializer, request)
        services.plan_complete(acting_user=request.user, case=case,
                               expected_version=data["version"], request=request)
        return Response(_payload(selectors.custody_case_of(case.person)))


class ServiceLevel(APIView):
    """Plans completed on time by prison or office (§13, target 95%)."""

    access_rule = AccessRule(read=SERVICE_READERS)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(parameters=[ServiceLevelFilters], responses=ServiceLevelSerializer)
    def get(self, request):
        filters = ServiceLevelFilters.read(request)
        result = scoped.service_level(request.user, timezone.localdate(), by=filters["by"])
        return Response(ServiceLevelSerializer({
            "by": result["by"], "target": result["target"], "rate": result["total"].rate,
            "rows": [{"name": r["name"], "counted": r["result"].counted,
                      "on_time": r["result"].on_time, "not_due": r["not_due"],
                      "rate": r["result"].rate, "meets_target": r["result"].meets_target}
                     for r in result["rows"]]}).data)


CASE = rf"cases/(?P<crn>{CRN_PATTERN})/resettlement"
urlpatterns = [
    re_path(rf"^{CASE}$", CaseResettlement.as_view(), name="api-resettlement"),
    re_path(rf"^{CASE}/pathways/(?P<pk>{ID_PATTERN})$", PathwayChange.as_view(),
            name="api-resettlement-pathway"),
    re_path(rf"^{CASE}/needs$", Needs.as_view(), name="api-resettlement-needs"),
    re_path(rf"^{CASE}/needs/(?P<pk>{ID_PATTERN})$", NeedChange.as_view(),
            name="api-resettlement-need"),
    re_path(rf"^{CASE}/complete$", Complete.as_view(), name="api-resettlement-complete"),
    re_path(r"^resettlement/service-level$", ServiceLevel.as_view(),
            name="api-resettlement-service-level"),
]
