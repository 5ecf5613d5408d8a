"""Locust journeys of officers at work (issue 13, item 5): run by ``bench/load.py``.

Each simulated user signs in through the sign-in form as one responsible officer (one username
a user, from the file named by ``DESIST_LOAD_USERS``) and then, with a think time between
steps, does what an officer does all day: opens the caseload, opens one of its cases, reads the
task list, searches by surname, books an appointment for a case (the booking form, then a
time on a recent weekday), and records the outcome of an appointment it booked.

The server runs with the production settings behind an imagined TLS proxy: every request says
``X-Forwarded-Proto: https`` and is sent to the loopback port over plain HTTP, and the
session and CSRF cookies (``Secure``) are sent back as a browser behind the proxy would.
Business refusals (a booking clash: 400 with the error summary) are counted apart from errors
(any other status, or a dropped connection).

    locust -f bench/journeys/locustfile.py --host https://127.0.0.1:PORT --headless -u 50 -r 5 -t 10m
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import threading

from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter

PASSWORD = "desist-demo-2026"  # noqa: S105 - the published demo password (synthetic data)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CASE = re.compile(r'href="/cases/([A-Z]\d{6})/"')
VENUE = re.compile(r'<select[^>]*name="venue".*?</select>', re.S)
OPTION = re.compile(r'<option value="(\d+)"')
APPOINTMENT = re.compile(r'href="/appointments/(\d+)"')
VERSION = re.compile(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"')
WAIT = (float(os.environ.get("DESIST_LOAD_WAIT_MIN", "3")),
        float(os.environ.get("DESIST_LOAD_WAIT_MAX", "10")))
_users_lock = threading.Lock()
_usernames: list[str] = []
REFUSED = {"count": 0}


class LoopbackHTTPS(HTTPAdapter):
    """Sends an https:// request to the loopback server over plain HTTP (the TLS proxy's job),
    so the Secure cookies are kept and returned as a browser's would be."""

    def send(self, request, *args, **kwargs):
        request = request.copy()
        request.url = "http://" + request.url.removeprefix("https://")
        return super().send(request, *args, **kwargs)


def _next_username() -> str:
    with _users_lock:
        if not _usernames:
            with open(os.environ["DESIST_LOAD_USERS"], encoding="utf-8") as names:
                _usernames.extend(line.strip() for line in names if line.strip())
            _usernames.reverse()
        return _usernames.pop()


_cookies: list[dict] = []


def _next_cookies() -> dict:
    """Cookies of a session ``bench/load.py`` signed in before the run, one a user."""
    with _users_lock:
        if not _cookies:
            with open(os.environ["DESIST_LOAD_COOKIES"], encoding="utf-8") as lines:
                _cookies.extend(json.loads(line) for line in lines if line.strip())
        return _cookies.pop()


def _recent_weekday(back: int) -> dt.date:
    day = dt.date.today() - dt.timedelta(days=back)
    while day.isoweekday() > 5:
        day -= dt.timedelta(days=1)
    return day


