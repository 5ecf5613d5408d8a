"""Refused reads are audited too: a 403 or 404 on a route naming a case or record.

An attempt to open a case one may not see is exactly what an auditor looks for (probing CRNs,
curiosity about a restricted case). ``case_for`` gives the same 404 for "missing" and "not
yours", and so does this record: it stores what was asked for, not whether it exists.
"""

from __future__ import annotations

from . import events

REFUSED = {403, 404}


class RefusedAccessAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in REFUSED:
            match = getattr(request, "resolver_match", None)
            user = getattr(request, "user", None)
            # Only resolved routes keyed by a case or record: scanners hitting random paths
            # would otherwise fill the trail with noise.
            if match is not None and match.kwargs and user is not None and user.is_authenticated:
                events.access_refused(user=user, request=request, route=match.view_name,
                                      kwargs=match.kwargs, status=response.status_code)
        return response
