"""Writing one chunk of national-record cases (``gateway.services`` orchestrates the import).

``Directory`` places a case (provider, team, officer) and names the users on its limited-access
lists; the projection turns a parsed bundle into the case's rows (sentence, requirements,
registrations, national contacts, access entries) with their natural keys; the follow-ups set
off what a manual change would (§2, §4): escalation on high RoSH, band reviews, re-routing.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from desist.errors import Refused
from desist.organisation.models import Provider, Staff, Team
from desist.people.models import CaseAccessEntry, Person, Registration
from desist.sentences.models import Requirement, Sentence

from . import parse
from .choices import KeyKind
from .models import NationalContact, NationalKey


class ImportRefused(Refused):
    default_code = "import_refused"


# Plain registration names (the read-back contract) → the case record's registration types.
REGISTRATION_TYPES = {
    "domestic_abuse": "domestic_abuse", "child_protection_plan": "child_protection_plan",
    "child_concerns": "child_concern", "mappa": "mappa", "iom": "iom",
    "registered_sex_offender": "sex_offender", "mental_health_issues": "complex_mental_health",
    # tiering.md's complexity factors (issue 21): each its own registration type on the case.
    "suicide_self_harm": "self_harm", "vulnerability": "vulnerability",
    "risk_to_children": "risk_to_children", "public_interest_case": "public_interest",
    "adult_at_risk": "adult_at_risk", "street_gangs": "gangs", "terrorism": "terrorism",
}
SENTENCE_TYPES = {"community_order": "community_order", "suspended_sentence_order": "sso"}
REQUIREMENT_TYPES = {"rar", "upw", "programme", "drr", "atr", "mhtr", "exclusion", "curfew",
                     "prohibited_activity", "residence", "alcohol_abstinence"}



class Directory:
    """Providers, teams and staff by code, read once per import.

    ``own`` is set for an import made by a member of staff (the API): it may only create or
    change its own provider's cases. An import from the command line is the system's and places
    each case by its probation area code."""

    def __init__(self, own: int | None = None):
        providers = list(Provider.objects.order_by("pk").values_list("pk", "code"))
        if not providers:
            raise ImportRefused("There is no provider to import cases into: set one up first",
                                code="no_provider")
        self.own = own
        # A case whose probation area is no provider's code goes to the importer's provider.
        self.default_provider = own or providers[0][0]
        self.providers = {code: pk for pk, code in providers}
        self.teams = {(p, c): pk for pk, p, c in Team.objects.values_list("pk", "provider_id",
                                                                          "code")}
        self.staff, self.users = {}, {}
        for pk, provider, code, user, email, username in Staff.objects.values_list(
                "pk", "provider_id", "staff_code", "user_id", "user__email", "user__username"):
            self.staff[(provider, code)] = pk
            for name, value in (("staffCode", code), ("email", (email or "").lower()),
                                ("username", (username or "").lower())):
                if value and user:
                    self.users[(provider, name, value)] = user

    def user_for(self, provider: int, named: dict) -> int | None:
        """The Desist user a limited-access entry names, in the case's provider (or None)."""
        for name in parse.LIMITED_ACCESS_NAMES:
            value = named.get(name)
            if value:
                user = self.users.get((provider, name, value if name == "staffCode"
                                       else value.lower()))
                if user:
                    return user
        return None

    def area_of(self, bundle) -> int | None:
        """The provider a bundle's active offender manager's probation area names, read
        leniently (for a bundle that may be malformed: only to say whose rejection it is)."""
        offender = bundle.get("offender") if isinstance(bundle, dict) else None
        managers = offender.get("offenderManagers") if isinstance(offender, dict) else None
        for om in managers if isinstance(managers, list) else []:
            area = om.get("probationArea") if isinstance(om, dict) else None
            if isinstance(om, dict) and om.get("active") is True and isinstance(area, dict):
                return self.providers.get(area.get("code")) if isinstance(
                    area.get("code"), str) else None
        return None

    def place(self, parsed: parse.Parsed, current: int | None = None
              ) -> tuple[int, int | None, int | None]:
        """Provider, team and officer: the probation area's provider, else where the case is
        already held, else the importer's (or the first) provider."""
        provider = (self.providers.get(parsed.probation_area or "") or current
                    or self.default_provider)
        manager = parsed.view["offender_manager"] or {}
        team = self.teams.get((provider, manager.get("team_code")))
        officer = None
        if manager.get("unallocated") is False:
            officer = self.staff.get((provider, manager.get("staff_code")))
        return provider, team, officer




