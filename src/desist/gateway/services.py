"""Writes for the gateway: importing national-record bundles, loading code tables.

The import works in chunks. Each chunk is parsed first (``parse.parse_bundle``: a bad bundle is
refused whole, nothing of it written); the good ones whose checksum matches the last import are
skipped; the rest are written with bulk statements in one transaction per chunk. A killed import
therefore leaves whole chunks behind it, and running it again skips what was committed and
finishes the rest (converges). Natural keys (CRN; conviction, requirement, registration and
contact ids) make every write an upsert, never a duplicate.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from desist.allocation import caseloads
from desist.audit import events
from desist.people.models import Person
from desist.unpaid_work import summary as upw_summary

from . import copying, parse, selectors
from .choices import BatchStatus
from .models import (
    COUNTS,
    CodeEntry,
    ImportBatch,
    NationalRecord,
)
from .projection import (
    PERSON_UPDATED,
    Directory,
    ImportRefused,
    clear_projection,
    escalate_new,
    follow_up,
    matters,
    person_fields,
    snapshot,
    update_rows,
    write_projection,
)

CHUNK = 500
PERSON_REQUIRED = (("first_name", "offender.firstName"), ("surname", "offender.surname"),
                   ("date_of_birth", "offender.dateOfBirth"))

@dataclass
class Rejection:
    crn: str
    field: str
    reason: str
    provider: int | None = None  # whose ledger shows it (docs/gateway.md, "The ledger")

    def line(self) -> str:
        return f"{self.crn} {self.field}: {self.reason}"


@dataclass
class ImportResult:
    batch: ImportBatch
    rejections: list[Rejection] = field(default_factory=list)
    changed_crns: list[str] = field(default_factory=list)
    shares: dict = field(default_factory=dict)  # provider id → its counts

    def count(self, provider: int | None, name: str, n: int = 1) -> None:
        """Count one record's outcome in the batch and in its provider's share of it."""
        setattr(self.batch, name, getattr(self.batch, name) + n)
        share = self.shares.setdefault(provider, dict.fromkeys(COUNTS, 0))
        share[name] += n

    def reject(self, provider: int | None, rejections: list[Rejection]) -> None:
        for rejection in rejections:
            rejection.provider = provider
        self.rejections += rejections
        self.count(provider, "read")
        self.count(provider, "rejected")


# --- reading files ---------------------------------------------------------------------------

def read_path(path: str | Path) -> Iterator[tuple[str, object]]:
    """(source name, bundle or a ``ValueError``) for a file (a bundle, a list of bundles, or
    one bundle a line) or every ``.json``/``.jsonl`` file of a folder, in name order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in {".json", ".jsonl", ".ndjson"})
    elif path.exists():
        files = [path]
    else:
        raise ImportRefused(f"No file or folder at {path}", field="path")
    for file in files:
        yield from read_file(file)


def read_file(file: Path) -> Iterator[tuple[str, object]]:
    if file.suffix in {".jsonl", ".ndjson"}:  # streamed: a 300,000-line file is never all in memory
        with file.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield from _decode(line, f"{file.name}:{number}")
        return
    yield from _decode(file.read_text(encoding="utf-8"), file.name)


