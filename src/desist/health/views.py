"""``/health/live`` (the process answers) and ``/health/ready`` (it can serve: see checks.py).

Public, so the load balancer needs no credentials; they reveal nothing but check names.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow

from . import checks


@allow(public=True)
@never_cache
@require_http_methods(["GET", "HEAD"])
def live(request):
    return JsonResponse({"status": "ok"})


@allow(public=True)
@never_cache
@require_http_methods(["GET", "HEAD"])
def ready(request):
    results = checks.readiness()
    ok = all(check.ok for check in results)
    return JsonResponse(
        {"status": "ok" if ok else "unavailable",
         "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in results}},
        status=200 if ok else 503,
    )
