"""Issue 22 item 4 and issue 13: sign-in slows guessing but cannot be used to lock anyone out."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from desist.access import throttle
from desist.audit.models import AuditEvent
from tests.factories import PASSWORD
from tests.refusals import nothing_written

HOME = "10.0.0.1"  # where the real user signs in
ATTACKER = "203.0.113.66"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password, address, **extra):
    return client.post("/sign-in", {"username": username, "password": password},
                       REMOTE_ADDR=address, **extra)


def fail(client, username, address, times):
    for _ in range(times):
        sign_in(client, username, "wrong-password", address)


def refused(client, username, address, **extra):
    """The status of a sign-in with the right password that is refused: no user row changes
    (no ``last_login``) and no write is audited, only the refusal."""
    with nothing_written(get_user_model()):
        response = sign_in(client, username, PASSWORD, address, **extra)
    assert "_auth_user_id" not in client.session
    return response


def test_attacker_failures_do_not_lock_the_user_out_of_their_own_address(staff_by_role, client):
    assert sign_in(client, "manager", PASSWORD, HOME).status_code == 302
    client.post("/sign-out")
    fail(client, "manager", ATTACKER, 20)
    assert refused(client, "manager", ATTACKER).status_code == 429  # slowed there
    assert sign_in(client, "manager", PASSWORD, HOME).status_code == 302  # but not at home


@pytest.mark.parametrize("spelling", ["MANAGER", " manager", "Man ager", "ｍａｎａｇｅｒ"])
def test_user_names_are_normalised_for_the_counter(staff_by_role, client, spelling):
    fail(client, spelling, ATTACKER, 5)
    with nothing_written(get_user_model()):
        response = sign_in(client, "manager", PASSWORD, "198.51.100.7")
    assert response.status_code == 429
    assert b"Wait 30 seconds" in response.content
    assert "_auth_user_id" not in client.session


def test_the_delay_grows_and_is_capped_and_passes(settings, db):
    settings.LOGIN_THROTTLE_MAX_DELAY_SECONDS = 200
    now = 1_000_000.0
    for _ in range(5):
        assert throttle.check("manager", ATTACKER, now=now).allowed
        throttle.record_failure("manager", ATTACKER, now=now)
    waits = []
    for _ in range(5):
        verdict = throttle.check("manager", ATTACKER, now=now)
        assert not verdict.allowed
        waits.append(verdict.wait_seconds)
        now += verdict.wait_seconds
        assert throttle.check("manager", ATTACKER, now=now).allowed  # a delay, never a lock
        throttle.record_failure("manager", ATTACKER, now=now)
    assert waits == [30, 60, 120, 200, 200]


def test_many_unknown_names_from_one_address_stop_that_address_only(staff_by_role, client, settings):
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 8
    assert sign_in(client, "manager", PASSWORD, ATTACKER).status_code == 302  # a real user there
    client.post("/sign-out")
    for n in range(8):
        fail(client, f"nobody{n}", ATTACKER, 1)
    assert refused(client, "auditor", ATTACKER).status_code == 429  # spraying stopped
    assert sign_in(client, "auditor", PASSWORD, HOME).status_code == 302  # elsewhere unaffected
    client.post("/sign-out")
    assert sign_in(client, "manager", PASSWORD, ATTACKER).status_code == 302  # known there


def test_a_refused_attempt_is_audited_with_the_counter_that_refused(staff_by_role, client):
    fail(client, "manager", ATTACKER, 5)
    sign_in(client, "manager", PASSWORD, ATTACKER)
    refused = AuditEvent.objects.filter(event="sign_in_refused").last()
    assert refused.detail["reason"].startswith("throttled") and refused.source == ATTACKER


def test_known_address_still_slows_guessing_from_it(staff_by_role, client):
    assert sign_in(client, "manager", PASSWORD, HOME).status_code == 302
    client.post("/sign-out")
    fail(client, "manager", HOME, 5)
    assert refused(client, "manager", HOME).status_code == 429


# --- the real client address behind a proxy ------------------------------------------------------

def test_forwarded_header_ignored_without_a_trusted_proxy(staff_by_role, client):
    for n in range(5):  # a client rotating a forged header is still one address
        sign_in(client, "manager", "wrong", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert refused(client, "manager", ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    assert set(AuditEvent.objects.values_list("source", flat=True)) == {ATTACKER}


def test_behind_a_trusted_proxy_each_client_has_its_own_address(staff_by_role, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 5
    proxy = "10.9.9.9"
    for n in range(5):  # unknown names from one client behind the proxy
        sign_in(client, f"nobody{n}", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"forged, {ATTACKER}")
    assert refused(client, "auditor", proxy, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    response = sign_in(client, "manager", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert response.status_code == 302  # another client through the same proxy is not affected
    assert AuditEvent.objects.filter(event="signed_in").get().source == HOME
    assert AuditEvent.objects.filter(event="sign_in_refused").first().source == ATTACKER


@pytest.mark.parametrize(("hops", "header", "expected"), [
    (0, "192.0.2.1", "10.9.9.9"),
    (1, "192.0.2.1", "192.0.2.1"),
    (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
    (2, "6.6.6.6, 192.0.2.1, 10.0.0.2", "192.0.2.1"),
    (2, "192.0.2.1", "10.9.9.9"),  # shorter than the proxy chain: not trusted
    (1, "not-an-address", "10.9.9.9"),
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_client_address(settings, hops, header, expected):
    from desist.access.client import client_address

    settings.TRUSTED_PROXY_COUNT = hops
    assert client_address({"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": header}) == expected
