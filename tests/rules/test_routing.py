"""Routing from the hub to an LMC (operating-model.md §3.2)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desist.rules.errors import RuleInputError
from desist.rules.routing import (
    SENTENCE_TYPES,
    RoutingConfig,
    RoutingInput,
    route,
)

D = date.fromisoformat
LMCS = {"Newcastle upon Tyne": "NEW", "Gateshead": "GAT", "North Tyneside": "NTY"}
TODAY = D("2024-06-03")


def case(**overrides) -> RoutingInput:
    values = {
        "local_authority": "Gateshead",
        "sentence_type": "community_order",
        "as_of": TODAY,
        "requirements": ("rar",),
    }
    values.update(overrides)
    return RoutingInput(**values)


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


@pytest.mark.parametrize(
    ("name", "overrides", "destination", "lmc", "pass_on", "code"),
    [
        ("address routes to its LMC", {}, "lmc", "GAT", None, "s3_route_to_lmc"),
        ("standalone UPW stays in hub", {"requirements": ("upw",)}, "hub", None, None,
         "s3_standalone_hub"),
        ("standalone exclusion stays in hub", {"requirements": ("exclusion",)}, "hub", None,
         None, "s3_standalone_hub"),
        ("UPW plus exclusion only stays in hub", {"requirements": ("upw", "exclusion"),
         "sentence_type": "sso"}, "hub", None, None, "s3_standalone_hub"),
        ("UPW with RAR goes to the LMC", {"requirements": ("upw", "rar")}, "lmc", "GAT", None,
         "s3_route_to_lmc"),
        ("no requirements routes by address", {"requirements": ()}, "lmc", "GAT", None,
         "s3_route_to_lmc"),
        ("short custody routes by release address",
         {"sentence_type": "custody", "custodial_months": 12, "release_date": D("2024-09-02"),
          "requirements": ()}, "lmc", "GAT", None, "s3_route_to_lmc"),
        ("18 months custody held in hub until 12 weeks before release",
         {"sentence_type": "custody", "custodial_months": 18, "release_date": D("2024-12-02"),
          "requirements": ()}, "hub", "GAT", D("2024-09-09"), "s3_pass_before_release"),
        ("ROTL/HDC request earlier than the 12-week point",
         {"sentence_type": "custody", "custodial_months": 36, "release_date": D("2025-06-02"),
          "rotl_hdc_request_date": D("2024-10-01"), "requirements": ()}, "hub", "GAT",
         D("2024-10-01"), "s3_pass_on_rotl_hdc"),
        ("ROTL/HDC request later than the 12-week point is ignored",
         {"sentence_type": "custody", "custodial_months": 24, "release_date": D("2024-12-02"),
          "rotl_hdc_request_date": D("2024-11-20"), "requirements": ()}, "hub", "GAT",
         D("2024-09-09"), "s3_pass_before_release"),
        ("pass date reached goes to the LMC",
         {"sentence_type": "custody", "custodial_months": 18, "release_date": D("2024-08-26"),
          "requirements": ()}, "lmc", "GAT", D("2024-06-03"), "s3_pass_date_reached"),
        ("licence after long custody, already released",
         {"sentence_type": "licence", "custodial_months": 48, "release_date": D("2024-05-01"),
          "requirements": ()}, "lmc", "GAT", D("2024-02-07"), "s3_pass_date_reached"),
        ("long custody without a release date stays in the hub",
         {"sentence_type": "custody", "custodial_months": 20, "requirements": ()}, "hub", "GAT",
         None, "s3_release_date_unknown"),
        ("custody without a recorded length stays in the hub",
         {"sentence_type": "custody", "requirements": ()}, "hub", "GAT", None,
         "s3_custodial_length_unknown"),
        ("no address cannot be routed", {"local_authority": None}, "hub", None, None,
         "s3_no_address"),
        ("blank address cannot be routed", {"local_authority": "  "}, "hub", None, None,
         "s3_no_address"),
        ("local authority with no LMC", {"local_authority": "Cumbria"}, "hub", None, None,
         "s3_no_lmc_for_local_authority"),
    ],
)
def test_s3_routing(name, overrides, destination, lmc, pass_on, code):
    result = route(case(**overrides), LMCS)
    assert (result.destination, result.lmc, result.pass_to_lmc_on) == (destination, lmc, pass_on)
    assert code in codes(result), name
    assert all(reason.section == "operating-model.md §3" for reason in result.reasons)


def test_s3_no_address_reason_says_cannot_route():
    result = route(case(local_authority=None), LMCS)
    assert "no address: cannot route" in result.reasons[0].text.lower()


def test_s3_standalone_upw_stays_in_hub_even_without_an_address():
    result = route(case(local_authority=None, requirements=("upw",)), LMCS)
    assert result.destination == "hub"
    assert codes(result) == ["s3_standalone_hub"]


def test_s3_long_custody_with_no_address_is_held_with_both_reasons():
    result = route(
        case(local_authority=None, sentence_type="custody", custodial_months=30,
             release_date=D("2024-07-01"), requirements=()),
        LMCS,
    )
    assert result.destination == "hub"
    assert {"s3_no_address", "s3_long_custody_hub"} <= set(codes(result))


def test_s3_thresholds_are_configuration():
    config = RoutingConfig(long_custody_months=12, pass_to_lmc_weeks_before_release=8)
    result = route(
        case(sentence_type="custody", custodial_months=12, release_date=D("2024-12-02"),
             requirements=()),
        LMCS,
        config,
    )
    assert (result.destination, result.pass_to_lmc_on) == ("hub", D("2024-10-07"))


@pytest.mark.parametrize(
    ("overrides", "mapping", "field"),
    [
        ({"sentence_type": "youth"}, LMCS, "sentence_type"),
        ({"requirements": ("upw", "community_service")}, LMCS, "requirements"),
        ({"requirements": "upw"}, LMCS, "requirements"),
        ({"requirements": (["upw"],)}, LMCS, "requirements"),
        ({"custodial_months": -1}, LMCS, "custodial_months"),
        ({"custodial_months": "18"}, LMCS, "custodial_months"),
        ({"release_date": "2024-01-01"}, LMCS, "release_date"),
        ({"as_of": None}, LMCS, "as_of"),
        ({"local_authority": 7}, LMCS, "local_authority"),
        ({}, [("Gateshead", "GAT")], "lmc_by_local_authority"),
    ],
)
def test_s3_routing_rejects_invalid_input(overrides, mapping, field):
    with pytest.raises(RuleInputError) as caught:
        route(case(**overrides), mapping)
    assert caught.value.field == field


def test_s3_result_as_dict():
    result = route(
        case(sentence_type="custody", custodial_months=18, release_date=D("2024-12-02"),
             requirements=()),
        LMCS,
    )
    data = result.as_dict()
    assert data["destination"] == "hub" and data["pass_to_lmc_on"] == "2024-09-09"
    assert data["reasons"][0]["code"] == "s3_long_custody_hub"


@given(
    authority=st.sampled_from([None, "Gateshead", "Cumbria"]),
    sentence_type=st.sampled_from(SENTENCE_TYPES),
    requirements=st.sets(st.sampled_from(["rar", "upw", "exclusion", "drr", "curfew"])),
    months=st.one_of(st.none(), st.integers(0, 120)),
    release_offset=st.one_of(st.none(), st.integers(-400, 800)),
    rotl_offset=st.one_of(st.none(), st.integers(-400, 800)),
)
def test_s3_routing_invariants(authority, sentence_type, requirements, months, release_offset,
                               rotl_offset):
    result = route(
        RoutingInput(
            local_authority=authority,
            sentence_type=sentence_type,
            as_of=TODAY,
            requirements=tuple(requirements),
            custodial_months=months,
            release_date=None if release_offset is None else TODAY + timedelta(release_offset),
            rotl_hdc_request_date=None if rotl_offset is None else TODAY + timedelta(rotl_offset),
        ),
        LMCS,
    )
    assert result.reasons
    assert result.destination in ("lmc", "hub")
    if result.destination == "lmc":
        # only a case with a known, mapped address ever leaves the hub
        assert authority == "Gateshead" and result.lmc == "GAT"
    if authority is None:
        assert result.destination == "hub"
    if result.pass_to_lmc_on is not None:
        assert months is not None and months >= 18
        assert result.destination == ("lmc" if TODAY >= result.pass_to_lmc_on and authority ==
                                      "Gateshead" else "hub")
        if release_offset is not None:
            assert result.pass_to_lmc_on <= TODAY + timedelta(release_offset - 84)


# --- Issue 12, item 6 ----------------------------------------------------------------------

def test_s3_held_custody_past_release_or_hand_over_is_flagged():
    from desist.rules.routing import held_custody_alerts

    today = date(2026, 12, 2)
    codes = lambda **kw: [r.code for r in held_custody_alerts(today=today, **kw)]  # noqa: E731
    assert codes(pass_to_lmc_on=date(2026, 9, 1), release_date=date(2026, 11, 24)) == [
        "s3_released_still_held"]
    assert codes(pass_to_lmc_on=date(2026, 12, 1), release_date=date(2027, 2, 23)) == [
        "s3_past_hand_over"]
    assert codes(pass_to_lmc_on=today, release_date=date(2027, 2, 24)) == []
    assert codes(pass_to_lmc_on=None, release_date=None) == []


def test_s3_rotl_hdc_request_in_the_future_is_refused():
    from desist.rules.routing import rotl_hdc_request_problem

    today = date(2026, 12, 2)
    assert rotl_hdc_request_problem(today, today) is None
    assert rotl_hdc_request_problem(date(2026, 12, 3), today).code == "s3_rotl_hdc_in_future"