def person_fields(parsed: parse.Parsed, directory: Directory, current: int | None = None
                   ) -> dict:
    view = parsed.view
    person = view["person"]
    address = person["main_address"] or {}
    provider, team, officer = directory.place(parsed, current)
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
        # Restriction: only the staff on its list may see the case. An exclusion does not
        # restrict the case: it hides it from the staff on its list (``access_entries``).
        "restricted": view["restricted"] is True,
        "team_id": team,
        "responsible_officer_id": officer,
    }


PERSON_UPDATED = ("provider_id", "first_name", "last_name", "date_of_birth", "gender", "postcode",
                  "first_language", "interpreter_needed", "rosh", "rosh_assessed_on",
                  "restricted", "team_id", "responsible_officer_id")


def projection_rows(parsed: parse.Parsed, person_id: int):
    """The sentence, requirements, registrations and contacts of one case as plain rows (column
    values by attribute name), with their natural keys ``(kind, national id, row)``: the one
    place that decides what a bundle becomes. The ORM path (``projection``) makes model
    instances of them; the PostgreSQL path (``gateway.copying``) copies them as they are.
    A requirement row names its sentence row under ``"sentence"`` (its id is not known yet)."""
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
            sentence = {
                "person_id": person_id, "type": kind, "sentence_date": sentence_date,
                "start_date": row["start_date"], "expected_end_date": row["expected_end_date"],
                "release_date": release if release and release >= sentence_date else None,
                "court": "",
            }
            keys.append((KeyKind.CONVICTION, str(row["conviction_id"]), sentence))
            for q in parsed.requirements:
                if not q.counted or q.kind not in REQUIREMENT_TYPES:
                    continue
                length = int(q.length) if q.length is not None else None
                end = q.end_date if q.end_date and q.start_date and q.end_date > q.start_date \
                    else None
                requirement = {
                    "sentence": sentence, "type": q.kind, "start_date": q.start_date,
                    "end_date": end,
                    "rar_days": length if q.kind == "rar" and length and length >= 1 else None,
                    "upw_hours": length if q.kind == "upw" and length and 40 <= length <= 300
                    else None,
                    "details": f"National requirement {q.code}"
                               f"{'/' + q.sub_code if q.sub_code else ''}",
                }
                requirements.append(requirement)
                keys.append((KeyKind.REQUIREMENT, str(q.requirement_id), requirement))
    for reg in parsed.registrations:
        kind = REGISTRATION_TYPES.get(reg.name or "")
        if not (reg.active and kind and reg.start_date):
            continue
        review = reg.review_date if reg.review_date and reg.review_date >= reg.start_date else None
        registration = {"person_id": person_id, "type": kind, "level": reg.level or "",
                        "start_date": reg.start_date, "review_date": review}
        registrations.append(registration)
        keys.append((KeyKind.REGISTRATION, str(reg.registration_id), registration))
    for c in parsed.contacts:
        contacts.append({
            "person_id": person_id, "contact_id": str(c.contact_id), "start": c.start or "",
            "type_code": c.type_code or "", "appointment": c.appointment,
            "outcome_code": c.outcome_code or "", "enforcement_code": c.enforcement_code or ""})
    return sentence, requirements, registrations, contacts, keys


def projection(parsed: parse.Parsed, person_id: int):
    """``projection_rows`` as unsaved model instances (the ORM path)."""
    sentence_row, requirement_rows, registration_rows, contact_rows, key_rows = \
        projection_rows(parsed, person_id)
    made: dict[int, object] = {}
    sentence = None
    if sentence_row is not None:
        sentence = made[id(sentence_row)] = Sentence(**sentence_row)
    requirements = []
    for row in requirement_rows:
        fields = {k: v for k, v in row.items() if k != "sentence"}
        requirement = made[id(row)] = Requirement(sentence=sentence, **fields)
        requirements.append(requirement)
    registrations = []
    for row in registration_rows:
        registration = made[id(row)] = Registration(**row)
        registrations.append(registration)
    contacts = [NationalContact(**row) for row in contact_rows]
    keys = [(kind, nid, made[id(row)]) for kind, nid, row in key_rows]
    return sentence, requirements, registrations, contacts, keys


