"""The sentence: its dates, requirements and any previous sentence."""

from __future__ import annotations

from .. import data
from .tables import (
    CO_MONTHS,
    CUSTODIAL_MONTHS,
    DRUGS,
    MONTH,
    OFFENCE_FEMALE,
    OFFENCE_MALE,
    RAR,
    SHORT_CUSTODY,
    SSO_MONTHS,
    UPW,
    D,
)


class _SentenceFacts:
    """The sentence's facts, drawn for :class:`PersonPlanner`."""

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
