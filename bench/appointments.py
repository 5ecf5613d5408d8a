"""Benchmark: booking an appointment and an officer's calendar week on a large caseload (issue 6).

    python bench/appointments.py [--people 300000] [--database-url postgresql://…] [--requests 200]

Generates the demo caseload into PostgreSQL if it is not there yet (the generator's resume path
makes a second run cheap), adds a background of appointments with one SQL statement (four per
person by default, spread over a year around the reference date), then measures server time in
process with Django's test client (no network): GET of the busiest officer's calendar week and
POST of the booking form (venue checks, clash checks, the insert, its audit event and letter).
Prints p50 / p95 / max in milliseconds. Target: p95 under 150 ms for both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/desist_wt6_bench"

BACKGROUND_SQL = """
INSERT INTO appointments_appointment
  (provider_id, person_id, kind, officer_id, venue_id, starts_at, ends_at, purpose, rar_activity,
   sensitive, women_only, outcome, evidence, created_at, version)
SELECT p.provider_id, p.id, CASE WHEN p.id %% %(officer_share)s = 0 THEN 'officer' ELSE 'partner' END,
       CASE WHEN p.id %% %(officer_share)s = 0 THEN p.responsible_officer_id END, t.venue_id,
       slot, slot + interval '45 minutes', 'Supervision', (p.id + n) %% 2 = 0, false, false,
       CASE WHEN slot < %(ref)s::timestamptz THEN 'attended' ELSE '' END, '', now(), 1
FROM people_person p
JOIN organisation_team t ON t.id = p.team_id
CROSS JOIN generate_series(1, %(n)s) AS n
CROSS JOIN LATERAL (
  SELECT (date_trunc('week', %(ref)s::timestamptz) + ((((p.id * 7 + n * 13) %% 52) - 26) * 7
          + (p.id + n) %% 5) * interval '1 day'
          + (9 + (p.id * 3 + n) %% 7) * interval '1 hour') AS slot
) s
WHERE p.responsible_officer_id IS NOT NULL AND p.active
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(name: str, times: list[float], extra: str = "") -> None:
    ms = [t * 1000 for t in times]
    print(f"{name:<28} n={len(ms):<4} p50={statistics.median(ms):6.1f} ms  "
          f"p95={percentile(ms, 0.95):6.1f} ms  max={max(ms):6.1f} ms {extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--per-person", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--officer-share", type=int, default=20,
                        help="1 in N background appointments is with the officer (default 20: "
                        "about 60 a week for an officer of the 300,000 demo caseload)")
    parser.add_argument("--reset-appointments", action="store_true")
    parser.add_argument("--reference-date", default="2026-01-01")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL)
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "desist.config.settings.base"
    os.environ.setdefault("DESIST_ALLOWED_HOSTS", "localhost")
    sys.path.insert(0, str(ROOT / "src"))
    from generate_people import ensure_database

    ensure_database(args.database_url, fresh=False)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from desist.appointments.models import Appointment
    from desist.demo.generator import generate
    from desist.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    have = Person.objects.count()
    if have < args.people:
        print(f"Generating {args.people:,} people ({have:,} there) …")
        generate(people=args.people, seed=2018, reference_date=args.reference_date,
                 progress=lambda *_: None)
    ref = dt.date.fromisoformat(args.reference_date)
    if args.reset_appointments:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE appointments_appointment CASCADE")
    if not Appointment.objects.exists():
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(BACKGROUND_SQL, {"ref": ref.isoformat(), "n": args.per_person,
                                           "officer_share": args.officer_share})
            cursor.execute("ANALYZE appointments_appointment")
        print(f"Background appointments added in {time.perf_counter() - started:,.1f} s")
    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would keep
        cursor.execute("ANALYZE")
    print(f"people {Person.objects.count():,}, appointments {Appointment.objects.count():,}")

    officer_id = (Person.objects.filter(active=True).exclude(responsible_officer=None)
                  .values("responsible_officer").order_by().annotate(n=django.db.models.Count("pk"))
                  .order_by("-n").values_list("responsible_officer", "n").first())
    from desist.organisation.models import Staff

    officer = Staff.objects.select_related("user", "team__venue").get(pk=officer_id[0])
    print(f"officer {officer} with {officer_id[1]:,} cases; "
          f"{Appointment.objects.filter(officer=officer).count():,} appointments")
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer.user)
    week = ref.isoformat()
    client.get(f"/calendar/?week={week}")  # warm up
    times = []
    rows = 0
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.get(f"/calendar/?week={week}")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        rows = response.content.count(b"govuk-table__row")
    report("calendar week (GET)", times, f"({rows} table rows)")

    people = list(Person.objects.filter(responsible_officer=officer, active=True,
                                        wheelchair_user=False, work_starts_at__isnull=True)
                  .values_list("crn", flat=True)[: args.requests])
    venue = officer.team.venue
    Appointment.objects.filter(purpose="Bench").delete()  # a re-run books the same slots
    times, outcomes = [], {}
    first_day = ref + dt.timedelta(weeks=60)
    for i, crn in enumerate(people):
        day = first_day + dt.timedelta(weeks=i // 25, days=(i // 5) % 5)
        day -= dt.timedelta(days=day.weekday() - (i // 5) % 5)
        hour = 9 + i % 5
        started = time.perf_counter()
        response = client.post(f"/cases/{crn}/appointments/new", {
            "kind": "officer", "venue": venue.pk, "day": day.isoformat(),
            "starts": f"{hour:02d}:00", "ends": f"{hour:02d}:45", "rar_activity": "yes",
            "purpose": "Bench"})
        times.append(time.perf_counter() - started)
        outcomes[response.status_code] = outcomes.get(response.status_code, 0) + 1
    report("booking (POST)", times, f"(status codes {outcomes})")
    timezone.now()
    return 0


if __name__ == "__main__":
    sys.exit(main())
