"""The letter job: every few minutes, produce pending letters (idempotent, interrupt-safe)."""

from __future__ import annotations

from django_tasks import task


@task()
def produce_letters() -> dict:
    from .letters import produce_letters as run

    return run()
