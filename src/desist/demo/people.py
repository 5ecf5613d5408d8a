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
from bisect import bisect
from itertools import accumulate

from desist.rules import banding, ogrs3, routing
from desist.rules.errors import RuleInputError

from . import data
from .organisation import Officer, ProviderContext, TeamPool

D = dt.timedelta
MONTH = 30.4375

CRN_DIGITS = 1_000_000
CRN_MULTIPLIER = 387_413  # coprime with 10**6, so index → digits is a permutation
CRN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXY"  # Z is kept for the second demo provider


def crn_offset(seed: int) -> int:
    return (seed * 104_729 + 12_345) % CRN_DIGITS


def crn_letter(seed: int) -> str:
    return CRN_LETTERS[seed % len(CRN_LETTERS)]


def make_crn(letter: str, offset: int, index: int) -> str:
    """Letter + six digits, unique for each index below a million."""
    return f"{letter}{(index * CRN_MULTIPLIER + offset) % CRN_DIGITS:06d}"


class Weighted:
    """A weighted choice by bisection on cumulative weights (faster than ``choices``)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        pairs = list(pairs)
        self.items = [p[0] for p in pairs]
        self.cum = list(accumulate(float(p[1]) for p in pairs))
        self.total = self.cum[-1]

    def pick(self, rnd) -> object:
        return self.items[bisect(self.cum, rnd() * self.total)]


AGE_BANDS = Weighted([((18, 20), 9), ((21, 24), 13), ((25, 29), 17), ((30, 34), 16),
                      ((35, 39), 14), ((40, 49), 18), ((50, 59), 10), ((60, 75), 3)])
ETHNICITY = Weighted([((label, group), w) for label, w, group, _l in data.ETHNICITIES])
EASTERN = Weighted([((group, lang), w) for group, lang, w in data.EASTERN_EUROPEAN])
RELIGION = Weighted(data.RELIGIONS)
SENTENCE_TYPE = Weighted([("community_order", 36), ("sso", 26), ("licence", 20), ("pss", 9),
                          ("custody", 9)])
CO_MONTHS = Weighted([(6, 10), (12, 45), (18, 20), (24, 20), (36, 5)])
SSO_MONTHS = Weighted([(12, 35), (18, 30), (24, 35)])
CUSTODIAL_MONTHS = Weighted([(3, 6), (4, 8), (6, 12), (8, 8), (9, 6), (10, 6), (12, 12),
                             (16, 8), (18, 8), (20, 6), (24, 7), (30, 5), (36, 4), (48, 3),
                             (60, 1)])
SHORT_CUSTODY = Weighted([(3, 6), (4, 8), (6, 12), (8, 8), (9, 6), (10, 6), (12, 12),
                          (16, 8), (18, 8), (20, 6)])
PREVIOUS = Weighted([((0, 0), 12), ((1, 2), 18), ((3, 5), 20), ((6, 10), 20), ((11, 20), 18),
                     ((21, 40), 10), ((41, 80), 2)])
OFFENCE_MALE = Weighted([(c, v[0]) for c, v in data.OFFENCES.items()])
OFFENCE_FEMALE = Weighted([(c, v[1]) for c, v in data.OFFENCES.items()])
RAR = Weighted(data.RAR_DAYS)
UPW = Weighted(data.UPW_HOURS)
EMPLOYMENT = Weighted([("employed_full_time", 20), ("employed_part_time", 9),
                       ("self_employed", 4), ("unemployed", 47), ("in_education", 3),
                       ("not_available", 15)])
DEPENDANTS_F = Weighted([(0, 35), (1, 25), (2, 22), (3, 12), (4, 6)])
DEPENDANTS_M = Weighted([(0, 55), (1, 20), (2, 15), (3, 7), (4, 3)])
CHILD_FLAG = Weighted([("child_concern", 45), ("child_in_need", 30),
                       ("child_protection_plan", 25)])
REFERRAL_STATUS = Weighted([("proposed", 2), ("referred", 20), ("accepted", 15), ("waiting", 10),
                            ("started", 30), ("completed", 15), ("rejected", 4),
                            ("withdrawn", 4)])
ROSH_COMPLEX = Weighted([("low", 22), ("medium", 71), ("high", 6.8), ("very_high", 0.2)])
ROSH_SIMPLE = Weighted([("low", 58), ("medium", 39), ("high", 2.9), ("very_high", 0.1)])

COMPLEX_OFFENCES = frozenset({"violence", "robbery", "sexual_not_child", "sexual_child"})
ACQUISITIVE = frozenset({"burglary_domestic", "burglary_other", "theft_non_motor", "robbery",
                         "theft_from_vehicles", "taking_driving_away", "handling"})
DRUGS = frozenset({"drug_possession_supply", "drug_import_export_production"})
SEXUAL = frozenset({"sexual_not_child", "sexual_child"})

_TIMES = {t: dt.time.fromisoformat(t) for pair in data.WORK_HOURS + data.PART_TIME_HOURS
          for t in pair}


class Plan:
    """One person and their rows, as plain dicts ready for the writer."""

    __slots__ = ("person", "sentences", "registrations", "referrals", "grants")

    def __init__(self, person, sentences, registrations, referrals, grants):
        self.person = person
        self.sentences = sentences          # [(sentence, [requirements], [offences])]
        self.registrations = registrations  # [dict]
        self.referrals = referrals          # [dict]
        self.grants = grants                # [user id] granted access (restricted cases)


def _age(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


# Women's cases go to female officers only, so men's cases lean towards male officers by this
# much for everyone to end near the same load (women are about a sixth of the points).
MEN_TO_FEMALE_OFFICER_FACTOR = 0.75


# IOM officers take every IOM nominal, so they take fewer of the other complex cases.
IOM_OFFICER_FACTOR = 0.6


# Cumulative capacity weights per (pool, factors), built once: a team at national scale has
# hundreds of officers, and the generator picks one for every case.
_CUMULATIVE: dict[tuple[int, float, float], tuple[list[Officer], list[float]]] = {}


def _pick(rng: random.Random, pool: list[Officer], female_factor: float = 1.0,
          iom_factor: float = 1.0) -> Officer | None:
    """An officer from the pool, in proportion to their available capacity (as a manager using
    the workload tool would), so part-time officers and those with reductions get fewer cases."""
    if not pool:
        return None
    key = (id(pool), female_factor, iom_factor)
    cached = _CUMULATIVE.get(key)
    if cached is None or cached[0] is not pool:
        weights = [o.capacity * (female_factor if o.female else 1.0)
                   * (iom_factor if "iom" in o.specialisms else 1.0) for o in pool]
        cached = (pool, list(accumulate(weights)))
        _CUMULATIVE[key] = cached
    cumulative = cached[1]
    total = cumulative[-1]
    if total <= 0:
        return pool[int(rng.random() * len(pool))]
    return pool[min(bisect(cumulative, rng.random() * total), len(pool) - 1)]


class PersonPlanner:
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

    # -----------------------------------------------------------------------------------------
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

        if team is self.ctx.hub:
            if new_case:
                routed, hold = "", ""
            elif stype in ("community_order", "sso") and req_types and \
                    req_types <= {"upw", "exclusion"}:
                routed, hold = "hub", "standalone"
            elif stype in ("custody", "licence") and custodial and custodial >= 18:
                routed, hold = "hub", "long_custody"
            else:
                routed, hold = "hub", "unroutable"
        else:
            routed, hold = "lmc", ""

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

        referrals = self._referrals(r, female, req_types, no_address, stype, employment,
                                    age_now, da, reg_types, start, ref, officer,
                                    requirements, show and index == 1)
        grants = []
        if restricted and ctx.granted_user_id:
            grants.append(ctx.granted_user_id)
        return Plan(person, sentences, registrations, referrals, grants)

    def _registrations(self, r, gender, female, show, index, dependants, category, description,
                       age_now) -> tuple[list[tuple[str, str]], bool, bool]:
        """The case's registrations (type, level), whether domestic abuse is flagged and whether
        the offence is sexual."""
        regs: list[tuple[str, str]] = []  # (type, level)
        da = r() < (0.52 if gender == "male" else 0.08 if female else 0.2)
        if show:
            da = index in (0, 3)
        if da:
            regs.append(("domestic_abuse", ""))
            if r() < 0.3:
                regs.append(("restraining_order", ""))
        if r() < (0.35 if female else 0.03):
            regs.append(("domestic_abuse_victim", ""))
        if r() < (0.53 if dependants else 0.19):
            regs.append((CHILD_FLAG.pick(r), ""))
        sexual = category in SEXUAL
        if sexual:
            regs.append(("sex_offender", ""))
            regs.append(("visor", ""))
        if r() < (0.2 if category in ACQUISITIVE else 0.03) and not sexual:
            regs.append(("iom", ""))
        if sexual and r() < 0.5:
            regs.append(("mappa", "Category 1, level 1"))
        elif category in COMPLEX_OFFENCES and r() < 0.02:
            regs.append(("mappa", "Category 2, level 1"))
        if description.startswith("Racially") or r() < 0.02:
            regs.append(("hate_crime", ""))
        if r() < 0.0015:
            regs.append(("prevent", ""))
        if r() < (0.05 if category in DRUGS else 0.008):
            regs.append(("serious_organised_crime", ""))
        if r() < (0.15 if female else 0.08):
            regs.append(("complex_mental_health", ""))
        if 18 <= age_now <= 24 and r() < 0.45:
            regs.append(("aces", ""))
        if r() < 0.004:
            regs.append(("previous_very_high_rosh", ""))
        return regs, da, sexual

    def _circumstances(self, r, female, age_now, in_custody) -> tuple:
        """Dependants, childcare, employment and working hours, disability and needs, literacy."""
        dependants = (DEPENDANTS_F if female else DEPENDANTS_M).pick(r)
        if age_now > 60 and r() < 0.7:
            dependants = 0
        childcare = dependants > 0 and r() < (0.8 if female else 0.3)
        if in_custody:
            employment = "not_available"
        else:
            employment = EMPLOYMENT.pick(r)
            if age_now >= 65 and r() < 0.7:
                employment = "retired"
            elif age_now <= 24 and employment == "unemployed" and r() < 0.15:
                employment = "in_education"
        work_start = work_end = None
        if employment in ("employed_full_time", "self_employed") and r() < 0.85:
            s, e = data.WORK_HOURS[int(r() * len(data.WORK_HOURS))]
            work_start, work_end = _TIMES[s], _TIMES[e]
        elif employment == "employed_part_time" and r() < 0.85:
            s, e = data.PART_TIME_HOURS[int(r() * len(data.PART_TIME_HOURS))]
            work_start, work_end = _TIMES[s], _TIMES[e]
        disability = r() < 0.27
        needs = data.DISABILITY_NEEDS[int(r() * len(data.DISABILITY_NEEDS))] if disability else ""
        wheelchair = r() < 0.012 or (disability and r() < 0.03)
        if wheelchair:
            disability = True
            needs = "Wheelchair user; needs step-free access and an accessible toilet"
        learning_disability = r() < 0.05
        literacy = r() < 0.2 or (learning_disability and r() < 0.6)
        numeracy = (literacy and r() < 0.7) or r() < 0.08
        return (dependants, childcare, employment, work_start, work_end, disability, needs,
                wheelchair, learning_disability, literacy, numeracy)

    def _sentence_dates(self, r, ref, stype, show) -> tuple:
        """Whether the order has closed, the custodial term and release, licence and PSS ends,
        and the sentence's date, start and end."""
        closed = stype in ("community_order", "sso") and r() < 0.02 and not show
        custodial = release = licence_end = pss_end = None
        if stype in ("community_order", "sso"):
            months = (CO_MONTHS if stype == "community_order" else SSO_MONTHS).pick(r)
            length = round(months * MONTH)
            if closed:
                sentence_date = ref - D(days=length + 1 + int(r() * 90))
            elif r() < 0.04:  # just sentenced: still with the hub for allocation
                sentence_date = ref - D(days=int(r() * 4))
            else:
                sentence_date = ref - D(days=int(r() * length * 0.95))
            start = sentence_date + D(days=int(r() * 3))
            end = start + D(days=length)
        else:
            if stype == "pss":
                custodial = SHORT_CUSTODY.pick(r)
            else:
                custodial = CUSTODIAL_MONTHS.pick(r)
            half = max(1, round(custodial * MONTH / 2))
            if stype == "custody":
                ahead = 1 + int(r() * min(half - 1, 540)) if half > 1 else 1
                release = ref + D(days=ahead)
            elif stype == "licence":
                release = ref - D(days=int(r() * (half - 1)))
            else:  # pss: licence over, PSS continues to 12 months after release
                release = ref - D(days=half + 1 + int(r() * max(1, 364 - half - 1)))
            sentence_date = release - D(days=half)
            licence_end = sentence_date + D(days=round(custodial * MONTH))
            if custodial < 24:
                pss_end = release + D(days=365)
            start = sentence_date if stype == "custody" else release
            end = max(d for d in (licence_end, pss_end) if d is not None)
            if end <= start:
                end = start + D(days=1)
        return (closed, custodial, release, licence_end, pss_end, sentence_date, start, end)

    def _history(self, r, dob, age_conv, sentence_date) -> tuple[int, dt.date]:
        """Previous sanctions and the date of the first (OGRS3 inputs)."""
        plow, phigh = PREVIOUS.pick(r)
        previous = plow + int(r() * (phigh - plow + 1))
        if previous:
            if previous >= 10:
                first_age = 12 + int(r() * 7)
            elif previous >= 3:
                first_age = 14 + int(r() * 12)
            else:
                first_age = 16 + int(r() * max(1, age_conv - 16))
            first_age = min(first_age, age_conv)
            first_sanction = dob + D(days=int(first_age * 365.25) + int(r() * 300) + 1)
            if first_sanction >= sentence_date:
                first_sanction = sentence_date - D(days=30)
            if first_sanction <= dob:
                first_sanction = dob + D(days=1)
        else:
            first_sanction = sentence_date
        return previous, first_sanction

    def _rosh_to(self, r, rosh, da, reg_types) -> list[str]:
        """Who the person poses a risk of serious harm to."""
        rosh_to: list[str] = []
        if rosh != "low":
            if da or "restraining_order" in reg_types:
                rosh_to.append("known_adult")
            if reg_types & {"child_protection_plan", "child_in_need", "child_concern"}:
                rosh_to.append("children")
            if not rosh_to or r() < 0.4:
                rosh_to.insert(0, "public")
            if r() < 0.05:
                rosh_to.append("staff")
        else:
            rosh_to.append("public")
        return rosh_to

    def _who(self, r, show, index) -> tuple:
        """Gender, ethnicity, language, names and whether an interpreter is needed."""
        g = r()
        gender = "female" if g < 0.19 else ("male" if g < 0.997 else
                                            ("other" if g < 0.9985 else "not_stated"))
        if show:
            gender = "female" if index == 1 else "male"
        female = gender == "female"
        ethnicity, group = ETHNICITY.pick(r)
        language = "English"
        if group == "eastern_european":
            group, language = EASTERN.pick(r)
            if r() < 0.3:
                language = "English"
        elif group in data.MINORITY_LANGUAGES:
            share, langs = data.MINORITY_LANGUAGES[group]
            if r() < share:
                language = langs[int(r() * len(langs))]
        if group:
            males, females, lasts = data.MINORITY_NAMES[group]
        else:
            males, females, lasts = data.MALE_FIRST, data.FEMALE_FIRST, data.LAST
        firsts = females if female else males
        if gender in ("other", "not_stated") and r() < 0.5:
            firsts = females
        first = firsts[int(r() * len(firsts))]
        last = lasts[int(r() * len(lasts))]
        interpreter = language != "English" and r() < 0.65
        return gender, female, ethnicity, language, first, last, interpreter

    def _address(self, r, show) -> tuple:
        """The address (none for a few), its local authority and a phone number."""
        no_address = r() < 0.025 and not show
        area = self.areas.pick(r)
        if show:
            area = next((a for a in self.ctx.areas if a.code == "E08000021"), self.ctx.areas[0])
        if no_address:
            address = postcode = ""
            la_id = la_code = None
        else:
            town, district = area.towns[int(r() * len(area.towns))]
            street = data.STREETS[int(r() * len(data.STREETS))]
            address = f"{1 + int(r() * 180)} {street}, {town}"
            letters = data.POSTCODE_LETTERS
            postcode = (f"{district} {1 + int(r() * 9)}"
                        f"{letters[int(r() * 20)]}{letters[int(r() * 20)]}")
            la_id, la_code = area.la_id, area.code
        phone = "" if r() < 0.08 else f"07700 900{int(r() * 1000):03d}"
        return no_address, area, address, postcode, la_id, la_code, phone

    def _offences(self, r, female, show, index, sentence_date) -> tuple[str, str, list[dict]]:
        """The main offence's category and description, and every offence (1–3)."""
        category = (OFFENCE_FEMALE if female else OFFENCE_MALE).pick(r)
        if show and index in (0, 3):
            category = "violence"
        descriptions = data.OFFENCES[category][2]
        description = descriptions[int(r() * len(descriptions))]
        offence_date = sentence_date - D(days=14 + int(r() * 300))
        offences = [{"description": description, "category": category,
                     "offence_date": offence_date, "main": True}]
        for _ in range(int(r() * 2.4)):  # 0–2 further offences
            c2 = (OFFENCE_FEMALE if female else OFFENCE_MALE).pick(r)
            d2 = data.OFFENCES[c2][2]
            offences.append({"description": d2[int(r() * len(d2))], "category": c2,
                             "offence_date": offence_date - D(days=int(r() * 60)),
                             "main": False})
        return category, description, offences

    # -----------------------------------------------------------------------------------------
    def _requirements(self, r, start, end, female, da, category, reg_types, force_bbr):
        kinds = self._requirement_kinds(r, female, da, category, reg_types, force_bbr)
        return [self._requirement(r, kind, start, end) for kind in kinds]

    def _requirement_kinds(self, r, female, da, category, reg_types, force_bbr) -> list[str]:
        roll = r()
        if roll < 0.13:  # standalone unpaid work: held in the hub
            kinds = ["upw"]
        elif roll < 0.14:
            kinds = ["exclusion"]
        else:
            kinds = []
            if r() < 0.78:
                kinds.append("rar")
            if r() < 0.35:
                kinds.append("upw")
            if da and not female and r() < 0.3 or force_bbr:
                kinds.append("programme:BBR")
            elif category == "violence" and r() < 0.08:
                kinds.append("programme:Resolve")
            elif r() < 0.05:
                kinds.append("programme:TSP")
            if category in DRUGS and r() < 0.25 or r() < 0.02:
                kinds.append("drr")
            if category == "drink_driving" and r() < 0.3 or r() < 0.04:
                kinds.append("atr")
            if "complex_mental_health" in reg_types and r() < 0.25 or r() < 0.005:
                kinds.append("mhtr")
            if r() < 0.1:
                kinds.append("curfew")
            if r() < 0.02:
                kinds.append("exclusion")
            if r() < 0.02:
                kinds.append("prohibited_activity")
            if r() < 0.01:
                kinds.append("residence")
            if r() < 0.02:
                kinds.append("alcohol_abstinence")
            if not kinds:
                kinds.append("rar")
        return kinds

    def _requirement(self, r, kind, start, end) -> dict:
        row = {"type": kind, "rar_days": None, "upw_hours": None, "programme": "",
               "details": "", "start_date": start, "end_date": end}
        if kind == "rar":
            row["rar_days"] = RAR.pick(r)
        elif kind == "upw":
            row["upw_hours"] = UPW.pick(r)
            row["end_date"] = start + D(days=365)
        elif kind.startswith("programme:"):
            row["type"] = "programme"
            row["programme"] = kind.split(":", 1)[1]
            row["details"] = data.PROGRAMMES[row["programme"]]
        elif kind == "drr":
            row["details"] = ("Drug testing fortnightly; treatment with the substance "
                              "misuse partner")
        elif kind == "atr":
            row["details"] = "Alcohol treatment with the substance misuse partner"
        elif kind == "mhtr":
            row["details"] = "Outpatient treatment with the community mental health team"
        elif kind == "exclusion":
            row["details"] = data.EXCLUSION_AREAS[int(r() * len(data.EXCLUSION_AREAS))]
            row["end_date"] = start + D(days=180 + int(r() * 180))
        elif kind == "curfew":
            row["details"] = data.CURFEW_DETAILS[int(r() * len(data.CURFEW_DETAILS))]
            row["end_date"] = start + D(days=30 + int(r() * 150))
        elif kind == "prohibited_activity":
            row["details"] = "Not to contact the victim directly or indirectly"
        elif kind == "residence":
            row["details"] = "To live where approved by the responsible officer"
        elif kind == "alcohol_abstinence":
            row["details"] = "Alcohol abstinence, electronically monitored, 120 days"
            row["end_date"] = start + D(days=120)
        if row["end_date"] is not None and row["end_date"] <= start:
            row["end_date"] = start + D(days=1)
        return row

    def _previous_sentence(self, r, before, dob, female):
        """An earlier, completed order: case history."""
        months = CO_MONTHS.pick(r)
        end = before - D(days=60 + int(r() * 900))
        start = end - D(days=round(months * MONTH))
        if start <= dob + D(days=365 * 16):
            start = dob + D(days=365 * 16 + 1)
            end = start + D(days=round(months * MONTH))
        category = (OFFENCE_FEMALE if female else OFFENCE_MALE).pick(r)
        descriptions = data.OFFENCES[category][2]
        sentence = {
            "type": "community_order", "court": "", "sentence_date": start, "start_date": start,
            "expected_end_date": end, "custodial_months": None, "release_date": None,
            "licence_end_date": None, "pss_end_date": None, "terminated_on": None,
        }
        reqs = [{"type": "rar", "rar_days": RAR.pick(r), "upw_hours": None, "programme": "",
                 "details": "", "start_date": start, "end_date": end}]
        offences = [{"description": descriptions[int(r() * len(descriptions))],
                     "category": category, "offence_date": start - D(days=30 + int(r() * 200)),
                     "main": True}]
        return sentence, reqs, offences

    def _assign(self, r, la_code, stype, req_types, custodial, release, female, da, reg_types,
                rosh, complex_case, new_case, closed, restricted, show_index):
        ctx = self.ctx
        named = ctx.named
        if show_index >= 0:
            username = {0: "officer", 1: "officer", 2: "pso", 3: "officer", 4: "pso",
                        5: "granted"}[show_index]
            officer = named.get(username)
            if officer is not None:
                team = next((t for t in ctx.teams.values() if officer in t.officers), ctx.hub)
                return team, officer
        if restricted and "granted" in named:
            officer = named["granted"]
            team = next((t for t in ctx.teams.values() if officer in t.officers), ctx.hub)
            return team, officer
        if new_case:
            return ctx.hub, None  # awaiting allocation in the hub
        try:
            result = routing.route(
                routing.RoutingInput(
                    local_authority=la_code, sentence_type=stype, as_of=self.ref,
                    requirements=tuple(sorted(req_types)), custodial_months=custodial,
                    release_date=release,
                ),
                ctx.lmc_by_la,
            )
            destination, lmc = result.destination, result.lmc
        except RuleInputError:
            destination, lmc = "hub", None
        if destination == "hub" or lmc not in ctx.teams:
            hub = ctx.hub
            standalone = stype in ("community_order", "sso") and req_types <= {"upw", "exclusion"}
            if standalone or (lmc is None and not (stype == "custody")):
                return hub, _pick(self.rng, hub.psos) if r() < 0.85 else None
            return hub, None  # long custody held in the hub until 12 weeks before release
        team = ctx.teams[lmc]
        return team, self._match(r, team, female, da, reg_types, rosh, complex_case, closed)

    def _match(self, r, team: TeamPool, female, da, reg_types, rosh, complex_case, closed):
        """§3.3 matching, with the small rate of poor matches the inspectors found."""
        rng = self.rng
        if r() < 0.015 and not closed:
            return None  # allocation pending with the LMC manager
        needs_skill = (rosh != "low" or da or complex_case
                       or reg_types & {"child_protection_plan", "child_in_need", "child_concern"})
        if female:
            if needs_skill:
                return _pick(rng, team.women_complex, iom_factor=IOM_OFFICER_FACTOR)
            return _pick(rng, team.women_simple if r() < 0.85 else team.women)
        men = MEN_TO_FEMALE_OFFICER_FACTOR
        if "iom" in reg_types:
            return _pick(rng, team.iom, men)
        if needs_skill:
            if r() < 0.04:  # the reports' failure: a complex case with an untrained PSO
                return _pick(rng, team.untrained, men)
            return _pick(rng, team.complex, men, IOM_OFFICER_FACTOR)
        return _pick(rng, team.untrained if r() < 0.85 else team.pos, men, IOM_OFFICER_FACTOR)

    def _referrals(self, r, female, req_types, no_address, stype, employment, age, da,
                   reg_types, start, ref, officer, requirements, force_women):
        partners = self.ctx.partners
        if not partners:
            return []
        wanted: list[tuple[str, str]] = []
        if female and (r() < 0.6 or force_women):
            wanted.append(("women", "Women's hub support"))
        if req_types & {"drr", "atr"} and r() < 0.9:
            wanted.append(("substance", "Drug treatment (DRR)" if "drr" in req_types
                           else "Alcohol treatment (ATR)"))
        elif r() < 0.05:
            wanted.append(("substance", "Substance misuse assessment"))
        if (no_address and r() < 0.8) or (stype in ("licence", "pss") and r() < 0.2) or (
                r() < 0.04):
            wanted.append(("accommodation", "Housing advice"))
        if employment == "unemployed" and age < 50 and r() < 0.12:
            wanted.append(("ete", "Employment support"))
        bbr = any(q["programme"] == "BBR" for q in requirements)
        if bbr and r() < 0.8:
            wanted.append(("domestic_abuse", "BBR partner link work"))
        elif "domestic_abuse_victim" in reg_types and r() < 0.4:
            wanted.append(("domestic_abuse", "Support for victims of domestic abuse"))
        if (age <= 24 and r() < 0.15) or r() < 0.03:
            wanted.append(("mentoring", "Peer mentoring"))
        out = []
        days = max((ref - start).days, 0)
        for kind, service in wanted:
            partner_id = partners.get(kind)
            if partner_id is None:
                continue
            status = REFERRAL_STATUS.pick(r)
            if force_women and kind == "women":
                status = "started"
            referred_on = start + D(days=int(r() * (days + 1))) if start <= ref else (
                ref - D(days=int(r() * 60)))
            out.append({"partner_id": partner_id, "service": service, "status": status,
                        "referred_on": referred_on,
                        "referred_by_id": officer.staff_id if officer else None})
        return out
