"""Writes for the gateway: importing national-record bundles, loading code tables.

The import works in chunks. Each chunk is parsed first (``parse.parse_bundle``: a bad bundle is
refused whole, nothing of it written); the good ones whose checksum matches the last import are
skipped; the rest are written with bulk statements in one transaction per chunk. A killed import
therefore leaves whole chunks behind it, and running it again skips what was committed and
finishes the rest (converges). Natural keys (CRN; conviction, requirement, registration and
contact ids) make every write an upsert, never a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.organisation.models import Provider, Staff, Team
from desist.people.models import Person, Registration
from desist.sentences.models import Requirement, Sentence

from . import parse, selectors
from .choices import BatchStatus, KeyKind
from .models import CodeEntry, ImportBatch, NationalContact, NationalKey, NationalRecord

CHUNK = 500
PERSON_REQUIRED = (("first_name", "offender.firstName"), ("surname", "offender.surname"),
                   ("date_of_birth", "offender.dateOfBirth"))
# Plain registration names (the read-back contract) → the case record's registration types.
REGISTRATION_TYPES = {
    "domestic_abuse": "domestic_abuse", "child_protection_plan": "child_protection_plan",
    "child_concerns": "child_concern", "mappa": "mappa", "iom": "iom",
    "registered_sex_offender": "sex_offender", "mental_health_issues": "complex_mental_health",
}
SENTENCE_TYPES = {"community_order": "community_order", "suspended_sentence_order": "sso"}
REQUIREMENT_TYPES = {"rar", "upw", "programme", "drr", "atr", "mhtr", "exclusion", "curfew",
                     "prohibited_activity", "residence", "alcohol_abstinence"}


class ImportRefused(Refused):
    default_code = "import_refused"


@dataclass
class Rejection:
    crn: str
    field: str
    reason: str

    def line(self) -> str:
        return f"{self.crn} {self.field}: {self.reason}"


@dataclass
class ImportResult:
    batch: ImportBatch
    rejections: list[Rejection] = field(default_factory=list)
    changed_crns: list[str] = field(default_factory=list)


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
    except ValueError as exc:
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


class _Directory:
    """Providers, teams and staff by code, read once per import."""

    def __init__(self, default_provider: int | None = None):
        providers = list(Provider.objects.order_by("pk").values_list("pk", "code"))
        if not providers:
            raise ImportRefused("There is no provider to import cases into: set one up first",
                                code="no_provider")
        # A case whose probation area is no provider's code goes to the importer's provider.
        self.default_provider = default_provider or providers[0][0]
        self.providers = {code: pk for pk, code in providers}
        self.teams = {(p, c): pk for pk, p, c in Team.objects.values_list("pk", "provider_id",
                                                                          "code")}
        self.staff = {(p, c): pk for pk, p, c in Staff.objects.values_list(
            "pk", "provider_id", "staff_code")}

    def place(self, parsed: parse.Parsed) -> tuple[int, int | None, int | None]:
        provider = self.providers.get(parsed.probation_area or "", self.default_provider)
        manager = parsed.view["offender_manager"] or {}
        team = self.teams.get((provider, manager.get("team_code")))
        officer = None
        if manager.get("unallocated") is False:
            officer = self.staff.get((provider, manager.get("staff_code")))
        return provider, team, officer


def _check_person(parsed: parse.Parsed) -> list[Rejection]:
    person = parsed.view["person"]
    return [Rejection(parsed.crn, path, "required") for name, path in PERSON_REQUIRED
            if person[name] is None]


def _person_fields(parsed: parse.Parsed, directory: _Directory) -> dict:
    view = parsed.view
    person = view["person"]
    address = person["main_address"] or {}
    provider, team, officer = directory.place(parsed)
    rosh_rows = [r for r in parsed.registrations if r.active and r.rosh]
    rosh_rows.sort(key=lambda r: (r.start_date or dt.date.min, parse.ROSH_ORDER.index(r.rosh)))
    return {
        "provider_id": provider,
        "first_name": person["first_name"][:100],
        "last_name": person["surname"][:100],
        "date_of_birth": dt.date.fromisoformat(person["date_of_birth"]),
        "gender": person["gender"] or "",
        "postcode": (address.get("postcode") or "")[:10],
        "first_language": (person["primary_language"] or "")[:40],
        "interpreter_needed": person["interpreter_required"] is True,
        "rosh": view["rosh"] or "",
        "rosh_assessed_on": rosh_rows[-1].start_date if rosh_rows else None,
        "restricted": view["restricted"] is True or view["excluded"] is True,
        "team_id": team,
        "responsible_officer_id": officer,
    }


PERSON_UPDATED = ("provider_id", "first_name", "last_name", "date_of_birth", "gender", "postcode",
                  "first_language", "interpreter_needed", "rosh", "rosh_assessed_on",
                  "restricted", "team_id", "responsible_officer_id")


def _projection(parsed: parse.Parsed, person_id: int):
    """The sentence, requirements, registrations and contacts rows for one case, with keys."""
    keys, sentence, requirements, registrations, contacts = [], None, [], [], []
    row = parsed.sentence
    if row and row["start_date"] and row["expected_end_date"] and (
            row["expected_end_date"] > row["start_date"]):
        custody = parsed.view["custody"] or {}
        kind = SENTENCE_TYPES.get(row["kind"])
        if row["kind"] == "determinate_custody":
            kind = "licence" if custody.get("status") == "on_licence" else "custody"
        if kind:
            sentence_date = row["sentence_date"] or row["start_date"]
            if sentence_date > row["start_date"]:
                sentence_date = row["start_date"]
            release = row["release_date"]
            sentence = Sentence(
                person_id=person_id, type=kind, sentence_date=sentence_date,
                start_date=row["start_date"], expected_end_date=row["expected_end_date"],
                release_date=release if release and release >= sentence_date else None,
                court="",
            )
            keys.append((KeyKind.CONVICTION, str(row["conviction_id"]), sentence))
            for q in parsed.requirements:
                if not q.counted or q.kind not in REQUIREMENT_TYPES:
                    continue
                length = int(q.length) if q.length is not None else None
                end = q.end_date if q.end_date and q.start_date and q.end_date > q.start_date \
                    else None
                requirement = Requirement(
                    sentence=sentence, type=q.kind, start_date=q.start_date, end_date=end,
                    rar_days=length if q.kind == "rar" and length and length >= 1 else None,
                    upw_hours=length if q.kind == "upw" and length and 40 <= length <= 300
                    else None,
                    details=f"National requirement {q.code}{'/' + q.sub_code if q.sub_code else ''}",
                )
                requirements.append(requirement)
                keys.append((KeyKind.REQUIREMENT, str(q.requirement_id), requirement))
    for reg in parsed.registrations:
        kind = REGISTRATION_TYPES.get(reg.name or "")
        if not (reg.active and kind and reg.start_date):
            continue
        review = reg.review_date if reg.review_date and reg.review_date >= reg.start_date else None
        registration = Registration(person_id=person_id, type=kind, level=reg.level or "",
                                    start_date=reg.start_date, review_date=review)
        registrations.append(registration)
        keys.append((KeyKind.REGISTRATION, str(reg.registration_id), registration))
    for c in parsed.contacts:
        contacts.append(NationalContact(
            person_id=person_id, contact_id=str(c.contact_id), start=c.start or "",
            type_code=c.type_code or "", appointment=c.appointment,
            outcome_code=c.outcome_code or "", enforcement_code=c.enforcement_code or ""))
    return sentence, requirements, registrations, contacts, keys


def _clear_projection(person_ids: list[int]) -> None:
    """Remove what earlier imports wrote for these cases (it is rewritten from the bundle)."""
    if not person_ids:
        return
    key_rows = NationalKey.objects.filter(person_id__in=person_ids)
    sentences = [k for kind, k in key_rows.values_list("kind", "object_id")
                 if kind == KeyKind.CONVICTION]
    registrations = [k for kind, k in key_rows.values_list("kind", "object_id")
                     if kind == KeyKind.REGISTRATION]
    Sentence.objects.filter(pk__in=sentences, person_id__in=person_ids).delete()
    Registration.objects.filter(pk__in=registrations, person_id__in=person_ids).delete()
    key_rows.delete()
    NationalContact.objects.filter(person_id__in=person_ids).delete()


def _write_projection(items: list[tuple[parse.Parsed, int]]) -> None:
    sentences, requirements, registrations, contacts, keys = [], [], [], [], []
    for parsed, person_id in items:
        s, q, r, c, k = _projection(parsed, person_id)
        if s is not None:
            sentences.append(s)
        requirements += q
        registrations += r
        contacts += c
        keys += [(kind, nid, obj, person_id) for kind, nid, obj in k]
    Sentence.objects.bulk_create(sentences)
    for q in requirements:
        q.sentence_id = q.sentence.pk
    Requirement.objects.bulk_create(requirements)
    Registration.objects.bulk_create(registrations)
    # A national id seen on another case before belongs to the newest bundle that has it.
    NationalContact.objects.filter(contact_id__in=[c.contact_id for c in contacts]).exclude(
        person_id__in=[p for _, p in items]).delete()
    NationalContact.objects.bulk_create(contacts, ignore_conflicts=True)
    # A national id that moved to another case in this import: the newest bundle owns it.
    NationalKey.objects.filter(
        kind__in=[k[0] for k in keys], national_id__in=[k[1] for k in keys]).exclude(
        person_id__in=[p for _, p in items]).delete()
    NationalKey.objects.bulk_create([
        NationalKey(kind=kind, national_id=nid, person_id=person_id, object_id=obj.pk)
        for kind, nid, obj, person_id in keys], ignore_conflicts=True)


def _update_rows(model, rows: list, names: list[str]) -> None:
    """UPDATE … WHERE id = … for each row, sent as one pipelined batch (``executemany``): the
    ORM's ``bulk_update`` builds a CASE per field per row, which costs more than the writing."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    table = connection.ops.quote_name(model._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    params = [[f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] + [row.pk]
              for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", params)  # noqa: S608


