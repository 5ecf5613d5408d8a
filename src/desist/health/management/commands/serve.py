"""``desist serve``: the production web server (gunicorn) with Desist's settings.

Settings are loaded first, so a misconfigured deployment (no PostgreSQL, default secrets) stops
here with a one-line reason before any worker starts. Then this process *becomes* gunicorn
(exec), so the process manager's signals go straight to it: SIGTERM finishes requests in flight.
"""

from __future__ import annotations

import importlib.util
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from desist.config import env


class Command(BaseCommand):
    help = "Serve Desist with gunicorn (production). Options map to gunicorn's; see docs/operations.md."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=env.text("DESIST_BIND", "127.0.0.1:8000"),
                            help="Address:port to listen on (DESIST_BIND; default 127.0.0.1:8000).")
        parser.add_argument("--workers", type=int, default=env.number("DESIST_WEB_WORKERS", 0),
                            help="Worker processes (DESIST_WEB_WORKERS; default 2 × CPUs + 1).")
        parser.add_argument("--threads", type=int, default=env.number("DESIST_WEB_THREADS", 1))
        parser.add_argument("--timeout", type=int, default=env.number("DESIST_WEB_TIMEOUT", 60))
        parser.add_argument("--check-only", action="store_true",
                            help="Print the gunicorn command line and exit.")

    def handle(self, *args, **options):
        workers = options["workers"] or (2 * (os.cpu_count() or 1) + 1)
        argv = [
            sys.executable, "-m", "gunicorn", "desist.config.wsgi:application",
            "--bind", options["bind"],
            "--workers", str(workers),
            "--threads", str(options["threads"]),
            "--timeout", str(options["timeout"]),
            "--graceful-timeout", "30",
            # Recycle workers now and then so a slow leak cannot grow without bound.
            "--max-requests", "5000", "--max-requests-jitter", "500",
            # Requests are logged by Desist itself as JSON without paths (no CRNs in logs);
            # gunicorn's own log keeps only start-up, shutdown and worker errors.
            "--error-logfile", "-",
            # Trust X-Forwarded-* only from the proxy in front (DESIST_FORWARDED_ALLOW_IPS).
            "--forwarded-allow-ips", env.text("DESIST_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        if options["check_only"]:
            self.stdout.write(" ".join(argv))
            return
        if importlib.util.find_spec("gunicorn") is None:
            self.stderr.write("gunicorn is not installed in this environment.")
            sys.exit(1)
        os.environ["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - our own interpreter, fixed arguments

