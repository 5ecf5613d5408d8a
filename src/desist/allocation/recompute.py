"""``desist recompute``: OGRS3, proposed bands, routing dates, workload points and alerts for
the whole caseload, in batches, with the same rules the pages use (people.risk, rules.routing,
rules.workload).

Idempotent: it writes derived values and raises tasks keyed so a second run changes nothing.
Resumable: progress is committed with each batch (``RecomputeRun.last_pk``), so an interrupted
run continues from the last committed batch when started again for the same day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from desist import bulk
from desist.audit import events
from desist.people.models import Person
from desist.people.risk import RiskFacts, risk_from_facts
from desist.rules import escalation, routing, timescales, workload
from desist.rules.banding import REGISTRATION_CODES, REQUIREMENT_CODES
from desist.rules.errors import RuleInputError
from desist.sentences.models import Offence, Requirement, Sentence
from desist.tiering import batch as tier_batch
from desist.tiering import inputs as tier_inputs
from desist.tiering.selectors import policy_for
from desist.unpaid_work import summary as upw_summary
from desist.worklist.models import Task
from desist.worklist.services import raise_tasks

from . import caseloads, facts, services
from .models import RecomputeRun, RoutingDecision

PERSON_FIELDS = (
    "pk", "crn", "provider_id", "gender", "date_of_birth", "previous_sanctions",
    "first_sanction_date", "rosh", "rosh_assessed_on", "ror_judgement", "close_to_change", "band",
    "proposed_band", "ogrs3_two_year", "local_authority__code", "routing", "hub_hold", "lmc_id",
    "pass_to_lmc_on", "rotl_hdc_requested_on", "responsible_officer_id", "workload_points",
    "banding_facts", "arrived_on", "first_name", "last_name", "team_id", "tier", "tier_rank",
)
# One read of each case per batch serves the recompute and its tier (tiering.inputs).
PERSON_FIELDS += tuple(f for f in tier_inputs.PERSON_FIELDS if f not in PERSON_FIELDS)
UPDATED = ("ogrs3_two_year", "proposed_band", "lmc_id", "pass_to_lmc_on", "workload_points",
           "banding_facts", "arrived_on")


@dataclass
class Counts:
    processed: int = 0
    changed: int = 0
    band_reviews: int = 0
    escalations: int = 0
    released: int = 0
    tiers_changed: int = 0
    caseload_drift: int = 0  # officers whose caseload summary the final recount corrected
    upw_drift: int = 0  # unpaid-work orders whose summary row the final recount corrected

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class _Context:
    def __init__(self, today: dt.date):
        self.today = today
        self.lmc_maps: dict[int, dict[str, str]] = {}
        self.team_ids: dict[tuple[int, str], int] = {}
        self.weights: dict[int, workload.WorkloadWeights] = {}
        self.by_tier: dict[int, bool] = {}

    def provider(self, provider_id: int):
        if provider_id not in self.lmc_maps:
            self.lmc_maps[provider_id] = facts.lmc_by_local_authority(provider_id)
            from desist.organisation.models import Team

            for pk, code in Team.objects.filter(provider_id=provider_id).values_list("pk", "code"):
                self.team_ids[(provider_id, code)] = pk
            self.weights[provider_id] = services.weights_for(provider_id)
            self.by_tier[provider_id] = policy_for(provider_id).by_tier
        return self.lmc_maps[provider_id], self.weights[provider_id]


def _by_sentence(model, columns: tuple[str, ...], ids: list[int]):
    """Rows of a sentence's child table for these sentences, in primary-key order.

    On PostgreSQL the ids go as one array parameter (``= ANY``): planning an IN-list of
    thousands of parameters costs more than the query, and a join to the person range made the
    planner scan the whole table.
    """
    if not ids:
        return []
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {cols} FROM {table} WHERE sentence_id = ANY(%s) ORDER BY id",  # noqa: S608 - names are ours
                           [ids])
            return cursor.fetchall()
    return model.objects.filter(sentence_id__in=ids).order_by("pk").values_list(*columns)


def _batch_rows(lo: int, hi: int):
    """Sentences, requirements, offences and registrations of people with lo < pk <= hi.

    Ranges, not IN-lists: each is one index range scan, whatever the batch size.
    """
    from desist.people.models import Registration

    in_range = {"person_id__gt": lo, "person_id__lte": hi}
    sentences = defaultdict(list)
    for s in (Sentence.objects.filter(**in_range)
              .order_by("person_id", "-sentence_date", "-pk")
              .values("pk", "person_id", "type", "sentence_date", "start_date", "release_date",
                      "custodial_months", "terminated_on")):
        sentences[s["person_id"]].append(s)
    ids = [s["pk"] for rows in sentences.values() for s in rows]
    requirements = defaultdict(set)
    for sid, kind in _by_sentence(Requirement, ("sentence_id", "type"), ids):
        requirements[sid].add(kind)
    offences = defaultdict(list)
    for sid, category, main in _by_sentence(Offence, ("sentence_id", "category", "main"), ids):
        offences[sid].append((category, main))
    registrations = defaultdict(set)
    for pid, kind in Registration.objects.filter(end_date__isnull=True, **in_range).values_list(
            "person_id", "type"):
        registrations[pid].add(kind)
    return sentences, requirements, offences, registrations


def _compute(p: dict, sentences, requirements, offences, registrations, ctx: _Context,
             tier=None):
    """New derived values for one person, and the alerts to raise."""
    today = ctx.today
    mine = sentences.get(p["pk"], [])
    current = next((s for s in mine if s["terminated_on"] is None), mine[0] if mine else None)
    live = [s for s in mine if s["terminated_on"] is None]
    reqs = frozenset(k for s in live for k in requirements.get(s["pk"], ()))
    flags = frozenset(registrations.get(p["pk"], ()))
    first = mine[0] if mine else None
    first_offences = offences.get(first["pk"], []) if first else []
    main = next((c for c, m in first_offences if m), first_offences[0][0] if first_offences else None)
    picture = risk_from_facts(RiskFacts(
        gender=p["gender"], date_of_birth=p["date_of_birth"],
        previous_sanctions=p["previous_sanctions"], first_sanction_date=p["first_sanction_date"],
        rosh=p["rosh"], ror_judgement=p["ror_judgement"], close_to_change=p["close_to_change"],
        band=p["band"], has_sentence=first is not None,
        sentence_date=first["sentence_date"] if first else None,
        follow_up=(first["release_date"] or first["start_date"]) if first else None,
        offence_category=main, requirements=reqs, registrations=flags,
    ), today)
    lmc_map, weights = ctx.provider(p["provider_id"])
    new = {
        "ogrs3_two_year": picture.ogrs3.two_year_percent if picture.ogrs3 else p["ogrs3_two_year"],
        "proposed_band": picture.band.band if picture.band else "",
        "lmc_id": p["lmc_id"], "pass_to_lmc_on": p["pass_to_lmc_on"],
        "arrived_on": p["arrived_on"] or (current and (current["release_date"]
                                                        if current["type"] in ("licence", "pss")
                                                        and current["release_date"]
                                                        else current["sentence_date"])),
    }
    if current is not None and p["routing"] != "lmc":
        try:
            result = routing.route(routing.RoutingInput(
                local_authority=p["local_authority__code"], sentence_type=current["type"],
                as_of=today, requirements=tuple(sorted(reqs & REQUIREMENT_CODES)),
                custodial_months=current["custodial_months"], release_date=current["release_date"],
                rotl_hdc_request_date=p["rotl_hdc_requested_on"]), lmc_map)
        except RuleInputError:
            result = None
        if result is not None:
            if result.lmc:
                new["lmc_id"] = ctx.team_ids.get((p["provider_id"], result.lmc), p["lmc_id"])
            new["pass_to_lmc_on"] = result.pass_to_lmc_on
    kind = facts.case_type(current["type"] if current else None, reqs)
    band_for_points = p["band"] or new["proposed_band"] or None
    try:
        new["workload_points"] = workload.case_points(
            workload.WorkloadCase(band=band_for_points, rosh=p["rosh"] or "low",
                                  flags=flags & REGISTRATION_CODES, case_type=kind,
                                  # Under the tiering policy the tier's points (ADR 0013).
                                  tier=tier.tier if tier and ctx.by_tier[p["provider_id"]]
                                  else None),
            weights).points
    except RuleInputError:
        new["workload_points"] = p["workload_points"]
    new["banding_facts"] = facts.banding_facts_of(
        rosh=p["rosh"], registrations=flags, close_to_change=p["close_to_change"],
        offences=sum(len(offences.get(s["pk"], ())) for s in mine),
        sentence=current["pk"] if current else None,
    )
    significant = facts.significant_events(p["banding_facts"] or {}, new["banding_facts"])
    release = (p["hub_hold"] == "long_custody" and new["pass_to_lmc_on"] is not None
               and new["pass_to_lmc_on"] <= today)
    return new, significant, release


def _write(rows: list[tuple[int, dict]], tiers: dict[int, tuple[str, int]],
           people: dict[int, dict]) -> None:
    """The derived values of the cases that changed, and the new tiers, in one statement
    (``desist.bulk``): a case whose values did not change keeps them, and its tier is written
    if only that changed."""
    derived = dict(rows)
    ids = sorted(set(derived) | set(tiers))
    bulk.update_rows(Person, (*UPDATED, "tier", "tier_rank"), [
        (pk, *[derived[pk][f] if pk in derived else people[pk][f] for f in UPDATED],
         *(tiers[pk] if pk in tiers else (people[pk]["tier"], people[pk]["tier_rank"])))
        for pk in ids])


def _same(p: dict, new: dict) -> bool:
    return all((p[f] if f != "banding_facts" else p[f] or {}) == new[f] for f in UPDATED)


def run(*, as_of: dt.date | None = None, batch_size: int = 2000, restart: bool = False,
        progress: Callable[[int, int, Counts], None] | None = None) -> Counts:
    today = as_of or timezone.localdate()
    run_row = None if restart else RecomputeRun.objects.filter(
        as_of=today, finished_at__isnull=True).order_by("-started_at").first()
    if run_row is None:
        run_row = RecomputeRun.objects.create(as_of=today)
    counts = Counts(processed=run_row.processed, changed=run_row.changed)
    total = Person.objects.filter(active=True).count()
    ctx = _Context(today)
    last_pk = run_row.last_pk
    while True:
        batch = list(Person.objects.filter(active=True, pk__gt=last_pk).order_by("pk")
                     .values(*PERSON_FIELDS)[:batch_size])
        if not batch:
            break
        pks = [p["pk"] for p in batch]
        sentences, requirements, offences, registrations = _batch_rows(last_pk, pks[-1])
        # The national tier of every case (tiering.md), whatever the provider's policy.
        # (the batch's rows carry the tier's person fields too: PERSON_FIELDS)
        tiers = tier_batch.calculate(tier_inputs.gather_range(batch, last_pk, pks[-1]))
        changed, reviews, releases, high = [], [], [], []
        for p in batch:
            new, significant, release = _compute(p, sentences, requirements, offences,
                                                 registrations, ctx, tiers[p["pk"]][0])
            if not _same(p, new):
                changed.append((p["pk"], new))
            if significant:
                reviews.append((p["pk"], significant[0]))
            if release and new["lmc_id"]:
                releases.append((p, new["lmc_id"]))
            if p["rosh"] in ("high", "very_high"):
                high.append(p)
        new_tiers, history = tier_batch.changes(batch, tiers, event="recompute",
                                                actor="desist recompute")
        with transaction.atomic(), caseloads.tracking({pk for pk, _ in changed} | set(new_tiers)):
            # Each case is written once, its tier with the rest (an UPDATE of a case touches
            # every index of the people table: the first run's main cost).
            _write(changed, new_tiers, {p["pk"]: p for p in batch})
            tier_batch.write_history(history)
            counts.tiers_changed += len(new_tiers)
            counts.band_reviews += _raise_reviews(reviews, today)
            _reconcile_escalations(batch, today)
            counts.escalations += _raise_escalations(high, today)
            counts.released += _release(releases, today)
            last_pk = pks[-1]
            counts.processed += len(batch)
            counts.changed += len(changed)
            RecomputeRun.objects.filter(pk=run_row.pk).update(
                last_pk=last_pk, processed=counts.processed, changed=counts.changed)
        if progress:
            progress(counts.processed, total, counts)
    # The nightly repair (ADR 0005): recount every officer's caseload summary; anything a
    # writer did not track (a data fix, a bulk load) is put right here and counted.
    counts.caseload_drift = len(caseloads.rebuild())
    counts.upw_drift = len(upw_summary.rebuild())  # the unpaid-work hub's rows (ADR 0015)
    RecomputeRun.objects.filter(pk=run_row.pk).update(finished_at=timezone.now())
    events.recompute_finished(counts={**counts.as_dict(), "as_of": today.isoformat()})
    return counts


def _raise_reviews(reviews: list[tuple[int, str]], today: dt.date) -> int:
    raised = 0
    for person in Person.objects.filter(pk__in=[pk for pk, _ in reviews]).select_related("team"):
        event = dict(reviews)[person.pk]
        if services.significant_event(person=person, event=event, actor="desist recompute",
                                      today=today):
            raised += 1
    return raised


def _reconcile_escalations(batch: list[dict], today: dt.date) -> None:
    """Open escalations the current RoSH no longer supports are closed with the reason (§2):
    one query for the batch; the few that changed go through the service."""
    by_pk = {p["pk"]: p for p in batch}
    open_tasks = Task.objects.filter(kind="risk_escalation", status=Task.Status.OPEN,
                                     person_id__in=list(by_pk)).values_list("person_id", "data")
    stale = set()
    for person_id, data in open_tasks:
        p = by_pk[person_id]
        current = escalation.RoshAssessment(p["rosh"] or "", p["rosh_assessed_on"])
        if escalation.reconcile(services.escalation_assessment(data), current).action != escalation.KEEP:
            stale.add(person_id)
    for person in Person.objects.filter(pk__in=stale).select_related("team"):
        services.escalate_if_needed(person, actor="desist recompute", today=today)


def _raise_escalations(high: list[dict], today: dt.date) -> int:
    """RoSH high / very high: one escalation task per assessment (§2), raised in bulk."""
    if not high:
        return 0
    existing = set(Task.objects.filter(kind="risk_escalation", person_id__in=[p["pk"] for p in high])
                   .values_list("key", flat=True))
    due = timescales.add_working_days(today, services.ESCALATION_WORKING_DAYS)
    tasks = []
    for p in high:
        assessed = p["rosh_assessed_on"].isoformat() if p["rosh_assessed_on"] else "unknown"
        key = services.escalation_key(p["crn"], p["rosh_assessed_on"])
        if key in existing:
            continue  # raised before for this assessment, open or already escalated
        level = "very high" if p["rosh"] == "very_high" else "high"
        tasks.append(Task(
            provider_id=p["provider_id"], person_id=p["pk"], kind="risk_escalation", key=key,
            title=f"Escalate {p['first_name']} {p['last_name']} to the NPS: RoSH {level}",
            detail="RoSH is high or very high: outside the CRC's remit (operating model §2).",
            due_on=due, team_id=p["team_id"], queue="manager",
            data={"rosh": p["rosh"], "assessed_on": assessed}))
    return len(raise_tasks(tasks, actor="desist recompute"))


def _release(due: list[tuple[dict, int]], today: dt.date) -> int:
    """Pass hub-held custody cases to their LMC on their date (§3.2), in bulk."""
    if not due:
        return 0
    pks = [p["pk"] for p, _ in due]
    Person.objects.filter(pk__in=pks, hub_hold="long_custody").update(
        routing="lmc", hub_hold="", team_id=F("lmc_id"), version=F("version") + 1)
    decisions = RoutingDecision.objects.bulk_create([
        RoutingDecision(person_id=p["pk"], kind=RoutingDecision.Kind.RELEASED, routing="lmc",
                        lmc_id=lmc_id, note="12 weeks before release (§3.2)",
                        proposed={"pass_to_lmc_on": p["pass_to_lmc_on"].isoformat()
                                  if p["pass_to_lmc_on"] else today.isoformat()})
        for p, lmc_id in due])
    # One event per case: a release is a decision, and each case's trail must show it.
    for (p, _lmc), decision in zip(due, decisions, strict=True):
        events.case_passed_to_lmc(actor="desist recompute", crn=p["crn"], person_id=p["pk"],
                                  decision=decision)
    deadline = timescales.add_working_days(
        today, timescales.DEFAULT_TIMESCALES.assignment_working_days)
    raise_tasks([
        Task(provider_id=p["provider_id"], person_id=p["pk"], kind="allocation",
             key=f"allocation:{p['crn']}", team_id=lmc_id, due_on=deadline,
             title=f"Assign a responsible officer to {p['first_name']} {p['last_name']}")
        for p, lmc_id in due if p["responsible_officer_id"] is None], actor="desist recompute")
    return len(due)


def progress_bar(write) -> Callable[[int, int, Counts], None]:
    import time

    started = time.perf_counter()

    def show(done: int, total: int, counts: Counts) -> None:
        width = 30
        fraction = done / total if total else 1
        filled = int(width * fraction)
        rate = done / max(time.perf_counter() - started, 1e-6)
        write(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%} "
              f"{done:,}/{total:,} people, {rate:,.0f}/s, {counts.changed:,} changed")

    return show


__all__ = ["Counts", "progress_bar", "run"]
