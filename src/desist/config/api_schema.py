"""The OpenAPI document: every error the API can answer, one error shape, generated once.

drf-spectacular documents the success responses it can see in the views. What it cannot see —
the errors raised by access checks, validation, optimistic locking, throttling and the JSON-error
middleware — is added here, as responses referring to one shared ``Error`` component, so the
schema says what a client will actually receive (checked by Schemathesis in the test suite).
"""

from __future__ import annotations

import copy
import threading

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule
from desist.organisation.roles import ALL_ROLES

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error the API answers has this shape.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status code.",
                           "example": 400},
                "message": {"type": "string", "description": "What went wrong, in plain English.",
                            "example": "The request has errors."},
                "fields": {
                    "type": "object",
                    "description": "For a 400 or 409: the problem with each field, by field name "
                                   "(`non_field_errors` for the request as a whole).",
                    "additionalProperties": {},
                    "example": {"completed_on": ["A check's result cannot be dated in the future."]},
                },
                "reasons": {
                    "type": "array", "items": {"type": "object", "additionalProperties": {}},
                    "description": "For a refused booking: each rule that refused it, with its "
                                   "code and text.",
                },
            },
            "required": ["status", "message"],
        },
    },
    "required": ["error"],
}

_WHY = {
    "400": "The request has errors: see `fields`.",
    "401": "No valid credentials: send `Authorization: Token <key>`.",
    "403": "Your role may not do this.",
    "404": "No such record, or not one you may see (the same answer for both).",
    "409": "The record changed since you read it (send the current `version`), or the rules "
           "refuse the change as it stands: see `message`.",
    "415": "Send JSON: `Content-Type: application/json`.",
    "429": "Too many requests: wait for the number of seconds in `Retry-After`.",
}
_METHODS = {"get", "post", "put", "patch", "delete"}

# One realistic request per write operation, shown in the documentation (and tried first by
# Schemathesis's examples phase). Ids and CRNs are illustrations, not demo records.
REQUEST_EXAMPLES = {
    ("patch", "/api/cases/{crn}"): {"version": 4, "address": "12 Grey Street, Newcastle upon Tyne",
                                    "postcode": "NE1 6AE", "phone": "0191 496 0000"},
    ("post", "/api/cases/{crn}/banding"): {"version": 4, "band": "red",
                                           "rationale": "Domestic abuse call-outs since the "
                                                        "order began; red until reviewed."},
    ("post", "/api/cases/{crn}/assignment"): {"version": 5, "officer": 17,
                                              "reason": "Complex case: needs a probation officer."},
    ("post", "/api/cases/{crn}/checks"): {"kind": "police_domestic_abuse",
                                          "requested_on": "2026-12-01"},
    ("patch", "/api/cases/{crn}/checks/{id}"): {"completed_on": "2026-12-02",
                                                "result": "information_shared",
                                                "details": "Two call-outs in 2025; no current "
                                                           "bail conditions."},
    ("post", "/api/cases/{crn}/readings"): {"taken_on": "2026-12-02",
                                            "scores": {"accommodation": 6, "living_skills": 4},
                                            "comments": {"accommodation": "Tenancy secure."}},
    ("patch", "/api/cases/{crn}/readings/{id}"): {"status": "approved"},
    ("post", "/api/appointments"): {"crn": "X123456", "kind": "officer", "venue": 3,
                                    "starts_at": "2026-12-07T10:00:00Z",
                                    "ends_at": "2026-12-07T10:45:00Z", "rar_activity": False,
                                    "purpose": "Supervision: review of the plan"},
    ("post", "/api/appointments/{id}/outcome"): {"outcome": "attended", "version": 1},
    ("post", "/api/absences/{id}/decision"): {"judged": "acceptable", "version": 1,
                                              "evidence": "Hospital letter seen."},
    ("post", "/api/referrals/{id}/sessions"): {"session_on": "2026-12-01", "attended": True,
                                               "note": "Engaged well."},
    ("post", "/api/referrals/{id}/status"): {"status": "accepted", "version": 2},
    ("post", "/api/cases/{crn}/reviews"): {
        "reviewed_on": "2026-12-02", "reading": 41, "compliance": "good",
        "risk_change": "higher", "rosh_after": "high",
        "risk_notes": "New partner; police call-out last week.",
        "adjustments": "Weekly home visits; MARAC referral.", "no_open_risk_actions": False,
        "progress": [{"objective": 88, "progress": "some", "note": "Viewing a flat"}]},
    ("post", "/api/cases/{crn}/step-down"): {"destination": "telephone"},
    ("post", "/api/upw-placements/{id}/outcome"): {"outcome": "attended", "minutes_worked": 420,
                                                   "penalty_minutes": 15, "work_quality": "good",
                                                   "behaviour": "satisfactory",
                                                   "notes": "Arrived 15 minutes late."},
    ("post", "/api/insight/refresh"): {"note": "Figures for the contract meeting"},
    ("post", "/api/oversight/audits/{id}/answers"): {"answers": {
        "4.2.1": {"answer": "yes", "reason": "Accommodation and benefits planned before release."},
        "4.2.2": {"answer": "no", "reason": "Referral to the housing team made after release."},
        "4.2.3": {"answer": "yes", "reason": "Prison and community officers spoke twice."}}},
    ("post", "/api/cases/{crn}/oversight"): {
        "subject": "case", "risk": "RoSH high is right; the plan names the partner as at risk.",
        "safeguarding": "Police domestic abuse check back; children's services check chased.",
        "plan": "Up to date.", "enforcement": "One warning, properly given.",
        "next_action": "Joint home visit with the police", "due_on": "2026-12-16"},
}
# The gateway (issue 20): one national-record bundle, shortened (docs/gateway.md).
REQUEST_EXAMPLES[("post", "/api/national/imports")] = {
    "crn": "X123456",
    "offender": {"firstName": "Ann", "surname": "Smith", "dateOfBirth": "1990-02-03",
                 "gender": "Female", "otherIds": {"crn": "X123456"}, "currentTier": "B2"},
    "convictions": [{"convictionId": 2500001, "active": True,
                     "sentence": {"sentenceType": {"code": "SP"}, "startDate": "2026-01-10",
                                  "expectedSentenceEndDate": "2027-01-09"}}],
    "requirements": {"2500001": [{"requirementId": 11, "active": True, "softDeleted": False,
                                  "requirementTypeMainCategory": {"code": "F"}, "length": 20}]},
    "registrations": [{"registrationId": 91, "active": True, "type": {"code": "RMRH"},
                       "startDate": "2026-02-01"}],
    "contacts": [],
}
# Through the Gate (resettlement, §13).
REQUEST_EXAMPLES.update({
    ("post", "/api/cases/{crn}/resettlement/pathways/{id}"): {
        "status": "declined", "version": 1, "note": "Has a job to go back to; no help wanted."},
    ("post", "/api/cases/{crn}/resettlement/needs"): {
        "kind": "prescription_on_release", "due_on": "2026-12-14",
        "notes": "Prison healthcare to send 7 days' supply."},
    ("post", "/api/cases/{crn}/resettlement/needs/{id}"): {
        "status": "done", "version": 2, "note": "Bank account opened at the prison."},
    ("post", "/api/cases/{crn}/resettlement/complete"): {"version": 6},
})


