"""People: the reads that start from the user's case scope (ADR 0017).

Moved from ``desist.people.selectors`` so that the app's own modules never reach the scope;
the app's selectors keep the reads that are given their rows.
"""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Lower

from desist.people.models import Registration
from desist.people.search import search_condition
from desist.people.selectors import SORTS, TEXT_SORTS, CaseloadQuery
from desist.scopes.cases import visible_cases
from desist.sentences.models import Sentence


def caseload(user, query: CaseloadQuery) -> QuerySet:
    cases = visible_cases(user).filter(active=True)
    staff = user.staff
    if query.scope == "mine":
        cases = cases.filter(responsible_officer_id=staff.pk)
    elif query.scope == "team" and staff.team_id:
        cases = cases.filter(team_id=staff.team_id)
    if query.search:
        cases = cases.filter(search_condition(query.search))
    if query.band:
        cases = cases.filter(band=query.band)
    if query.rosh:
        cases = cases.filter(rosh=query.rosh)
    latest = Sentence.objects.filter(person=OuterRef("pk")).order_by("-sentence_date", "-pk")
    cases = cases.annotate(
        sentence_type=Subquery(latest.values("type")[:1]),
        rosh_rank=Case(
            When(rosh="very_high", then=Value(0)), When(rosh="high", then=Value(1)),
            When(rosh="medium", then=Value(2)), When(rosh="low", then=Value(3)),
            default=Value(4), output_field=IntegerField(),
        ),
    ).select_related("responsible_officer__user", "team")
    cases = cases.prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(end_date__isnull=True).order_by("type"),
            to_attr="active_registrations",
        )
    )
    order = [F(field) for field in SORTS.get(query.sort, SORTS["name"])]
    if query.search:
        # Search results are read from the name indexes and then sorted (a few thousand rows at
        # most). Sorting on the lower-cased text, which no index provides, keeps PostgreSQL from
        # walking the whole caseload in name order hoping to meet "Stobbart" early (issue 23).
        order = [Lower(f.name) if f.name in TEXT_SORTS else f for f in order]
    return cases.order_by(*(o.desc() if query.descending else o.asc() for o in order))
