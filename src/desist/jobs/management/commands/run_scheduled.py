import signal
import time

from django.core.management.base import BaseCommand, CommandError

from desist.jobs.schedule import JOBS, enqueue_due


class Command(BaseCommand):
    help = ("Enqueue the scheduled jobs that are due (run from cron or a timer every few minutes, "
            "or keep running with --every).")

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")
        parser.add_argument("--every", type=float, default=0, metavar="SECONDS",
                            help="Keep running, checking for due jobs every SECONDS "
                                 "(as `desist demo` does); stop on Ctrl-C or SIGTERM.")

    def handle(self, *args, **options):
        if options["list"]:
            for job in JOBS:
                self.stdout.write(f"{job.name}: {job.task} every {job.every}")
            return
        every = options["every"]
        if every < 0:
            raise CommandError("--every must be a number of seconds, 0 or more")
        if not every:
            self._enqueue(quiet=False)
            return
        stopping = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.append(True))
        while not stopping:
            self._enqueue(quiet=True)
            deadline = time.monotonic() + every
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(0.2, every))
        self.stdout.write("Scheduler stopped.")

    def _enqueue(self, *, quiet: bool):
        enqueued = enqueue_due()
        if enqueued:
            self.stdout.write(f"Enqueued: {', '.join(enqueued)}")
        elif not quiet:  # a loop says nothing when nothing is due, or it would fill the screen
            self.stdout.write("Nothing due.")
