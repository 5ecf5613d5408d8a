"""The import's bulk path (``gateway.copying``: COPY and staging tables on PostgreSQL, the ORM on
SQLite) keeps the import's guarantees: idempotent, converging after an interruption inside a
chunk's writes, a rejected record leaving the previous version as it was, and a record the
database refuses rejected alone. Run on both databases; on PostgreSQL every chunk here goes
through COPY."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from desist.gateway import copying, samples, services
from desist.gateway.models import ImportBatch, NationalContact, NationalKey, NationalRecord
from desist.people.models import Person
from desist.worklist.models import Task

from .test_import import state


def items(numbers, change=None):
    out = []
    for n in numbers:
        bundle = samples.bundle(n)
        if change:
            change(n, bundle)
        out.append((f"b{n}", bundle))
    return out


def run(batch, chunk=4):
    return services.import_bundles(acting_user=None, items=iter(batch), source="test",
                                   chunk=chunk)


def rows_of(crn: str) -> dict:
    """Everything the import wrote for one case, by value (ids left out: a rewrite renumbers)."""
    person = Person.objects.get(crn=crn)
    return {
        "person": Person.objects.filter(crn=crn).values(
            "first_name", "last_name", "date_of_birth", "rosh", "restricted", "provider_id",
            "version").get(),
        "sentences": sorted(person.sentences.values_list("type", "start_date",
                                                         "release_date")),
        "requirements": sorted(
            (r.type, r.rar_days, r.upw_hours, r.details)
            for s in person.sentences.all() for r in s.requirements.all()),
        "registrations": sorted(person.registrations.values_list("type", "start_date")),
        "contacts": sorted(NationalContact.objects.filter(person=person).values_list(
            "contact_id", "start", "outcome_code")),
        "keys": sorted(NationalKey.objects.filter(person=person).values_list(
            "kind", "national_id")),
        "record": NationalRecord.objects.filter(crn=crn).values_list("checksum", "view").get(),
    }


def test_the_bulk_path_is_copy_on_postgresql_only(db):
    assert copying.enabled() is (connection.vendor == "postgresql")


def test_importing_twice_and_rewriting_every_case_gives_the_same_state(provider):
    batch = items(range(1, 15))
    run(batch)
    first = state()
    people = dict(Person.objects.values_list("crn", "pk"))
    assert len(people) == 14 and NationalContact.objects.count() == 14 * 3
    # every key points at a row of its kind that exists
    for kind, model in (("conviction", "sentences.Sentence"),
                        ("registration", "people.Registration")):
        ids = set(NationalKey.objects.filter(kind=kind).values_list("object_id", flat=True))
        from django.apps import apps
        assert ids == set(apps.get_model(model).objects.filter(pk__in=ids)
                          .values_list("pk", flat=True))

    second = run(batch, chunk=5)
    assert second.batch.counts() == {"read": 14, "created": 0, "updated": 0, "unchanged": 14,
                                     "rejected": 0}
    assert state() == first

    # Every case changed (a new tier: the view changes, nothing the follow-ups watch), so every
    # case is rewritten from its bundle through the staging tables: the same rows again.
    def new_tier(_n, bundle):
        bundle["offender"]["currentTier"] = "D3"

    third = run(items(range(1, 15), new_tier))
    assert third.batch.counts()["updated"] == 14
    after = state()
    assert after.pop("views") != first.pop("views")
    assert after == first
    assert dict(Person.objects.values_list("crn", "pk")) == people
    assert set(Person.objects.values_list("version", flat=True)) == {2}
    assert NationalRecord.objects.filter(view__tier="D3").count() == 14


def test_an_import_killed_inside_a_chunks_writes_converges(provider, monkeypatch):
    batch = items(range(1, 11))

    class Killed(Exception):
        pass

    calls = {"n": 0}
    real = copying.write_records if copying.enabled() else services._write_records

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the second chunk: its people and projection written, then killed
            raise Killed()
        return real(*args, **kwargs)

    monkeypatch.setattr(copying if copying.enabled() else services,
                        "write_records" if copying.enabled() else "_write_records", dying)
    with pytest.raises(Killed):
        run(batch)
    # the first chunk whole, nothing of the second: no case without its record and rows
    assert Person.objects.count() == NationalRecord.objects.count() == 4
    assert NationalContact.objects.count() == 4 * 3
    assert set(NationalKey.objects.values_list("person__crn", flat=True)) == {
        samples.crn_for(n) for n in range(1, 5)}
    assert ImportBatch.objects.get().status == "failed"

    monkeypatch.undo()
    resumed = run(batch)
    assert resumed.batch.counts() == {"read": 10, "created": 6, "updated": 0, "unchanged": 4,
                                      "rejected": 0}
    converged = state()
    run(batch, chunk=3)
    assert state() == converged
    assert Person.objects.count() == NationalRecord.objects.count() == 10
    assert NationalContact.objects.count() == 30


def test_a_rejected_record_leaves_its_previous_version_and_the_chunk_goes_on(provider):
    run(items(range(1, 5)))
    kept = rows_of(samples.crn_for(2))
    tasks = sorted(Task.objects.filter(person__crn=samples.crn_for(2)).values_list(
        "kind", "key", "status"))

    def change(n, bundle):
        bundle["offender"]["firstName"] = "Changed"
        bundle["registrations"][0]["type"]["code"] = "RLRH"
        if n == 2:
            bundle["convictions"][0]["sentence"]["startDate"] = "2024-02-30"

    result = run(items(range(1, 7), change), chunk=10)
    assert [r.line() for r in result.rejections] == [
        "X000002 convictions[0].sentence.startDate: impossible date"]
    assert result.batch.counts() == {"read": 6, "created": 2, "updated": 3, "unchanged": 0,
                                     "rejected": 1}
    assert rows_of(samples.crn_for(2)) == kept
    assert Person.objects.get(crn=samples.crn_for(1)).first_name == "Changed"
    assert Person.objects.get(crn=samples.crn_for(6)).first_name == "Changed"
    assert NationalContact.objects.count() == 6 * 3
    # the rejected case set nothing off: its tasks are as they were
    assert sorted(Task.objects.filter(person__crn=samples.crn_for(2)).values_list(
        "kind", "key", "status")) == tasks


def test_a_record_the_database_refuses_is_rejected_alone(provider):
    run(items(range(1, 4)))
    kept = rows_of(samples.crn_for(2))

    def change(n, bundle):
        bundle["offender"]["currentTier"] = "B1"
        if n == 2:  # PostgreSQL text cannot hold a NUL character
            bundle["offender"]["firstName"] = "Nul\x00"

    result = run(items(range(1, 6), change), chunk=10)
    if connection.vendor == "postgresql":
        assert [r.line() for r in result.rejections] == [
            "X000002 record: could not be stored (DataError)"]
        assert rows_of(samples.crn_for(2)) == kept
        assert result.batch.counts()["rejected"] == 1
    else:  # SQLite stores the character: nothing to refuse
        assert result.rejections == []
    assert NationalRecord.objects.filter(view__tier="B1").count() == (
        4 if connection.vendor == "postgresql" else 5)
    assert Person.objects.count() == 5


def test_a_case_keyed_by_hand_is_matched_through_the_bulk_path(provider):
    from tests import factories as f

    f.PersonFactory(crn=samples.crn_for(3), provider=provider, first_name="Typed")
    run(items(range(1, 6)))
    assert Person.objects.filter(crn=samples.crn_for(3)).count() == 1
    assert NationalRecord.objects.get(crn=samples.crn_for(3)).person.first_name != "Typed"
    assert json.loads(json.dumps(NationalRecord.objects.get(crn=samples.crn_for(3)).view))[
        "crn"] == samples.crn_for(3)
