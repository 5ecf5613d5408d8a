"""Worker and scheduler heartbeats, read by ``/health/ready``."""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.conf import settings
from django.utils import timezone

from .models import WorkerHeartbeat


def beat(worker_id: str, *, kind: str = "worker") -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id[:64],
        defaults={"kind": kind, "host": socket.gethostname()[:255], "pid": os.getpid(),
                  "beat_at": timezone.now()},
    )


def latest(kind: str = "worker") -> dt.datetime | None:
    row = WorkerHeartbeat.objects.filter(kind=kind).order_by("-beat_at").first()
    return row.beat_at if row else None


def is_fresh(kind: str = "worker", now: dt.datetime | None = None) -> bool:
    last = latest(kind)
    limit = dt.timedelta(seconds=settings.WORKER_HEARTBEAT_STALE_SECONDS)
    return last is not None and (now or timezone.now()) - last <= limit
