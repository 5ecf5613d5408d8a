"""A kiosk session reaches nothing but the kiosk check-in (§10).

A member of staff starts the kiosk on an office terminal: they are signed out and the session
is marked as a kiosk for their provider. From then on every request on that session that is not
the kiosk (or a static file) is sent back to the kiosk's start page.
"""

from __future__ import annotations

from django.shortcuts import redirect

KIOSK_SESSION_KEY = "kiosk_provider"
KIOSK_PREFIXES = ("/kiosk/", "/static/")


class KioskOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(KIOSK_SESSION_KEY) and not request.path.startswith(
                KIOSK_PREFIXES):
            return redirect("checkins:kiosk")
        return self.get_response(request)
