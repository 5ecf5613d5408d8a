"""The case's risk picture: OGRS3 and the proposed colour band.

Both come from the rules core; this module only gathers the record's facts for it, and says
what is missing when a score cannot be given (F1: risk is shown beside needs, never hidden).
``risk_from_facts`` is the one place the facts meet the rules: the overview builds its facts
from model objects, the nightly recompute from plain rows, so the two cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desist.rules import banding, ogrs3
from desist.rules.errors import RuleInputError


@dataclass(frozen=True)
class RiskPicture:
    ogrs3: ogrs3.Ogrs3Result | None
    ogrs3_missing: str
    band: banding.BandResult | None
    band_missing: str


@dataclass(frozen=True, slots=True)
class RiskFacts:
    gender: str
    date_of_birth: dt.date
    previous_sanctions: int
    first_sanction_date: dt.date | None
    rosh: str
    ror_judgement: str
    close_to_change: bool | None
    band: str
    has_sentence: bool
    sentence_date: dt.date | None = None
    follow_up: dt.date | None = None
    offence_category: str | None = None
    requirements: frozenset[str] = frozenset()
    registrations: frozenset[str] = frozenset()


def _main_offence(sentence):
    offences = list(sentence.offences.all())
    return next((o for o in offences if o.main), offences[0] if offences else None)


def _age(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def risk_from_facts(f: RiskFacts, today: dt.date) -> RiskPicture:
    score, score_missing = None, ""
    if not f.has_sentence:
        score_missing = "No sentence recorded, so there is no conviction to score from."
    elif f.gender not in ("male", "female"):
        score_missing = "OGRS3 is defined for male and female only: use professional judgement."
    elif f.offence_category is None:
        score_missing = "No offence recorded on the current sentence."
    else:
        try:
            score = ogrs3.score(
                sex=f.gender, date_of_birth=f.date_of_birth, conviction_date=f.sentence_date,
                follow_up_start=max(f.follow_up, f.sentence_date),
                total_sanctions=f.previous_sanctions + 1, offence_category=f.offence_category,
                first_sanction_date=f.first_sanction_date or f.sentence_date,
            )
        except RuleInputError as error:
            score_missing = f"OGRS3 cannot be scored: {error.message} ({error.field})."

    proposed, band_missing = None, ""
    if not f.rosh:
        band_missing = "No RoSH level recorded: a band cannot be proposed until RoSH is assessed."
    elif score is None and f.ror_judgement not in ("high", "low"):
        band_missing = "No OGRS3 score: the manager enters a professional judgement of RoR."
    else:
        proposed = banding.band(
            banding.BandInput(
                rosh=f.rosh,
                ogrs3_two_year=score.two_year_percent if score else None,
                ror_judgement=None if score else f.ror_judgement,
                requirements=f.requirements & banding.REQUIREMENT_CODES,
                registrations=f.registrations & banding.REGISTRATION_CODES,
                age=_age(f.date_of_birth, today),
                close_to_change=f.close_to_change,
                previous_band=f.band or None,
            )
        )
    return RiskPicture(score, score_missing, proposed, band_missing)


def risk_facts(person, sentences, registrations) -> RiskFacts:
    current = sentences[0] if sentences else None
    offence = _main_offence(current) if current else None
    return RiskFacts(
        gender=person.gender, date_of_birth=person.date_of_birth,
        previous_sanctions=person.previous_sanctions,
        first_sanction_date=person.first_sanction_date, rosh=person.rosh,
        ror_judgement=person.ror_judgement, close_to_change=person.close_to_change,
        band=person.band, has_sentence=current is not None,
        sentence_date=current.sentence_date if current else None,
        follow_up=(current.release_date or current.start_date) if current else None,
        offence_category=offence.category if offence else None,
        requirements=frozenset(
            r.type for s in sentences if s.terminated_on is None for r in s.requirements.all()
        ),
        registrations=frozenset(r.type for r in registrations if r.end_date is None),
    )


def risk_picture(person, sentences, registrations, today: dt.date) -> RiskPicture:
    return risk_from_facts(risk_facts(person, sentences, registrations), today)
