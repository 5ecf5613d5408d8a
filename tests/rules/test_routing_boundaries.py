"""Routing from the hub (operating-model.md §3.2): every boundary and word pinned.

Written against mutation testing (issue 25): custody of 18 months and the month below; the pass
date (12 weeks before release) the day before, of and after; a ROTL / HDC request before, on and
after the 12-week point; held-case alerts on the release and hand-over dates themselves; a ROTL
/ HDC request dated today and tomorrow; every reason in full and every input error in words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from desist.rules.banding import REQUIREMENT_CODES
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason
from desist.rules.routing import (
    COMMUNITY_SENTENCES,
    DEFAULT_ROUTING,
    DESTINATIONS,
    HUB_ONLY_REQUIREMENTS,
    PRE_RELEASE_SENTENCES,
    S3,
    SENTENCE_TYPES,
    RoutingConfig,
    RoutingInput,
    RoutingResult,
    held_custody_alerts,
    rotl_hdc_request_problem,
    route,
)

DAY = timedelta(days=1)
TODAY = date(2026, 12, 2)  # a Wednesday
LMCS = {"Leeds": "LMC-LEEDS", "Bradford": "LMC-BRAD", "Nowhere": ""}
RELEASE = date(2027, 3, 10)  # Wednesday; 12 weeks before is Wednesday 16 December 2026
PASS_ON = date(2026, 12, 16)


def case(**kw) -> RoutingInput:
    values = {"local_authority": "Leeds", "sentence_type": "community_order", "as_of": TODAY}
    return RoutingInput(**{**values, **kw})


def custody(**kw) -> RoutingInput:
    return case(**{"sentence_type": "custody", "custodial_months": 18, "release_date": RELEASE,
                   **kw})


def _error(call) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        call()
    return caught.value.as_dict()


LONG = Reason("s3_long_custody_hub", S3,
              "Custodial sentence of 18 months (18 months or more): the hub holds the case and "
              "passes it to the LMC for the release address 12 weeks before release, or earlier "
              "on a ROTL or HDC request.")
BEFORE_RELEASE = Reason("s3_pass_before_release", S3,
                        "Release is on Wednesday 10 March 2027: the case passes to the LMC 12 "
                        "weeks before, on Wednesday 16 December 2026.")
REACHED = Reason("s3_pass_date_reached", S3,
                 "The date to pass the case on has been reached: it goes to LMC LMC-LEEDS.")


def test_the_constants_and_defaults():
    assert S3 == "operating-model.md §3"
    assert SENTENCE_TYPES == ("community_order", "sso", "licence", "pss", "custody")
    assert DESTINATIONS == ("lmc", "hub")
    assert HUB_ONLY_REQUIREMENTS == {"upw", "exclusion"}
    assert COMMUNITY_SENTENCES == {"community_order", "sso"}
    assert PRE_RELEASE_SENTENCES == {"custody", "licence"}
    assert DEFAULT_ROUTING == RoutingConfig(long_custody_months=18,
                                            pass_to_lmc_weeks_before_release=12)
    assert (case().requirements, case().custodial_months, case().release_date,
            case().rotl_hdc_request_date) == ((), None, None, None)


# --- by address -----------------------------------------------------------------------------


def test_routed_by_address_in_full():
    result = route(case(requirements=("rar", "upw")), LMCS)
    assert result == RoutingResult("lmc", "LMC-LEEDS", None, (Reason(
        "s3_route_to_lmc", S3, "Routed by address: Leeds is served by LMC LMC-LEEDS."),))
    assert result.as_dict() == {"destination": "lmc", "lmc": "LMC-LEEDS", "pass_to_lmc_on": None,
                                "reasons": [result.reasons[0].as_dict()]}


def test_the_local_authority_is_trimmed():
    assert route(case(local_authority="  Bradford "), LMCS).reasons[0].text == (
        "Routed by address: Bradford is served by LMC LMC-BRAD.")


@pytest.mark.parametrize("authority", [None, "", "   "])
def test_no_address_in_full(authority):
    assert route(case(local_authority=authority), LMCS) == RoutingResult("hub", None, None, (
        Reason("s3_no_address", S3, "No address: cannot route. There is no address or local "
                                    "authority, so the hub keeps the case until an address is "
                                    "recorded."),))


@pytest.mark.parametrize("authority", ["York", "Nowhere"])
def test_a_local_authority_no_lmc_serves_in_full(authority):
    assert route(case(local_authority=authority), LMCS) == RoutingResult("hub", None, None, (
        Reason("s3_no_lmc_for_local_authority", S3,
               f"No LMC serves the local authority {authority!r}: cannot route. The hub keeps the "
               "case; check the address or the provider's list of LMCs."),))


# --- standalone unpaid work and exclusion ---------------------------------------------------


@pytest.mark.parametrize(("sentence", "requirements", "named"), [
    ("community_order", ("upw",), "unpaid work"),
    ("sso", ["exclusion"], "an exclusion requirement"),
    ("community_order", ("exclusion", "upw", "upw"), "unpaid work and an exclusion requirement"),
])
def test_standalone_unpaid_work_or_exclusion_stays_in_the_hub(sentence, requirements, named):
    result = route(case(sentence_type=sentence, requirements=requirements, local_authority=None),
                   LMCS)
    assert result == RoutingResult("hub", None, None, (Reason(
        "s3_standalone_hub", S3, f"The order has only {named}, with no other requirement: the "
                                 "hub holds the case for the whole sentence."),))


@pytest.mark.parametrize(("sentence", "requirements"), [
    ("community_order", ()), ("community_order", ("upw", "curfew")), ("pss", ("upw",)),
    ("licence", ("exclusion",)),
])
def test_not_standalone_goes_to_the_lmc(sentence, requirements):
    assert route(case(sentence_type=sentence, requirements=requirements), LMCS).destination \
        == "lmc"


# --- custody: 18 months and the pass date ---------------------------------------------------


@pytest.mark.parametrize(("sentence", "months", "held"), [
    ("custody", 17.9, False), ("custody", 18, True), ("custody", 18.1, True),
    ("licence", 17, False), ("licence", 18, True), ("pss", 30, False),
    ("community_order", 30, False),
])
def test_custody_of_18_months_or_more_is_held(sentence, months, held):
    result = route(case(sentence_type=sentence, custodial_months=months, release_date=RELEASE),
                   LMCS)
    assert (result.destination, result.pass_to_lmc_on) == (
        ("hub", PASS_ON) if held else ("lmc", None))


def test_custody_of_unknown_length_in_full():
    assert route(case(sentence_type="custody"), LMCS) == RoutingResult("hub", "LMC-LEEDS", None, (
        Reason("s3_custodial_length_unknown", S3,
               "The custodial sentence length is not recorded, so the hub cannot tell whether it "
               "is 18 months or more: the case stays in the hub until it is recorded."),))


def test_a_licence_of_unknown_length_goes_to_the_lmc():
    assert route(case(sentence_type="licence"), LMCS).destination == "lmc"


@pytest.mark.parametrize(("as_of", "destination"), [
    (PASS_ON - DAY, "hub"), (PASS_ON, "lmc"), (PASS_ON + DAY, "lmc")])
def test_the_day_before_of_and_after_the_pass_date(as_of, destination):
    result = route(custody(as_of=as_of), LMCS)
    reasons = (LONG, BEFORE_RELEASE) + ((REACHED,) if destination == "lmc" else ())
    assert result == RoutingResult(destination, "LMC-LEEDS", PASS_ON, reasons)
    assert result.as_dict()["pass_to_lmc_on"] == "2026-12-16"


def test_the_pass_date_reached_with_no_lmc_stays_in_the_hub():
    result = route(custody(as_of=PASS_ON + DAY, local_authority=None), LMCS)
    assert result.destination == "hub"
    assert result.lmc is None
    assert [r.code for r in result.reasons] == ["s3_no_address", "s3_long_custody_hub",
                                                "s3_pass_before_release"]


@pytest.mark.parametrize(("request_on", "trigger"), [
    (PASS_ON - DAY, "rotl_hdc"), (PASS_ON, "release"), (PASS_ON + DAY, "release")])
def test_a_rotl_hdc_request_before_on_and_after_the_12_week_point(request_on, trigger):
    result = route(custody(rotl_hdc_request_date=request_on), LMCS)
    if trigger == "release":
        assert result.pass_to_lmc_on == PASS_ON
        assert result.reasons == (LONG, BEFORE_RELEASE)
    else:
        assert result.pass_to_lmc_on == request_on
        assert result.reasons == (LONG, Reason(
            "s3_pass_on_rotl_hdc", S3, "A ROTL / HDC request on Tuesday 15 December 2026 comes "
                                       "before the 12-week point, so the case passes to the LMC "
                                       "then."))


def test_a_rotl_hdc_request_with_no_release_date():
    result = route(case(sentence_type="custody", custodial_months=24.5,
                        rotl_hdc_request_date=TODAY), LMCS)
    assert result.destination == "lmc"
    assert result.pass_to_lmc_on == TODAY
    assert result.reasons[0].text.startswith("Custodial sentence of 24.5 months (18 months or "
                                             "more)")
    assert [r.code for r in result.reasons] == ["s3_long_custody_hub", "s3_pass_on_rotl_hdc",
                                                "s3_pass_date_reached"]


def test_no_release_date_and_no_request_in_full():
    result = route(case(sentence_type="custody", custodial_months=18), LMCS)
    assert result == RoutingResult("hub", "LMC-LEEDS", None, (LONG, Reason(
        "s3_release_date_unknown", S3, "No release date or ROTL / HDC request is recorded, so "
                                       "the date the case passes to the LMC cannot be set yet."),))


def test_the_thresholds_are_configuration():
    config = RoutingConfig(long_custody_months=12, pass_to_lmc_weeks_before_release=0)
    result = route(custody(custodial_months=12, as_of=RELEASE - DAY), LMCS, config)
    assert result.pass_to_lmc_on == RELEASE
    assert result.destination == "hub"
    assert result.reasons[0].text == (
        "Custodial sentence of 12 months (18 months or more): the hub holds the case and passes "
        "it to the LMC for the release address 0 weeks before release, or earlier on a ROTL or "
        "HDC request.")
    assert result.reasons[1].text == ("Release is on Wednesday 10 March 2027: the case passes to "
                                      "the LMC 0 weeks before, on Wednesday 10 March 2027.")
    rotl = route(custody(custodial_months=12, rotl_hdc_request_date=TODAY), LMCS,
                 replace(config, pass_to_lmc_weeks_before_release=4))
    assert "before the 4-week point" in rotl.reasons[1].text
    assert route(custody(custodial_months=11.9), LMCS, config).destination == "lmc"


def test_config_bounds():
    assert RoutingConfig(long_custody_months=0.5).long_custody_months == 0.5
    assert RoutingConfig(pass_to_lmc_weeks_before_release=0).pass_to_lmc_weeks_before_release \
        == 0
    for bad in (0, -1, True, "18"):
        assert _error(lambda bad=bad: RoutingConfig(long_custody_months=bad)) == {
            "field": "long_custody_months", "message": "must be a positive number of months"}
    for bad in (-1, True, 1.5):
        assert _error(lambda bad=bad: RoutingConfig(pass_to_lmc_weeks_before_release=bad)) == {
            "field": "pass_to_lmc_weeks_before_release", "message": "must be 0 or more weeks"}


# --- input errors ---------------------------------------------------------------------------


def test_input_errors_in_words():
    assert _error(lambda: route(case(sentence_type="caution"), LMCS)) == {
        "field": "sentence_type",
        "message": "must be one of community_order, sso, licence, pss, custody, not 'caution'"}
    assert _error(lambda: route(case(as_of=None), LMCS)) == {
        "field": "as_of", "message": "is required: the date the case is routed"}
    assert _error(lambda: route(case(as_of=datetime(2026, 12, 2, 9)), LMCS)) == {
        "field": "as_of", "message": "must be a date (YYYY-MM-DD)"}
    assert _error(lambda: route(case(release_date="2027-01-01"), LMCS)) == {
        "field": "release_date", "message": "must be a date (YYYY-MM-DD)"}
    assert _error(lambda: route(case(rotl_hdc_request_date="2027-01-01"), LMCS)) == {
        "field": "rotl_hdc_request_date", "message": "must be a date (YYYY-MM-DD)"}
    for bad in (-1, True, "18", float("nan")):
        assert _error(lambda bad=bad: route(case(custodial_months=bad), LMCS)) == {
            "field": "custodial_months", "message": "must be a number of months, 0 or more"}
    assert route(case(custodial_months=0), LMCS).destination == "lmc"
    assert _error(lambda: route(case(), [("Leeds", "L")])) == {
        "field": "lmc_by_local_authority", "message": "must map local authority to LMC code"}
    assert _error(lambda: route(case(local_authority=5), LMCS)) == {
        "field": "local_authority", "message": "must be text or null"}


def test_requirement_errors_in_words():
    assert _error(lambda: route(case(requirements="upw"), LMCS)) == {
        "field": "requirements", "message": "must be a list of requirement codes"}
    assert _error(lambda: route(case(requirements=5), LMCS)) == {
        "field": "requirements", "message": "must be a list of requirement codes"}
    assert _error(lambda: route(case(requirements=("upw", 5)), LMCS)) == {
        "field": "requirements", "message": "codes must be text, not 5"}
    assert _error(lambda: route(case(requirements=("zz", "aa", "upw")), LMCS)) == {
        "field": "requirements",
        "message": f"unknown requirement code(s) aa, zz; use {', '.join(sorted(REQUIREMENT_CODES))}"}


# --- held custody cases and ROTL / HDC requests ---------------------------------------------


def test_held_custody_alerts_the_day_before_of_and_after():
    released = Reason("s3_released_still_held", S3,
                      "Released but still held: was due for release on Tuesday 1 December 2026. "
                      "Record the release address so the case passes to its LMC today.")
    past = Reason("s3_past_hand_over", S3,
                  "Past hand-over date: should have passed to its LMC on Tuesday 1 December 2026. "
                  "Record the release address or route the case.")
    assert held_custody_alerts(pass_to_lmc_on=None, release_date=TODAY - DAY, today=TODAY) \
        == (released,)
    assert held_custody_alerts(pass_to_lmc_on=TODAY - DAY, release_date=TODAY - DAY,
                               today=TODAY) == (released,)
    assert held_custody_alerts(pass_to_lmc_on=TODAY - DAY, release_date=TODAY, today=TODAY) \
        == (past,)
    assert held_custody_alerts(pass_to_lmc_on=TODAY - DAY, release_date=None, today=TODAY) \
        == (past,)
    assert held_custody_alerts(pass_to_lmc_on=TODAY, release_date=TODAY, today=TODAY) == ()
    assert held_custody_alerts(pass_to_lmc_on=None, release_date=None, today=TODAY) == ()
    assert held_custody_alerts(pass_to_lmc_on=TODAY + DAY, release_date=TODAY + DAY,
                               today=TODAY) == ()


def test_a_rotl_hdc_request_dated_today_is_accepted_tomorrow_refused():
    assert rotl_hdc_request_problem(TODAY - DAY, TODAY) is None
    assert rotl_hdc_request_problem(TODAY, TODAY) is None
    assert rotl_hdc_request_problem(TODAY + DAY, TODAY) == Reason(
        "s3_rotl_hdc_in_future", S3, "The date of the ROTL or HDC request cannot be in the "
                                     "future: record the request once it has been made.")
    assert _error(lambda: rotl_hdc_request_problem("2026-12-01", TODAY))["field"] == "requested_on"
    assert _error(lambda: rotl_hdc_request_problem(TODAY, "2026-12-01"))["field"] == "today"
