"""The published OpenAPI document is the truth about the server (issue: "The JSON API as a
contract", the schema items 6–8), and the copy in ``docs/api/openapi.yaml`` is up to date."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from desist.config.api_schema import api_schema

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "docs" / "api" / "openapi.yaml"


@pytest.fixture(scope="module")
def schema() -> dict:
    return api_schema()


def _component(schema: dict, ref_holder: dict) -> dict:
    return schema["components"]["schemas"][ref_holder["$ref"].rsplit("/", 1)[-1]]


def _body(schema: dict, path: str, method: str) -> dict:
    content = schema["paths"][path][method]["requestBody"]["content"]
    assert list(content) == ["application/json"], f"{method} {path} takes JSON only"
    return _component(schema, content["application/json"]["schema"])


def test_the_published_copy_is_regenerated(tmp_path):
    # Generated as production sees it: Django derives integer bounds from the database backend
    # (int64 on SQLite, int32 / int16 on PostgreSQL), so the published copy is PostgreSQL's.
    fresh = tmp_path / "openapi.yaml"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "desist.config.settings.test",
                "DATABASE_URL": "postgresql://desist@db.invalid:5432/desist",
                "PYTHONPATH": str(ROOT / "src")})
    done = subprocess.run([sys.executable, "-m", "desist.cli", "spectacular", "--file", str(fresh),
                           "--validate", "--fail-on-warn"], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(fresh.read_text()) == yaml.safe_load(PUBLISHED.read_text()), (
        "docs/api/openapi.yaml is out of date: run `make api-schema`")


@pytest.mark.parametrize("path", ["/api/cases/{crn}/checks", "/api/cases/{crn}/plans",
                                  "/api/cases/{crn}/readings", "/api/referrals/{id}/sessions"])
def test_lists_that_return_plain_arrays_are_documented_as_arrays(schema, path):
    ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["type"] == "array"
    assert not any(p["name"] == "page" for p in schema["paths"][path]["get"].get("parameters", []))


def test_paginated_lists_and_the_intake_page_are_documented_as_pages(schema):
    cases = schema["paths"]["/api/cases"]["get"]["responses"]["200"]["content"]["application/json"]
    assert set(_component(schema, cases["schema"])["properties"]) == {
        "count", "count_capped", "next", "previous", "results"}
    intake = schema["paths"]["/api/intake"]["get"]["responses"]["200"]["content"]["application/json"]
    assert set(_component(schema, intake["schema"])["properties"]) == {"count", "more", "page",
                                                                       "results"}


def test_recording_a_session_answers_201_with_one_session(schema):
    responses = schema["paths"]["/api/referrals/{id}/sessions"]["post"]["responses"]
    assert "200" not in responses
    assert responses["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/Session")


@pytest.mark.parametrize(("path", "required"), [
    ("/api/cases/{crn}", {"version"}),
    ("/api/cases/{crn}/checks/{id}", {"completed_on", "result"}),
    ("/api/cases/{crn}/readings/{id}", {"status"}),
])
def test_patch_bodies_publish_the_fields_they_require(schema, path, required):
    assert required <= set(_body(schema, path, "patch").get("required", []))


def test_fields_that_can_be_null_are_nullable(schema):
    components = schema["components"]["schemas"]
    assert components["CaseList"]["properties"]["responsible_officer"]["nullable"] is True
    assert components["Referral"]["properties"]["partner"]["nullable"] is True


def test_crns_have_a_pattern_and_status_inputs_are_enums(schema):
    for path, item in schema["paths"].items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "crn" and parameter["in"] == "path":
                    assert parameter["schema"]["pattern"] == "^[A-Za-z0-9]{1,10}$", path
    status = _body(schema, "/api/referrals/{id}/status", "post")["properties"]["status"]
    assert status["allOf"][0]["$ref"].endswith("/ReferralStatusEnum")
    filters = {p["name"]: p for p in schema["paths"]["/api/absences"]["get"]["parameters"]}
    assert "enum" in filters["status"]["schema"]


@pytest.mark.parametrize(("path", "names"), [
    ("/api/cases", {"q", "scope", "page"}),
    ("/api/appointments", {"crn", "officer", "week", "page"}),
    ("/api/referrals", {"status", "service", "page"}),
    ("/api/absences", {"status", "page"}),
    ("/api/breaches", {"status", "page"}),
    ("/api/intake", {"view", "page"}),
])
def test_every_filter_the_view_reads_is_documented(schema, path, names):
    assert names <= {p["name"] for p in schema["paths"][path]["get"]["parameters"]}


def test_every_operation_documents_its_errors_with_the_shared_error_shape(schema):
    assert "Error" in schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            for code in ("401", "403", "404"):
                assert code in responses, (method, path, code)
                ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error"
            if method in ("post", "patch"):
                assert "400" in responses, (method, path)


def test_every_write_operation_shows_an_example_request(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("post", "patch"):
                assert "example" in operation["requestBody"]["content"]["application/json"], (
                    method, path)
