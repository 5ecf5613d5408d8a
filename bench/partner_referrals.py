"""Benchmark: a partner caseworker's referral list, with and without a search (issue 12, item 24).

    python bench/partner_referrals.py [--people 20000] [--referrals 400] [--requests 100]
                                      [--database-url postgresql://…]

Generates the demo caseload into PostgreSQL if it is not there yet (the generator's resume path
makes a second run cheap), then tops up the women's service partner (the demo's ``partner``
login) with referrals until it has ``--referrals`` of its own in the access window (accepted,
waiting or started), on top of everything the generator gave every partner. Measures server time
in process with Django's test client (no network): GET of the first page of ``/referrals/``
(50 rows), and searches by name, by CRN and by service. Prints p50 / p95 / max in milliseconds
the CPU time of the benchmark process (Python: view, ORM, templates; not the database server),
and the number of queries per request. Target: p95 under 300 ms.
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
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/desist_delivery_bench"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(name: str, times: list[float], cpu: list[float], extra: str = "") -> None:
    ms = [t * 1000 for t in times]
    print(f"{name:<34} n={len(ms):<4} p50={statistics.median(ms):6.1f} ms  "
          f"p95={percentile(ms, 0.95):6.1f} ms  max={max(ms):6.1f} ms  "
          f"(CPU of this process p50={statistics.median(cpu) * 1000:5.1f} ms) {extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--referrals", type=int, default=400)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--reference-date", default="2026-01-01")
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL)
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "desist.config.settings.base"
    os.environ.setdefault("DESIST_ALLOWED_HOSTS", "localhost")
    sys.path.insert(0, str(ROOT / "src"))
    if args.database_url.startswith("postgres"):
        from generate_people import ensure_database

        ensure_database(args.database_url, fresh=False)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from desist.demo.generator import generate
    from desist.interventions.models import Referral
    from desist.organisation.models import Staff
    from desist.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    have = Person.objects.count()
    if have < args.people:
        print(f"Generating {args.people:,} people ({have:,} there) …")
        generate(people=args.people, seed=2018,
                 reference_date=dt.date.fromisoformat(args.reference_date),
                 progress=lambda *_: None)
    caseworker = (Staff.objects.select_related("user", "partner")
                  .filter(role="partner_caseworker", partner__code="CHP").first())
    if caseworker is None:
        sys.exit("error: no partner caseworker of the women's service (CHP) in this database")
    partner = caseworker.partner
    in_window = Referral.objects.granting_partner_access(partner.pk)
    short = args.referrals - in_window.count()
    if short > 0:
        ref = dt.date.fromisoformat(args.reference_date)
        people = (Person.objects.filter(provider_id=partner.provider_id, restricted=False)
                  .exclude(referrals__partner=partner).order_by("pk")[:short])
        Referral.objects.bulk_create(
            Referral(person=p, partner=partner, service="Women's hub support",
                     status=("accepted", "waiting", "started")[i % 3],
                     referred_on=ref - dt.timedelta(days=i % 90))
            for i, p in enumerate(people))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum keeps
            cursor.execute("ANALYZE")
    statuses = dict(Referral.objects.filter(partner=partner).values_list("status")
                    .annotate(n=Count("pk")).order_by())
    print(f"people {Person.objects.count():,}, referrals {Referral.objects.count():,}; "
          f"{partner.name}: {in_window.count():,} in the access window, by status {statuses}")

    client = Client(HTTP_HOST="localhost")
    client.force_login(caseworker.user)
    sample = in_window.select_related("person").order_by("pk").first()
    queries = {
        "referral list, first page (GET)": {},
        "search by name": {"q": f"{sample.person.first_name} {sample.person.last_name}"},
        "search by CRN": {"q": sample.person.crn},
        "search by service": {"q": "hub support"},
    }
    for name, params in queries.items():
        client.get("/referrals/", params)  # warm up
        times, cpu = [], []
        for _ in range(args.requests):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get("/referrals/", params)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/referrals/", params)
        rows = response.content.count(b'<tr class="govuk-table__row">') - 1
        report(name, times, cpu, f"({rows} rows, {len(captured)} queries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
