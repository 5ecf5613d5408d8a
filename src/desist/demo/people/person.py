"""Who the person is: identity, circumstances, address, registrations, criminal history and
offences."""

from __future__ import annotations

import datetime as dt

from .. import data
from .tables import (
    _TIMES,
    ACQUISITIVE,
    CHILD_FLAG,
    COMPLEX_OFFENCES,
    DEPENDANTS_F,
    DEPENDANTS_M,
    DRUGS,
    EASTERN,
    EMPLOYMENT,
    ETHNICITY,
    OFFENCE_FEMALE,
    OFFENCE_MALE,
    PREVIOUS,
    SEXUAL,
    D,
)


class _PersonFacts:
    """The person's own facts, drawn for :class:`PersonPlanner`."""

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