def _decode(text: str, name: str) -> Iterator[tuple[str, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield name, ValueError(f"not valid JSON ({exc.msg}, line {exc.lineno})")
        return
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield f"{name}[{index}]", item
    else:
        yield name, data


def digest_of(path: str | Path) -> str:
    """The checksum of the batch as given: every file's bytes, in order."""
    path = Path(path)
    files = (sorted(p for p in path.rglob("*") if p.suffix in {".json", ".jsonl", ".ndjson"})
             if path.is_dir() else [path])
    sha = hashlib.sha256()
    for file in files:
        sha.update(file.name.encode())
        with file.open("rb") as data:
            for block in iter(lambda: data.read(1 << 20), b""):
                sha.update(block)
    return sha.hexdigest()


# --- the import ------------------------------------------------------------------------------

def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_person(parsed: parse.Parsed) -> list[Rejection]:
    person = parsed.view["person"]
    return [Rejection(parsed.crn, path, "required") for name, path in PERSON_REQUIRED
            if person[name] is None]


@transaction.atomic
def _apply_chunk(good: list[parse.Parsed], existing: dict, directory: Directory, batch,
                 actor) -> tuple[int, int]:
    """Write one chunk in one transaction: by COPY on PostgreSQL (``gateway.copying``), by the
    ORM elsewhere; the same rows either way."""
    today = timezone.localdate()
    new = [p for p in good if p.crn not in existing]
    # Cases keyed by hand before the gateway existed are matched on their CRN.
    by_crn = dict(Person.objects.filter(crn__in=[p.crn for p in new]).values_list("crn", "pk"))
    for parsed in [p for p in new if p.crn in by_crn]:
        existing[parsed.crn] = {"person_id": by_crn[parsed.crn], "record": False}
    new = [p for p in new if p.crn not in by_crn]
    old = [p for p in good if p.crn in existing]
    # Officers' caseload summaries follow the cases created and moved (ADR 0005).
    with caseloads.tracking(existing[p.crn]["person_id"] for p in old) as tracker:
        return _write_chunk(good, new, old, existing, directory, batch, actor, today, tracker)


def _write_chunk(good, new, old, existing, directory, batch, actor, today, tracker):
    use_copy = copying.enabled()

    if use_copy:
        ids, providers, escalating = copying.insert_people(new, directory, today)
    else:
        people = []
        for parsed in new:
            fields = person_fields(parsed, directory)
            people.append(Person(crn=parsed.crn, arrived_on=today, routing="", hub_hold="",
                                 active=True, **fields))
        Person.objects.bulk_create(people)
        ids = {p.crn: p.pk for p in people}
        providers = {p.pk: p.provider_id for p in people}
        escalating = people
    tracker.created(ids.values())

    olds = Person.objects.in_bulk([existing[p.crn]["person_id"] for p in old])
    old_views = dict(NationalRecord.objects.filter(crn__in=[p.crn for p in old])
                     .values_list("crn", "view"))
    befores, changed = {}, []
    for parsed in old:
        person = olds[existing[parsed.crn]["person_id"]]
        if matters(old_views.get(parsed.crn), parsed.view):
            befores[person.pk] = snapshot(person)
        for name, value in person_fields(parsed, directory, person.provider_id).items():
            setattr(person, name, value)
        person.version += 1
        person.updated_at = timezone.now()
        changed.append(person)
        ids[parsed.crn] = person.pk
    update_rows(Person, changed, [*PERSON_UPDATED, "version", "updated_at"])
    clear_projection([p.pk for p in changed])
    providers |= {p.pk: p.provider_id for p in changed}
    items = [(p, ids[p.crn], providers[ids[p.crn]]) for p in good]
    if use_copy:
        copying.write_projection(items, directory)
        copying.write_records(good, ids, batch)
    else:
        write_projection(items, directory)
        _write_records(good, existing, ids, batch)
    escalate_new(escalating, today, actor=actor)
    upw_summary.refresh(ids.values())  # the UPW hub's rows follow the sentences (ADR 0015)
    for parsed in old:
        person_id = ids[parsed.crn]
        if person_id in befores:
            follow_up(person_id, befores[person_id], parsed.view, actor=actor)
    return len(new), len(old)


def _write_records(good: list[parse.Parsed], existing: dict, ids: dict, batch) -> None:
    """Each case's national record, by the ORM (``copying.write_records`` on PostgreSQL)."""
    records_new = [p for p in good if not existing.get(p.crn, {}).get("record")]
    NationalRecord.objects.filter(crn__in=[p.crn for p in records_new]).delete()
    NationalRecord.objects.bulk_create([
        NationalRecord(person_id=ids[p.crn], crn=p.crn, checksum=p.checksum, view=p.view,
                       restriction_message=p.restriction_message or "",
                       exclusion_message=p.exclusion_message or "", batch=batch)
        for p in records_new])
    records_old = list(NationalRecord.objects.filter(
        crn__in=[p.crn for p in good if existing.get(p.crn, {}).get("record")]))
    parsed_by_crn = {p.crn: p for p in good}
    for record in records_old:
        p = parsed_by_crn[record.crn]
        record.checksum, record.view, record.batch = p.checksum, p.view, batch
        record.restriction_message = p.restriction_message or ""
        record.exclusion_message = p.exclusion_message or ""
        record.imported_at = timezone.now()
    update_rows(NationalRecord, records_old, ["checksum", "view", "batch_id",
                                                "restriction_message", "exclusion_message",
                                                "imported_at"])


def import_bundles(*, acting_user, items: Iterable[tuple[str, object]], source: str,
                   digest: str = "", dry_run: bool = False, chunk: int = CHUNK,
                   progress: Callable[[ImportBatch], None] | None = None,
                   request=None, provider_id: int | None = None) -> ImportResult:
    """Import ``(source name, bundle)`` pairs (see ``read_path``); returns the ledger row and
    every rejection. Safe to run again: unchanged bundles are skipped. With ``provider_id``
    (an import by a member of staff) only that provider's cases may be created or changed."""
    codes = selectors.codes()
    directory = Directory(provider_id)
    actor = acting_user if getattr(acting_user, "pk", None) else None
    batch = ImportBatch.objects.create(source=str(source)[:300], checksum=digest,
                                       dry_run=dry_run, started_by=actor,
                                       shares={str(directory.default_provider):
                                               dict.fromkeys(COUNTS, 0)})
    result = ImportResult(batch=batch)
    result.shares[directory.default_provider] = dict.fromkeys(COUNTS, 0)
    try:
        for part in _chunks(items, chunk):
            _import_chunk(part, codes, directory, result, dry_run, actor)
            ImportBatch.objects.filter(pk=batch.pk).update(
                read=batch.read, created=batch.created, updated=batch.updated,
                unchanged=batch.unchanged, rejected=batch.rejected, shares=_shares(result))
            if progress:
                progress(batch)
    except BaseException:
        _finish(batch, result, BatchStatus.FAILED)
        raise
    _finish(batch, result, BatchStatus.FINISHED)
    if not dry_run:
        events.national_import_finished(actor=acting_user, batch=batch,
                                        crns=result.changed_crns, request=request)
    return result


def _shares(result: ImportResult) -> dict:
    return {str(provider): counts for provider, counts in result.shares.items()
            if provider is not None}


def _finish(batch: ImportBatch, result: ImportResult, status: str) -> None:
    batch.status = status
    batch.finished_at = timezone.now()
    batch.errors = [{"crn": r.crn, "field": r.field, "reason": r.reason,
                     "provider": r.provider} for r in result.rejections]
    batch.shares = _shares(result)
    batch.save()


def _import_chunk(part, codes, directory: Directory, result: ImportResult, dry_run: bool,
                  actor) -> None:
    good: dict[str, parse.Parsed] = {}
    # An unchanged bundle (same checksum, same code tables) was read and stored already: it is
    # counted, not parsed again. That is what makes a no-change re-import cheap.
    sums, digests, salt = {}, {}, codes.fingerprint
    for _name, bundle in part:
        if isinstance(bundle, dict) and isinstance(bundle.get("crn"), str):
            sums[bundle["crn"]] = digests[id(bundle)] = parse.checksum(bundle, salt=salt)
    # Where each case is held now, and the checksum of its last import: one query a chunk.
    held = {crn: (provider, checksum) for crn, provider, checksum in Person.objects.filter(
        crn__in=list(sums)).values_list("crn", "provider_id", "national_record__checksum")}
    own = directory.own
    placed: dict[str, int] = {}
    for name, bundle in part:
        crn = bundle.get("crn") if isinstance(bundle, dict) else None
        crn = crn if isinstance(crn, str) else None
        whose = own or (held[crn][0] if crn in held else None) or directory.area_of(
            bundle) or directory.default_provider
        if isinstance(bundle, ValueError):
            result.reject(whose, [Rejection(name, "file", str(bundle))])
            continue
        if own and crn in held and held[crn][0] != own:
            result.reject(own, [Rejection(crn, "crn", "held by another provider: only that "
                                          "provider may import it")])
            continue
        if crn in held and held[crn][1] == sums.get(crn) and crn not in good:
            result.count(whose, "read")
            result.count(whose, "unchanged")
            continue
        try:
            parsed = parse.parse_bundle(bundle, codes, salt=salt,
                                        digest=digests.get(id(bundle)))
        except parse.BundleRejected as exc:
            result.reject(whose, [Rejection(exc.crn or name, f, reason)
                                  for f, reason in exc.problems])
            continue  # a later bad bundle for a CRN leaves the earlier good one standing
        problems = _check_person(parsed)
        target = directory.place(parsed, held[crn][0] if crn in held else None)[0]
        if not problems and own and target != own:
            problems = [Rejection(parsed.crn, "offender.offenderManagers.probationArea.code",
                                  f"another provider's area ({parsed.probation_area}): only "
                                  "that provider may import it")]
        if problems:
            result.reject(whose, problems)
            continue
        if parsed.crn in good:  # the same CRN twice: the later bundle wins, counted once
            result.count(placed[parsed.crn], "read", -1)
        good[parsed.crn] = parsed
        placed[parsed.crn] = target
        result.count(target, "read")
    todo = []
    for crn, parsed in good.items():
        if crn in held and held[crn][1] == parsed.checksum:
            result.count(placed[crn], "unchanged")
        else:
            todo.append(parsed)
    if dry_run:
        for p in todo:
            result.count(placed[p.crn], "updated" if p.crn in held else "created")
        result.changed_crns += [p.crn for p in todo]
        return
    if not todo:
        return
    existing = {crn: {"person_id": pid, "record": True} for crn, pid in NationalRecord.objects
                .filter(crn__in=[p.crn for p in todo]).values_list("crn", "person_id")}
    try:
        _apply_chunk(todo, existing, directory, result.batch, actor)
    except DatabaseError:
        # One record the database will not take must not stop the others: one at a time.
        for parsed in list(todo):
            try:
                _apply_chunk([parsed], dict(existing), directory, result.batch, actor)
            except DatabaseError as exc:
                result.count(placed[parsed.crn], "read", -1)
                result.reject(placed[parsed.crn], [Rejection(
                    parsed.crn, "record", f"could not be stored ({exc.__class__.__name__})")])
                todo = [p for p in todo if p is not parsed]
    for parsed in todo:
        result.count(placed[parsed.crn], "updated" if parsed.crn in held else "created")
    result.changed_crns += [p.crn for p in todo]


def shard_of(name: str, bundle, shards: int) -> int:
    """Which of ``shards`` parallel importers takes this bundle: by CRN, so one case is only
    ever written by one of them (a bundle without a readable CRN goes to the first)."""
    crn = bundle.get("crn") if isinstance(bundle, dict) else None
    if not isinstance(crn, str):
        return 0
    return zlib.crc32(crn.encode()) % shards


def import_path(*, acting_user, path, dry_run: bool = False, chunk: int = CHUNK,
                progress=None, shard: tuple[int, int] | None = None) -> ImportResult:
    items = read_path(path)
    source = str(path)
    if shard is not None:
        index, count = shard
        items = (item for item in items if shard_of(*item, count) == index)
        source = f"{path} (part {index + 1} of {count})"
    return import_bundles(acting_user=acting_user, items=items, source=source,
                          digest=digest_of(path), dry_run=dry_run, chunk=chunk, progress=progress)


# --- code tables -----------------------------------------------------------------------------

@transaction.atomic
def codes_load(*, acting_user, tables: dict, replace: bool = False) -> int:
    """Load ``{table: {code: [value, label] | value}}`` into the code tables (upsert)."""
    problems = {t: "not a code table" for t in tables if t not in parse.TABLES}
    if problems:
        raise ImportRefused("Unknown code table", code="unknown_table", problems=problems)
    if replace:
        CodeEntry.objects.filter(table__in=list(tables)).delete()
    count = 0
    for table, entries in tables.items():
        for code, pair in entries.items():
            value, label = (pair[0], pair[1]) if isinstance(pair, list) else (pair, "")
            CodeEntry.objects.update_or_create(table=table, code=code,
                                               defaults={"value": value, "label": label})
            count += 1
    return count


def digest_of_items(items: list) -> str:
    """The checksum of a batch posted over the API."""
    return parse.checksum(items)
