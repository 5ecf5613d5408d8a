"""A refused write changes nothing: the helper every refusal test uses (issue 25).

    with nothing_written(Person, Assignment):
        response = client.post(...)
    assert response.status_code == 409

On leaving the block it asserts that every row of the given models is exactly as it was, and
that no audit event of a write (create, change, delete) was recorded meanwhile. Audit events of
the refusal itself (``access_refused``, ``access_denied``, ``booking_refused`` …: any event named
``*_refused`` or ``*_denied``, whatever the action attempted) are allowed: refusals are meant to
be in the trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from desist.audit.models import AuditEvent

WRITE_ACTIONS = ("create", "change", "delete")


def rows(model) -> list[dict]:
    # the base manager: every row, whatever a model's default manager leaves out
    return list(model._base_manager.order_by("pk").values())


@contextmanager
def nothing_written(*models) -> Iterator[None]:
    before = {model: rows(model) for model in models}
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    for model in models:
        assert rows(model) == before[model], f"{model.__name__} changed by a refused write"
    writes = [(action, event) for action, event in
              AuditEvent.objects.filter(id__gt=last, action__in=WRITE_ACTIONS)
              .values_list("action", "event")
              if not event.endswith(("_refused", "_denied"))]
    assert writes == [], f"a refused write recorded {writes}"
