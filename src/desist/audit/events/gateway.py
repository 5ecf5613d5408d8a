"""Audited events: Gateway to the national record (operating model §3)"""

from __future__ import annotations

from ..services import audit_record, source_of


def national_import_finished(*, actor, batch, crns: list[str], request=None) -> None:
    """One import batch from the national record: its counts and every case it created or changed."""
    audit_record(actor=actor or "desist import", action="change", event="national_import",
                 object_type="import_batch", object_id=batch.pk,
                 detail={**batch.counts(), "crns": crns[:10000], "source": batch.source[:200]},
                 source=source_of(request) if request is not None else "cli")


def national_record_read(*, actor, crn: str, request=None) -> None:
    """A case's national-record view read back (``desist cases show``, the API)."""
    audit_record(actor=actor or "desist cases", action="read", event="national_record_read",
                 crn=crn, object_type="national_record",
                 source=source_of(request) if request is not None else "cli")


def national_export(*, actor, crns: list[str], count: int, request=None) -> None:
    """Contacts, outcomes and enforcement exported for the national record."""
    audit_record(actor=actor or "desist export", action="read", event="national_export",
                 object_type="contact", detail={"count": count, "crns": crns[:10000]},
                 source=source_of(request) if request is not None else "cli")
def resettlement_changed(*, user, case, change: str, detail: dict | None = None,
                         request=None) -> None:
    """A write on a custody case's resettlement plan (§13): what changed and on which record."""
    audit_record(
        actor=user, action="create" if change in ("opened", "need_added", "code_issued",
                                                  "assessment_recorded") else "change",
        event=f"resettlement_{change}"[:60], crn=case.person.crn, object_type="custody_case",
        object_id=case.pk, detail=detail or {}, source=source_of(request),
    )


def resettlement_assessment_loaded(*, user, version, request=None) -> None:
    audit_record(
        actor=user, action="create", event="resettlement_assessment_loaded",
        object_type="assessment_version", object_id=version.pk,
        detail={"kind": version.kind, "number": version.number}, source=source_of(request),
    )


def person_page_accessed(*, case, outcome: str, client: str, request=None) -> None:
    """The person's own resettlement page: every try and every view, with what happened."""
    audit_record(
        actor="person on probation", action="read", event="person_page_accessed",
        crn=case.person.crn if case is not None else "", object_type="custody_case",
        object_id=case.pk if case is not None else "",
        detail={"outcome": outcome, "client": client[:64]}, source=source_of(request),
    )
