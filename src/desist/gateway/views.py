"""The import ledger page: what came from the national record, and what was rejected (§3)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from desist.access.rules import allow
from desist.organisation.roles import Role

from . import selectors

LEDGER_READERS = {Role.HUB_ADMIN, Role.MANAGER, Role.SYSADMIN, Role.AUDITOR}


@allow(read=LEDGER_READERS)
def imports(request):
    """The import ledger: one row per batch the user's provider has a part in, newest first."""
    return render(request, "gateway/imports.html",
                  {"batches": selectors.recent_batches(request.user, 50, errors=False)})


@allow(read=LEDGER_READERS)
def batch(request, pk: int):
    """One batch: the provider's counts and its rejected records with the field at fault
    (another provider's batch is not found)."""
    found = selectors.batch_for(request.user, pk)
    if found is None:
        raise Http404
    return render(request, "gateway/batch.html", {"batch": found})
