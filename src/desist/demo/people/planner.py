"""One synthetic case, planned as plain data from a provider context, a seed and an index.

Each person has its own ``random.Random`` stream seeded from (seed, index), so person *i* is
the same whatever the batch size, and whether or not the people before it were generated in
this run (which is what makes resuming an interrupted run exact).

Rates follow the inspection reports (``shared/reference``): about 19% women; 38% of cases
custody-related (licence, post-sentence supervision, or in custody before release); RoSH mostly
medium (about 35% low, 60% medium, 5% high — the high ones are the cases that should be
escalated to the NPS); domestic abuse in about half of male cases; child safeguarding concerns
in about a third. Smaller rates (IOM, MAPPA, hate crime, …) are a practitioner's estimate.
"""

from __future__ import annotations

import datetime as dt
import random

from desist.rules import banding, ogrs3
from desist.rules.errors import RuleInputError

from .. import data
from ..organisation import ProviderContext
from .casework import _Casework
from .person import _PersonFacts
from .sentence import _SentenceFacts
from .tables import (
    AGE_BANDS,
    COMPLEX_OFFENCES,
    RELIGION,
    ROSH_COMPLEX,
    ROSH_SIMPLE,
    SENTENCE_TYPE,
    D,
    Plan,
    Weighted,
    _age,
    crn_offset,
    make_crn,
)


