"""``desist scheduler``: the one long-running loop that starts scheduled work on time.

Every few seconds it seals newly appended audit events into the chain (ADR 0003: the sealer
keeps the chain off the hot path of requests); every ``--interval`` seconds it enqueues the
scheduled jobs that are due (``desist.jobs.schedule``) for ``desist worker`` to run. Run one
per deployment (a second is harmless: sealing and enqueueing each take a lock and skip what
the other did). Deployments without it can run ``desist run_scheduled`` from cron instead.
"""

from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks.utils import get_random_id

from desist.audit.services import seal_pending
from desist.jobs import heartbeat
from desist.jobs.schedule import enqueue_due

log = logging.getLogger("desist.scheduler")


class Command(BaseCommand):
    help = "Run the scheduler loop: seal audit events and enqueue scheduled jobs when due."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0,
                            help="Seconds between checks for due jobs (default 30).")
        parser.add_argument("--seal-interval", type=float, default=2.0,
                            help="Seconds between audit sealing passes (default 2).")
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")

    def handle(self, *args, **options):
        self.running = True
        scheduler_id = f"scheduler-{get_random_id()}"[:64]
        if not options["once"]:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(f"Scheduler {scheduler_id} running; stop with SIGTERM.")
        next_enqueue = 0.0
        while self.running:
            try:
                heartbeat.beat(scheduler_id, kind="scheduler")
                sealed = seal_pending()
                if sealed:
                    log.info("Sealed %d audit events", sealed)
                if time.monotonic() >= next_enqueue:
                    enqueued = enqueue_due()
                    if enqueued:
                        log.info("Enqueued %s", ", ".join(enqueued))
                    next_enqueue = time.monotonic() + options["interval"]
            except Exception:
                if options["once"]:
                    raise
                # A database restart must not end the loop: log, reconnect, carry on.
                log.exception("Scheduler pass failed; retrying")
            if options["once"]:
                return
            close_old_connections()
            time.sleep(options["seal_interval"])

    def _stop(self, signum, frame):
        self.running = False
