"""Gathering what the tier reads from Desist's records (the adapter of tiering.md).

One function serves a single case (a page, a service after a change) and a batch of cases (the
nightly recompute, a provider switching policy): a fixed number of queries per batch, each a
range or an id list, never one per case. The translation into the tier's inputs is pure, in
``rules.tiering_facts``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from desist.rules.tiering_facts import CaseFacts, SentenceFacts

PERSON_FIELDS = ("pk", "provider_id", "gender", "rosh", "rsr", "ogrs3_two_year",
                 "childcare_responsibilities", "tier", "band", "proposed_band",
                 "workload_points", "crn")


def _scale(definition) -> tuple[int, int]:
    scale = (definition or {}).get("scale") or {}
    low, high = scale.get("min", 1), scale.get("max", 10)
    return (low, high) if isinstance(low, int) and isinstance(high, int) else (1, 10)


class Gathered:
    """Everything a batch of cases needs, by person id."""

    def __init__(self, people: list[dict], where: dict):
        from desist.assessment.models import Instrument, Reading
        from desist.compliance.models import Breach
        from desist.people.models import Registration
        from desist.sentences.models import Requirement
        from desist.sentences.selectors import NEWEST_FIRST, current_sentences

        self.people = people
        self.registrations: dict[int, set[str]] = defaultdict(set)
        self.mappa: dict[int, list[int]] = defaultdict(list)
        for pid, kind, level in Registration.objects.filter(end_date__isnull=True, **where) \
                .values_list("person_id", "type", "level"):
            self.registrations[pid].add(kind)
            if kind == "mappa":
                digits = "".join(ch for ch in str(level) if ch.isdigit())
                self.mappa[pid].append(int(digits) if digits else 1)
        # Newest first, so a case's first is its current sentence (as allocation.facts reads it).
        live = list(current_sentences().filter(**where).order_by("person_id", *NEWEST_FIRST)
                    .values_list("pk", "person_id", "type"))
        requirements: dict[int, set[str]] = defaultdict(set)
        for sid, kind in Requirement.objects.filter(sentence_id__in=[s[0] for s in live]) \
                .values_list("sentence_id", "type"):
            requirements[sid].add(kind)
        self.sentences: dict[int, list[SentenceFacts]] = defaultdict(list)
        self.sentence_types: dict[int, str] = {}
        for sid, pid, kind in live:
            self.sentences[pid].append(SentenceFacts(kind, frozenset(requirements.get(sid, ()))))
            self.sentence_types.setdefault(pid, kind)
        self.readings: dict[int, tuple[dict, int]] = {}
        for pid, scores, instrument in (Reading.objects.filter(status="approved", **where)
                                        .order_by("person_id", "-taken_on", "-pk")
                                        .values_list("person_id", "scores", "instrument_id")):
            self.readings.setdefault(pid, (scores or {}, instrument))
        wanted = {i for _s, i in self.readings.values()}
        self.scales = {pk: _scale(d) for pk, d in Instrument.objects.filter(pk__in=wanted)
                       .values_list("pk", "definition")}
        self.breached = set(Breach.objects.filter(**where).values_list("person_id", flat=True))

    def facts(self, p: dict) -> CaseFacts:
        pid = p["pk"]
        reading = self.readings.get(pid)
        return CaseFacts(
            rosh=p["rosh"] or None, rsr=p["rsr"],
            registrations=frozenset(self.registrations.get(pid, ())),
            mappa_levels=tuple(self.mappa.get(pid, ())),
            female=p["gender"] == "female",
            childcare_responsibilities=bool(p["childcare_responsibilities"]),
            breach_or_recall=pid in self.breached,
            reading=reading[0] if reading else None,
            scale=self.scales.get(reading[1], (1, 10)) if reading else (1, 10),
            ogrs3=p["ogrs3_two_year"],
            sentences=tuple(self.sentences.get(pid, ())),
        )

    def requirement_codes(self, pid: int) -> frozenset[str]:
        return frozenset(r for s in self.sentences.get(pid, ()) for r in s.requirements)


def gather_range(people: list[dict], lo: int, hi: int) -> Gathered:
    """For people with ``lo < pk <= hi`` (each query one index range)."""
    return Gathered(people, {"person_id__gt": lo, "person_id__lte": hi})


def gather_ids(people: list[dict]) -> Gathered:
    return Gathered(people, {"person_id__in": [p["pk"] for p in people]})


def people_rows(pks: Iterable[int]) -> list[dict]:
    from desist.people.models import Person

    return list(Person.objects.filter(pk__in=list(pks)).order_by("pk").values(*PERSON_FIELDS))


def case_facts(person) -> CaseFacts:
    """One case's facts (for its page and its services)."""
    rows = people_rows([person.pk])
    return gather_ids(rows).facts(rows[0])
