"""Cross-cutting middleware: the request id and request log, and ``no-store`` on private pages."""

from __future__ import annotations

import logging
import re
import time
import uuid

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
