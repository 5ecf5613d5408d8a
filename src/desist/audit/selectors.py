"""Reads of the audit trail: the viewer's provider, and only the cases the viewer may see.

The audit viewer (``desist.scopes.audit``) applies the same case visibility as the case pages: an
event about a restricted case the viewer is not granted, or a case the viewer is excluded from,
is not listed (nor found by a filter); events without a case stay. Events that name several
cases in their detail (a caseload listing) have the hidden CRNs removed before display.

The reads that start from the user's case scope are in ``desist.scopes.audit`` (ADR 0017).
"""

from __future__ import annotations

from .models import AuditEvent

HIDDEN_MARK = "(hidden)"


def _crns_in(row: AuditEvent) -> list[str]:
    crns = row.detail.get("crns") if isinstance(row.detail, dict) else None
    return [str(c) for c in crns] if isinstance(crns, list) else []
