"""``desist rules …`` (issue 3's command-line contract): JSON in, JSON out, errors as JSON."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desist.rules import banding, ogrs3
from desist.rules.ratings import rate_payload
from desist.rules.sampling import sample_payload
from desist.rules_cli import main

DESIST = Path(sys.executable).parent / "desist"

WORKED_CHECK_2 = {
    "sex": "male",
    "date_of_birth": "1991-07-17",
    "conviction_date": "2021-08-05",
    "follow_up_start": "2021-12-12",
    "total_sanctions": 2,
    "age_at_first_sanction": 21,
    "offence_category": "fraud_forgery",
}
WORKED_CHECK_1 = {
    "sex": "male",
    "date_of_birth": "1965-12-07",
    "conviction_date": "2025-05-13",
    "follow_up_start": "2026-12-06",
    "total_sanctions": 2,
    "age_at_first_sanction": 47,
    "offence_category": "soliciting",
}


def run(argv: list[str], payload: object | str) -> tuple[int, object, str]:
    """In-process: returns (exit status, parsed stdout, raw stdout)."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    out = io.StringIO()
    status = main(argv, stdin=io.StringIO(text), stdout=out)
    raw = out.getvalue()
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None
    return status, parsed, raw


def run_subprocess(argv: list[str], payload: object | str) -> subprocess.CompletedProcess[str]:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return subprocess.run(
        [str(DESIST), "rules", *argv], input=text, capture_output=True, text=True,
        check=False, timeout=60,
    )


# ----------------------------------------------------------------------------------------------
# ogrs3


def test_ogrs3_subprocess_reproduces_worked_check():
    done = run_subprocess(["ogrs3"], WORKED_CHECK_2)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["one_year_percent"] == 11
    assert out["two_year_percent"] == 20
    assert out["band"] == "low"
    assert out["one_year"] == pytest.approx(0.107447, abs=1e-6)
    assert out["two_year"] == pytest.approx(0.198143, abs=1e-6)
    assert out["reasons"][0]["section"] == "risk-predictors.md"


def test_ogrs3_in_process_list_in_gives_list_out_in_order():
    with_date = dict(WORKED_CHECK_1, id="B")
    del with_date["age_at_first_sanction"]
    with_date["first_sanction_date"] = "2013-06-01"  # aged 47
    status, out, _ = run(["ogrs3"], [dict(WORKED_CHECK_2, id="A"), with_date])
    assert status == 0
    assert [o["id"] for o in out] == ["A", "B"]
    assert [(o["one_year_percent"], o["two_year_percent"]) for o in out] == [(11, 20), (8, 16)]


def test_ogrs3_output_keys_follow_the_contract():
    status, out, _ = run(["ogrs3"], WORKED_CHECK_1)
    assert status == 0
    assert {"one_year", "two_year", "one_year_percent", "two_year_percent", "band",
            "reasons"} <= set(out)
    assert isinstance(out["one_year"], float)
    assert isinstance(out["two_year_percent"], int)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sex": None}, "sex"),
        ({"sex": "x"}, "sex"),
        ({"date_of_birth": "17/07/1991"}, "date_of_birth"),
        ({"conviction_date": 20210805}, "conviction_date"),
        ({"follow_up_start": None}, "follow_up_start"),
        ({"total_sanctions": "two"}, "total_sanctions"),
        ({"total_sanctions": 0}, "total_sanctions"),
        ({"age_at_first_sanction": None}, "age_at_first_sanction"),
        ({"age_at_first_sanction": 40}, "age_at_first_sanction"),
        ({"offence_category": "arson"}, "offence_category"),
        ({"date_of_birth": "2015-01-01"}, "conviction_date"),
    ],
)
def test_ogrs3_invalid_input_exits_2_with_json_error_naming_field(change, field):
    payload = {k: v for k, v in {**WORKED_CHECK_2, **change}.items() if v is not None}
    status, out, _ = run(["ogrs3"], payload)
    assert status == 2
    assert out["error"]["field"] == field
    assert out["error"]["message"]
    assert "index" not in out["error"]


def test_ogrs3_invalid_item_in_list_names_its_index_via_subprocess():
    bad = dict(WORKED_CHECK_2, offence_category="arson")
    done = run_subprocess(["ogrs3"], [WORKED_CHECK_2, WORKED_CHECK_1, bad])
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    err = json.loads(done.stdout)["error"]
    assert (err["field"], err["index"]) == ("offence_category", 2)