def _snapshot(person: Person) -> dict:
    return {"rosh": person.rosh, "restricted": person.restricted,
            "registrations": sorted(Registration.objects.filter(person=person, end_date=None)
                                    .values_list("type", flat=True))}


def _follow_up(person_id: int, before: dict, view: dict, *, actor) -> None:
    """What a manual change would set off (§2, §4): escalation on high RoSH, a band review on a
    RoSH or registration change. New cases wait in the hub's intake queue (§3)."""
    from desist.allocation.services import escalate_if_needed, significant_event

    person = Person.objects.get(pk=person_id)
    after = _snapshot(person)
    if after["rosh"] != before["rosh"]:
        escalate_if_needed(person, actor=actor)
        significant_event(person=person, event="rosh_change", actor=actor)
    elif set(after["registrations"]) - set(before["registrations"]):
        significant_event(person=person, event="registration_added", actor=actor)
    elif set(before["registrations"]) - set(after["registrations"]):
        significant_event(person=person, event="registration_removed", actor=actor)
    if person.hub_hold == "long_custody":
        _reroute_held_custody(person)


def _reroute_held_custody(person: Person) -> None:
    """A custody case held in the hub whose release date moved: its date of passing to the LMC
    moves with it (§3.2), as when its release address is recorded."""
    from desist.allocation import facts
    from desist.people.selectors import case_overview

    sentences, _ = case_overview(person)
    proposal = facts.route_case(person, sentences, timezone.localdate(),
                                facts.lmc_by_local_authority(person.provider_id))
    if proposal.result and proposal.result.pass_to_lmc_on != person.pass_to_lmc_on:
        Person.objects.filter(pk=person.pk).update(pass_to_lmc_on=proposal.result.pass_to_lmc_on)


