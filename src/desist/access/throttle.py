"""Sign-in throttling that slows guessing without letting anyone lock a colleague out (issue 22 item 4).

Three counters, all on the real client address (``desist.access.client``):

* **per user name** (normalised: case, spacing and Unicode width do not make a new name): after
  ``LOGIN_THROTTLE_FAILURES`` failures each further attempt must wait a delay that doubles from
  ``LOGIN_THROTTLE_BASE_DELAY_SECONDS`` up to ``LOGIN_THROTTLE_MAX_DELAY_SECONDS`` — a slow-down,
  never a lock. It does not apply from an address where that user has signed in before (a
  *known address*), so an attacker elsewhere cannot keep the real user out;
* **per user name and address**: the same delay for failures from that one address, which
  applies even at a known address (so a known address is no free pass for guessing);
* **per client address**: at most ``LOGIN_THROTTLE_ADDRESS_FAILURES`` failures in the window,
  whatever the names (spraying many names), except for a user at their own known address.
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def normalise(username: str) -> str:
    """One key per person however the name is typed: NFKC, case-folded, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", username).casefold().split())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _user_key(username: str) -> str:
    return f"signin:user:{_digest(normalise(username))}"


def _pair_key(username: str, address: str) -> str:
    return f"signin:pair:{_digest(normalise(username), address)}"


def _address_key(address: str) -> str:
    return f"signin:addr:{_digest(address)}"


def _known_key(username: str, address: str) -> str:
    return f"signin:known:{_digest(normalise(username), address)}"


def delay_after(failures: int) -> float:
    """Seconds to wait after this many consecutive failures (0 while under the free allowance)."""
    free = settings.LOGIN_THROTTLE_FAILURES
    if failures < free:
        return 0.0
    base = settings.LOGIN_THROTTLE_BASE_DELAY_SECONDS
    return float(min(base * 2 ** min(failures - free, 30), settings.LOGIN_THROTTLE_MAX_DELAY_SECONDS))


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    wait_seconds: int = 0
    reason: str = ""  # "user", "pair" or "address": which counter refused


def check(username: str, address: str, *, now: float | None = None) -> Verdict:
    """May this attempt be tried now? Refused attempts are not counted as failures."""
    now = time.time() if now is None else now
    known = is_known_address(username, address)
    waits = []
    for key, reason in ((_pair_key(username, address), "pair"),
                        *(() if known else ((_user_key(username), "user"),))):
        record = cache.get(key)
        if record:
            remaining = record["last"] + delay_after(record["count"]) - now
            if remaining > 0:
                waits.append((remaining, reason))
    if not known:
        record = cache.get(_address_key(address))
        if record and record["count"] >= settings.LOGIN_THROTTLE_ADDRESS_FAILURES:
            waits.append((record["first"] + settings.LOGIN_THROTTLE_WINDOW_SECONDS - now, "address"))
    if not waits:
        return Verdict(True)
    remaining, reason = max(waits)
    return Verdict(False, max(1, int(remaining + 0.999)), reason)


def record_failure(username: str, address: str, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    keep = settings.LOGIN_THROTTLE_MAX_DELAY_SECONDS + settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key in (_user_key(username), _pair_key(username, address)):
        record = cache.get(key) or {"count": 0}
        cache.set(key, {"count": record["count"] + 1, "last": now}, keep)
    key = _address_key(address)
    record = cache.get(key)
    if record is None or now - record["first"] > settings.LOGIN_THROTTLE_WINDOW_SECONDS:
        record = {"count": 0, "first": now}
    cache.set(key, {"count": record["count"] + 1, "first": record["first"]},
              settings.LOGIN_THROTTLE_WINDOW_SECONDS)


def record_success(username: str, address: str) -> None:
    """The user signed in: their counters reset and this address becomes known for them."""
    cache.delete_many([_user_key(username), _pair_key(username, address)])
    cache.set(_known_key(username, address), True, settings.LOGIN_KNOWN_ADDRESS_SECONDS)


def is_known_address(username: str, address: str) -> bool:
    return bool(address) and bool(cache.get(_known_key(username, address)))