def _body_properties(operation: dict, components: dict) -> dict:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        schema = media.get("schema", {})
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            schema = components.get(ref.rsplit("/", 1)[-1], {})
        return schema.get("properties", {})
    return {}


def _error_codes(path: str, method: str, operation: dict, components: dict) -> list[str]:
    codes = ["401", "403", "404"]
    writes = method in {"post", "put", "patch", "delete"}
    if writes or operation.get("parameters"):
        codes.append("400")
    if writes:
        # Any write may be refused for the record's state (desist.errors.Refused, conflict=True).
        codes += ["415", "409"]
    if settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_CLASSES"):
        codes.append("429")
    return sorted(codes)


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the ``Error`` component and every error response."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and (method, path) in REQUEST_EXAMPLES:
                body["example"] = REQUEST_EXAMPLES[(method, path)]
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method, operation, components):
                responses.setdefault(code, {
                    "description": _WHY[code],
                    "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Error"}}},
                })
    return result


# ---------------------------------------------------------------------------------------------
# Serving: generated once per process, under a lock. Generating it lazily in several threads at
# once (the first requests after a start) raced inside the extension registry and gave 500s.
# ---------------------------------------------------------------------------------------------

_lock = threading.Lock()
_schema: dict | None = None
_rendered: dict[tuple, tuple[bytes, str]] = {}


def api_schema() -> dict:
    """The OpenAPI document as a dict (the same for every caller: the schema is public)."""
    global _schema
    with _lock:
        if _schema is None:
            from drf_spectacular.generators import SchemaGenerator

            _schema = SchemaGenerator().get_schema(request=None, public=True)
        return copy.deepcopy(_schema)


class SchemaView(SpectacularAPIView):
    """``/api/schema``: the OpenAPI document (YAML, or JSON with ``?format=json`` / Accept)."""

    access_rule = AccessRule(read=ALL_ROLES)
    permission_classes = [DeclaredRulePermission]

    def _get_schema_response(self, request):
        # Rendered once per format and language, like the dict it renders: copying the document
        # and writing it as YAML took 150-400 ms on every request (issue 23).
        key = (type(request.accepted_renderer), request.accepted_media_type,
               translation.get_language())
        with _lock:
            rendered = _rendered.get(key)
        if rendered is None:
            response = Response(data=api_schema())
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            rendered = (response.rendered_content, response["Content-Type"])
            with _lock:
                _rendered[key] = rendered
        body, content_type = rendered
        return HttpResponse(body, content_type=content_type, headers={
            "Content-Disposition": f'inline; filename="{self._get_filename(request, None)}"'})
