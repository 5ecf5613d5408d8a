"""The case's risk picture for the overview: OGRS3 and the proposed colour band.

Both come from the rules core; this module only gathers the record's facts for it, and says
what is missing when a score cannot be given (F1: risk is shown beside needs, never hidden).
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


def _main_offence(sentence):
    offences = list(sentence.offences.all())
    return next((o for o in offences if o.main), offences[0] if offences else None)


def risk_picture(person, sentences, registrations, today: dt.date) -> RiskPicture:
    current = sentences[0] if sentences else None
    score, score_missing = None, ""
    if current is None:
        score_missing = "No sentence recorded, so there is no conviction to score from."
    elif person.gender not in ("male", "female"):
        score_missing = "OGRS3 is defined for male and female only: use professional judgement."
    else:
        offence = _main_offence(current)
        if offence is None:
            score_missing = "No offence recorded on the current sentence."
        else:
            follow_up = current.release_date or current.start_date
            try:
                score = ogrs3.score(
                    sex=person.gender,
                    date_of_birth=person.date_of_birth,
                    conviction_date=current.sentence_date,
                    follow_up_start=max(follow_up, current.sentence_date),
                    total_sanctions=person.previous_sanctions + 1,
                    offence_category=offence.category,
                    first_sanction_date=person.first_sanction_date or current.sentence_date,
                )
            except RuleInputError as error:
                score_missing = f"OGRS3 cannot be scored: {error.message} ({error.field})."

    proposed, band_missing = None, ""
    if not person.rosh:
        band_missing = "No RoSH level recorded: a band cannot be proposed until RoSH is assessed."
    elif score is None:
        band_missing = "No OGRS3 score: the manager enters a professional judgement of RoR."
    else:
        requirements = frozenset(
            r.type for s in sentences if s.terminated_on is None for r in s.requirements.all()
        ) & banding.REQUIREMENT_CODES
        flags = frozenset(r.type for r in registrations if r.end_date is None)
        proposed = banding.band(
            banding.BandInput(
                rosh=person.rosh,
                ogrs3_two_year=score.two_year_percent,
                requirements=requirements,
                registrations=flags & banding.REGISTRATION_CODES,
                age=person.age_on(today),
                close_to_change=person.close_to_change,
                previous_band=person.band or None,
            )
        )
    return RiskPicture(score, score_missing, proposed, band_missing)
