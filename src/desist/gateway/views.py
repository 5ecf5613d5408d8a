"""The import ledger page: what came from the national record, and what was rejected (§3)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from desist.access.roles import Role
from desist.access.rules import allow

from . import selectors

LEDGER_READERS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN, Role.AUDITOR}


@allow(read=LEDGER_READERS)
def imports(request):
    """The import ledger: one row per batch, newest first."""
    return render(request, "gateway/imports.html", {"batches": selectors.recent_batches(50)})


@allow(read=LEDGER_READERS)
def batch(request, pk: int):
    """One batch: its counts and every rejected record with the field at fault."""
    found = selectors.batch_for(pk)
    if found is None:
        raise Http404
    return render(request, "gateway/batch.html", {"batch": found})
