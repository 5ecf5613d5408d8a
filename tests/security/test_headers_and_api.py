"""Issue 13 item 4: CSP, HSTS and cookie flags on production-like settings; API tokens expire
and the API is throttled."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from desist.organisation.roles import Role
from tests.factories import PASSWORD

PRODUCTION_FACTS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({k: getattr(settings, k) for k in (
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "MIDDLEWARE", "SECURE_PROXY_SSL_HEADER",
    "API_TOKEN_LIFETIME_SECONDS", "TRUSTED_PROXY_COUNT")}))
"""


@pytest.fixture(scope="module")
def production():
    """The production settings module's security values, loaded as production loads them."""
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
           "DJANGO_SETTINGS_MODULE": "desist.config.settings.production",
           "DESIST_SECRET_KEY": "x" * 64, "DESIST_AUDIT_KEY": "k" * 48,
           "DESIST_ALLOWED_HOSTS": "desist.example",
           "DATABASE_URL": "postgresql://desist@127.0.0.1:5432/desist"}
    out = subprocess.run([sys.executable, "-c", PRODUCTION_FACTS], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_settings_turn_on_hsts_and_secure_cookies(production):
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and production["SECURE_HSTS_PRELOAD"]
    assert production["SECURE_SSL_REDIRECT"]
    assert production["SESSION_COOKIE_SECURE"] and production["SESSION_COOKIE_HTTPONLY"]
    assert production["CSRF_COOKIE_SECURE"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["X_FRAME_OPTIONS"] == "DENY" and production["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert "desist.access.middleware.ContentSecurityPolicyMiddleware" in production["MIDDLEWARE"]
    assert production["MIDDLEWARE"][0] == "desist.access.client.ClientAddressMiddleware"
    assert 0 < production["API_TOKEN_LIFETIME_SECONDS"] <= 24 * 60 * 60


def test_responses_carry_hsts_and_secure_cookies_under_production_values(
        production, staff_by_role, client, settings):
    for key in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
                "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
                "X_FRAME_OPTIONS"):
        setattr(settings, key, production[key])
    settings.SECURE_PROXY_SSL_HEADER = tuple(production["SECURE_PROXY_SSL_HEADER"])
    assert client.get("/sign-in").status_code == 301  # plain HTTP is sent to HTTPS
    cache.clear()
    response = client.post("/sign-in", {"username": "manager", "password": PASSWORD},
                           HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 302
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    page = client.get("/sign-in", HTTP_X_FORWARDED_PROTO="https")
    assert page["X-Frame-Options"] == "DENY"


def test_pages_carry_a_csp_whose_nonce_matches_the_only_inline_script(staff_by_role, client_for):
    response = client_for(staff_by_role[Role.MANAGER]).get("/cases/")
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp and "'unsafe-inline'" not in csp.split(";")[1]
    body = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)
    second = client_for(staff_by_role[Role.MANAGER]).get("/cases/")["Content-Security-Policy"]
    assert second != csp  # a fresh nonce per response


def test_api_token_expires(case, staff_by_role, client, settings):
    settings.API_TOKEN_LIFETIME_SECONDS = 3600
    token = Token.objects.create(user=staff_by_role[Role.MANAGER].user)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert client.get(f"/api/cases/{case.crn}", **auth).status_code == 200
    Token.objects.filter(pk=token.pk).update(created=token.created - dt.timedelta(seconds=3601))
    response = client.get(f"/api/cases/{case.crn}", **auth)
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


def test_api_is_throttled_per_user(case, staff_by_role, client, settings):
    cache.clear()
    settings.API_THROTTLE_RATES = {"user": "5/minute", "anon": "3/minute"}
    token = Token.objects.create(user=staff_by_role[Role.MANAGER].user)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    codes = [client.get(f"/api/cases/{case.crn}", **auth).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    other = Token.objects.create(user=staff_by_role[Role.HUB_ADMIN].user)
    assert client.get(f"/api/cases/{case.crn}",
                      HTTP_AUTHORIZATION=f"Token {other.key}").status_code == 200  # per user
    cache.clear()