def clear_projection(person_ids: list[int]) -> None:
    """Remove what earlier imports wrote for these cases (it is rewritten from the bundle)."""
    if not person_ids:
        return
    key_rows = NationalKey.objects.filter(person_id__in=person_ids)
    sentences = [k for kind, k in key_rows.values_list("kind", "object_id")
                 if kind == KeyKind.CONVICTION]
    registrations = [k for kind, k in key_rows.values_list("kind", "object_id")
                     if kind == KeyKind.REGISTRATION]
    entries = [k for kind, k in key_rows.values_list("kind", "object_id")
               if kind == KeyKind.ACCESS]
    Sentence.objects.filter(pk__in=sentences, person_id__in=person_ids).delete()
    Registration.objects.filter(pk__in=registrations, person_id__in=person_ids).delete()
    CaseAccessEntry.objects.filter(pk__in=entries, person_id__in=person_ids).delete()
    key_rows.delete()
    NationalContact.objects.filter(person_id__in=person_ids).delete()


def access_entries(parsed: parse.Parsed, person_id: int, provider: int,
                    directory: Directory) -> list[CaseAccessEntry]:
    """The limited-access lists as ``people.CaseAccessEntry`` rows (the scopes layer enforces
    them everywhere a case is read). A restriction grants the staff on its list (the case itself
    is ``restricted``: no one else sees it); an exclusion hides the case from the staff on its
    list only, everyone else with ordinary access still sees it. Someone on both lists is
    excluded. A named person with no Desist account in the case's provider is passed over."""
    view, entries = parsed.view, {}
    if view["restricted"] is True:
        for named in parsed.restricted_to or ():
            user = directory.user_for(provider, named)
            if user:
                entries[user] = (CaseAccessEntry.Kind.GRANTED,
                                 parsed.restriction_message or "National record restriction list")
    if view["excluded"] is not False:  # a list sent with an unknown flag is still honoured
        for named in parsed.excluded_from or ():
            user = directory.user_for(provider, named)
            if user:
                entries[user] = (CaseAccessEntry.Kind.EXCLUDED,
                                 parsed.exclusion_message or "National record exclusion list")
    return [CaseAccessEntry(person_id=person_id, user_id=user, kind=kind,
                            reason=f"National record: {reason}"[:300])
            for user, (kind, reason) in entries.items()]


def write_access(items: list[tuple[parse.Parsed, int, int]], directory: Directory) -> list:
    """Write the cases' limited-access entries (few: the ORM, on either database); returns
    their natural keys ``(KeyKind.ACCESS, national id, entry, person id)``."""
    access, keys = [], []
    for parsed, person_id, provider in items:
        entries = access_entries(parsed, person_id, provider, directory)
        access += entries
        keys += [(KeyKind.ACCESS, f"{parsed.crn}:{e.user_id}", e, person_id) for e in entries]
    if access:  # the national lists replace any entry kept by hand for the same person
        pairs = Q()
        for entry in access:
            pairs |= Q(person_id=entry.person_id, user_id=entry.user_id)
        CaseAccessEntry.objects.filter(pairs).delete()
        CaseAccessEntry.objects.bulk_create(access)
    return keys


def write_projection(items: list[tuple[parse.Parsed, int, int]], directory: Directory) -> None:
    sentences, requirements, registrations, contacts, keys = [], [], [], [], []
    for parsed, person_id, _provider in items:
        s, q, r, c, k = projection(parsed, person_id)
        if s is not None:
            sentences.append(s)
        requirements += q
        registrations += r
        contacts += c
        keys += [(kind, nid, obj, person_id) for kind, nid, obj in k]
    keys += write_access(items, directory)
    Sentence.objects.bulk_create(sentences)
    for q in requirements:
        q.sentence_id = q.sentence.pk
    Requirement.objects.bulk_create(requirements)
    Registration.objects.bulk_create(registrations)
    # A national id seen on another case before belongs to the newest bundle that has it.
    NationalContact.objects.filter(contact_id__in=[c.contact_id for c in contacts]).exclude(
        person_id__in=[p for _, p, _ in items]).delete()
    NationalContact.objects.bulk_create(contacts, ignore_conflicts=True)
    # A national id that moved to another case in this import: the newest bundle owns it.
    # Ids are unique within a kind only (requirement 11 and registration 11 are different
    # records), so the match is kind by kind.
    by_kind: dict[str, set] = {}
    for kind, nid, _obj, _person in keys:
        by_kind.setdefault(kind, set()).add(nid)
    moved = Q()
    for kind, nids in by_kind.items():
        moved |= Q(kind=kind, national_id__in=sorted(nids))
    if by_kind:
        NationalKey.objects.filter(moved).exclude(
            person_id__in=[p for _, p, _ in items]).delete()
    NationalKey.objects.bulk_create([
        NationalKey(kind=kind, national_id=nid, person_id=person_id, object_id=obj.pk)
        for kind, nid, obj, person_id in keys], ignore_conflicts=True)