@transaction.atomic
def _apply_chunk(good: list[parse.Parsed], existing: dict, directory: _Directory, batch,
                 actor) -> tuple[int, int]:
    today = timezone.localdate()
    new = [p for p in good if p.crn not in existing]
    old = [p for p in good if p.crn in existing]
    # Cases keyed by hand before the gateway existed are matched on their CRN.
    by_crn = dict(Person.objects.filter(crn__in=[p.crn for p in new]).values_list("crn", "pk"))
    for parsed in [p for p in new if p.crn in by_crn]:
        existing[parsed.crn] = {"person_id": by_crn[parsed.crn], "record": False}
    new = [p for p in new if p.crn not in by_crn]
    old = [p for p in good if p.crn in existing]

    people = []
    for parsed in new:
        fields = _person_fields(parsed, directory)
        people.append(Person(crn=parsed.crn, arrived_on=today, routing="", hub_hold="",
                             active=True, **fields))
    Person.objects.bulk_create(people)
    ids = {p.crn: p.pk for p in people}

    olds = Person.objects.in_bulk([existing[p.crn]["person_id"] for p in old])
    old_views = dict(NationalRecord.objects.filter(crn__in=[p.crn for p in old])
                     .values_list("crn", "view"))
    befores, changed = {}, []
    for parsed in old:
        person = olds[existing[parsed.crn]["person_id"]]
        if _matters(old_views.get(parsed.crn), parsed.view):
            befores[person.pk] = _snapshot(person)
        for name, value in _person_fields(parsed, directory).items():
            setattr(person, name, value)
        person.version += 1
        person.updated_at = timezone.now()
        changed.append(person)
        ids[parsed.crn] = person.pk
    _update_rows(Person, changed, [*PERSON_UPDATED, "version", "updated_at"])
    _clear_projection([p.pk for p in changed])
    _write_projection([(p, ids[p.crn]) for p in good])

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
    _update_rows(NationalRecord, records_old, ["checksum", "view", "batch_id",
                                                "restriction_message", "exclusion_message",
                                                "imported_at"])
    _escalate_new(people, today, actor=actor)
    for parsed in old:
        person_id = ids[parsed.crn]
        if person_id in befores:
            _follow_up(person_id, befores[person_id], parsed.view, actor=actor)
    return len(new), len(old)


