"""When each scheduled job last ran, so ``desist run_scheduled`` enqueues only what is due."""

from django.db import models


class ScheduledRun(models.Model):
    """The last time a scheduled job was enqueued."""

    job = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()
    last_task_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.job} at {self.last_enqueued_at:%Y-%m-%d %H:%M}"
