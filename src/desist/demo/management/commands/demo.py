"""``desist demo``: migrate, generate a Northumbria-sized caseload, print logins, then run the
server, the task worker and the scheduler side by side (as production does), so the nightly
alerts and the letters appear. Ctrl-C stops all three."""

from __future__ import annotations

import signal
import subprocess
import sys
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
DEFAULT_SCHEDULE_EVERY = 60  # seconds between the scheduler's checks for due jobs
STOP_GRACE = 10  # seconds a child has to stop before it is killed


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
        parser.add_argument("--schedule-every", type=float, default=DEFAULT_SCHEDULE_EVERY,
                            metavar="SECONDS",
                            help="How often the scheduler checks for due jobs "
                                 f"(default {DEFAULT_SCHEDULE_EVERY}).")

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
        if options["schedule_every"] <= 0:
            raise CommandError("--schedule-every must be a positive number of seconds")
        self.stdout.write("Running the server, the task worker and the scheduler; "
                          "press Ctrl-C to stop.")
        self.stdout.flush()
        status = supervise(child_commands(options), write=self.stdout.write)
        if status:
            raise CommandError("A demo process stopped unexpectedly; the others were stopped.")

    @staticmethod
    def logins(addr: str) -> str:
        width = max(len(u) for u, _ in DEMO_LOGINS)
        lines = ["", f"Desist demo: http://{addr}/", "",
                 f"Sign in with any of these usernames and the password {DEMO_PASSWORD}", ""]
        lines += [f"  {user.ljust(width)}  {what}" for user, what in DEMO_LOGINS]
        lines.append("")
        return "\n".join(lines)


# ── Process handling ─────────────────────────────────────────────────────────────────────────
# The server, the worker and the scheduler run as child processes of this command. Ctrl-C in a
# terminal signals the whole process group, so each child starts its own clean shutdown; a
# signal to this command alone (``kill``, a service manager) is passed on. A child that does
# not stop within STOP_GRACE seconds is killed, and if any child dies the others are stopped,
# so the demo never half-runs (a server with no worker would silently produce no letters).


def child_commands(options: dict) -> list[tuple[str, list[str]]]:
    desist = [sys.executable, "-m", "desist.cli"]
    extra = ["--settings", options["settings"]] if options.get("settings") else []
    return [
        ("server", [*desist, "runserver", options["addr"], "--noreload", *extra]),
        ("worker", [*desist, "worker", *extra]),
        # The production scheduler: seals the audit chain and enqueues jobs when they are due.
        ("scheduler", [*desist, "scheduler", "--interval", str(options["schedule_every"]),
                       *extra]),
    ]


def supervise(commands: list[tuple[str, list[str]]], *, write, poll: float = 0.2) -> int:
    """Run the commands until one exits or this process is told to stop; stop them all.
    Returns 0 for a requested stop, 1 when a child stopped on its own."""
    received: list[int] = []
    handlers = {sig: signal.signal(sig, lambda signum, _frame: received.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    children: list[tuple[str, subprocess.Popen]] = []
    failed = False
    try:
        for name, argv in commands:
            children.append((name, subprocess.Popen(argv)))  # noqa: S603 - our own command
            write(f"Started the {name} (process {children[-1][1].pid}).")
        while not received and not failed:
            for name, child in children:
                if child.poll() is not None:
                    write(f"The {name} stopped (exit status {child.returncode}); "
                          "stopping the others.")
                    failed = True
            time.sleep(poll)
    finally:
        _stop(children, interrupted=signal.SIGINT in received, write=write)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return 1 if failed else 0


def _stop(children, *, interrupted: bool, write) -> None:
    running = [(name, child) for name, child in children if child.poll() is None]
    if interrupted:
        # Ctrl-C reached every child too: give them the grace period to finish on their own
        # (a second signal would make the worker abandon the task it is running).
        _wait(running, STOP_GRACE / 2)
        running = [(name, child) for name, child in running if child.poll() is None]
    for _name, child in running:
        child.terminate()
    for name, child in _wait(running, STOP_GRACE):
        write(f"The {name} did not stop in time; killing it.")
        child.kill()
        child.wait()
    write("Stopped the server, the worker and the scheduler.")


def _wait(children, timeout: float) -> list:
    """Wait up to ``timeout`` seconds in all for the children; return those still running."""
    deadline = time.monotonic() + timeout
    for _name, child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            pass
    return [(name, child) for name, child in children if child.poll() is None]
