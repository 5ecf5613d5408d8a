"""JSON errors with field detail for the API."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from desist.errors import Refused


def exception_handler(exc, context):
    """Every API error is ``{"error": {"status", "message", "code"?, "fields"?}}``."""
    if isinstance(exc, Refused):  # one refusal type (ADR 0006): 400, or 409 for the record's state
        return Response({"error": exc.as_dict()}, status=exc.status)
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body: dict = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        body["message"] = "The request has errors."
        body["fields"] = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    else:
        body["message"] = str(getattr(exc, "detail", exc))
    return Response({"error": body}, status=response.status_code, headers=response.headers)


# ---------------------------------------------------------------------------------------------
# Errors outside DRF's views (unknown URLs, 405 from the resolver, uncaught exceptions) are JSON
# too under /api/: a client never has to parse an HTML page to learn what went wrong.
# ---------------------------------------------------------------------------------------------

API_PREFIX = "/api/"
_MESSAGES = {400: "Bad request.", 401: "Authentication credentials were not provided.",
             403: "You do not have permission to perform this action.", 404: "Not found.",
             405: "Method not allowed.", 413: "The request is too large.",
             500: "Something went wrong on our side. It has been logged."}

logger = logging.getLogger("desist.api")


def error_body(status: int, message: str | None = None, fields: dict | None = None) -> dict:
    body: dict = {"status": status, "message": message or _MESSAGES.get(status, "Error.")}
    if fields is not None:
        body["fields"] = fields
    return {"error": body}


class ApiJsonErrorsMiddleware:
    """Under ``/api/``, turns every non-JSON error response, and any uncaught exception, into the
    API's error shape ``{"error": {"status", "message"}}``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.path.startswith(API_PREFIX) and response.status_code >= 400
                and not response.get("Content-Type", "").startswith("application/json")):
            replacement = JsonResponse(error_body(response.status_code), status=response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX) or isinstance(exception, Http404 | PermissionDenied):
            return None
        logger.exception("Unhandled error in %s %s", request.method, request.path_info,
                         exc_info=exception)
        return JsonResponse(error_body(500), status=500)
