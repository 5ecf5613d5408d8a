"""Reads of people for pages and the API. Always start from ``access.selectors.visible_cases``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Lower

from desist.access.selectors import visible_cases
from desist.sentences.models import Sentence

from .models import Registration
from .search import search_condition

TEXT_SORTS = {"last_name", "first_name", "crn", "band"}
SORTS = {
    "name": ("last_name", "first_name", "crn"),
    "crn": ("crn",),
    "rosh": ("rosh_rank", "last_name", "crn"),
    "band": ("band", "last_name", "crn"),
    "last_contact": ("last_contact_on", "crn"),
    "officer": ("responsible_officer__user__last_name", "last_name", "crn"),
}


@dataclass(frozen=True)
class CaseloadQuery:
    """What the caseload list was asked for; validated by the form."""

    search: str = ""
    scope: str = "mine"  # mine / team / all
    band: str = ""
    rosh: str = ""
    sort: str = "name"
    descending: bool = False


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


def case_detail(person):
    """The person, already access-checked, with everything the API's detail view shows."""
    return (
        type(person)._default_manager.prefetch_related(
            "registrations", "sentences__requirements", "sentences__offences"
        )
        .select_related("local_authority", "responsible_officer__user")
        .get(pk=person.pk)
    )


def case_overview(person):
    """The person's sentences (requirements, offences) and active registrations, in few queries."""
    sentences = list(
        person.sentences.prefetch_related("requirements", "offences").order_by("-sentence_date", "-pk")
    )
    registrations = list(person.registrations.order_by("end_date", "-start_date"))
    return sentences, registrations
