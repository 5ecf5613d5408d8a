"""Insight over the JSON API (§17): the same figures and drill-downs as the pages, for managers."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule, not_a_case
from desist.audit import events
from desist.scopes import insight as scoped

from . import selectors, services
from .views import READERS

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class PeriodFilters(serializers.Serializer):
    # "from" is a Python keyword, so the field is declared under its query name below.
    to = serializers.RegexField(MONTH, required=False, help_text="Last month, YYYY-MM.")
    office = serializers.IntegerField(min_value=1, max_value=2_147_483_647, required=False,
                                      help_text="An office (venue) id.")
    by = serializers.CharField(required=False, max_length=20,
                               help_text="Group by: venue, team, grade, gender, band, "
                                         "ethnicity, religion, disability or age_group.")

    @classmethod
    def read(cls, request) -> tuple[selectors.Period, str]:
        known = {k: request.query_params[k] for k in ("from", "to", "office", "by")
                 if k in request.query_params}
        checked = cls(data=known)
        checked.is_valid(raise_exception=True)
        from .forms import PeriodForm

        form = PeriodForm(request.query_params, offices=selectors.offices(
            request.user.staff.provider_id))
        return form.period(timezone.localdate()), checked.validated_data.get("by", "")


PeriodFilters._declared_fields["from"] = serializers.RegexField(
    MONTH, required=False, help_text="First month, YYYY-MM (default: 11 months before 'to').")


class FigureFilters(PeriodFilters):
    section = serializers.ChoiceField(choices=selectors.SECTIONS)
    measure = serializers.CharField(max_length=80)
    dim = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")
    value = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    which = serializers.ChoiceField(choices=["all", "met"], required=False, default="all")
    page = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False, default=1,
                                    help_text="Page of 100 cases.")


FIGURES = inline_serializer("InsightFigures", {
    "refreshed_at": serializers.DateTimeField(allow_null=True),
    "rows": serializers.ListField(child=serializers.DictField())})


def _rows(rows: list[dict]) -> list[dict]:
    keep = ("measure", "dim", "value", "group", "total", "met", "percent", "median",
            "suppressed", "target", "meets_target")
    return [{k: (str(v) if k == "group" and v is not None else v) for k, v in r.items()
             if k in keep} for r in rows]


class _Section(APIView):
    access_rule = AccessRule(read=READERS)
    permission_classes = [DeclaredRulePermission]

    def respond(self, request, rows):
        refresh = selectors.last_refresh(request.user.staff.provider_id)
        return Response({"refreshed_at": refresh.finished_at if refresh else None,
                         "rows": _rows(rows)})


class ServiceLevels(_Section):
    """Each service level for the period and office, against its target (§17)."""

    @extend_schema(parameters=[PeriodFilters], responses=FIGURES)
    def get(self, request):
        period, _by = PeriodFilters.read(request)
        rows = []
        for r in selectors.service_levels(request.user.staff.provider_id, period):
            res = r["result"]
            rows.append({"measure": r["measure"], "total": res.total, "met": res.met,
                         "percent": res.percent, "target": res.target,
                         "meets_target": res.meets_target})
        return self.respond(request, rows)


def _grouped(name: str, dims: tuple[str, ...]):
    fetch = getattr(selectors, name)

    class Grouped(_Section):
        @extend_schema(parameters=[PeriodFilters], responses=FIGURES,
                       operation_id=f"insight_{name}")
        def get(self, request):
            period, by = PeriodFilters.read(request)
            return self.respond(request, fetch(request.user.staff.provider_id, period,
                                               by if by in dims else dims[0]))

    Grouped.__name__ = Grouped.__qualname__ = name.title()
    Grouped.__doc__ = f"Insight {name} by group (§17)."
    return Grouped


Timeliness = _grouped("timeliness", selectors.TIMELINESS_DIMS)
Needs = _grouped("needs", selectors.NEEDS_DIMS)
Equality = _grouped("equality", selectors.EQUALITY_DIMS)


class Cases(_Section):
    """The cases behind one figure; restricted cases the caller may not see are counted only."""

    @extend_schema(parameters=[FigureFilters], responses=inline_serializer("InsightCases", {
        "counted": serializers.IntegerField(), "hidden": serializers.IntegerField(),
        "page": serializers.IntegerField(), "pages": serializers.IntegerField(),
        "results": serializers.ListField(child=serializers.DictField())}))
    def get(self, request):
        period, _by = PeriodFilters.read(request)
        checked = FigureFilters(data={k: request.query_params[k] for k in (
            "section", "measure", "dim", "value", "which", "page") if k in request.query_params})
        checked.is_valid(raise_exception=True)
        d = checked.validated_data
        figure = selectors.Figure(d["section"], d["measure"], d["dim"], d["value"], d["which"])
        pid = request.user.staff.provider_id
        try:
            if selectors.figure_suppressed(pid, period, figure):
                raise Http404("That figure is too small to show")
            result = scoped.drill_down(request.user, pid, period, figure, page=d["page"])
        except selectors.UnknownFigure as exc:
            raise Http404("No such figure") from exc
        crns = [r["person__crn"] for r in result.rows]
        events.caseload_listed(user=request.user, crns=crns, request=request,
                               query={"api": "insight-cases", **{k: str(v) for k, v in d.items()}})
        return Response({"counted": result.counted, "hidden": result.hidden,
                         "page": result.page, "pages": result.pages, "results": [
            {"crn": r["person__crn"], "name": f"{r['person__first_name']} {r['person__last_name']}",
             "office": r["venue__name"]} for r in result.rows]})


class RefreshInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="",
                                 help_text="Why the figures are refreshed now (audited).")

    def validate_note(self, value):
        if not isinstance(self.initial_data.get("note", ""), str):  # not 0 coerced to "0"
            raise serializers.ValidationError("Send the note as text.")
        return value


class Refresh(APIView):
    """Rebuild the provider's insight figures now (§17)."""

    access_rule = AccessRule(write=READERS)
    permission_classes = [DeclaredRulePermission]
    case_of = staticmethod(not_a_case)

    @extend_schema(request=RefreshInput, responses={201: inline_serializer("InsightRefresh", {
        "finished_at": serializers.DateTimeField(), "counts": serializers.DictField()})})
    def post(self, request):
        data = RefreshInput(data=request.data)  # JSON null is a 400, not "no note"
        data.is_valid(raise_exception=True)
        run = services.insight_refresh(provider_id=request.user.staff.provider_id,
                                       acting_user=request.user, trigger="manager",
                                       note=data.validated_data["note"], request=request)
        return Response({"finished_at": run.finished_at, "counts": run.counts},
                        status=status.HTTP_201_CREATED)
