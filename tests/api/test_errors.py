"""The API never answers a server error, and every error it gives is JSON in one shape.

Each test here is a request that Schemathesis or a hand probe found answered with a 500 (issue:
"The JSON API as a contract", server errors 1–5).
"""

from __future__ import annotations

import json
import threading

import pytest
from django.test import Client, RequestFactory

from desist.access.api_errors import ApiJsonErrorsMiddleware
from desist.audit.models import AuditEvent
from desist.config import api_schema
from desist.organisation.roles import Role
from tests.factories import object_for_case
from tests.refusals import nothing_written

NUL_QUERIES = ["/api/cases?x=%00", "/api/cases?q=%00", "/api/referrals?status=%00",
               "/api/appointments?crn=%00", "/api/absences?status=%00", "/api/breaches?status=%00",
               "/api/intake?view=%00", "/api/appointments?week=%00"]


@pytest.fixture
def officer_client(staff_by_role):
    client = Client()
    client.force_login(staff_by_role[Role.MANAGER].user)
    return client


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()["error"]
    assert body["status"] == response.status_code
    assert body["message"]
    return body


@pytest.mark.parametrize("url", NUL_QUERIES)
def test_a_nul_byte_in_a_query_is_refused_or_ignored_never_stored(url, officer_client, case):
    response = officer_client.get(url)
    assert response.status_code in (200, 400), (url, response.status_code)
    if response.status_code == 400:
        assert _error(response)["fields"]
    details = [str(e.detail) for e in AuditEvent.objects.filter(event="caseload_listed")]
    assert not any("\x00" in d or "\\u0000" in d for d in details)


def test_only_validated_filters_reach_the_audit_event(officer_client, case):
    officer_client.get("/api/cases?scope=mine&q=Smith&junk=1")
    event = AuditEvent.objects.filter(event="caseload_listed").latest("seq")
    assert event.detail["query"] == {"api": "cases", "q": "Smith", "scope": "mine"}


@pytest.mark.parametrize("suffix", ["plans/x", "readings/false", "checks/x", "plans/²",
                                    "readings/²", "checks/%D9%A3"])
def test_a_non_numeric_id_under_a_case_is_a_json_404(suffix, officer_client, case):
    response = officer_client.get(f"/api/cases/{case.crn}/{suffix}")
    assert response.status_code == 404
    _error(response)


@pytest.mark.parametrize("path", ["absences/²", "absences/²/decision", "appointments/²",
                                  "appointments/²/outcome", "breaches/²", "referrals/²",
                                  "referrals/²/sessions", "referrals/²/status"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_unicode_digits_in_an_id_are_a_json_404(path, method, officer_client, case):
    response = getattr(officer_client, method)(f"/api/{path}", {}, content_type="application/json")
    assert response.status_code in (404, 405)
    _error(response)


@pytest.mark.parametrize("url", ["/api/appointments?officer=²", "/api/referrals?service=²",
                                 "/api/appointments?week=9999-12-31"])
def test_unicode_digits_or_the_last_week_in_a_filter_are_answered(url, officer_client, case):
    response = officer_client.get(url)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("url", ["/referrals/?service=²&partner=²", "/calendar/?officer=²"])
def test_pages_read_ids_as_ascii_digits_too(url, officer_client, case):
    assert officer_client.get(url).status_code < 500


def test_unknown_api_urls_and_methods_answer_json(officer_client, case):
    missing = officer_client.get("/api/no-such-thing")
    assert missing.status_code == 404
    _error(missing)
    with nothing_written(type(case)):  # no case is deleted by a method the API does not have
        not_allowed = officer_client.delete(f"/api/cases/{case.crn}")
    assert not_allowed.status_code == 405
    _error(not_allowed)


def test_an_uncaught_error_under_api_is_a_json_500_and_logged(caplog):
    middleware = ApiJsonErrorsMiddleware(lambda request: None)
    request = RequestFactory().get("/api/cases")
    response = middleware.process_exception(request, RuntimeError("boom"))
    assert response.status_code == 500
    assert json.loads(response.content) == {"error": {"status": 500, "message": (
        "Something went wrong on our side. It has been logged.")}}
    assert "boom" in caplog.text
    assert middleware.process_exception(RequestFactory().get("/cases/"), RuntimeError()) is None


def test_the_schema_is_generated_once_for_parallel_first_requests():
    api_schema._schema = None  # as in a freshly started process
    documents: list[dict] = []
    errors: list[BaseException] = []

    def fetch():
        try:
            documents.append(api_schema.api_schema())
        except BaseException as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(documents) == 6
    assert all(d == documents[0] and "/api/cases" in d["paths"] for d in documents)


def test_an_absence_id_that_exists_still_works(officer_client, case):
    absence = object_for_case("absence", case)
    response = officer_client.get(f"/api/absences/{absence}")
    assert response.status_code == 200
    assert response.json()["id"] == int(absence)
