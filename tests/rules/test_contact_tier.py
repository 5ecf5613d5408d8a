"""Contact gaps under a provider's tiering policy (operating model §10, ADR 0013): the reasons
name the tier whose contact level is the band's. Written from the survivors of `make mutation
MODULES=contact` (2026-12-03): no rules test passed a tier."""

from __future__ import annotations

import datetime as dt

from desist.rules.contact import DEFAULT_MAX_DAYS_BETWEEN_CONTACTS, ContactInput, check_contact

AS_OF = dt.date(2026, 12, 3)
START = dt.date(2026, 9, 1)
RED = DEFAULT_MAX_DAYS_BETWEEN_CONTACTS["red"]


def test_an_overdue_gap_names_the_tier():
    last = AS_OF - dt.timedelta(days=RED + 1)
    result = check_contact(ContactInput("red", AS_OF, last, START, tier="A2"))
    assert (result.overdue, result.days_over) == (True, 1)
    assert result.reasons[0].text.endswith(
        f"({RED + 1} days ago). Tier A2 allows at most {RED} days between meaningful contacts, "
        "so contact is 1 day overdue: offer an appointment now.")


def test_a_gap_within_the_allowance_names_the_tier_and_without_one_the_band():
    last = AS_OF - dt.timedelta(days=RED)
    tiered = check_contact(ContactInput("red", AS_OF, last, START, tier="A2"))
    assert tiered.reasons[0].text == (
        f"Last meaningful contact {RED} days ago: within the {RED} days tier A2 allows between "
        "meaningful contacts.")
    banded = check_contact(ContactInput("red", AS_OF, last, START))
    assert banded.reasons[0].text == (
        f"Last meaningful contact {RED} days ago: within the {RED} days the red band allows "
        "between meaningful contacts.")
    no_contact = check_contact(ContactInput("red", AS_OF, None, AS_OF - dt.timedelta(days=2),
                                            tier="A2"))
    assert no_contact.reasons[0].text.endswith(
        f"(2 days ago): within the {RED} days tier A2 allows between meaningful contacts.")
