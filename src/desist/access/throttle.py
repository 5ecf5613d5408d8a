"""Sign-in throttling: too many failures for a username or from an address locks sign-in for a while."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [f"signin-fail:user:{name}", f"signin-fail:addr:{address}"]


def is_locked(username: str, address: str) -> bool:
    limit = settings.LOGIN_THROTTLE_FAILURES
    return any((cache.get(key) or 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key in _keys(username, address):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)


def clear(username: str, address: str) -> None:
    cache.delete_many(_keys(username, address))
