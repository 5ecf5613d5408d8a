"""From what Desist records about a case to the tier's inputs, and what a tier asks for.

``tiering.md`` names the tier's inputs in the national record's terms (OASys needs sections,
registrations such as "risk to children"); Desist records a case in its own terms (the
self-assessment instrument of ``operating-model.md`` §6, its registrations of §2, its
sentences and requirements). This module is the translation, as pure functions, so the page,
the services and the nightly recompute all read a case the same way; ``docs/tiering.md`` and
ADR 0013 say why each mapping is what it is.

It also holds the policy side (ADR 0013): the order in which tiers are worked (the hub queue),
and the contact level a tier asks for, expressed as the band whose contact allowance and
minimum offer it shares, so ``rules.contact`` and ``rules.offer`` serve both policies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .banding.tables import BAND_COLOURS
from .reasons import Phrase, Reason, gettext_noop
from .tiering import TierInput, TierResult, tier

SECTION = "tiering.md"
POLICY_SECTION = "tiering.md Contact levels (ADR 0013)"

# --- The two prioritisation policies ---------------------------------------------------------

BAND_POLICY = "band"
TIER_POLICY = "tier"
POLICIES = (BAND_POLICY, TIER_POLICY)

# --- Registrations → complexity factors (tiering.md "complexity factors") ----------------------
# Desist's own registration codes (people.choices.RegistrationType). IOM is not a factor.
REGISTRATION_FACTORS: Mapping[str, str] = {
    "complex_mental_health": "mental_health",
    "self_harm": "self_harm",
    "vulnerability": "vulnerability",
    "child_concern": "child_concerns",
    "child_in_need": "child_concerns",
    "child_protection_plan": "child_protection",
    "risk_to_children": "risk_to_children",
    "public_interest": "public_interest",
    "adult_at_risk": "adult_at_risk",
    "gangs": "gangs",
    "terrorism": "terrorism",
}

# --- Self-assessment areas → needs sections (tiering.md "Change level") ------------------------
# Desist's default instrument (rules.selfassessment.DEFAULT_INSTRUMENT). An area of another
# instrument with none of these codes is not counted.
AREA_SECTIONS: Mapping[str, str] = {
    "home": "accommodation",
    "time": "ete",
    "family": "relationships",
    "community": "lifestyle",
    "substances": "drugs",
    "feelings": "thinking_and_behaviour",
    "offending": "attitudes",
    "daily_life": "finance",
    "wellbeing": "emotional_wellbeing",
}
# Handling strong feelings (anger, stress) scored as a severe need is the women's
# "impulsivity or temper control" answer.
TEMPER_AREA = "feelings"

# --- Sentences → mandate for change and unsupervised -----------------------------------------
CUSTODIAL_SENTENCES = frozenset({"custody", "licence", "pss"})
RESTRICTIVE_REQUIREMENTS = frozenset({"curfew", "exclusion", "prohibited_activity", "residence",
                                      "alcohol_abstinence"})
NOT_A_MANDATE = RESTRICTIVE_REQUIREMENTS | {"upw"}


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """A sentence not terminated: its type and its requirements' codes."""

    type: str
    requirements: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What Desist records that the tier reads. ``reading`` is the latest approved
    self-assessment (area code → score) or None; ``scale`` is that instrument's (min, max)."""

    rosh: str | None = None
    rsr: float | None = None
    registrations: frozenset[str] = frozenset()
    mappa_levels: tuple[int, ...] = ()
    female: bool = False
    childcare_responsibilities: bool = False
    breach_or_recall: bool = False
    reading: Mapping[str, int] | None = None
    scale: tuple[int, int] = (1, 10)
    ogrs3: int | None = None
    sentences: tuple[SentenceFacts, ...] = ()


def severity(score: int, low: int, high: int) -> str:
    """A self-assessment score as a need's severity: the lowest three-eighths of the scale is a
    severe need, up to seven-tenths a standard one, above that no need (1–4 severe, 5–7
    standard, 8–10 none on the default 1–10 scale, matching §6's "7 or below needs an
    objective")."""
    if high <= low:
        return "none"
    position = (score - low) / (high - low)
    if position < 0.375:
        return "severe"
    if position < 0.7:
        return "standard"
    return "none"


def needs_of(reading: Mapping[str, int] | None, scale: tuple[int, int]) -> dict[str, str] | None:
    """The needs sections from a reading (None when there is no assessment)."""
    if reading is None:
        return None
    needs: dict[str, str] = {}
    for area, score in reading.items():
        section = AREA_SECTIONS.get(area)
        if section is not None and isinstance(score, int):
            needs[section] = severity(score, *scale)
    return needs


def mappa_level(levels: Iterable[int]) -> int | None:
    """The highest current MAPPA level, or None without a MAPPA registration."""
    found = [level for level in levels if level in (1, 2, 3)]
    return max(found) if found else None


def mandate_for_change(sentences: Iterable[SentenceFacts]) -> bool:
    """A current custodial sentence, or a requirement that is neither restrictive nor unpaid
    work (tiering.md, Change level 1)."""
    for s in sentences:
        if s.type in CUSTODIAL_SENTENCES or s.requirements - NOT_A_MANDATE:
            return True
    return False


