"""Reads of people for pages and the API. The caseload scoped to a user is in
``desist.scopes.people`` (it starts from ``scopes.cases.visible_cases``)."""

from __future__ import annotations

from dataclasses import dataclass

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
