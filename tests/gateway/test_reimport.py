"""Re-importing (issue 20, "Speed": a re-import with no changes must be cheap): a bundle whose
checksum matches the last good import of its CRN is counted unchanged without being parsed or
written; a changed bundle is applied; a bundle rejected last time is read again every time, so
a fix (in the bundle or in the code tables) is taken up. Run on both databases."""

from __future__ import annotations

import pytest

from desist.gateway import parse, samples, services
from desist.gateway.models import NationalRecord
from desist.people.models import Person

from .test_copy import items, rows_of, run
from .test_import import state


@pytest.fixture
def parsed(monkeypatch):
    """The CRNs the importer parses (the real parser runs; this only watches it)."""
    seen: list[str] = []
    real = parse.parse_bundle

    def watched(bundle, *args, **kwargs):
        seen.append(bundle.get("crn"))
        return real(bundle, *args, **kwargs)

    monkeypatch.setattr(parse, "parse_bundle", watched)
    return seen


def _written() -> dict:
    """When each case and its national record were last written."""
    return {"people": dict(Person.objects.values_list("crn", "updated_at")),
            "records": dict(NationalRecord.objects.values_list("crn", "imported_at"))}


def test_an_unchanged_bundle_is_neither_parsed_nor_written(provider, parsed):
    run(items(range(1, 7)))
    assert len(parsed) == 6
    before, written = state(), _written()
    parsed.clear()

    again = run(items(range(1, 7)), chunk=4)
    assert parsed == []
    assert again.batch.counts() == {"read": 6, "created": 0, "updated": 0, "unchanged": 6,
                                    "rejected": 0}
    assert again.changed_crns == []
    assert state() == before
    assert _written() == written


def test_a_changed_bundle_among_unchanged_ones_is_applied(provider, parsed):
    run(items(range(1, 7)))
    kept = rows_of(samples.crn_for(5))
    parsed.clear()

    def rename(n, bundle):
        if n == 3:
            bundle["offender"]["firstName"] = "Renamed"

    result = run(items(range(1, 7), rename), chunk=4)
    assert parsed == [samples.crn_for(3)]
    assert result.batch.counts() == {"read": 6, "created": 0, "updated": 1, "unchanged": 5,
                                     "rejected": 0}
    assert result.changed_crns == [samples.crn_for(3)]
    person = Person.objects.get(crn=samples.crn_for(3))
    assert person.first_name == "Renamed" and person.version == 2
    assert rows_of(samples.crn_for(5)) == kept


def _bad_code(n, bundle):
    if n == 2:
        bundle["registrations"][0]["type"]["code"] = "ZZZZ"


def test_a_new_bundle_rejected_last_time_is_read_again(provider, parsed):
    first = run(items(range(1, 4), _bad_code))
    assert [r.line() for r in first.rejections] == [
        "X000002 registrations[0].type.code: unknown registration type code 'ZZZZ'"]
    parsed.clear()

    # The same bytes again: read again and refused again, never taken as unchanged.
    second = run(items(range(1, 4), _bad_code))
    assert parsed == [samples.crn_for(2)]
    assert second.batch.counts() == {"read": 3, "created": 0, "updated": 0, "unchanged": 2,
                                     "rejected": 1}
    assert not Person.objects.filter(crn=samples.crn_for(2)).exists()

    # The code tables now know the code: the same bundle is taken.
    services.codes_load(acting_user=None, tables={"registration": {"ZZZZ": ["iom", "IOM"]}})
    third = run(items(range(1, 4), _bad_code))
    assert third.rejections == []
    assert Person.objects.filter(crn=samples.crn_for(2)).exists()
    assert NationalRecord.objects.get(crn=samples.crn_for(2)).view["iom"] is True


def test_a_bad_version_rejected_last_time_is_read_again_and_its_fix_applied(provider, parsed):
    run(items(range(1, 4)))
    kept = rows_of(samples.crn_for(2))

    def bad_date(n, bundle):
        bundle["offender"]["firstName"] = "Changed"
        if n == 2:
            bundle["convictions"][0]["sentence"]["startDate"] = "2024-02-30"

    for _ in range(2):  # rejected each time: the good version before it is not "unchanged"
        parsed.clear()
        result = run(items([2], bad_date))
        assert parsed == [samples.crn_for(2)]
        assert result.batch.counts()["rejected"] == 1
        assert result.batch.counts()["unchanged"] == 0
        assert rows_of(samples.crn_for(2)) == kept

    def fixed(n, bundle):
        bundle["offender"]["firstName"] = "Changed"

    result = run(items([2], fixed))
    assert result.batch.counts()["updated"] == 1
    assert Person.objects.get(crn=samples.crn_for(2)).first_name == "Changed"
