"""Intake queue, banding and assignment over the JSON API: same scope, rules and audit as pages."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.api_params import CRN, Filters, IdField
from desist.audit import events
from desist.forms import StaleRecordError
from desist.organisation.roles import Role
from desist.people.choices import Band
from desist.rules.band_decision import PromptAnswer
from desist.scopes import allocation as scoped
from desist.scopes.cases import case_for

from . import facts, selectors, services
from .candidates import candidates_for
from .models import BandDecision
from .views import ALLOCATORS, BAND_READERS, HUB, MANAGERS


def _conflict(person, error):
    return Response({"error": {"status": 409, "message": str(error),
                               "fields": {"version": [f"Current version is {person.version}."]}}},
                    status=status.HTTP_409_CONFLICT)


def _refused(error: services.DecisionRefused):
    return ValidationError({field: [message] for field, message in error.problems.items()})


class IntakeRowSerializer(serializers.Serializer):
    crn = serializers.CharField()
    name = serializers.CharField()
    arrived_on = serializers.DateField(allow_null=True)
    working_days = serializers.IntegerField(allow_null=True)
    assignment_due_on = serializers.DateField(allow_null=True)
    routing = serializers.CharField()
    hub_hold = serializers.CharField()
    pass_to_lmc_on = serializers.DateField(allow_null=True)
    proposed = serializers.DictField(help_text="The rules' routing proposal with its reasons, "
                                               "or {\"error\": …} when it cannot be worked out.")
    missing = serializers.ListField(child=serializers.CharField())


class IntakePageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=f"Cases in the queue, counted up to "
                                               f"{selectors.COUNT_CAP:,}.")
    more = serializers.BooleanField(help_text="True when there are more than the count says.")
    page = serializers.IntegerField()
    results = IntakeRowSerializer(many=True)


class IntakeFilters(Filters):
    view = serializers.ChoiceField(choices=list(selectors.INTAKE_VIEWS), required=False,
                                   default="awaiting", help_text="Which hub queue.")


class IntakeQueue(APIView):
    """The hub's intake queue: cases awaiting routing or held in the hub (§3.2)."""

    access_rule = AccessRule(read=HUB)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(parameters=[IntakeFilters], responses=IntakePageSerializer)
    def get(self, request):
        filters = IntakeFilters.read(request)
        view = filters["view"]
        today = timezone.localdate()
        page = selectors.CappedPaginator(scoped.intake_queue(request.user, view), 50).get_page(
            filters.get("page") or 1)
        rows = selectors.intake_rows(page.object_list, today,
                                     facts.lmc_by_local_authority(request.user.staff.provider_id))
        events.caseload_listed(user=request.user, crns=[r.person.crn for r in rows],
                               request=request, query={"api": "intake", "view": view})
        return Response({"count": min(page.paginator.count, selectors.COUNT_CAP),
                         "more": page.paginator.capped, "page": page.number, "results": [
            {"crn": r.person.crn, "name": r.person.name, "arrived_on": r.person.arrived_on,
             "working_days": r.working_days, "assignment_due_on": r.due_on,
             "routing": r.person.routing, "hub_hold": r.person.hub_hold,
             "pass_to_lmc_on": r.person.pass_to_lmc_on,
             "proposed": r.routing.result.as_dict() if r.routing.result else {"error": r.routing.error},
             "missing": r.missing} for r in rows]})


