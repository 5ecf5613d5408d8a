"""Sign-in: hashed passwords, throttling, session timeout, audit of sign-ins."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from desist.audit.models import AuditEvent
from desist.organisation.roles import Role
from tests.factories import PASSWORD
from tests.refusals import nothing_written


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


def test_sign_in_and_land_on_caseload(staff_by_role, client):
    response = client.post("/sign-in", {"username": "responsible_officer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200
    assert AuditEvent.objects.filter(event="signed_in").count() == 1


def test_passwords_are_hashed(staff_by_role):
    user = staff_by_role[Role.MANAGER].user
    assert PASSWORD not in user.password and user.check_password(PASSWORD)


def test_bad_password_shows_error_summary_and_is_audited(staff_by_role, client):
    with nothing_written(get_user_model()):  # the refusal is audited, the user is untouched
        response = client.post("/sign-in", {"username": "manager", "password": "wrong"})
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert b"Enter a correct username and password" in response.content
    assert AuditEvent.objects.filter(event="sign_in_refused").exists()


def test_empty_form_names_each_field(client, db):
    with nothing_written(get_user_model()):
        response = client.post("/sign-in", {})
    assert response.status_code == 400
    assert b"Enter your username" in response.content and b"Enter your password" in response.content
    assert b'href="#id_username"' in response.content


def test_throttle_locks_after_repeated_failures(staff_by_role, client):
    for _ in range(settings.LOGIN_THROTTLE_FAILURES):
        client.post("/sign-in", {"username": "manager", "password": "wrong"})
    with nothing_written(get_user_model()):  # the right password, refused: no last_login
        response = client.post("/sign-in", {"username": "manager", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_user_without_staff_record_cannot_sign_in(client, db):
    get_user_model().objects.create_user("nobody", password=PASSWORD)
    with nothing_written(get_user_model()):
        refused = client.post("/sign-in", {"username": "nobody", "password": PASSWORD})
    assert refused.status_code == 400
    assert "_auth_user_id" not in client.session


def test_open_redirect_refused(staff_by_role, client):
    response = client.post("/sign-in?next=https://evil.example/", {"username": "manager",
                                                                    "password": PASSWORD})
    assert response["Location"] == "/"


def test_session_times_out_after_idle_period():
    from desist.config.settings import base

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert base.SESSION_RENEW_SECONDS == 60


def test_a_request_renews_the_idle_expiry_at_most_once_a_minute(staff_by_role, client, settings):
    """Each request used to save the session (an UPDATE and a commit per page view): now it is
    renewed only when the last renewal is over a minute old (issue 23)."""
    settings.SESSION_RENEW_SECONDS = 60  # the production value (tests use a day)
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff_by_role[Role.MANAGER].user)
    client.get("/tasks/")
    key = client.session.session_key
    renewed = Session.objects.get(session_key=key).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tasks/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert Session.objects.get(session_key=key).expire_date == renewed

    session = client.session  # last renewed two minutes ago: the next request renews it
    session["_renewed_at"] -= 120
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=renewed - dt.timedelta(minutes=2))
    assert client.get("/tasks/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > renewed - dt.timedelta(minutes=1)
    # Signing out still ends the session at once.
    client.post("/sign-out")
    assert not Session.objects.filter(session_key=key).exists()


def test_sign_out_needs_post(staff_by_role, client):
    client.force_login(staff_by_role[Role.MANAGER].user)
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 302
    assert "_auth_user_id" not in client.session


def test_welsh_catalogue_is_used(client, db):
    response = client.get("/sign-in", HTTP_ACCEPT_LANGUAGE="cy")
    assert b"Mewngofnodi" in response.content and b'lang="cy"' in response.content