def test_ogrs3_help_documents_fields_and_all_offence_codes():
    done = subprocess.run([str(DESIST), "rules", "ogrs3", "--help"], capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 0
    for name in ("sex", "date_of_birth", "conviction_date", "follow_up_start",
                 "total_sanctions", "first_sanction_date", "age_at_first_sanction"):
        assert name in done.stdout
    for code in ogrs3.OFFENCE_COEFFICIENTS:
        assert code in done.stdout


# ----------------------------------------------------------------------------------------------
# band


def test_band_in_process_output_follows_the_contract():
    status, out, _ = run(["band"], {
        "rosh": "medium", "ogrs3_two_year": 62, "ror_judgement": None,
        "requirements": ["rar", "drr"], "registrations": ["domestic_abuse"], "age": 30,
        "close_to_change": None, "previous_band": "yellow",
    })
    assert status == 0
    assert out["band"] == "blue"
    assert out["minimum_hours"] == 35
    assert out["escalate_to_nps"] is False
    assert out["change"] == "up"
    for item in out["reasons"] + out["prompts"]:
        assert set(item) == {"code", "section", "text"}
    assert "s4_decide_red_or_blue" in [p["code"] for p in out["prompts"]]


@pytest.mark.parametrize(
    ("payload", "band", "hours", "escalate"),
    [
        ({"rosh": "low", "ogrs3_two_year": 20}, "green", 12, False),
        ({"rosh": "low", "ogrs3_two_year": 20, "requirements": ["atr"]}, "yellow", 24, False),
        ({"rosh": "low", "ogrs3_two_year": None, "ror_judgement": "high"}, "yellow", 24, False),
        ({"rosh": "low", "ogrs3_two_year": 5, "registrations": ["iom"],
          "close_to_change": True}, "red", 35, False),
        ({"rosh": "very_high", "ogrs3_two_year": 5, "close_to_change": False}, "blue", 35, True),
        ({"rosh": "low", "ogrs3_two_year": 5, "registrations": ["aces"], "age": 19}, "yellow",
         24, False),
    ],
)
def test_band_subprocess_cases_from_the_s4_tables(payload, band, hours, escalate):
    done = run_subprocess(["band"], payload)
    assert done.returncode == 0, done.stdout
    out = json.loads(done.stdout)
    assert (out["band"], out["minimum_hours"], out["escalate_to_nps"]) == (band, hours, escalate)
    assert out["reasons"]


def test_band_recategorisation_event_through_the_cli():
    status, out, _ = run(["band"], {"rosh": "high", "ogrs3_two_year": 40,
                                    "previous_band": "yellow", "event": "rosh_change"})
    assert status == 0
    assert (out["band"], out["change"], out["event"]) == ("blue", "up", "rosh_change")
    assert out["escalate_to_nps"] is True


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"rosh": "low"}, "ror_judgement"),
        ({"ogrs3_two_year": 20}, "rosh"),
        ({"rosh": "low", "ogrs3_two_year": 20, "requirements": ["tag"]}, "requirements"),
        ({"rosh": "low", "ogrs3_two_year": 20, "registrations": ["gang"]}, "registrations"),
        ({"rosh": "low", "ogrs3_two_year": 20, "age": "twenty"}, "age"),
        ({"rosh": "low", "ogrs3_two_year": 20, "requirements": "drr"}, "requirements"),
        ([1], "input"),
    ],
)
def test_band_invalid_input_exits_2_with_json_error(payload, field):
    status, out, _ = run(["band"], payload)
    assert status == 2
    assert out["error"]["field"] == field


def test_band_help_lists_every_requirement_and_registration_code():
    status, _, raw = run(["band", "--help"], "")
    assert status == 0
    for code in banding.REQUIREMENT_CODES | banding.REGISTRATION_CODES:
        assert code in raw
    for event in banding.EVENTS:
        assert event in raw


# ----------------------------------------------------------------------------------------------
# rate and sample pass through to their rule modules


def test_rate_passes_through_to_ratings():
    payload = {
        "domain1": {"1.1": "good", "1.2": "good", "1.3": "requires_improvement"},
        "key_questions": {"2.1.1": {"yes": 30, "relevant": 40},
                          "2.1.2": {"yes": 35, "relevant": 40}},
    }
    status, out, _ = run(["rate"], payload)
    assert status == 0
    assert out == json.loads(json.dumps(rate_payload(payload)))
    assert "standards" in out and "overall" in out


def test_sample_size_and_list_pass_through_to_sampling():
    payloads = [
        {"population": 200, "confidence": 0.8, "margin": 0.05},
        {"population": 60, "confidence": 0.9, "margin": 0.1},
    ]
    status, out, _ = run(["sample"], payloads)
    assert status == 0
    assert out == [json.loads(json.dumps(sample_payload(p))) for p in payloads]
    assert all(isinstance(o["size"], int) and o["size"] > 0 for o in out)


def test_sample_invalid_input_exits_2_via_subprocess():
    done = run_subprocess(["sample"], {"population": "many"})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["error"]["message"]


# ----------------------------------------------------------------------------------------------
# Plumbing


@pytest.mark.parametrize(
    ("argv", "stdin", "field"),
    [
        (["band"], "{not json", "input"),
        (["band"], "", "input"),
        (["ogrs3"], '"a string"', "input"),
        (["predict"], "{}", "command"),
        ([], "{}", "command"),
    ],
)
def test_usage_and_json_errors_exit_2_with_json(argv, stdin, field):
    status, out, _ = run(argv, stdin)
    assert status == 2
    assert out["error"]["field"] == field


def test_bad_json_via_subprocess_has_no_traceback():
    done = run_subprocess(["ogrs3"], "[{]")
    assert done.returncode == 2
    assert done.stderr == ""
    assert json.loads(done.stdout)["error"]["field"] == "input"


def test_top_level_help_names_every_subcommand():
    status, _, raw = run(["--help"], "")
    assert status == 0
    for name in ("ogrs3", "band", "rate", "sample"):
        assert name in raw


def test_empty_list_gives_empty_list():
    assert run(["ogrs3"], [])[:2] == (0, [])
