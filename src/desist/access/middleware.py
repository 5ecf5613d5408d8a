"""Deny by default (a view without a declared access rule is refused) and a Content-Security-Policy."""

from __future__ import annotations

import logging
import secrets

from django.core.exceptions import PermissionDenied

from .rules import rule_of

log = logging.getLogger(__name__)


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if rule_of(view_func) is None:
            log.error("View %s has no access rule; refused.", getattr(view_func, "__name__", view_func))
            raise PermissionDenied
        return None


class ContentSecurityPolicyMiddleware:
    """Sends a Content-Security-Policy on every response (issue 13; Django 5.2 has none built in).

    Scripts and styles come only from this site; the one inline script (the GOV.UK template's
    ``js-enabled`` class switch) carries a per-request nonce (``request.csp_nonce``, given to the
    template as ``cspNonce``). Style *attributes* are allowed (a few components size SVG and
    canvas inline); ``<style>`` elements and inline event handlers are not. A response that sets
    its own policy (a downloaded file) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy(nonce)
        return response


def policy(nonce: str) -> str:
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class DatabaseBusyMiddleware:
    """A write that could not get the database in time is a 409 ("try again"), not a 500.

    SQLite (the demo) allows one writer at a time; a writer that waits past its busy timeout
    gets "database is locked". PostgreSQL reports lock timeouts and serialisation failures with
    the same kind of error. Nothing was saved (the transaction rolled back), so the honest answer
    is a conflict the user can retry.
    """

    BUSY = ("database is locked", "database table is locked", "could not serialize access",
            "lock timeout", "deadlock detected")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import OperationalError
        from django.http import JsonResponse
        from django.shortcuts import render

        if not isinstance(exception, OperationalError):
            return None
        if not any(text in str(exception).lower() for text in self.BUSY):
            return None
        log.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        message = busy_message()
        if request.path.startswith("/api/"):
            return JsonResponse({"error": {"status": 409, "message": message}}, status=409)
        response = render(request, "access/busy.html", {"message": message}, status=409)
        response["Retry-After"] = "2"
        return response


def busy_message() -> str:
    from django.utils.translation import gettext as _

    return _("Someone else was saving at the same moment, so nothing was saved. Try again.")
