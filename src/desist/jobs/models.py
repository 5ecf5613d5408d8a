"""When each scheduled job last ran, so ``desist run_scheduled`` enqueues only what is due."""

from django.db import models


class ScheduledRun(models.Model):
    """The last time a scheduled job was enqueued."""

    job = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()
    last_task_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.job} at {self.last_enqueued_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """When a ``desist worker`` (or the scheduler) last proved it was alive and polling.

    ``/health/ready`` fails when no worker has beaten recently, so a deployment whose workers
    died (letters, nightly recompute and audit sealing stop) is noticed by the load balancer.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20, default="worker")  # worker / scheduler
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.worker_id} at {self.beat_at:%H:%M:%S}"
