"""Case audit and management oversight over the JSON API: rounds with their results (rated by
the rules core), auditors' answers, and a case's oversight records."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule, not_a_case
from desist.api_params import CRN, ID_PATTERN, ascii_id
from desist.organisation.roles import ALL_ROLES
from desist.scopes import oversight as scoped
from desist.scopes.cases import case_for

from . import selectors, services
from .choices import Answer, OversightSubject
from .models import AuditRound, OversightRecord
from .views import AUDIT_USERS, CASE_READERS, OVERSEERS


class RoundSerializer(serializers.ModelSerializer):
    edition = serializers.CharField(source="edition.code", read_only=True)

    class Meta:
        model = AuditRound
        fields = ["id", "name", "edition", "theme", "strands", "period_start", "period_end",
                  "confidence", "margin", "max_per_officer", "reserve_percent", "seed", "status"]


class QuestionResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    yes = serializers.IntegerField()
    relevant = serializers.IntegerField()
    percent = serializers.IntegerField(allow_null=True)


class StandardResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    rating = serializers.CharField(allow_null=True)
    driven_by = serializers.CharField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


class ResultsSerializer(serializers.Serializer):
    round = RoundSerializer()
    questions = QuestionResultSerializer(many=True)
    standards = StandardResultSerializer(many=True)
    score = serializers.IntegerField()
    overall = serializers.CharField(allow_null=True)


class AnswerInput(serializers.Serializer):
    answer = serializers.ChoiceField(choices=Answer.choices)
    reason = serializers.CharField(max_length=4000, allow_blank=True)


class AnswersInput(serializers.Serializer):
    answers = serializers.DictField(child=AnswerInput())


class AnswersResult(serializers.Serializer):
    id = serializers.IntegerField()
    completed_at = serializers.DateTimeField(allow_null=True)


@extend_schema_view(list=extend_schema(responses=RoundSerializer(many=True)),
                    retrieve=extend_schema(responses=ResultsSerializer))
class RoundViewSet(viewsets.GenericViewSet):
    """Audit rounds of the caller's provider; a round's detail carries its results."""

    access_rule = AccessRule(read=AUDIT_USERS)
    permission_classes = [DeclaredRulePermission]
    serializer_class = RoundSerializer
    queryset = AuditRound.objects.none()
    lookup_value_regex = ID_PATTERN

    def list(self, request):
        page = self.paginate_queryset(selectors.rounds_for(request.user, newest_first=True))
        return self.get_paginated_response(RoundSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        audit_round = selectors.round_for(request.user, ascii_id(pk))
        r = selectors.round_results(audit_round)
        return Response({
            "round": RoundSerializer(audit_round).data,
            "questions": [{k: q[k] for k in ("code", "yes", "relevant", "percent")}
                          for q in r["questions"]],
            "standards": [{"code": s["code"], "name": s["name"], "rating": s["rating"],
                           "driven_by": s["driven_by"], "percent": s["percent"],
                           "reasons": [w.text for w in s["reasons"]]} for s in r["standards"]],
            "score": r["score"], "overall": r["overall"],
        })


class AuditViewSet(viewsets.GenericViewSet):
    """A sampled case's audit: the caller answers every key question with a reason."""

    # No GET here (405 for everyone); only auditors write.
    access_rule = AccessRule(read=ALL_ROLES, write=AUDIT_USERS)
    permission_classes = [DeclaredRulePermission]
    serializer_class = AnswersInput
    queryset = AuditRound.objects.none()
    lookup_value_regex = ID_PATTERN

    case_of = staticmethod(not_a_case)  # auditing records no decision on the case

    @extend_schema(request=AnswersInput, responses={201: AnswersResult})
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        case = scoped.audit_case_for(request.user, ascii_id(pk), request=request)
        data = AnswersInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.audit_answers_record(
            acting_user=request.user, audit_case=case, request=request,
            answers={code: (a["answer"], a["reason"])
                     for code, a in data.validated_data["answers"].items()})
        return Response({"id": case.pk, "completed_at": case.completed_at},
                        status=status.HTTP_201_CREATED)


class OversightSerializer(serializers.ModelSerializer):
    class Meta:
        model = OversightRecord
        fields = ["id", "subject", "subject_id", "risk", "safeguarding", "plan", "enforcement",
                  "next_action", "due_on", "recorded_on", "task"]
        read_only_fields = ["id", "recorded_on", "task"]


class OversightInput(serializers.Serializer):
    subject = serializers.ChoiceField(choices=OversightSubject.choices, default="case")
    subject_id = serializers.IntegerField(required=False, allow_null=True, default=None,
                                          min_value=1, max_value=2147483647)
    risk = serializers.CharField(max_length=4000)
    safeguarding = serializers.CharField(max_length=4000)
    plan = serializers.CharField(max_length=4000)
    enforcement = serializers.CharField(max_length=4000)
    next_action = serializers.CharField(max_length=4000)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema_view(list=extend_schema(parameters=[CRN]),
                    create=extend_schema(parameters=[CRN], request=OversightInput,
                                         responses={201: OversightSerializer}))
class OversightViewSet(viewsets.GenericViewSet):
    """A case's management oversight; recording it raises the officer's task (§15)."""

    access_rule = AccessRule(read=CASE_READERS, write=OVERSEERS)
    permission_classes = [DeclaredRulePermission]
    serializer_class = OversightSerializer
    queryset = OversightRecord.objects.none()

    def list(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-oversight")
        page = self.paginate_queryset(selectors.oversight_for(person))
        return self.get_paginated_response(OversightSerializer(page, many=True).data)

    def create(self, request, crn=None):
        person = case_for(request.user, crn, request=request, page="api-oversight")
        data = OversightInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.oversight_record(acting_user=request.user, person=person,
                                           request=request, **data.validated_data)
        return Response(OversightSerializer(record).data, status=status.HTTP_201_CREATED)



