"""``desist demo``: migrate, generate a Northumbria-sized caseload, print logins, serve."""

from __future__ import annotations

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from desist.demo.generator import DEFAULT_SEED, GeneratorInputError, parse_options
from desist.demo.organisation import DEMO_LOGINS, DEMO_PASSWORD, MAIN_PROVIDER
from desist.demo.seeders import run_all as run_seeders
from desist.people.models import Person

DEFAULT_PEOPLE = 3600  # Northumbria CRC supervised 3,629 people (HMI Probation, 2018)
DEFAULT_ADDR = "127.0.0.1:8000"


class Command(BaseCommand):
    help = "Set up the database, generate the demo caseload, print the logins and serve Desist."
    requires_migrations_checks = False
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--people", default=str(DEFAULT_PEOPLE),
                            help=f"Size of the caseload (default {DEFAULT_PEOPLE:,}).")
        parser.add_argument("--seed", default=str(DEFAULT_SEED))
        parser.add_argument("--no-serve", action="store_true",
                            help="Set up and print the logins, but do not start the server.")
        parser.add_argument("--addr", default=DEFAULT_ADDR,
                            help=f"Address for the development server (default {DEFAULT_ADDR}).")

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            opts = parse_options(people=options["people"], seed=options["seed"])
        except GeneratorInputError as exc:
            raise CommandError(str(exc)) from None
        verbosity = options["verbosity"]
        self.stdout.write("Setting up the database …")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=max(verbosity - 1, 0))

        have = Person.objects.filter(provider__code=MAIN_PROVIDER[0]).count()
        if have >= opts.people:
            self.stdout.write(f"The demo caseload is already there ({have:,} people).")
        else:
            call_command("generate", people=str(opts.people), seed=str(opts.seed),
                         verbosity=verbosity)
        run_seeders(timezone.localdate(), write=self.stdout.write)
        self.stdout.write(f"Ready in {time.perf_counter() - started:,.0f} s.")
        self.stdout.write(self.logins(options["addr"]))
        if options["no_serve"]:
            return
        call_command("runserver", options["addr"], use_reloader=False)

    @staticmethod
    def logins(addr: str) -> str:
        width = max(len(u) for u, _ in DEMO_LOGINS)
        lines = ["", f"Desist demo: http://{addr}/", "",
                 f"Sign in with any of these usernames and the password {DEMO_PASSWORD}", ""]
        lines += [f"  {user.ljust(width)}  {what}" for user, what in DEMO_LOGINS]
        lines.append("")
        return "\n".join(lines)
