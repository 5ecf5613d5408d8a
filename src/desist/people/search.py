"""Finding a case by name or CRN, the way practitioners type it (issue 12, item 11).

"Charlton", "Charl", "Joseph Charlton", "Charlton, Joseph", "Jo Charl" and "X123456" all find
Joseph Charlton. Every form is a prefix match on the lower-cased name keys
(``Person.last_name_key`` / ``first_name_key``), which carry pattern indexes, or an exact CRN
(unique index): a search reads the matching index ranges, never the whole caseload (ADR 0003).
"""

from __future__ import annotations

from django.db.models import Q

# Longer than any name or CRN anyone types; a longer query is refused with a message rather
# than ignored (ignoring it would list the whole caseload as if it matched).
MAX_QUERY_LENGTH = 100
# "Anne Marie Smith-Jones" is four words at most in practice; beyond this a query is not a name.
MAX_WORDS = 6


def search_condition(term: str, via: str = "") -> Q:
    """The cases matching ``term``, as a condition on Person (or on ``via``'s Person)."""
    prefix = f"{via}__" if via else ""

    def surname(value: str) -> Q:
        return Q(**{f"{prefix}last_name_key__startswith": value})

    def forename(value: str) -> Q:
        return Q(**{f"{prefix}first_name_key__startswith": value})

    term = " ".join(term.split())
    if not term:
        return Q()
    if "," in term:  # "Charlton, Joseph": surname first, as on a list or a court register
        last, _comma, first = term.partition(",")
        last, first = " ".join(last.lower().split()), " ".join(first.lower().split())
        condition = surname(last) if last else Q()
        return condition & forename(first) if first else condition
    words = term.lower().split()[:MAX_WORDS]
    whole = " ".join(words)
    if len(words) == 1:
        return (Q(**{f"{prefix}crn": term.upper()}) | surname(whole) | forename(whole))
    # "Joseph Charlton", "Mary Ann Smith": every split into forenames then surname, and the
    # whole as a surname ("De Souza").
    condition = surname(whole)
    for split in range(1, len(words)):
        condition |= forename(" ".join(words[:split])) & surname(" ".join(words[split:]))
    return condition