def _matters(before: dict | None, after: dict) -> bool:
    """Whether a change could set off what a manual change would (RoSH, registrations)."""
    if before is None:  # a case keyed by hand, now from the national record: compare the case
        return True
    return (before.get("rosh"), before.get("registrations"), before.get("custody")) != (
        after["rosh"], after["registrations"], after["custody"])


def _escalate_new(people: list[Person], today: dt.date, *, actor) -> None:
    """New cases with high or very high RoSH: the escalation to the NPS a manual RoSH entry
    raises (§2, F18, ``allocation.services.escalate_if_needed``), for the chunk in one insert."""
    from desist.allocation.services import ESCALATION_WORKING_DAYS, escalation_key
    from desist.rules import escalation, timescales
    from desist.worklist.models import Task
    from desist.worklist.services import raise_tasks

    due = timescales.add_working_days(today, ESCALATION_WORKING_DAYS)
    tasks = [
        Task(provider_id=p.provider_id, person=p, kind="risk_escalation",
             key=escalation_key(p.crn, p.rosh_assessed_on),
             title=f"Escalate {p.name} to the NPS: RoSH {p.get_rosh_display().lower()}"[:300],
             detail="RoSH is high or very high: outside the CRC's remit (operating model §2).",
             due_on=due, team_id=p.team_id, assigned_to=None, queue="manager",
             data={"rosh": p.rosh, "assessed_on": p.rosh_assessed_on.isoformat()
                   if p.rosh_assessed_on else "unknown"})
        for p in people if escalation.needs_escalation(p.rosh)]
    raise_tasks(tasks, actor=actor or "desist import")


