"""``desist worker``: run queued background tasks, beating a heartbeat between batches.

It drives django-tasks-db's own ``Worker`` in batch mode (claim and run everything ready, then
return) inside our loop, so the heartbeat is written even when the queue is idle and the
worker's signal handling (finish the current task on SIGTERM) is kept.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks.base import DEFAULT_TASK_QUEUE_NAME
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Worker

from desist.jobs import heartbeat


class Command(BaseCommand):
    help = "Run queued background tasks (the database task backend's worker)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="Run what is queued now, then exit.")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to wait when the queue is empty (default 1).")
        parser.add_argument("--queue-name", default=DEFAULT_TASK_QUEUE_NAME,
                            help="Queues to run, comma-separated; '*' for all.")

    def handle(self, *args, **options):
        worker_id = f"worker-{get_random_id()}"[:64]
        worker = Worker(
            queue_names=options["queue_name"].split(","), interval=0, batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False, max_tasks=None,
            worker_id=worker_id,
        )
        if not options["batch"]:
            worker.configure_signals()
            self.stdout.write(f"Worker {worker_id} running; stop with SIGTERM.")
        while worker.running:
            heartbeat.beat(worker_id)
            worker.run()  # everything ready now, then back here
            if options["batch"]:
                return
            close_old_connections()
            time.sleep(options["interval"])
