"""Insight reads: every figure on the dashboards, and the cases behind each (§17).

Each figure is defined once, by :func:`figure_rows`: the fact rows it counts. The refresh counts
those rows into monthly ``Summary`` rows per office and group (:mod:`desist.insight.summary`), which
the dashboards sum (a few hundred rows, however large the caseload); the drill-down lists the same
fact rows (minus the restricted cases the user may not see, which are counted and said to be
hidden). So a figure and its list cannot disagree.

The reads that start from the user's case scope are in ``desist.scopes.insight`` (ADR 0017).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from desist.organisation.models import Team, Venue
from desist.rules import insight as rules

from .choices import SentenceOutcome, ServiceLevelMeasure, TimelinessMeasure
from .models import CaseFact, NeedFact, Refresh, ServiceLevelTarget, Summary, TimelinessFact

SERVICE_LEVELS = "service-levels"
TIMELINESS = "timeliness"
NEEDS = "needs"
EQUALITY = "equality"
SECTIONS = (SERVICE_LEVELS, TIMELINESS, NEEDS, EQUALITY)

TIMELINESS_DIMS = ("venue", "team", "grade")
NEEDS_DIMS = ("venue", "gender", "band", "tier")
EQUALITY_DIMS = ("gender", "ethnicity", "religion", "disability", "age_group")
EQUALITY_MEASURES = ("completion", "enforcement", "recall")

_SL_DATE = {
    rules.CO_SSO_COMPLETION: "ended_on",
    rules.LICENCE_PSS_COMPLETION: "ended_on",
    rules.UPW_COMPLETION: "upw_due_on",
    rules.RESETTLEMENT_ON_TIME: "resettlement_due_on",
}
_SL_BASE = {
    rules.CO_SSO_COMPLETION: Q(sentence_kind__in=("community_order", "sso")),
    rules.LICENCE_PSS_COMPLETION: Q(sentence_kind__in=("licence", "pss")),
    rules.UPW_COMPLETION: Q(upw_completed__isnull=False),
    rules.RESETTLEMENT_ON_TIME: Q(resettlement_on_time__isnull=False),
}
_SL_MET = {
    rules.CO_SSO_COMPLETION: Q(outcome="successful"),
    rules.LICENCE_PSS_COMPLETION: Q(outcome="successful"),
    rules.UPW_COMPLETION: Q(upw_completed=True),
    rules.RESETTLEMENT_ON_TIME: Q(resettlement_on_time=True),
}
_EQ_BASE = {
    "completion": Q(ended_on__isnull=False) & ~Q(sentence_kind__in=("", "custody")),
    "enforcement": Q(),
    "recall": Q(sentence_kind__in=("licence", "pss")),
}
_EQ_MET = {"completion": Q(outcome="successful"), "enforcement": Q(enforced=True),
           "recall": Q(recalled=True)}


@dataclass(frozen=True)
class Period:
    """Whole months ``start`` (first day) to ``end`` (last day), and an optional office."""

    start: dt.date
    end: dt.date
    venue_id: int | None = None


@dataclass(frozen=True)
class Figure:
    """One figure: a section, its measure, an optional group, and all cases or those met."""

    section: str
    measure: str
    dim: str = ""
    value: str = ""
    which: str = "all"  # "all" (the denominator) or "met" (the numerator)


class UnknownFigure(ValueError):
    pass


def _group_q(dim: str, value: str) -> Q:
    if not dim:
        return Q()
    if dim in ("venue", "team"):
        return Q(**{f"{dim}__isnull": True}) if value == "" else Q(**{f"{dim}_id": int(value)})
    if dim == "disability":
        return Q(disability=value == "True")
    return Q(**{dim: value})


def _base(provider_id: int, period: Period, figure: Figure) -> tuple[QuerySet, Q]:
    office = Q(venue_id=period.venue_id) if period.venue_id else Q()
    in_period = {"__gte": period.start, "__lte": period.end}
    if figure.section == SERVICE_LEVELS and figure.measure in rules.SERVICE_LEVELS:
        field = _SL_DATE[figure.measure]
        qs = CaseFact.objects.filter(
            _SL_BASE[figure.measure], office, provider_id=provider_id,
            **{field + k: v for k, v in in_period.items()})
        return qs, _SL_MET[figure.measure]
    if figure.section == TIMELINESS and figure.measure in rules.TIMELINESS:
        qs = TimelinessFact.objects.filter(
            office, provider_id=provider_id, measure=figure.measure,
            due__gte=period.start, due__lte=period.end).exclude(status=rules.PENDING)
        return qs, Q(status=rules.ON_TIME)
    if figure.section == NEEDS and ":" in figure.measure:
        kind, code = figure.measure.split(":", 1)
        qs = NeedFact.objects.filter(office, provider_id=provider_id, kind=kind, code=code)
        return qs, Q(delivered=True)
    if figure.section == EQUALITY and figure.measure in EQUALITY_MEASURES:
        qs = CaseFact.objects.filter(_EQ_BASE[figure.measure], office, provider_id=provider_id)
        if figure.measure == "completion":
            qs = qs.filter(ended_on__gte=period.start, ended_on__lte=period.end)
        return qs, _EQ_MET[figure.measure]
    raise UnknownFigure(figure.measure)


def figure_rows(provider_id: int, period: Period, figure: Figure) -> QuerySet:
    """The fact rows a figure counts (restricted cases included)."""
    dims = {TIMELINESS: TIMELINESS_DIMS, NEEDS: NEEDS_DIMS, EQUALITY: EQUALITY_DIMS}
    if figure.dim and figure.dim not in dims.get(figure.section, ()):
        raise UnknownFigure(figure.dim)
    try:
        group = _group_q(figure.dim, figure.value)
    except ValueError as exc:
        raise UnknownFigure(figure.value) from exc
    qs, met = _base(provider_id, period, figure)
    qs = qs.filter(group)
    return qs.filter(met) if figure.which == "met" else qs


# --------------------------------------------------------------------------------------------
# Dashboards
# --------------------------------------------------------------------------------------------


def last_refresh(provider_id: int) -> Refresh | None:
    return (Refresh.objects.filter(provider_id=provider_id, finished_at__isnull=False)
            .order_by("-finished_at").first())


def targets(provider_id: int) -> dict[str, int]:
    """The target in force for each service level: the latest set, else the default (§17)."""
    result = dict(rules.DEFAULT_TARGETS)
    seen = set()
    for measure, value in (ServiceLevelTarget.objects.filter(provider_id=provider_id)
                           .order_by("-set_at", "-pk").values_list("measure", "target_percent")):
        if measure not in seen:
            seen.add(measure)
            result[measure] = value
    return result


def target_history(provider_id: int) -> list[ServiceLevelTarget]:
    return list(ServiceLevelTarget.objects.filter(provider_id=provider_id)
                .select_related("set_by")[:50])


def offices(provider_id: int) -> list[tuple[int, str]]:
    return list(Venue.objects.filter(provider_id=provider_id, kind="office")
                .values_list("pk", "name")) or list(
        Venue.objects.filter(provider_id=provider_id).values_list("pk", "name"))


def _names(dim: str, provider_id: int) -> dict:
    if dim == "venue":
        return dict(Venue.objects.filter(provider_id=provider_id).values_list("pk", "name"))
    if dim == "team":
        return dict(Team.objects.filter(provider_id=provider_id).values_list("pk", "name"))
    return {}


def service_levels(provider_id: int, period: Period,
                   trend: dict[str, list[dict]] | None = None) -> list[dict]:
    """Each service level for the period and office, against its target. The period is whole
    months, so the totals are the sums of the month-by-month trend (given, or read here)."""
    in_force = targets(provider_id)
    trend = trend if trend is not None else service_level_trend(provider_id, period)
    rows = []
    for measure in rules.SERVICE_LEVELS:
        met = sum(p["met"] for p in trend[measure])
        total = sum(p["total"] for p in trend[measure])
        result = rules.against_target(measure, met, total, in_force[measure])
        rows.append({"measure": measure, "label": ServiceLevelMeasure(measure).label,
                     "result": result})
    return rows


def months(period: Period) -> list[dt.date]:
    out, day = [], period.start.replace(day=1)
    while day <= period.end:
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def _summaries(provider_id: int, period: Period, section: str, dim: str) -> QuerySet:
    qs = Summary.objects.filter(provider_id=provider_id, section=section, dim=dim)
    return qs.filter(venue_id=period.venue_id) if period.venue_id else qs


def _in_months(period: Period) -> Q:
    return Q(month__gte=period.start.replace(day=1), month__lte=period.end)


def service_level_trend(provider_id: int, period: Period) -> dict[str, list[dict]]:
    """Each service level month by month: one read of the summary rows."""
    got = {(r["measure"], r["month"]): r for r in
           _summaries(provider_id, period, SERVICE_LEVELS, "").filter(_in_months(period))
           .values("measure", "month").annotate(total=Sum("total"), met=Sum("met"))
           .order_by()}
    trend = {}
    for measure in rules.SERVICE_LEVELS:
        points = []
        for m in months(period):
            r = got.get((measure, m), {"total": 0, "met": 0})
            points.append({"month": m, "total": r["total"], "met": r["met"],
                           "percent": rules.percent(r["met"], r["total"])})
        trend[measure] = points
    return trend


def _month(value) -> dt.date:
    return value.date().replace(day=1) if isinstance(value, dt.datetime) else value.replace(day=1)


def _group(dim: str, raw, names: dict) -> tuple[str, object]:
    """A summary row's group as the figure's ``value`` (for links) and its ``group`` (for
    labels): office and team names, other groups as recorded."""
    if dim in ("venue", "team"):
        key = raw if dim == "venue" else (int(raw) if raw else None)
        return ("" if key is None else str(key)), (names.get(key, key) if key else None)
    return raw, (raw or None)


def timeliness(provider_id: int, period: Period, dim: str) -> list[dict]:
    """Each step by office, team or grade: counted, on time, % on time and median working days
    (exact: from the summaries' histograms of working days)."""
    if dim not in TIMELINESS_DIMS:
        raise UnknownFigure(dim)
    key = "venue_id" if dim == "venue" else "value"
    grouped: dict[tuple, list] = {}
    for measure, raw, total, met, days in (
            _summaries(provider_id, period, TIMELINESS, "" if dim == "venue" else dim)
            .filter(_in_months(period)).values_list("measure", key, "total", "met", "days")):
        g = grouped.setdefault((measure, raw), [0, 0, Counter()])
        g[0] += total
        g[1] += met
        g[2].update({int(d): n for d, n in days.items()})
    names = _names(dim, provider_id)
    order = {m: i for i, m in enumerate(rules.TIMELINESS)}
    rows = []
    for (measure, raw), (total, met, days) in grouped.items():
        value, group = _group(dim, raw, names)
        rows.append({"measure": measure, "label": TimelinessMeasure(measure).label,
                     "dim": dim, "value": value, "group": group, "total": total, "met": met,
                     "percent": rules.percent(met, total),
                     "median": rules.median_of_counts(days)})
    rows.sort(key=lambda r: (order[r["measure"]], str(r["group"] or "")))
    return rows


def needs_dims(provider_id: int) -> tuple[str, ...]:
    """The groupings the needs dashboard offers: by colour band or by tier as the provider
    prioritises (ADR 0013), both during a transition."""
    from desist.tiering.selectors import policy_for

    policy = policy_for(provider_id)
    hidden = {"band": not policy.shows_band, "tier": not policy.shows_tier}
    return tuple(d for d in NEEDS_DIMS if not hidden.get(d))


def needs(provider_id: int, period: Period, dim: str) -> list[dict]:
    """Each assessed need by office, gender or band: cases with it, and % delivered sufficiently."""
    if dim not in NEEDS_DIMS:
        raise UnknownFigure(dim)
    key = "venue_id" if dim == "venue" else "value"
    names = _names(dim, provider_id)
    grouped = (_summaries(provider_id, period, NEEDS, "" if dim == "venue" else dim)
               .values("measure", key).annotate(total=Sum("total"), met=Sum("met")).order_by())
    rows = []
    for r in grouped:
        kind, code = r["measure"].split(":", 1)
        value, group = _group(dim, r[key], names)
        rows.append({"kind": kind, "code": code, "measure": r["measure"], "dim": dim,
                     "value": value, "group": group, "total": r["total"], "met": r["met"],
                     "percent": rules.percent(r["met"], r["total"])})
    rows.sort(key=lambda r: (r["kind"], r["code"], str(r["group"] or "")))
    return rows


def equality(provider_id: int, period: Period, dim: str) -> list[dict]:
    """Outcomes, enforcement and recall by a protected characteristic, small counts suppressed."""
    if dim not in EQUALITY_DIMS:
        raise UnknownFigure(dim)
    # Completion counts the sentences ended in the period; enforcement and recall every case
    # (the same conditions as figure_rows, so the table and the drill-down agree).
    in_period = (Q(measure="completion") & _in_months(period)) | Q(
        measure__in=("enforcement", "recall"))
    got = {(r["measure"], r["value"]): r for r in
           _summaries(provider_id, period, EQUALITY, dim).filter(in_period)
           .values("measure", "value").annotate(total=Sum("total"), met=Sum("met")).order_by()}
    rows = []
    for measure in EQUALITY_MEASURES:
        for value in sorted(v for m, v in got if m == measure):
            total, met = got[(measure, value)]["total"], got[(measure, value)]["met"]
            if not total:
                continue
            shown = rules.suppress(met, total)
            rows.append({"measure": measure, "dim": dim, "value": value,
                         "group": value, "met": shown.count, "percent": shown.rate,
                         "total": None if total < rules.SUPPRESS_BELOW else total,
                         "suppressed": shown.suppressed, "reasons": shown.reasons})
    return rows


def figure_suppressed(provider_id: int, period: Period, figure: Figure) -> bool:
    """An equality figure whose count is suppressed may not be listed either (its counts from
    the summary rows, which are the counts of its fact rows)."""
    if figure.section != EQUALITY:
        return False
    if figure.measure not in EQUALITY_MEASURES or (figure.dim and
                                                   figure.dim not in EQUALITY_DIMS):
        raise UnknownFigure(figure.measure)
    qs = _summaries(provider_id, period, EQUALITY, figure.dim or EQUALITY_DIMS[0]).filter(
        measure=figure.measure)
    if figure.dim:
        qs = qs.filter(value=figure.value)
    if figure.measure == "completion":
        qs = qs.filter(_in_months(period))
    got = qs.aggregate(total=Sum("total"), met=Sum("met"))
    total, met = got["total"] or 0, got["met"] or 0
    return rules.suppress(met, total).suppressed and (
        figure.which == "met" or total < rules.SUPPRESS_BELOW)


# --------------------------------------------------------------------------------------------
# Drill-down
# --------------------------------------------------------------------------------------------


PAGE_SIZE = 100


@dataclass(frozen=True)
class DrillDown:
    counted: int
    hidden: int
    rows: list[dict]
    page: int = 1
    pages: int = 1


OUTCOME_LABELS = tuple(SentenceOutcome.choices)


def area_titles(provider_id: int) -> dict[str, str]:
    """Self-assessment area titles from the provider's instruments (latest wins)."""
    from desist.assessment.models import Instrument

    titles: dict[str, str] = {}
    for definition in (Instrument.objects.filter(provider_id=provider_id)
                       .order_by("created_at", "pk").values_list("definition", flat=True)):
        for area in (definition or {}).get("areas", []):
            if isinstance(area, dict) and area.get("code"):
                titles[area["code"]] = area.get("title") or area["code"]
    return titles
