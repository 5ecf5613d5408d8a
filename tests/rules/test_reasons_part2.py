"""Reasons converted in ADR 0016's second part (issue 14 item 5): the counts of one they now say
in the singular (each read "1 … cases" / "1 were" before; the sampling one is in
test_sampling_boundaries.py), the forms their English text kept,
and the parameters they carry so a page can say them in another language."""

from __future__ import annotations

import datetime as dt
import json
from types import MappingProxyType

import pytest

from desist.rules import assignment, partner_access, ratings, reductions, workload
from desist.rules.banding.config import BandingConfig
from desist.rules.banding.tables import CONTACT_MAKE_UP, MINIMUM_HOURS
from desist.rules.reasons import LongDate, Phrase, Reason, gettext_noop

K = ratings.KeyQuestionCount


# --- Counts of one ------------------------------------------------------------------------------


def test_a_key_question_answered_for_one_case_says_one_case():
    standard = ratings.rate({}, {"2.1.3": K(1, 1)}).standards[0]
    assert standard.key_questions[0].reasons[0].text == (
        "2.1.3: 1 of 1 case, 100% (of the relevant sub-sample: cases where risk of serious harm "
        "issues apply).")
    subsample = [r for r in standard.reasons if r.code == "kq_relevant_subsample"]
    assert subsample[0].text == (
        "2.1.3 is answered only for the relevant sub-sample (cases where risk of serious harm "
        "issues apply), so its percentage is of that 1 case.")
    many = ratings.rate({}, {"2.1.3": K(1, 4)}).standards[0]
    assert [r.text for r in many.reasons if r.code == "kq_relevant_subsample"] == [
        "2.1.3 is answered only for the relevant sub-sample (cases where risk of serious harm "
        "issues apply), so its percentage is of those 4 cases."]
    assert many.key_questions[0].reasons[0].text.startswith("2.1.3: 1 of 4 cases, 25% (of")


def test_one_rated_standard_was_rated():
    one = ratings.rate({}, {"2.1.1": K(1, 2)})
    assert one.reasons[-1].text == (
        "No overall rating: it needs all 10 standards rated and 1 was.")
    with_unrated = ratings.rate({}, {"2.1.1": K(1, 2), "2.2.1": K(0, 0)})
    assert with_unrated.reasons[-1].text == (
        "No overall rating: it needs all 10 standards rated and 1 was (2.2 could not be rated).")
    two = ratings.rate({"1.1": "good"}, {"2.1.1": K(1, 2), "2.2.1": K(0, 0)})
    assert two.reasons[-1].text == (
        "No overall rating: it needs all 10 standards rated and 2 were (2.2 could not be rated).")
    assert ratings.rate({}, {}).reasons[-1].text == (
        "No overall rating: it needs all 10 standards rated and 0 were.")


ONE_POINT = workload.WorkloadWeights.from_mappings(
    band_points={"green": 1, "yellow": 24, "red": 35, "blue": 35})


def test_a_case_of_one_point_adds_one_weighted_point():
    result = assignment.rank_candidates(
        assignment.CaseProfile(rosh="low", band="green"),
        [assignment.Officer("po", "PO", "male", current_points=0, capacity_points=2000)],
        weights=ONE_POINT)
    assert result.reasons[-1] == Reason(
        "s16_case_points", "operating-model.md §16",
        "The case adds 1 weighted point to the officer who takes it.")


def test_one_point_over_capacity_is_said_in_the_singular():
    (candidate,) = assignment.rank_candidates(
        assignment.CaseProfile(rosh="low", band="green"),
        [assignment.Officer("po", "PO", "male", current_points=89, capacity_points=100)],
    ).candidates
    capacity = [r.text for r in candidate.reasons if r.code == "score_capacity"]
    assert capacity == ["−1: workload 89% now, 101% after taking the case, 1 point over capacity "
                        "(each point over 100% costs 1)."]
    assert [t.text for t in candidate.terms if t.code == "score_capacity"] == capacity


