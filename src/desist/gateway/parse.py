"""Reading one national-record bundle (operating model §3, intake): pure Python, no Django.

A bundle is ``{crn, offender, convictions, requirements, registrations, contacts}`` shaped like
nDelius's Community API (OffenderDetail, Conviction, Requirement, Registration,
ContactSummary). ``parse_bundle`` either returns a ``Parsed`` case or raises ``BundleRejected``
with every problem found, each against the field it is about (``offender.dateOfBirth: not an
ISO date``). Nothing is guessed: a field that is missing or explicitly ``null`` is unknown
(``None``), never a default. Code tables are passed in (``Codes``), never hard-wired.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from .readers import Reader as _Reader

CRN = re.compile(r"^[A-Z][0-9]{6}$")
TABLES = ("sentence_type", "sentence_description", "custodial_status", "requirement_main",
          "requirement_sub", "registration", "rosh", "mappa_level", "mappa_category", "gender",
          "contact_outcome", "enforcement_action", "contact_type")
ROSH_ORDER = ("low", "medium", "high", "very_high")


class BundleRejected(Exception):
    """The whole bundle is refused: ``problems`` is a list of (field path, reason)."""

    def __init__(self, crn: str | None, problems: list[tuple[str, str]]):
        self.crn = crn
        self.problems = problems
        super().__init__("; ".join(f"{f}: {r}" for f, r in problems))


@dataclass(frozen=True)
class Codes:
    """The code tables: ``tables[table][national code] = Desist value``."""

    tables: dict

    @property
    def fingerprint(self) -> str:
        """Changes when any code table changes (a re-import then re-reads every bundle)."""
        return hashlib.sha256(json.dumps(self.tables, sort_keys=True).encode()).hexdigest()[:16]

    def value(self, table: str, code):
        if code is None:
            return None
        return self.tables.get(table, {}).get(str(code))

    def has(self, table: str, code) -> bool:
        return code is not None and str(code) in self.tables.get(table, {})

    def code_for(self, table: str, value) -> str | None:
        """The first national code whose value is ``value`` (for export)."""
        for code, mapped in self.tables.get(table, {}).items():
            if mapped == value:
                return code
        return None


@dataclass(frozen=True)
class RegistrationRow:
    registration_id: int | str
    name: str | None  # plain name (registration table) or None for RoSH
    rosh: str | None
    active: bool
    start_date: dt.date | None
    review_date: dt.date | None
    end_date: dt.date | None
    level: str | None
    category: str | None


@dataclass(frozen=True)
class RequirementRow:
    requirement_id: int | str
    conviction_id: int | str
    kind: str | None
    code: str | None
    sub_code: str | None
    length: int | None
    start_date: dt.date | None
    end_date: dt.date | None
    counted: bool


@dataclass(frozen=True)
class ContactRow:
    contact_id: int | str
    start: str | None
    type_code: str | None
    appointment: bool | None
    outcome_code: str | None
    enforcement_code: str | None


@dataclass(frozen=True)
class Parsed:
    """A valid bundle: the read-back view (``view``) plus the rows to persist."""

    crn: str
    checksum: str
    view: dict
    registrations: tuple = ()
    requirements: tuple = ()
    contacts: tuple = ()
    sentence: dict | None = None  # the current sentence with its dates (for the projection)
    restriction_message: str | None = None
    exclusion_message: str | None = None
    # The limited-access lists (``limitedAccess.excludedFrom`` / ``.restrictedTo``): who is
    # named, each as ``{"staffCode"|"username"|"email": value}``; None when not sent.
    excluded_from: tuple | None = None
    restricted_to: tuple | None = None
    probation_area: str | None = None
    extras: dict = field(default_factory=dict)


def checksum(bundle, salt: str = "") -> str:
    """The bundle's content (key order ignored) and the code tables it was read with."""
    return hashlib.sha256(
        (salt + json.dumps(bundle, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
        .encode()).hexdigest()


def _code(reader: _Reader, value, path: str) -> str | None:
    """The ``code`` of a ``{code, description}`` pair."""
    pair = reader.obj(value, path)
    if pair is None:
        return None
    return reader.text(pair.get("code"), f"{path}.code")


def _id_key(value):
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def _whole(number):
    if number is None:
        return None
    return int(number) if float(number).is_integer() else round(float(number), 2)


# --- the bundle ------------------------------------------------------------------------------

def parse_bundle(bundle, codes: Codes, salt: str = "", digest: str | None = None) -> Parsed:
    """``digest``: the bundle's ``checksum`` with ``salt``, if the caller has it already."""
    r = _Reader()
    if not isinstance(bundle, dict):
        raise BundleRejected(None, [("bundle", "not an object")])
    crn = bundle.get("crn")
    if crn is None:
        raise BundleRejected(None, [("crn", "required")])
    if not isinstance(crn, str) or not CRN.match(crn):
        raise BundleRejected(crn if isinstance(crn, str) else None,
                             [("crn", "not a CRN (a letter and six digits)")])
    r.walk_dates({k: v for k, v in bundle.items() if k != "crn"}, "")

    offender = r.obj(bundle.get("offender"), "offender")
    if offender is None and "offender" in bundle and bundle["offender"] is None:
        r.problem("offender", "required")
    elif offender is None and "offender" not in bundle:
        r.problem("offender", "required")
    offender = offender or {}
    person, manager, restricted, excluded, tier, area = _offender(r, offender, crn, codes)

    registrations, reg_view = _registrations(r, bundle, codes)
    convictions = r.lst(bundle.get("convictions"), "convictions")
    sentence_view, custody, current_id, upw_completed, sentence_row = _convictions(
        r, convictions, codes)
    requirements, req_view = _requirements(r, bundle, current_id, codes)
    contacts, contact_view = _contacts(r, bundle, codes)
    excluded_from, restricted_to = _limited_access(r, bundle)

    if r.problems:
        raise BundleRejected(crn, r.problems)

    if req_view is None:
        rar_total = upw_total = None
    else:
        counted = [q for q in requirements if q.counted]
        rar = [q.length for q in counted if q.kind == "rar"]
        upw = [q.length for q in counted if q.kind == "upw"]
        rar_total = None if None in rar else _whole(sum(rar))
        upw_total = None if None in upw else sum(upw)

    view = {
        "crn": crn,
        "person": person,
        "tier": tier,
        "offender_manager": manager,
        "restricted": restricted,
        "excluded": excluded,
        **reg_view,
        "custody": custody,
        "current_sentence": sentence_view,
        "requirements": req_view,
        "rar_days_total": rar_total,
        "upw_hours_total": _whole(upw_total),
        "upw_hours_completed": upw_completed,
        "contacts": contact_view,
    }
    return Parsed(
        crn=crn, checksum=digest or checksum(bundle, salt), view=view, registrations=tuple(registrations),
        requirements=tuple(requirements), contacts=tuple(contacts), sentence=sentence_row,
        restriction_message=offender.get("restrictionMessage") if isinstance(
            offender.get("restrictionMessage"), str) else None,
        exclusion_message=offender.get("exclusionMessage") if isinstance(
            offender.get("exclusionMessage"), str) else None,
        excluded_from=excluded_from, restricted_to=restricted_to,
        probation_area=area,
    )


def _offender(r: _Reader, o: dict, crn: str, codes: Codes):
    other = r.obj(o.get("otherIds"), "offender.otherIds") or {}
    given_crn = r.text(other.get("crn"), "offender.otherIds.crn")
    if given_crn is not None and given_crn != crn:
        r.problem("offender.otherIds.crn", "does not match the bundle's CRN")
    gender_text = r.text(o.get("gender"), "offender.gender")
    gender = codes.value("gender", gender_text)  # an unmapped description is unknown
    dob = r.date(o.get("dateOfBirth"), "offender.dateOfBirth")

    main_address = None
    contact = r.obj(o.get("contactDetails"), "offender.contactDetails") or {}
    addresses = r.lst(contact.get("addresses"), "offender.contactDetails.addresses") or []
    for index, address in enumerate(addresses):
        path = f"offender.contactDetails.addresses[{index}]"
        address = r.obj(address, path)
        if address is None:
            continue
        status = _code(r, address.get("status"), f"{path}.status")
        if status == "M" and main_address is None:
            main_address = {
                "postcode": r.text(address.get("postcode"), f"{path}.postcode"),
                "district": r.text(address.get("district"), f"{path}.district"),
            }

    profile = r.obj(o.get("offenderProfile"), "offender.offenderProfile") or {}
    languages = r.obj(profile.get("offenderLanguages"),
                      "offender.offenderProfile.offenderLanguages") or {}
    person = {
        "first_name": r.text(o.get("firstName"), "offender.firstName"),
        "surname": r.text(o.get("surname"), "offender.surname"),
        "date_of_birth": dob.isoformat() if dob else None,
        "gender": gender,
        "pnc_number": r.text(other.get("pncNumber"), "offender.otherIds.pncNumber"),
        "main_address": main_address,
        "primary_language": r.text(languages.get("primaryLanguage"),
                                   "offender.offenderProfile.offenderLanguages.primaryLanguage"),
        "interpreter_required": r.boolean(
            languages.get("requiresInterpreter"),
            "offender.offenderProfile.offenderLanguages.requiresInterpreter"),
    }

    manager, area = None, None
    managers = r.lst(o.get("offenderManagers"), "offender.offenderManagers") or []
    for index, om in enumerate(managers):
        path = f"offender.offenderManagers[{index}]"
        om = r.obj(om, path)
        if om is None:
            continue
        active = r.boolean(om.get("active"), f"{path}.active")
        deleted = r.boolean(om.get("softDeleted"), f"{path}.softDeleted")
        if active is not True or deleted is True or manager is not None:
            continue
        staff = r.obj(om.get("staff"), f"{path}.staff") or {}
        team = r.obj(om.get("team"), f"{path}.team") or {}
        staff_code = r.text(staff.get("code"), f"{path}.staff.code")
        unallocated = r.boolean(staff.get("unallocated"), f"{path}.staff.unallocated")
        if unallocated is None and staff_code is not None:
            unallocated = staff_code.endswith("U")  # nDelius's unallocated staff codes end in U
        manager = {"staff_code": staff_code,
                   "team_code": r.text(team.get("code"), f"{path}.team.code"),
                   "unallocated": unallocated}
        area = _code(r, om.get("probationArea"), f"{path}.probationArea")
    restricted = r.boolean(o.get("currentRestriction"), "offender.currentRestriction")
    excluded = r.boolean(o.get("currentExclusion"), "offender.currentExclusion")
    tier = r.text(o.get("currentTier"), "offender.currentTier")
    return person, manager, restricted, excluded, tier, area


LIMITED_ACCESS_NAMES = ("staffCode", "username", "email")


def _limited_access(r: _Reader, bundle: dict) -> tuple[tuple | None, tuple | None]:
    """The exclusion and restriction lists: ``limitedAccess: {excludedFrom: [..], restrictedTo:
    [..]}`` (the shape of the national record's limited-access detail), each entry naming a
    member of staff by ``staffCode``, ``username`` or ``email``. Not part of OffenderDetail,
    which carries only the flags and messages: when absent, the lists are unknown (None)."""
    block = r.obj(bundle.get("limitedAccess"), "limitedAccess")
    if block is None:
        return None, None
    lists = []
    for key in ("excludedFrom", "restrictedTo"):
        items = r.lst(block.get(key), f"limitedAccess.{key}")
        if items is None:
            lists.append(None)
            continue
        named = []
        for index, item in enumerate(items):
            path = f"limitedAccess.{key}[{index}]"
            item = r.obj(item, path)
            if item is None:
                r.problem(path, "required")
                continue
            found = {name: r.text(item.get(name), f"{path}.{name}")
                     for name in LIMITED_ACCESS_NAMES}
            found = {name: value.strip() for name, value in found.items()
                     if value and value.strip()}
            if not found:
                r.problem(path, "names no one (a staffCode, username or email is required)")
                continue
            named.append(found)
        lists.append(tuple(named))
    return lists[0], lists[1]


def _registrations(r: _Reader, bundle: dict, codes: Codes):
    items = r.lst(bundle.get("registrations"), "registrations")
    if items is None:
        return [], {"registrations": None, "rosh": None, "mappa": None, "iom": None}
    rows, seen = [], set()
    for index, item in enumerate(items):
        path = f"registrations[{index}]"
        item = r.obj(item, path)
        if item is None:
            r.problem(path, "required")
            continue
        rid = r.ident(item.get("registrationId"), f"{path}.registrationId")
        if rid is not None and rid in seen:
            r.problem(f"{path}.registrationId", "appears twice")
        seen.add(rid)
        code = _code(r, item.get("type"), f"{path}.type")
        if code is None:
            r.problem(f"{path}.type.code", "required")
            continue
        name, rosh = codes.value("registration", code), codes.value("rosh", code)
        if name is None and rosh is None:
            r.problem(f"{path}.type.code", f"unknown registration type code {code!r}")
            continue
        level_code = _code(r, item.get("registerLevel"), f"{path}.registerLevel")
        category_code = _code(r, item.get("registerCategory"), f"{path}.registerCategory")
        rows.append(RegistrationRow(
            registration_id=rid, name=name, rosh=rosh,
            active=r.boolean(item.get("active"), f"{path}.active") is True,
            start_date=r.date(item.get("startDate"), f"{path}.startDate"),
            review_date=r.date(item.get("nextReviewDate"), f"{path}.nextReviewDate"),
            end_date=r.date(item.get("endDate"), f"{path}.endDate"),
            level=codes.value("mappa_level", level_code),
            category=codes.value("mappa_category", category_code),
        ))
    active = [row for row in rows if row.active]
    names = sorted({row.name for row in active if row.name})
    rosh_rows = sorted((row for row in active if row.rosh),
                       key=lambda row: (row.start_date or dt.date.min,
                                        ROSH_ORDER.index(row.rosh)))
    mappa_rows = sorted((row for row in active if row.name == "mappa"),
                        key=lambda row: row.start_date or dt.date.min)
    mappa = None
    if mappa_rows:
        last = mappa_rows[-1]
        mappa = {"level": int(last.level) if last.level and last.level.isdigit() else last.level,
                 "category": int(last.category) if last.category and last.category.isdigit()
                 else last.category}
    return rows, {
        "registrations": names,
        "rosh": rosh_rows[-1].rosh if rosh_rows else None,
        "mappa": mappa,
        "iom": "iom" in names,
    }


def _sentence_kind(codes: Codes, code, description) -> str | None:
    kind = codes.value("sentence_type", code) or codes.value("sentence_description", description)
    if kind:
        return kind
    words = (description or "").lower()
    if "suspended" in words:
        return "suspended_sentence_order"
    if "community order" in words:
        return "community_order"
    if "custody" in words or "imprisonment" in words or "determinate" in words:
        return "determinate_custody"
    return None


def _convictions(r: _Reader, convictions, codes: Codes):
    if convictions is None:
        return None, None, None, None, None
    current, seen = None, set()
    for index, conviction in enumerate(convictions):
        path = f"convictions[{index}]"
        conviction = r.obj(conviction, path)
        if conviction is None:
            r.problem(path, "required")
            continue
        cid = r.ident(conviction.get("convictionId"), f"{path}.convictionId")
        if cid is not None and cid in seen:
            r.problem(f"{path}.convictionId", "appears twice")
        seen.add(cid)
        active = r.boolean(conviction.get("active"), f"{path}.active")
        sentence = r.obj(conviction.get("sentence"), f"{path}.sentence") or {}
        start = r.date(sentence.get("startDate"), f"{path}.sentence.startDate")
        conviction_date = r.date(conviction.get("convictionDate"), f"{path}.convictionDate")
        if active is True:
            key = (start or dt.date.min, conviction_date or dt.date.min, str(cid))
            if current is None or key > current[0]:
                current = (key, index, conviction, cid)
    if current is None:
        return None, None, None, None, None
    _, index, conviction, cid = current
    path = f"convictions[{index}]"
    sentence = conviction.get("sentence") or {}
    type_code = _code(r, sentence.get("sentenceType"), f"{path}.sentence.sentenceType")
    description = r.text(sentence.get("description"), f"{path}.sentence.description")
    if description is None and isinstance(sentence.get("sentenceType"), dict):
        description = r.text(sentence["sentenceType"].get("description"),
                             f"{path}.sentence.sentenceType.description")
    start = r.date(sentence.get("startDate"), f"{path}.sentence.startDate")
    end = r.date(sentence.get("expectedSentenceEndDate"),
                 f"{path}.sentence.expectedSentenceEndDate")
    kind = _sentence_kind(codes, type_code, description)
    view = {"conviction_id": cid, "kind": kind,
            "start_date": start.isoformat() if start else None,
            "expected_end_date": end.isoformat() if end else None}

    custody_view, release = None, None
    custody = r.obj(conviction.get("custody"), f"{path}.custody")
    if custody is not None:
        status_code = _code(r, custody.get("status"), f"{path}.custody.status")
        status = codes.value("custodial_status", status_code)  # unmapped: unknown
        key_dates = r.obj(custody.get("keyDates"), f"{path}.custody.keyDates") or {}
        release = (r.date(key_dates.get("expectedReleaseDate"),
                          f"{path}.custody.keyDates.expectedReleaseDate")
                   or r.date(key_dates.get("conditionalReleaseDate"),
                             f"{path}.custody.keyDates.conditionalReleaseDate"))
        custody_view = {"status": status,
                        "released": None if status is None else status == "on_licence",
                        "release_date": release.isoformat() if release else None}

    upw = r.obj(sentence.get("unpaidWork"), f"{path}.sentence.unpaidWork") or {}
    minutes = r.number(upw.get("minutesCompleted"), f"{path}.sentence.unpaidWork.minutesCompleted")
    completed = _whole(minutes / 60) if minutes is not None else None
    row = {"conviction_id": cid, "kind": kind, "start_date": start, "expected_end_date": end,
           "sentence_date": r.date(conviction.get("convictionDate"), f"{path}.convictionDate"),
           "release_date": release, "description": description}
    return view, custody_view, cid, completed, row


def _requirements(r: _Reader, bundle: dict, current_id, codes: Codes):
    groups = r.obj(bundle.get("requirements"), "requirements")
    if groups is None:
        return [], None
    rows, seen = [], set()
    for conviction_key, items in groups.items():
        base = f"requirements.{conviction_key}"
        items = r.lst(items, base)
        if items is None:
            continue
        for index, item in enumerate(items):
            path = f"{base}[{index}]"
            item = r.obj(item, path)
            if item is None:
                r.problem(path, "required")
                continue
            qid = r.ident(item.get("requirementId"), f"{path}.requirementId")
            if qid is not None and qid in seen:
                r.problem(f"{path}.requirementId", "appears twice")
            seen.add(qid)
            main = _code(r, item.get("requirementTypeMainCategory"),
                         f"{path}.requirementTypeMainCategory")
            sub = _code(r, item.get("requirementTypeSubCategory"),
                        f"{path}.requirementTypeSubCategory")
            length = r.number(item.get("length"), f"{path}.length")
            active = r.boolean(item.get("active"), f"{path}.active")
            deleted = r.boolean(item.get("softDeleted"), f"{path}.softDeleted")
            on_current = current_id is not None and str(conviction_key) == str(current_id)
            rows.append(RequirementRow(
                requirement_id=qid, conviction_id=conviction_key,
                kind=codes.value("requirement_main", main), code=main, sub_code=sub,
                length=length, start_date=r.date(item.get("startDate"), f"{path}.startDate"),
                end_date=r.date(item.get("terminationDate"), f"{path}.terminationDate"),
                counted=on_current and active is True and deleted is not True,
            ))
    view = sorted(({"requirement_id": q.requirement_id, "kind": q.kind, "code": q.code}
                   for q in rows if q.counted), key=lambda q: _id_key(q["requirement_id"]))
    return rows, view


def _contacts(r: _Reader, bundle: dict, codes: Codes):
    items = r.lst(bundle.get("contacts"), "contacts")
    if items is None:
        return [], None
    rows, seen = [], set()
    for index, item in enumerate(items):
        path = f"contacts[{index}]"
        item = r.obj(item, path)
        if item is None:
            r.problem(path, "required")
            continue
        cid = r.ident(item.get("contactId"), f"{path}.contactId")
        if cid is not None and cid in seen:
            r.problem(f"{path}.contactId", "appears twice")
        seen.add(cid)
        type_ = r.obj(item.get("type"), f"{path}.type") or {}
        enforcement = r.obj(item.get("enforcement"), f"{path}.enforcement") or {}
        rows.append(ContactRow(
            contact_id=cid, start=r.datetime(item.get("contactStart"), f"{path}.contactStart"),
            type_code=r.text(type_.get("code"), f"{path}.type.code"),
            appointment=r.boolean(type_.get("appointment"), f"{path}.type.appointment"),
            outcome_code=_code(r, item.get("outcome"), f"{path}.outcome"),
            enforcement_code=_code(r, enforcement.get("enforcementAction"),
                                   f"{path}.enforcement.enforcementAction"),
        ))
    ordered = sorted(rows, key=lambda c: (c.start or "", _id_key(c.contact_id)))
    return rows, {
        "total": len(rows),
        "appointments": sum(1 for c in rows if c.appointment is True),
        "outcome_codes": [c.outcome_code for c in ordered if c.outcome_code],
        "enforcement_codes": [c.enforcement_code for c in ordered if c.enforcement_code],
    }


# The read-back contract's key order (docs/gateway.md); the database keeps JSON unordered.
CONTRACT_ORDER = {
    "": ("crn", "person", "tier", "offender_manager", "restricted", "excluded", "registrations",
         "rosh", "mappa", "iom", "custody", "current_sentence", "requirements", "rar_days_total",
         "upw_hours_total", "upw_hours_completed", "contacts"),
    "person": ("first_name", "surname", "date_of_birth", "gender", "pnc_number", "main_address",
               "primary_language", "interpreter_required"),
    "main_address": ("postcode", "district"),
    "offender_manager": ("staff_code", "team_code", "unallocated"),
    "mappa": ("level", "category"),
    "custody": ("status", "released", "release_date"),
    "current_sentence": ("conviction_id", "kind", "start_date", "expected_end_date"),
    "requirements": ("requirement_id", "kind", "code"),
    "contacts": ("total", "appointments", "outcome_codes", "enforcement_codes"),
}


def in_contract_order(view, key: str = ""):
    """``view`` with its keys in the contract's order (any others after, as they were)."""
    if isinstance(view, list):
        return [in_contract_order(item, key) for item in view]
    if not isinstance(view, dict):
        return view
    order = CONTRACT_ORDER.get(key, ())
    keys = [k for k in order if k in view] + [k for k in view if k not in order]
    return {k: in_contract_order(view[k], k) for k in keys}