def import_bundles(*, acting_user, items: Iterable[tuple[str, object]], source: str,
                   digest: str = "", dry_run: bool = False, chunk: int = CHUNK,
                   progress: Callable[[ImportBatch], None] | None = None,
                   request=None, provider_id: int | None = None) -> ImportResult:
    """Import ``(source name, bundle)`` pairs (see ``read_path``); returns the ledger row and
    every rejection. Safe to run again: unchanged bundles are skipped."""
    codes = selectors.codes()
    directory = _Directory(provider_id)
    actor = acting_user if getattr(acting_user, "pk", None) else None
    batch = ImportBatch.objects.create(source=str(source)[:300], checksum=digest,
                                       dry_run=dry_run, started_by=actor)
    result = ImportResult(batch=batch)
    try:
        for part in _chunks(items, chunk):
            _import_chunk(part, codes, directory, result, dry_run, actor)
            ImportBatch.objects.filter(pk=batch.pk).update(
                read=batch.read, created=batch.created, updated=batch.updated,
                unchanged=batch.unchanged, rejected=batch.rejected)
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


def _finish(batch: ImportBatch, result: ImportResult, status: str) -> None:
    batch.status = status
    batch.finished_at = timezone.now()
    batch.errors = [{"crn": r.crn, "field": r.field, "reason": r.reason}
                    for r in result.rejections]
    batch.save()


def _import_chunk(part, codes, directory, result: ImportResult, dry_run: bool, actor) -> None:
    batch = result.batch
    good: dict[str, parse.Parsed] = {}
    # An unchanged bundle (same checksum, same code tables) was read and stored already: it is
    # counted, not parsed again. That is what makes a no-change re-import cheap.
    sums, salt = {}, codes.fingerprint
    for _name, bundle in part:
        if isinstance(bundle, dict) and isinstance(bundle.get("crn"), str):
            sums[bundle["crn"]] = parse.checksum(bundle, salt=salt)
    stored = dict(NationalRecord.objects.filter(crn__in=list(sums)).values_list("crn", "checksum"))
    for name, bundle in part:
        batch.read += 1
        if isinstance(bundle, ValueError):
            result.rejections.append(Rejection(name, "file", str(bundle)))
            batch.rejected += 1
            continue
        crn = bundle.get("crn") if isinstance(bundle, dict) else None
        if isinstance(crn, str) and stored.get(crn) == sums.get(crn) and crn not in good:
            batch.unchanged += 1
            continue
        try:
            parsed = parse.parse_bundle(bundle, codes, salt=salt)
        except parse.BundleRejected as exc:
            crn = exc.crn or name
            result.rejections += [Rejection(crn, f, reason) for f, reason in exc.problems]
            batch.rejected += 1
            # a later bad bundle for a CRN leaves the earlier good one standing
            continue
        problems = _check_person(parsed)
        if problems:
            result.rejections += problems
            batch.rejected += 1
            continue
        good[parsed.crn] = parsed  # the same CRN twice: the later bundle wins
    rows = NationalRecord.objects.filter(crn__in=list(good)).values_list(
        "crn", "checksum", "person_id")
    existing = {crn: {"checksum": checksum, "person_id": pid, "record": True}
                for crn, checksum, pid in rows}
    todo = []
    for crn, parsed in good.items():
        if crn in existing and existing[crn]["checksum"] == parsed.checksum:
            batch.unchanged += 1
        else:
            todo.append(parsed)
    if dry_run:
        known = set(existing) | set(Person.objects.filter(
            crn__in=[p.crn for p in todo]).values_list("crn", flat=True))
        batch.created += sum(1 for p in todo if p.crn not in known)
        batch.updated += sum(1 for p in todo if p.crn in known)
        result.changed_crns += [p.crn for p in todo]
        return
    if not todo:
        return
    try:
        created, updated = _apply_chunk(todo, existing, directory, batch, actor)
    except DatabaseError:
        # One record the database will not take must not stop the others: one at a time.
        created = updated = 0
        for parsed in todo:
            try:
                c, u = _apply_chunk([parsed], dict(existing), directory, batch, actor)
            except DatabaseError as exc:
                result.rejections.append(Rejection(parsed.crn, "record",
                                                   f"could not be stored ({exc.__class__.__name__})"))
                batch.rejected += 1
                todo = [p for p in todo if p is not parsed]
                continue
            created, updated = created + c, updated + u
    batch.created += created
    batch.updated += updated
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