def update_rows(model, rows: list, names: list[str]) -> None:
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


def snapshot(person: Person) -> dict:
    return {"rosh": person.rosh, "restricted": person.restricted,
            "registrations": sorted(Registration.objects.filter(person=person, end_date=None)
                                    .values_list("type", flat=True))}


def follow_up(person_id: int, before: dict, view: dict, *, actor) -> None:
    """What a manual change would set off (§2, §4): escalation on high RoSH, a band review on a
    RoSH or registration change. New cases wait in the hub's intake queue (§3)."""
    from desist.allocation.services import escalate_if_needed, significant_event

    person = Person.objects.get(pk=person_id)
    after = snapshot(person)
    if after["rosh"] != before["rosh"]:
        escalate_if_needed(person, actor=actor)
        significant_event(person=person, event="rosh_change", actor=actor)
    elif set(after["registrations"]) - set(before["registrations"]):
        significant_event(person=person, event="registration_added", actor=actor)
    elif set(before["registrations"]) - set(after["registrations"]):
        significant_event(person=person, event="registration_removed", actor=actor)
    if person.hub_hold == "long_custody":
        reroute_held_custody(person)


def reroute_held_custody(person: Person) -> None:
    """A custody case held in the hub whose release date moved: its date of passing to the LMC
    moves with it (§3.2), as when its release address is recorded."""
    from desist.allocation import facts
    from desist.people.selectors import case_overview

    sentences, _ = case_overview(person)
    proposal = facts.route_case(person, sentences, timezone.localdate(),
                                facts.lmc_by_local_authority(person.provider_id))
    if proposal.result and proposal.result.pass_to_lmc_on != person.pass_to_lmc_on:
        Person.objects.filter(pk=person.pk).update(pass_to_lmc_on=proposal.result.pass_to_lmc_on)


def matters(before: dict | None, after: dict) -> bool:
    """Whether a change could set off what a manual change would (RoSH, registrations)."""
    if before is None:  # a case keyed by hand, now from the national record: compare the case
        return True
    return (before.get("rosh"), before.get("registrations"), before.get("custody")) != (
        after["rosh"], after["registrations"], after["custody"])


def escalate_new(people: list[Person], today: dt.date, *, actor) -> None:
    """New cases with high or very high RoSH: the escalation to the NPS a manual RoSH entry
    raises (§2, F18, ``allocation.services.escalate_if_needed``), for the chunk in one insert."""
    from desist.allocation.services import ESCALATION_WORKING_DAYS, escalation_key
    from desist.rules import escalation, timescales
    from desist.worklist.models import Task
    from desist.worklist.services import raise_tasks

    due = timescales.add_working_days(today, ESCALATION_WORKING_DAYS)
    people = [p for p in people if escalation.needs_escalation(p.rosh)]
    # The RoSH level's label, translated once per level rather than once per case.
    labels = {p.rosh: p.get_rosh_display().lower() for p in {p.rosh: p for p in people}.values()}
    tasks = [
        Task(provider_id=p.provider_id, person=p, kind="risk_escalation",
             key=escalation_key(p.crn, p.rosh_assessed_on),
             title=f"Escalate {p.name} to the NPS: RoSH {labels[p.rosh]}"[:300],
             detail="RoSH is high or very high: outside the CRC's remit (operating model §2).",
             due_on=due, team_id=p.team_id, assigned_to=None, queue="manager",
             data={"rosh": p.rosh, "assessed_on": p.rosh_assessed_on.isoformat()
                   if p.rosh_assessed_on else "unknown"})
        for p in people]
    raise_tasks(tasks, actor=actor or "desist import")


