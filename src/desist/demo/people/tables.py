"""The weighted draws, rates and small helpers every part of a planned person uses."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate

from .. import data
from ..organisation import Officer

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