class PromptAnswerInput(serializers.Serializer):
    code = serializers.CharField()
    answer = serializers.ChoiceField(choices=["accept", "decline"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BandDecisionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    band = serializers.ChoiceField(choices=Band.choices)
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    prompts = PromptAnswerInput(many=True, required=False, default=list)
    ror_judgement = serializers.ChoiceField(choices=["", "low", "high"], required=False, default="")
    ror_reason = serializers.CharField(required=False, allow_blank=True, default="")


def _decision_dict(d: BandDecision) -> dict:
    return {"band": d.band, "proposed_band": d.proposed_band, "previous_band": d.previous_band,
            "event": d.event, "overridden": d.overridden, "rationale": d.rationale,
            "prompts": d.prompts, "reasons": d.reasons, "decided_at": d.decided_at,
            "decided_by": d.decided_by.username}


class CaseBanding(APIView):
    """A case's OGRS3, proposed band with reasons and prompts, and band history (§4)."""

    access_rule = AccessRule(read=BAND_READERS, write=MANAGERS)
    permission_classes = [DeclaredRulePermission]

    def _body(self, person):
        context = services.band_context(person, timezone.localdate())
        picture, proposal, review = context.picture, context.proposal, context.review
        return {
            "crn": person.crn, "version": person.version, "band": person.band or None,
            "band_confirmed_at": person.band_confirmed_at,
            "ogrs3": picture.ogrs3.as_dict() if picture.ogrs3 else None,
            "ogrs3_missing": picture.ogrs3_missing or None,
            "proposal": proposal.as_dict() if proposal else None,
            "proposal_missing": picture.band_missing or None,
            "open_review": {"title": review.title, "due_on": review.due_on, **review.data}
            if review else None,
            "history": [_decision_dict(d) for d in selectors.band_history(person)],
        }

    @extend_schema(parameters=[CRN], responses=dict)
    def get(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-banding")
        return Response(self._body(person))

    @extend_schema(parameters=[CRN], request=BandDecisionInput,
                   responses={201: OpenApiResponse(dict, "The band decided (a new decision in the "
                                                         "history) and the banding as it now is.")})
    def post(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-banding")
        data = BandDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        choice = services.BandChoice(
            band=v["band"], rationale=v["rationale"], ror_judgement=v["ror_judgement"],
            ror_reason=v["ror_reason"],
            answers={p["code"]: PromptAnswer(p["answer"], p["note"]) for p in v["prompts"]})
        try:
            services.decide_band(user=request.user, person=person, choice=choice,
                                 expected_version=v["version"], request=request)
        except services.DecisionRefused as error:
            raise _refused(error) from error
        except StaleRecordError as error:
            return _conflict(person, error)
        person.refresh_from_db()
        return Response(self._body(person), status=status.HTTP_201_CREATED)


class AssignmentInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    officer = IdField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    acknowledged = serializers.BooleanField(required=False, default=False)
    acknowledgement = serializers.CharField(required=False, allow_blank=True, default="")


class CaseAssignment(APIView):
    """Candidate officers ranked by the matching rules, and assignment (§3.3, §16)."""

    access_rule = AccessRule(read=ALLOCATORS | {Role.AUDITOR}, write=MANAGERS)
    permission_classes = [DeclaredRulePermission]

    def _body(self, person, all_teams=False):
        ranking = candidates_for(person, all_teams=all_teams)
        return {
            "crn": person.crn, "version": person.version,
            "responsible_officer": person.responsible_officer_id,
            "case_points": ranking.case_points, "complexity": list(ranking.complexity),
            "reasons": [r.as_dict() for r in ranking.reasons],
            "candidates": [{
                "officer": row.staff.pk, "name": row.staff.name, "grade": row.staff.grade,
                "rank": row.candidate.rank, "score": row.candidate.score,
                "score_terms": [t.as_dict() for t in row.candidate.terms],
                "reasons": [r.as_dict() for r in row.candidate.reasons],
                "caseload": row.caseload,
                "points_now": row.candidate.points_now, "points_after": row.candidate.points_after,
                "capacity_points": row.capacity_points,
                "capacity_percent_now": row.candidate.capacity_percent_now,
                "capacity_percent_after": row.candidate.capacity_percent_after,
                "warnings": [w.as_dict() for w in row.candidate.warnings],
            } for row in ranking.rows],
            "history": [{"officer": a.officer_id, "previous_officer": a.previous_officer_id,
                         "reassignment": a.reassignment, "reason": a.reason,
                         "warnings": a.warnings, "acknowledgement": a.acknowledgement,
                         "decided_at": a.decided_at}
                        for a in selectors.assignment_history(person)],
        }

    @extend_schema(parameters=[CRN, OpenApiParameter("teams", str, enum=["all"])], responses=dict)
    def get(self, request, crn: str):
        teams = request.query_params.get("teams")
        if teams not in (None, "all"):
            raise ValidationError({"teams": ['Leave it out for the case\'s own teams, or send "all".']})
        person = case_for(request.user, crn, request=request, page="api-assignment")
        return Response(self._body(person, teams == "all"))

    @extend_schema(parameters=[CRN], request=AssignmentInput,
                   responses={201: OpenApiResponse(dict, "The assignment recorded and the "
                                                         "candidates as they now are.")})
    def post(self, request, crn: str):
        person = case_for(request.user, crn, request=request, page="api-assignment")
        data = AssignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            services.assign(user=request.user, person=person, request=request,
                            expected_version=v["version"], choice=services.AssignChoice(
                                officer_id=v["officer"], reason=v["reason"],
                                acknowledged=v["acknowledged"],
                                acknowledgement=v["acknowledgement"]))
        except services.DecisionRefused as error:
            raise _refused(error) from error
        except StaleRecordError as error:
            return _conflict(person, error)
        person.refresh_from_db()
        return Response(self._body(person), status=status.HTTP_201_CREATED)
