"""``desist.bulk``: many rows written in one go (COPY and one set-based UPDATE on PostgreSQL,
the ORM on SQLite), with the same result as the ORM row by row."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from desist import bulk
from desist.people.models import Person
from desist.tiering.models import TierCalculation

from . import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_update_rows_sets_each_rows_own_values_and_leaves_the_rest(provider):
    a, b, c = (f.PersonFactory(provider=provider, tier="", workload_points=1.0)
               for _ in range(3))
    # Outside any transaction (autocommit): the staging table must not empty before the UPDATE.
    assert connection.get_autocommit()
    bulk.update_rows(Person, ("tier", "workload_points", "banding_facts"), [
        (a.pk, "B2", 12.5, {"rosh": "medium", "flags": ["da"]}),
        (b.pk, "D0", 0.0, {}),
    ])
    got = {p.pk: (p.tier, p.workload_points, p.banding_facts)
           for p in Person.objects.filter(pk__in=[a.pk, b.pk, c.pk])}
    assert got == {a.pk: ("B2", 12.5, {"rosh": "medium", "flags": ["da"]}),
                   b.pk: ("D0", 0.0, {}), c.pk: ("", 1.0, c.banding_facts)}


def test_two_updates_of_different_columns_in_one_transaction_do_not_mix(provider):
    a, b = (f.PersonFactory(provider=provider, tier="") for _ in range(2))
    with transaction.atomic():
        bulk.update_rows(Person, ("tier",), [(a.pk, "C1")])
        bulk.update_rows(Person, ("tier",), [(b.pk, "C2")])
        bulk.update_rows(Person, ("workload_points",), [(b.pk, 3.0)])
    assert dict(Person.objects.filter(pk__in=[a.pk, b.pk]).values_list("pk", "tier")) == {
        a.pk: "C1", b.pk: "C2"}
    assert Person.objects.get(pk=b.pk).workload_points == 3.0


def test_an_update_that_fails_writes_nothing(provider):
    a = f.PersonFactory(provider=provider, tier="")
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017, PT011 - the engine's own error
        bulk.update_rows(Person, ("tier", "tier_rank"), [(a.pk, "C1", -1)])  # rank is unsigned
    assert Person.objects.get(pk=a.pk).tier == ""


def test_copy_rows_fills_ids_and_defaults_as_the_orm_does(provider):
    person = f.PersonFactory(provider=provider)
    bulk.copy_rows(TierCalculation, [
        {"person_id": person.pk, "tier": "B1", "previous_tier": "", "protect": "B", "change": 1,
         "protect_points": 20, "change_points": 8, "inputs": {"rosh": "high"},
         "reasons": [{"code": "x", "text": "Why"}], "event": "first", "actor": "test"},
        {"person_id": person.pk, "tier": "B2", "protect": "B", "change": 2,
         "protect_points": 20, "change_points": 12, "event": "recompute", "actor": "test"},
    ])
    first, second = TierCalculation.objects.filter(person=person).order_by("pk")
    assert second.pk > first.pk
    assert (first.inputs, first.reasons, first.calculated_at is not None) == (
        {"rosh": "high"}, [{"code": "x", "text": "Why"}], True)
    assert (second.previous_tier, second.inputs, second.reasons) == ("", {}, [])
