"""Insight pages for managers (§17): service levels, timeliness, needs, equality, drill-down."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from desist.access.rules import allow, not_a_case
from desist.audit import events
from desist.dates import format_date
from desist.errors import Refused
from desist.organisation.roles import MANAGERS
from desist.rules import insight as rules
from desist.scopes import insight as scoped

from . import presentation as p
from . import selectors, services
from .choices import ServiceLevelMeasure, TimelinessStatus
from .forms import PeriodForm, TargetForm

READERS = MANAGERS


def _provider_id(request) -> int:
    return request.user.staff.provider_id


def _period(request) -> tuple[PeriodForm, selectors.Period]:
    form = PeriodForm(request.GET or None, offices=selectors.offices(_provider_id(request)))
    return form, form.period(timezone.localdate())


def _page(request, template: str, section: str, tables: list[p.Table], form, extra=None):
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        response = HttpResponse(p.as_csv(tables), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="insight-{section}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(p.as_xlsx(tables), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f'attachment; filename="insight-{section}.xlsx"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, template, {
        "section": section, "tables": tables, "form": form,
        "refresh": selectors.last_refresh(_provider_id(request)),
        "query": query.urlencode(), **(extra or {}),
    })


@allow(read=READERS)
@require_http_methods(["GET"])
def service_levels(request):
    form, period = _period(request)
    pid = _provider_id(request)
    trend = selectors.service_level_trend(pid, period)
    rows = selectors.service_levels(pid, period, trend)
    table = p.Table(_("Service levels against target"), [
        _("Service level"), _("Cases due"), _("Met"), _("Per cent"), _("Target"),
        _("Against target")], key=_("Service levels"))
    for row in rows:
        r = row["result"]
        verdict = (_("Not measured") if r.meets_target is None
                   else _("Meets target") if r.meets_target else _("Below target"))
        table.rows.append([
            p.Cell(str(row["label"])),
            p.Cell(p.number(r.total), p.cases_link(period, "service-levels", row["measure"]),
                   numeric=True),
            p.Cell(p.number(r.met), p.cases_link(period, "service-levels", row["measure"],
                                                 which="met"), numeric=True),
            p.Cell(p.number(r.percent, "%"), numeric=True),
            p.Cell(p.number(r.target, "%"), numeric=True),
            p.Cell(verdict)])
        table.chart.append({"label": str(row["label"]), "percent": r.percent,
                            "target": r.target})
    tables = [table]
    for measure, points in trend.items():
        t = p.Table(_("%(level)s by month") % {"level": ServiceLevelMeasure(measure).label},
                    [_("Month"), _("Cases due"), _("Met"), _("Per cent")],
                    key=_("Trend %(n)d") % {"n": rules.SERVICE_LEVELS.index(measure) + 1})
        for point in points:
            month = selectors.Period(point["month"], _month_end(point["month"]),
                                     period.venue_id)
            t.rows.append([
                p.Cell(format_date(point["month"], "month")),
                p.Cell(p.number(point["total"]),
                       p.cases_link(month, "service-levels", measure), numeric=True),
                p.Cell(p.number(point["met"]),
                       p.cases_link(month, "service-levels", measure, which="met"),
                       numeric=True),
                p.Cell(p.number(point["percent"], "%"), numeric=True)])
            t.chart.append({"label": format_date(point["month"], "short_month"),
                            "percent": point["percent"], "target": None})
        tables.append(t)
    return _page(request, "insight/service_levels.html", "service-levels", tables, form,
                 {"targets": selectors.targets(pid)})


def _month_end(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _dim(request, allowed: tuple[str, ...]) -> str:
    dim = request.GET.get("by", allowed[0])
    return dim if dim in allowed else allowed[0]


@allow(read=READERS)
@require_http_methods(["GET"])
def timeliness(request):
    form, period = _period(request)
    dim = _dim(request, selectors.TIMELINESS_DIMS)
    rows = selectors.timeliness(_provider_id(request), period, dim)
    tables = []
    for measure in rules.TIMELINESS:
        mine = [r for r in rows if r["measure"] == measure]
        if not mine:
            continue
        t = p.Table(_("%(step)s by %(dim)s") % {"step": mine[0]["label"],
                                                "dim": p.dim_title(dim).lower()},
                    [p.dim_title(dim), _("Cases due"), _("On time"), _("Per cent on time"),
                     _("Median working days")], key=str(mine[0]["label"]))
        for r in mine:
            label = p.group_label(dim, r["group"])
            t.rows.append([
                p.Cell(label),
                p.Cell(p.number(r["total"]), p.cases_link(period, "timeliness", measure, dim,
                                                          r["value"]), numeric=True),
                p.Cell(p.number(r["met"]), p.cases_link(period, "timeliness", measure, dim,
                                                        r["value"], "met"), numeric=True),
                p.Cell(p.number(r["percent"], "%"), numeric=True),
                p.Cell(p.number(r["median"]), numeric=True)])
            t.chart.append({"label": label, "percent": r["percent"], "target": None})
        tables.append(t)
    return _page(request, "insight/timeliness.html", "timeliness", tables, form,
                 {"dim": dim, "dims": _dim_items(selectors.TIMELINESS_DIMS, dim)})


def _dim_items(dims, chosen):
    return [{"value": d, "text": p.dim_title(d), "selected": d == chosen} for d in dims]


@allow(read=READERS)
@require_http_methods(["GET"])
def needs(request):
    form, period = _period(request)
    pid = _provider_id(request)
    dims = selectors.needs_dims(pid)
    dim = _dim(request, dims)
    rows = selectors.needs(pid, period, dim)
    areas = selectors.area_titles(pid)
    tables = []
    for kind, caption in (("area", _("Self-assessment areas scored low")),
                          ("risk_factor", _("Risk factors"))):
        t = p.Table(_("%(what)s by %(dim)s: interventions delivered sufficiently") % {
            "what": caption, "dim": p.dim_title(dim).lower()},
            [_("Need"), p.dim_title(dim), _("Cases with the need"),
             _("Delivered sufficiently"), _("Per cent delivered sufficiently")], key=caption)
        for r in (r for r in rows if r["kind"] == kind):
            need = p.need_label(kind, r["code"], areas)
            group = p.group_label(dim, r["group"])
            t.rows.append([
                p.Cell(need), p.Cell(group),
                p.Cell(p.number(r["total"]), p.cases_link(period, "needs", r["measure"], dim,
                                                          r["value"]), numeric=True),
                p.Cell(p.number(r["met"]), p.cases_link(period, "needs", r["measure"], dim,
                                                        r["value"], "met"), numeric=True),
                p.Cell(p.number(r["percent"], "%"), numeric=True)])
            t.chart.append({"label": f"{need}, {group}", "percent": r["percent"],
                            "target": None})
        tables.append(t)
    return _page(request, "insight/needs.html", "needs", tables, form,
                 {"dim": dim, "dims": _dim_items(dims, dim)})


EQUALITY_TITLES = {
    "completion": _("Sentences completed successfully"),
    "enforcement": _("Cases with enforcement action"),
    "recall": _("Licence and post-sentence supervision cases recalled"),
}


@allow(read=READERS)
@require_http_methods(["GET"])
def equality(request):
    form, period = _period(request)
    dim = _dim(request, selectors.EQUALITY_DIMS)
    rows = selectors.equality(_provider_id(request), period, dim)
    tables = []
    for measure in selectors.EQUALITY_MEASURES:
        t = p.Table(_("%(what)s by %(dim)s") % {"what": EQUALITY_TITLES[measure],
                                                 "dim": p.dim_title(dim).lower()},
                    [p.dim_title(dim), _("Cases"), _("Count"), _("Rate")],
                    key=str(EQUALITY_TITLES[measure])[:28])
        for r in (r for r in rows if r["measure"] == measure):
            label = p.group_label(dim, r["group"])
            small = _("Fewer than 5")
            t.rows.append([
                p.Cell(label),
                p.Cell(small if r["total"] is None else p.number(r["total"]),
                       "" if r["total"] is None else p.cases_link(
                           period, "equality", measure, dim, r["value"]), numeric=True),
                p.Cell(small if r["suppressed"] else p.number(r["met"]),
                       "" if r["suppressed"] else p.cases_link(
                           period, "equality", measure, dim, r["value"], "met"), numeric=True),
                p.Cell(_("Not shown") if r["suppressed"] else p.number(r["percent"], "%"),
                       numeric=True)])
            t.chart.append({"label": label, "percent": r["percent"], "target": None})
        tables.append(t)
    return _page(request, "insight/equality.html", "equality", tables, form,
                 {"dim": dim, "dims": _dim_items(selectors.EQUALITY_DIMS, dim)})


@allow(read=READERS)
@require_http_methods(["GET"])
def cases(request):
    """The cases behind one figure; restricted cases the user may not see are counted only."""
    form, period = _period(request)
    g = request.GET
    figure = selectors.Figure(g.get("section", ""), g.get("measure", ""), g.get("dim", ""),
                              g.get("value", ""), "met" if g.get("which") == "met" else "all")
    pid = _provider_id(request)
    try:
        if selectors.figure_suppressed(pid, period, figure):
            raise Http404("That figure is too small to show")
        page = int(g.get("page", "1")) if g.get("page", "1").isdigit() else 1
        result = scoped.drill_down(request.user, pid, period, figure, page=page)
    except selectors.UnknownFigure as exc:
        raise Http404("No such figure") from exc
    events.caseload_listed(user=request.user, crns=[r["person__crn"] for r in result.rows],
                           request=request, query={k: g[k] for k in g})
    table = p.Table(_("Cases"), [_("Person"), _("Office"), _("Result"), _("Due"),
                                 _("Done or ended")])
    for r in result.rows:
        detail = ""
        if "status" in r:
            detail = str(TimelinessStatus(r["status"]).label)
        elif "delivered" in r:
            detail = _("Delivered sufficiently") if r["delivered"] else _("Not delivered")
        elif "outcome" in r:
            detail = str(dict(selectors.OUTCOME_LABELS).get(r["outcome"], ""))
        done = r.get("done") or r.get("ended_on")
        table.rows.append([
            p.Cell(f"{r['person__first_name']} {r['person__last_name']} ({r['person__crn']})",
                   reverse("people:overview", kwargs={"crn": r["person__crn"]})),
            p.Cell(r["venue__name"] or _("No office")), p.Cell(detail or "–"),
            p.Cell(format_date(r["due"], "short") if r.get("due") else "–"),
            p.Cell(format_date(done, "short") if done else "–")])
    return render(request, "insight/cases.html", {
        "form": form, "result": result, "table": table, "figure": figure,
        "back": request.GET.get("section", "service-levels"),
        "next_page": _with_page(request, result.page + 1) if result.page < result.pages else "",
        "previous_page": _with_page(request, result.page - 1) if result.page > 1 else "",
        "refresh": selectors.last_refresh(pid),
    })


def _with_page(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()


@allow(write=READERS, case=not_a_case)
@require_POST
def refresh(request):
    run = services.insight_refresh(provider_id=_provider_id(request), acting_user=request.user,
                                   trigger="manager", request=request)
    messages.success(request, _("Figures refreshed: %(n)s cases") % {
        "n": f"{run.counts['cases']:,}"})
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/insight/") else "insight:service-levels")


@allow(read=READERS, write=READERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def targets(request):
    pid = _provider_id(request)
    form = TargetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.service_level_target_set(
                    provider_id=pid, measure=d["measure"], target_percent=d["target_percent"],
                    reason=d["reason"], acting_user=request.user, request=request)
            except Refused as refusal:
                form.add_refusal(refusal)
            else:
                messages.success(request, _("Target changed"))
                return redirect("insight:targets")
        status = 400
    in_force = selectors.targets(pid)
    return render(request, "insight/targets.html", {
        "form": form, "history": selectors.target_history(pid),
        "in_force": [(ServiceLevelMeasure(m).label, in_force[m], rules.DEFAULT_TARGETS[m])
                     for m in rules.SERVICE_LEVELS],
        "labels": dict(ServiceLevelMeasure.choices),
    }, status=status)
