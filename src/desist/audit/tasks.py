"""Background tasks of the audit trail."""

from __future__ import annotations

import logging

from django_tasks import task

from .services import verify_chain

log = logging.getLogger(__name__)


@task()
def verify_audit_chain() -> dict:
    """Nightly: recompute the chain; a fault is logged as an error for the operators' alerting."""
    checked, fault = verify_chain()
    if fault is not None:
        log.error("Audit trail tampered: %s", fault)
        return {"checked": checked, "fault": str(fault)}
    return {"checked": checked, "fault": None}