def unsupervised(sentences: tuple[SentenceFacts, ...]) -> bool:
    """Nothing to supervise: every current sentence is a suspended sentence with no
    requirements (Desist's reading of the ``S`` suffix, docs/tiering.md)."""
    return bool(sentences) and all(s.type == "sso" and not s.requirements for s in sentences)


def tier_input(facts: CaseFacts) -> TierInput:
    reading = facts.reading
    temper = (reading is not None and isinstance(reading.get(TEMPER_AREA), int)
              and severity(reading[TEMPER_AREA], *facts.scale) == "severe")
    return TierInput(
        rosh=facts.rosh or None,
        rsr=facts.rsr,
        mappa_level=mappa_level(facts.mappa_levels),
        complexity_factors=frozenset(REGISTRATION_FACTORS[r] for r in facts.registrations
                                     if r in REGISTRATION_FACTORS),
        female=facts.female,
        parenting_responsibilities=facts.childcare_responsibilities,
        impulsivity_or_temper=temper,
        breach_or_recall=facts.breach_or_recall,
        needs=needs_of(reading, facts.scale),
        ogrs3=facts.ogrs3,
        iom="iom" in facts.registrations,
        mandate_for_change=mandate_for_change(facts.sentences),
        unsupervised=unsupervised(facts.sentences),
    )


def case_tier(facts: CaseFacts) -> TierResult:
    """The tier of a case from Desist's records, with the rules' reasons."""
    return tier(tier_input(facts))


def inputs_dict(inp: TierInput) -> dict:
    """The inputs as the JSON contract of ``desist rules tier`` spells them: what a history row
    keeps, so any past tier can be recalculated from the row alone."""
    return {
        "rosh": inp.rosh, "rsr": inp.rsr, "mappa_level": inp.mappa_level,
        "complexity_factors": sorted(inp.complexity_factors),
        "gender": "female" if inp.female else "male",
        "women": {"parenting_responsibilities": inp.parenting_responsibilities,
                  "impulsivity_or_temper": inp.impulsivity_or_temper,
                  "breach_or_recall": inp.breach_or_recall},
        "needs": dict(sorted(inp.needs.items())) if inp.needs is not None else None,
        "ogrs3": inp.ogrs3, "iom": inp.iom, "mandate_for_change": inp.mandate_for_change,
        "unsupervised": inp.unsupervised,
    }


# --- Priority and contact (ADR 0013) ---------------------------------------------------------

PROTECT_LEVELS = "ABCD"


def tier_rank(protect: str, change: int) -> int:
    """Order of work: 0 is A3 (most to protect, most to change) … 15 is D0. Protect comes
    first because it is the risk of harm to others (tiering.md); within a letter, more
    change work first."""
    return PROTECT_LEVELS.index(protect) * 4 + (3 - change)


def contact_band(protect: str, change: int, is_unsupervised: bool = False) -> str | None:
    """The band whose contact allowance and minimum offer (§4, §10) a tier shares; None for an
    unsupervised case (no supervision contact to count).

    A, and B with most to change (B3): weekly, as red/blue — blue, the protective reading;
    the rest of B, and C2–C3: fortnightly, as yellow; C0–C1 and D: four-weekly, as green.
    """
    if is_unsupervised:
        return None
    if protect == "A" or (protect == "B" and change == 3):
        return "blue"
    if protect == "B" or (protect == "C" and change >= 2):
        return "yellow"
    return "green"


def contact_band_of(tier: str | None) -> str | None:
    """The contact band of a stored tier ("C2", or "D0S" when unsupervised); None for no tier,
    an unsupervised case, or anything that is not a tier."""
    if not tier:
        return None
    core = tier[:-1] if tier.endswith("S") else tier
    if len(core) != 2 or core[0] not in "ABCD" or core[1] not in "0123":
        return None
    return contact_band(core[0], int(core[1]), tier.endswith("S"))


CONTACT_WORDS = {
    "blue": gettext_noop("at least weekly contact and the 35-hour minimum offer"),
    "yellow": gettext_noop("at least fortnightly contact and the 24-hour minimum offer"),
    "green": gettext_noop("contact at least every four weeks and the 12-hour minimum offer"),
}


def contact_reason(protect: str, change: int, is_unsupervised: bool = False) -> Reason:
    band = contact_band(protect, change, is_unsupervised)
    name = f"{protect}{change}{'S' if is_unsupervised else ''}"
    if band is None:
        return Reason.of("tier_contact_unsupervised", POLICY_SECTION, gettext_noop(
            "Tier %(tier)s is unsupervised: no contact level applies."), tier=name)
    return Reason.of("tier_contact_level", POLICY_SECTION, gettext_noop(
        "Tier %(tier)s asks for %(contact)s (the same as the %(band)s band)."), tier=name,
        contact=Phrase.of(CONTACT_WORDS[band]), band=Phrase.of(BAND_COLOURS[band]))
