"""Cross-cutting middleware: the request id and request log, ``no-store`` on private pages, and
the renewal of a signed-in session's idle expiry."""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from .logs import current_request, current_request_id

log = logging.getLogger("desist.request")

# A proxy's request id is kept (so one id follows a request through the proxy's logs and ours)
# only if it looks like an id; anything else could inject text into the logs.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Gives each request an id (``X-Request-ID``) and logs one line per request.

    The line names the route pattern (``people:overview``), not the path, so no CRN is logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = current_request_id.set(request_id)
        request_token = current_request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            match = getattr(request, "resolver_match", None)
            log.info(
                "%s %s %s", request.method, match.view_name if match else "unresolved",
                response.status_code,
                extra={"method": request.method,
                       "route": match.view_name if match else None,
                       "status": response.status_code,
                       "duration_ms": round((time.perf_counter() - started) * 1000, 1)},
            )
            return response
        finally:
            current_request.reset(request_token)
            current_request_id.reset(id_token)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on anything personal: signed-in pages, the API and documents.

    Case data must not linger in a shared computer's browser cache or an intermediary. Static
    assets are served by WhiteNoise before this runs and keep their long cache lifetimes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        private = (
            (user is not None and user.is_authenticated)
            or request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/pdf")
        )
        if private:
            add_never_cache_headers(response)
        return response


class SessionRenewalMiddleware:
    """Renews a session's idle expiry at most once every ``SESSION_RENEW_SECONDS``.

    Sessions end after ``SESSION_COOKIE_AGE`` idle seconds. Saving the session on every request
    (``SESSION_SAVE_EVERY_REQUEST``) did that with an ``UPDATE`` and a commit on every page
    view — a sixth of the statements of a typical page, and a disk flush each (issue 23: the
    concurrent mix). Instead the session is marked changed (so ``SessionMiddleware`` saves it,
    with a new expiry) only when it was last renewed more than ``SESSION_RENEW_SECONDS`` ago: an
    idle session then ends between ``SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS`` and
    ``SESSION_COOKIE_AGE`` after the last request. Listed just after ``SessionMiddleware``, so
    it runs before that middleware saves.
    """

    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or session.is_empty():
            return response  # no session, or one just flushed (signed out)
        now = int(time.time())
        if session.get(self.KEY, 0) <= now - settings.SESSION_RENEW_SECONDS:
            session[self.KEY] = now
        return response


def session_renewed_on_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in saves the session with a fresh expiry: count that as its renewal."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SessionRenewalMiddleware.KEY] = int(time.time())
