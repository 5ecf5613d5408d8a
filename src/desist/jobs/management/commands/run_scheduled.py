from django.core.management.base import BaseCommand

from desist.jobs.schedule import JOBS, enqueue_due


class Command(BaseCommand):
    help = "Enqueue the scheduled jobs that are due (run from cron or a timer every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")

    def handle(self, *args, **options):
        if options["list"]:
            for job in JOBS:
                self.stdout.write(f"{job.name}: {job.task} every {job.every}")
            return
        enqueued = enqueue_due()
        self.stdout.write(f"Enqueued: {', '.join(enqueued)}" if enqueued else "Nothing due.")