def test_workload_points_and_hours_of_one_are_singular():
    assert workload.capacity_percent(0.5, 1).reasons[0].text == (
        "0.5 of 1 point is 50%: within capacity (under 100%).")
    assert workload.capacity_percent(3, 2).reasons[0].text == (
        "3 of 2 points is 150%: over capacity (100% or more).")
    hours = workload.available_capacity("PO", 1, on=dt.date(2026, 5, 1)).reasons
    assert hours[1].text == (
        "Contracted for 1 hour a week, so their target is 54.05 points (2000 × 1 ÷ 37).")
    case = workload.case_points(workload.WorkloadCase("green", "low"), ONE_POINT).reasons
    assert [r.text for r in case] == [
        "Green band: 1 point (work follows the band's minimum offer).",
        "This case counts 1 point."]


def test_a_band_of_one_hour_offers_one_hour():
    config = BandingConfig(minimum_hours=MappingProxyType({**MINIMUM_HOURS, "green": 1}),
                           new_directions_hours=0)
    assert config._r["s4_minimum_hours_green"].text == (
        f"Minimum offer for GREEN: 1 hour — 0 h New Directions meeting + 1 h "
        f"{CONTACT_MAKE_UP['green']}.")


# --- Whole sentences the conversion gave a branch of its own --------------------------------------


@pytest.mark.parametrize(("status", "text"), [
    ("rejected", "The referral was rejected: the partner no longer works with the person."),
    ("withdrawn", "The referral was withdrawn: the partner no longer works with the person."),
    ("cancelled", "The referral was cancelled: the partner no longer works with the person."),
])
def test_a_closed_referral_says_how_it_closed(status, text):
    got = partner_access.partner_access(status=status, ended_on=None, today=dt.date(2026, 3, 1))
    assert got.reasons == (Reason("s1_partner_referral_closed", "operating-model.md §1", text),)
    assert got.reasons[0].params == ({"status": status} if status == "cancelled" else {})


# --- What a page needs to say them in another language ---------------------------------------------


def test_a_reductions_dates_are_long_dates_and_its_label_a_phrase():
    union = reductions.Reduction("union_duties", 10, dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    mentoring = reductions.Reduction("other", 5, dt.date(2026, 1, 1), other=" mentoring ")
    first, second = reductions.in_force([union, mentoring], dt.date(2026, 5, 2)).reasons
    assert first.text == ("Reduction for union duties: 10% of contracted hours, from 1 April 2026 "
                          "to 30 June 2026.")
    assert isinstance(first.params["start"], LongDate)
    assert json.loads(json.dumps(first.as_record()))["params"] == {
        "label": {"template": "union duties", "params": {}}, "percent": 10,
        "start": "2026-04-01", "end": "2026-06-30"}
    # What an administrator typed is shown as written, never looked up for translation.
    assert second.params["label"] == "mentoring"
    assert second.text == ("Reduction for mentoring: 5% of contracted hours, from 1 January 2026 "
                           "with no end date.")


def test_a_long_date_is_written_without_its_day_name():
    made = Reason.of("c", "s", gettext_noop("On %(on)s, then %(then)s."),
                     on=LongDate.of(dt.date(2024, 5, 2)), then=dt.date(2024, 5, 2))
    assert made.text == "On 2 May 2024, then Thursday 2 May 2024."
    assert made.as_record()["params"] == {"on": "2024-05-02", "then": "2024-05-02"}


def test_a_warning_names_its_factors_and_grade_as_phrases():
    case = assignment.CaseProfile(rosh="medium", registrations=frozenset({"domestic_abuse"}))
    pso = assignment.Officer("pso", "PSO", "male", current_points=0, capacity_points=1200)
    (candidate,) = assignment.rank_candidates(case, [pso]).candidates
    warning = candidate.warnings[0].reasons[0]
    assert warning.text == (
        "This is a complex case (medium RoSH, domestic abuse perpetrator). Complex cases go to a "
        "probation officer or a PSO trained for the work; pso is a probation services officer "
        "with no training recorded for: medium RoSH, domestic abuse perpetrator.")
    assert warning.params["factors"] == (Phrase.of("medium RoSH"),
                                         Phrase.of("domestic abuse perpetrator"))
    assert warning.params["grade"].template == "probation services officer"
    assert warning.params["officer"] == "pso"  # an identifier, never translated
