"""Error pages in the service's own style, in plain English, with no technical detail.

404 and 403 render inside the normal layout (the header, the signed-in name). The 500 page uses
a layout that needs nothing from the request or the database, because either may be what
failed; if even that cannot render, a fixed page is returned.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

FALLBACK_500 = (
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sorry, there is a "
    "problem with the service – Desist</title></head><body><h1>Sorry, there is a problem with "
    "the service</h1><p>Try again later.</p></body></html>"
)


def _page(request, template: str, status: int) -> HttpResponse:
    try:
        body = loader.render_to_string(template, {}, request=request)
    except Exception:  # noqa: BLE001 - an error page must not fail in turn
        log.exception("Error page %s could not render", template)
        return HttpResponse(FALLBACK_500, status=status)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _page(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _page(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _page(request, "errors/404.html", 404)


def server_error(request):
    try:
        body = loader.render_to_string("errors/500.html", {"title": _("Sorry, there is a problem "
                                                                      "with the service")})
    except Exception:  # noqa: BLE001
        log.exception("Error page 500 could not render")
        body = FALLBACK_500
    return HttpResponse(body, status=500)