class Officer(HttpUser):
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.client.mount("https://", LoopbackHTTPS())
        self.client.headers.update({"X-Forwarded-Proto": "https"})
        self.cases: list[str] = []
        self.booked: list[str] = []  # appointment ids booked and not yet given an outcome
        if os.environ.get("DESIST_LOAD_COOKIES"):  # signed in already (the saturated run)
            for name, value in _next_cookies().items():
                self.client.cookies.set(name, value)
            self.caseload()
            return
        self.username = _next_username()
        page = self.client.get("/sign-in", name="/sign-in").text
        response = self.client.post("/sign-in", name="/sign-in [POST]", allow_redirects=False,
                                    data={"csrfmiddlewaretoken": CSRF.search(page).group(1),
                                          "username": self.username, "password": PASSWORD},
                                    headers=self._referer("/sign-in"))
        if response.status_code != 302:
            raise RuntimeError(f"could not sign in as {self.username}: {response.status_code}")
        self.caseload()

    def _referer(self, path: str) -> dict:
        return {"Referer": f"{self.host}{path}"}

    def _case(self) -> str | None:
        return random.choice(self.cases) if self.cases else None

    @task(4)
    def caseload(self) -> None:
        page = self.client.get("/cases/", name="caseload").text
        found = CASE.findall(page)
        if found:
            self.cases = found

    @task(4)
    def case_page(self) -> None:
        crn = self._case()
        if crn:
            self.client.get(f"/cases/{crn}/", name="case page")

    @task(3)
    def task_list(self) -> None:
        self.client.get("/tasks/", name="tasks")

    @task(2)
    def search(self) -> None:
        crn = self._case()
        if not crn:
            return
        page = self.client.get(f"/cases/{crn}/", name="case page").text
        found = re.search(r"<h1[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", page)
        words = found.group(1).split() if found else []
        surname = words[-1] if words else "Smith"
        self.client.get("/cases/", params={"q": surname[:5]}, name="search")

    @task(1)
    def book_appointment(self) -> None:
        crn = self._case()
        if not crn:
            return
        path = f"/cases/{crn}/appointments/new"
        form = self.client.get(path, name="booking form").text
        select = VENUE.search(form)
        venues = OPTION.findall(select.group(0)) if select else []
        token = CSRF.search(form)
        if not venues or not token:
            return
        start = dt.time(9, 0)
        slot = random.randrange(0, 30)  # 15-minute slots 09:00–16:15, half an hour each
        starts = (dt.datetime.combine(dt.date.today(), start) + dt.timedelta(minutes=15 * slot))
        ends = starts + dt.timedelta(minutes=30)
        day = _recent_weekday(random.randrange(0, 90))
        with self.client.post(path, name="book appointment", allow_redirects=False,
                              catch_response=True, headers=self._referer(path), data={
                                  "csrfmiddlewaretoken": token.group(1), "kind": "officer",
                                  "venue": venues[0], "officer": "", "referral": "",
                                  "day": day.isoformat(), "starts": starts.strftime("%H:%M"),
                                  "ends": ends.strftime("%H:%M"), "purpose": "Supervision",
                                  "rar_activity": "no"}) as response:
            if response.status_code == 400:  # refused with reasons (a clash): not an error
                REFUSED["count"] += 1
                response.success()
                return
            if response.status_code != 302:
                response.failure(f"booking answered {response.status_code}")
                return
        listing = self.client.get(f"/cases/{crn}/appointments", name="case appointments").text
        ids = APPOINTMENT.findall(listing)
        if ids:
            self.booked.append(max(ids, key=int))

    @task(1)
    def record_outcome(self) -> None:
        if not self.booked:
            return
        pk = self.booked.pop()
        path = f"/appointments/{pk}"
        page = self.client.get(path, name="appointment").text
        version, token = VERSION.search(page), CSRF.search(page)
        if not version or not token:
            return  # its outcome was already recorded (the page shows no form)
        with self.client.post(path, name="record outcome", allow_redirects=False,
                              catch_response=True, headers=self._referer(path), data={
                                  "csrfmiddlewaretoken": token.group(1), "outcome": "attended",
                                  "evidence": "", "version": version.group(1) or version.group(2),
                              }) as response:
            if response.status_code in (400, 409):  # refused (already recorded, or stale)
                REFUSED["count"] += 1
                response.success()
            elif response.status_code != 302:
                response.failure(f"outcome answered {response.status_code}")


class SignInPage(HttpUser):
    """The cheapest page, for the throughput ratio: the sign-in form, with no think time."""

    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.client.mount("https://", LoopbackHTTPS())
        self.client.headers.update({"X-Forwarded-Proto": "https"})

    @task
    def sign_in_page(self) -> None:
        self.client.get("/sign-in", name="sign-in page")


@events.quitting.add_listener
def _report_refusals(environment, **_kwargs) -> None:
    print(f"business refusals (booking clashes, outcomes already recorded): {REFUSED['count']}")