class PersonPlanner(_PersonFacts, _SentenceFacts, _Casework):
    """Plans people for one provider; ``plan(index)`` is deterministic for (seed, index)."""

    def __init__(self, ctx: ProviderContext, *, seed: int, reference_date: dt.date) -> None:
        self.ctx = ctx
        self.seed = seed
        self.ref = reference_date
        # Decisions the history already holds (bands confirmed, routing done) are dated to it.
        self.decided_at = dt.datetime.combine(reference_date, dt.time(9), tzinfo=dt.UTC)
        self.rng = random.Random()  # noqa: S311 - synthetic data, not security
        self.offset = crn_offset(seed)
        self.areas = Weighted(zip(ctx.areas, ctx.area_weights, strict=True))
        self.seed_base = (seed + 1) * 1_000_003 + sum(map(ord, ctx.code)) * 7_919_000_003

    def crn(self, index: int) -> str:
        return make_crn(self.ctx.crn_letter, self.offset, index)

    def plan(self, index: int) -> Plan:
        """One person's case, drawn section by section (each a method below, in the same order of
        random draws, so the caseload is the same for the same seed)."""
        rng = self.rng
        rng.seed(self.seed_base + index * 2_654_435_761)
        r = rng.random
        ref = self.ref
        ctx = self.ctx
        show = ctx.showcase and index < 6

        # --- who -------------------------------------------------------------------------
        gender, female, ethnicity, language, first, last, interpreter = self._who(r, show, index)

        # --- sentence ----------------------------------------------------------------------
        stype = SENTENCE_TYPE.pick(r)
        if show:
            stype = "community_order"
        (closed, custodial, release, licence_end, pss_end, sentence_date, start,
         end) = self._sentence_dates(r, ref, stype, show)
        in_custody = stype == "custody"
        follow_up = release if release is not None else start

        # --- age and history ---------------------------------------------------------------
        low, high = AGE_BANDS.pick(r)
        age_at_sentence = low + int(r() * (high - low + 1))
        if show:
            age_at_sentence = 22 + index * 5
        dob = sentence_date - D(days=age_at_sentence * 365 + int(age_at_sentence / 4)
                                + 1 + int(r() * 364))
        age_conv = _age(dob, sentence_date)
        age_now = _age(dob, ref)
        previous, first_sanction = self._history(r, dob, age_conv, sentence_date)

        # --- offences ----------------------------------------------------------------------
        category, description, offences = self._offences(r, female, show, index, sentence_date)

        # --- family and circumstances ------------------------------------------------------
        (dependants, childcare, employment, work_start, work_end, disability, needs, wheelchair,
         learning_disability, literacy, numeracy) = self._circumstances(r, female, age_now,
                                                                        in_custody)

        # --- address -----------------------------------------------------------------------
        no_address, area, address, postcode, la_id, la_code, phone = self._address(r, show)

        # --- registrations -----------------------------------------------------------------
        regs, da, sexual = self._registrations(r, gender, female, show, index, dependants,
                                               category, description, age_now)
        reg_types = {t for t, _l in regs}

        # --- risk --------------------------------------------------------------------------
        complex_case = (da or "child_protection_plan" in reg_types or sexual
                        or "mappa" in reg_types or category in COMPLEX_OFFENCES)
        rosh = (ROSH_COMPLEX if complex_case else ROSH_SIMPLE).pick(r)
        if show:
            rosh = "high" if index == 3 else ("medium" if index in (0, 1) else "low")
        rosh_to = self._rosh_to(r, rosh, da, reg_types)
        close_roll = r()
        close_to_change = None if close_roll < 0.3 else close_roll < 0.65

        # --- requirements ------------------------------------------------------------------
        requirements: list[dict] = []
        if stype in ("community_order", "sso"):
            requirements = self._requirements(r, start, end, female, da, category, reg_types,
                                              show and index == 0)
        req_types = frozenset(q["type"] for q in requirements)

        # --- where the case sits and who holds it ------------------------------------------
        new_case = stype in ("community_order", "sso") and (ref - sentence_date).days < 4
        restricted = (r() < 0.01 or (show and index == 5)) and not (show and index < 5)
        team, officer = self._assign(r, la_code, stype, req_types, custodial, release,
                                     female, da, reg_types, rosh, complex_case, new_case,
                                     closed, restricted, index if show else -1)

        routed, hold = self._routing(team, new_case, stype, req_types, custodial)

        # --- OGRS3 and the proposed band ---------------------------------------------------
        ogrs = None
        if gender in ("male", "female"):
            try:
                ogrs = ogrs3.score(
                    gender, dob, sentence_date, follow_up, previous + 1, category,
                    first_sanction_date=first_sanction,
                ).two_year_percent
            except RuleInputError:
                ogrs = None
        band = ""
        if not new_case and not in_custody and not closed and (ref - follow_up).days >= 10:
            try:
                band = banding.band_case(
                    rosh, ogrs, None if ogrs is not None else ("high" if r() < 0.5 else "low"),
                    req_types, frozenset(reg_types), age_now, close_to_change,
                ).band
            except RuleInputError:
                band = ""

        # --- dates of contact and assessment -----------------------------------------------
        since = max((ref - start).days, 0)
        rosh_assessed = min(ref, (sentence_date if in_custody else start)
                            + D(days=5 + int(r() * 25)))
        if since > 200 and r() < 0.6:
            rosh_assessed = ref - D(days=int(r() * 120))
        if rosh_assessed < sentence_date:
            rosh_assessed = sentence_date
        if in_custody or new_case or officer is None and team is not None and r() < 0.3:
            last_contact = None
        elif closed:
            last_contact = end - D(days=int(r() * 20))
        else:
            stale = r() < 0.09
            gap = 30 + int(r() * 150) if stale else int(r() * 21)
            last_contact = ref - D(days=min(gap, since))

        person = {
            "provider_id": ctx.provider_id,
            "crn": self.crn(index),
            "first_name": first,
            "last_name": last,
            "date_of_birth": dob,
            "gender": gender,
            "ethnicity": ethnicity,
            "religion": RELIGION.pick(r),
            "disability": disability,
            "disability_needs": needs,
            "wheelchair_user": wheelchair,
            "first_language": language,
            "letter_language": "cy" if language.strip().lower() in ("welsh", "cymraeg") else "en",
            "interpreter_needed": interpreter,
            "literacy_need": literacy,
            "numeracy_need": numeracy,
            "learning_disability": learning_disability,
            "employment_status": employment,
            "work_starts_at": work_start,
            "work_ends_at": work_end,
            "dependants": dependants,
            "childcare_responsibilities": childcare,
            "address": address,
            "postcode": postcode,
            "local_authority_id": la_id,
            "phone": phone,
            "previous_sanctions": previous,
            "first_sanction_date": first_sanction,
            "rosh": rosh,
            "rosh_to": rosh_to,
            "rosh_assessed_on": rosh_assessed,
            "ogrs3_two_year": ogrs,
            "close_to_change": close_to_change,
            "band": band,
            "proposed_band": band,
            "band_confirmed_at": self.decided_at if band else None,
            "routing": routed,
            "hub_hold": hold,
            "routing_confirmed_at": self.decided_at if routed else None,
            "responsible_officer_id": officer.staff_id if officer else None,
            "team_id": team.team_id if team else None,
            "restricted": restricted,
            "last_contact_on": last_contact,
            "active": not closed,
        }

        court_roll = r()
        if court_roll < 0.22 or custodial and custodial >= 24:
            court = ctx.crown_courts[int(r() * len(ctx.crown_courts))]
        else:
            court = data.MAGISTRATES.get(la_code or area.code, "Newcastle Magistrates' Court")
        sentence = {
            "type": stype, "court": court, "sentence_date": sentence_date, "start_date": start,
            "expected_end_date": end, "custodial_months": custodial, "release_date": release,
            "licence_end_date": licence_end, "pss_end_date": pss_end, "terminated_on": None,
        }
        sentences = [(sentence, requirements, offences)]
        if previous and r() < 0.15:
            sentences.append(self._previous_sentence(r, sentence_date, dob, female))

        registrations = self._registration_rows(r, regs, sentence_date, dob)

        referrals = self._referrals(r, female, req_types, no_address, stype, employment,
                                    age_now, da, reg_types, start, ref, officer,
                                    requirements, show and index == 1)
        grants = []
        if restricted and ctx.granted_user_id:
            grants.append(ctx.granted_user_id)
        return Plan(person, sentences, registrations, referrals, grants)

    def _routing(self, team, new_case, stype, req_types, custodial) -> tuple[str, str]:
        """Where the case was routed, and why the hub holds it (no random draws)."""
        if team is not self.ctx.hub:
            return "lmc", ""
        if new_case:
            return "", ""
        if stype in ("community_order", "sso") and req_types and \
                req_types <= {"upw", "exclusion"}:
            return "hub", "standalone"
        if stype in ("custody", "licence") and custodial and custodial >= 18:
            return "hub", "long_custody"
        return "hub", "unroutable"

    def _registration_rows(self, r, regs, sentence_date, dob) -> list[dict]:
        """The registrations' dates: started before the sentence, some ended, the rest reviewed."""
        ref = self.ref
        registrations = []
        for rtype, level in regs:
            reg_start = min(ref, sentence_date - D(days=int(r() * 400)) + D(days=int(r() * 60)))
            if reg_start <= dob:
                reg_start = sentence_date
            review = max(reg_start + D(days=30), ref + D(days=int(r() * 210) - 30))
            end_date = None
            if rtype in ("child_concern", "complex_mental_health", "hate_crime") and r() < 0.08:
                end_date = reg_start + D(days=30 + int(r() * 200))
                if end_date > ref:
                    end_date = ref if ref >= reg_start else reg_start
                review = None
            registrations.append({"type": rtype, "level": level, "start_date": reg_start,
                                  "review_date": review, "end_date": end_date, "notes": ""})
        return registrations
