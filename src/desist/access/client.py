"""The real client address of a request (issue 13: behind a proxy every user shares one address).

``REMOTE_ADDR`` is the peer that opened the connection. Behind N trusted reverse proxies
(``DESIST_TRUSTED_PROXIES=N``, default 0) each proxy appends the address it saw to
``X-Forwarded-For``, so the client is the N-th entry from the right; entries further left are
written by the client itself and are never trusted. With no trusted proxy configured the header
is ignored, so a client cannot choose its own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

PEER_KEY = "DESIST_PEER_ADDR"  # the connection's own address, kept when REMOTE_ADDR is replaced


def client_address(meta) -> str:
    """The client's address from a request's META, trusting the forwarded header only as configured."""
    peer = meta.get("REMOTE_ADDR", "")
    hops = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if hops <= 0:
        return peer
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < hops:
        return peer  # not sent through the whole proxy chain: trust only the connection
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


class ClientAddressMiddleware:
    """Replaces ``REMOTE_ADDR`` with the real client address so lockout and audit see the client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if PEER_KEY not in meta:
            meta[PEER_KEY] = meta.get("REMOTE_ADDR", "")
            meta["REMOTE_ADDR"] = client_address(meta)
        return self.get_response(request)
