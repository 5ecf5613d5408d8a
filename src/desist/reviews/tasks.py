"""The overdue review job: every day, overdue reviews go on the officer's and manager's lists."""

from __future__ import annotations

from django_tasks import task


@task()
def raise_overdue_reviews() -> dict:
    from .services import raise_overdue_review_tasks

    return raise_overdue_review_tasks()
