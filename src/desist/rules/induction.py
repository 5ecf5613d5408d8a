"""Induction (the New Directions meeting, part 1): the suitability screen and personalised content.

Implements ``operating-model.md`` §5 (failure F5 in §18): before anyone is booked into a group
induction a suitability screen is recorded — literacy / numeracy needs, learning disability,
anxiety or vulnerability, age, language, domestic abuse (victim and perpetrator must never be in
one room), disability / access, employment hours — and anyone unsuitable gets an individual
induction. The inspectors found group induction used for nearly everyone, for people with
literacy problems, and for a frightened 69-year-old who misunderstood it.

Age (the doc names it but gives no figure) is Desist's rule, as configuration: **65 or over, or
under 18, → individual**. Older people were the case the inspectors cited; under-18s belong to
youth justice and must never sit in an adult group.

Domestic abuse: a victim is always seen individually (a mixed group cannot guarantee she is not
in a room with perpetrators); a perpetrator may join a group only if it holds no domestic-abuse
victim — the result carries that restriction and :func:`check_group` checks a roster.

Content is personalised (§5): only sections for the requirements this person actually has, plus
the standard sections every induction covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from types import MappingProxyType

from desist.rules.banding import REQUIREMENT_CODES, REQUIREMENT_LABELS
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S5 = "operating-model.md §5"

MODES = ("group", "individual")
RESTRICTION_NO_DA_VICTIMS = "no_domestic_abuse_victims_in_group"


@dataclass(frozen=True, slots=True)
class InductionConfig:
    """Desist's age rule for group induction (the doc is silent on the figures)."""

    older_age: int = 65
    younger_age: int = 18

    def __post_init__(self) -> None:
        for name in ("older_age", "younger_age"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 130:
                raise RuleInputError(name, "must be an age in whole years")
        if self.younger_age >= self.older_age:
            raise RuleInputError("younger_age", "must be below older_age")


DEFAULT_INDUCTION = InductionConfig()


@dataclass(frozen=True, slots=True, kw_only=True)
class InductionScreen:
    """The recorded §5 suitability screen: every question must be answered (no defaults).

    ``group_venue_meets_access_needs`` only matters when ``disability_or_access_needs`` is true:
    the person can join the group if its venue and format meet those needs.
    """

    literacy_needs: bool
    numeracy_needs: bool
    learning_disability: bool
    anxiety_or_vulnerability: bool
    age: int
    interpreter_needed: bool
    domestic_abuse_perpetrator: bool
    domestic_abuse_victim: bool
    disability_or_access_needs: bool
    work_clashes_with_group_times: bool
    group_venue_meets_access_needs: bool = False


@dataclass(frozen=True, slots=True)
class InductionDecision:
    """Group or individual induction, every reason that fired, and booking restrictions."""

    mode: str
    reasons: tuple[Reason, ...]
    restrictions: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "mode": self.mode,
            "reasons": [reason.as_dict() for reason in self.reasons],
            "restrictions": list(self.restrictions),
        }


# Each yes-answer that makes a group unsuitable: field -> (reason code, practitioner text).
_UNSUITABLE: dict[str, tuple[str, str]] = {
    "literacy_needs": (
        "s5_literacy_needs",
        gettext_noop("Has literacy needs: group induction relies on written material and reading "
                     "at pace."),
    ),
    "numeracy_needs": (
        "s5_numeracy_needs",
        gettext_noop("Has numeracy needs: dates, hours and timescales need explaining one to one."),
    ),
    "learning_disability": (
        "s5_learning_disability",
        gettext_noop("Has a learning disability: the induction must be paced and checked for "
                     "understanding one to one."),
    ),
    "anxiety_or_vulnerability": (
        "s5_anxiety_or_vulnerability",
        gettext_noop("Anxious or vulnerable: a group setting risks them not taking in, or "
                     "misunderstanding, what is expected."),
    ),
    "interpreter_needed": (
        "s5_language",
        gettext_noop("Needs an interpreter: a group induction cannot be interpreted properly for "
                     "one person."),
    ),
    "domestic_abuse_victim": (
        "s5_domestic_abuse_victim",
        gettext_noop("Is a victim of domestic abuse: a group could place them in a room with "
                     "perpetrators, so they are always inducted individually."),
    ),
    "work_clashes_with_group_times": (
        "s5_working_hours",
        gettext_noop("Works during the group induction times: offer an individual induction at a "
                     "time that does not put their job at risk."),
    ),
}

_BOOL_FIELDS = tuple(f.name for f in fields(InductionScreen) if f.name != "age")


def booking_problems(mode: str, screened_mode: str | None, starts: datetime,
                     now: datetime) -> tuple[Reason, ...]:
    """Why this induction cannot be booked (empty when it can), before the venue is checked.

    The screen comes first (F5); an induction is a meeting still to come, so a time already
    passed is refused (a booking in the past would look like an induction that never happened).
    Venue suitability is §1's rule (:mod:`desist.rules.venues`), checked by the booking itself.
    """
    if mode not in MODES:
        raise RuleInputError("mode", f"must be one of {', '.join(MODES)}")
    problems: list[Reason] = []
    if screened_mode is None:
        problems.append(Reason.of("s5_no_screen", S5, gettext_noop(
            "Record the suitability screen before booking an induction.")))
    elif mode == "group" and screened_mode != "group":
        problems.append(Reason.of("s5_group_refused", S5, gettext_noop(
            "The suitability screen says this person needs an individual induction.")))
    if starts <= now:
        problems.append(Reason.of("s5_booking_in_past", S5, gettext_noop(
            "An induction cannot be booked in the past: choose a date and time still to come.")))
    return tuple(problems)


def screen_for_group_induction(
    screen: InductionScreen, config: InductionConfig = DEFAULT_INDUCTION
) -> InductionDecision:
    """Decide group or individual induction from the recorded screen (§5)."""
    if not isinstance(screen, InductionScreen):
        raise RuleInputError("screen", "must be an InductionScreen")
    for name in _BOOL_FIELDS:
        if not isinstance(getattr(screen, name), bool):
            raise RuleInputError(name, "must be answered yes or no (true / false)")
    age = screen.age
    if isinstance(age, bool) or not isinstance(age, int) or not 10 <= age <= 120:
        raise RuleInputError("age", "must be a whole number of years between 10 and 120")

    unsuitable: list[Reason] = [
        Reason.of(code, S5, text)
        for name, (code, text) in _UNSUITABLE.items()
        if getattr(screen, name)
    ]
    if age >= config.older_age:
        unsuitable.append(
            Reason.of(
                "s5_age_older",
                S5,
                gettext_noop("Aged %(age)s (%(older)s or over): induct individually so the "
                             "expectations are explained and understood (the inspectors found a "
                             "frightened 69-year-old who misunderstood a group induction)."),
                age=age, older=config.older_age,
            )
        )
    elif age < config.younger_age:
        unsuitable.append(
            Reason.of(
                "s5_age_younger",
                S5,
                gettext_noop("Aged %(age)s (under %(younger)s): a young person is never placed in "
                             "an adult group."),
                age=age, younger=config.younger_age,
            )
        )
    # Notes explain the outcome without changing it.
    notes: list[Reason] = []
    if screen.disability_or_access_needs:
        if screen.group_venue_meets_access_needs:
            notes.append(
                Reason.of(
                    "s5_access_needs_met",
                    S5,
                    gettext_noop("Has disability or access needs that the group's venue and format"
                                 " meet."),
                )
            )
        else:
            unsuitable.append(
                Reason.of(
                    "s5_access_needs",
                    S5,
                    gettext_noop("Has disability or access needs the group induction's venue or "
                                 "format does not meet: induct individually somewhere that does."),
                )
            )
    restrictions: tuple[str, ...] = ()
    if screen.domestic_abuse_perpetrator:
        restrictions = (RESTRICTION_NO_DA_VICTIMS,)
        notes.append(
            Reason.of(
                "s5_domestic_abuse_perpetrator",
                S5,
                gettext_noop("Is a domestic abuse perpetrator: never book into a group with a "
                             "domestic abuse victim."),
            )
        )

    if unsuitable:
        return InductionDecision("individual", (*unsuitable, *notes), restrictions)
    clear = Reason.of(
        "s5_screen_clear",
        S5,
        gettext_noop("Suitability screen recorded with no reason to exclude from the group: book "
                     "group induction (part 1), then the initial 1-1 with the responsible officer "
                     "(part 2)."),
    )
    return InductionDecision("group", (clear, *notes), restrictions)


# ---------------------------------------------------------------------------------------------
# Group roster check
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupMember:
    """A person booked (or to be booked) into one group induction session."""

    person_id: str
    domestic_abuse_perpetrator: bool = False
    domestic_abuse_victim: bool = False


@dataclass(frozen=True, slots=True)
class GroupCheck:
    """Whether a group roster is safe; ``conflicts`` are (perpetrator, victim) id pairs."""

    ok: bool
    conflicts: tuple[tuple[str, str], ...]
    reasons: tuple[Reason, ...]


def check_group(members: Sequence[GroupMember]) -> GroupCheck:
    """Check a roster: a domestic abuse perpetrator and victim are never in one group (§5)."""
    if isinstance(members, (str, bytes)) or not isinstance(members, Iterable):
        raise RuleInputError("members", "must be a list of group members")
    members = tuple(members)
    for member in members:
        if not isinstance(member, GroupMember):
            raise RuleInputError("members", f"{member!r} is not a GroupMember")
    perpetrators = [m.person_id for m in members if m.domestic_abuse_perpetrator]
    victims = [m.person_id for m in members if m.domestic_abuse_victim]
    conflicts = tuple((p, v) for p in perpetrators for v in victims if p != v)
    if not conflicts and not any(
        m.domestic_abuse_perpetrator and m.domestic_abuse_victim for m in members
    ):
        return GroupCheck(
            True,
            (),
            (
                Reason.of(
                    "s5_group_roster_clear",
                    S5,
                    gettext_noop("No domestic abuse victim shares this group with a perpetrator."),
                ),
            ),
        )
    reasons = [
        Reason.of(
            "s5_group_roster_da_conflict",
            S5,
            gettext_noop("%(perpetrator)s (domestic abuse perpetrator) and %(victim)s (domestic "
                         "abuse victim) must not be in the same group: move one of them."),
            perpetrator=perpetrator, victim=victim,
        )
        for perpetrator, victim in conflicts
    ]
    reasons.extend(
        Reason.of(
            "s5_group_roster_da_both",
            S5,
            gettext_noop("%(person)s is recorded as both a domestic abuse victim and perpetrator: "
                         "induct individually."),
            person=m.person_id,
        )
        for m in members
        if m.domestic_abuse_perpetrator and m.domestic_abuse_victim
    )
    return GroupCheck(False, conflicts, tuple(reasons))


# ---------------------------------------------------------------------------------------------
# Personalised content
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InductionSection:
    code: str
    title: str
    summary: str


def _section(code: str, title: str, summary: str) -> InductionSection:
    return InductionSection(code, title, summary)


STANDARD_OPENING = (
    _section(
        "expectations",
        "What is expected of you",
        "Keep every appointment, arrive on time, tell your responsible officer about changes "
        "of address, phone number or work straight away, and ask if anything is unclear.",
    ),
)
STANDARD_CLOSING = (
    _section(
        "consequences_of_non_compliance",
        "What happens if you miss an appointment or break the rules",
        "Tell us before, or as soon as you can, with evidence. An absence without an acceptable "
        "reason leads to a warning; another can take you back to court or, on licence, back to "
        "prison. Agreed arrangements (for example childcare) are not held against you.",
    ),
    _section(
        "protected_characteristics",
        "About you: equality and support",
        "We ask about things such as disability, ethnicity, religion and language so we can "
        "support you properly and check the service treats everyone fairly. You do not have to "
        "answer.",
    ),
    _section(
        "services_available",
        "Help you can get",
        "Support with housing, work and training, money and debt, health, drugs and alcohol, "
        "family and relationships, from us and our partner organisations.",
    ),
)

# Requirement code -> section. Kept in step with banding.REQUIREMENT_LABELS (a test checks).
REQUIREMENT_SECTIONS: MappingProxyType[str, InductionSection] = MappingProxyType(
    {
        "rar": _section(
            "rar",
            "Rehabilitation activity requirement (RAR)",
            "The court set a maximum number of RAR days. We agree with you the activities that "
            "count, such as 1-1 sessions, group work and partner services; appointments only "
            "to check in do not count as RAR days.",
        ),
        "upw": _section(
            "upw",
            "Unpaid work",
            "You must complete all your hours within 12 months of sentence. Up to a fifth of "
            "them can be spent on education, training or employment. Sessions can be arranged "
            "around your work.",
        ),
        "programme": _section(
            "programme",
            "Accredited programme",
            "You will attend every session of the programme the court named. We tell you when "
            "and where it runs and what happens if you miss a session.",
        ),
        "drr": _section(
            "drr",
            "Drug rehabilitation requirement (DRR)",
            "Treatment with the drug service, including regular testing, and court reviews if "
            "the court ordered them.",
        ),
        "atr": _section(
            "atr",
            "Alcohol treatment requirement (ATR)",
            "Treatment with the alcohol service for the period the court set.",
        ),
        "mhtr": _section(
            "mhtr",
            "Mental health treatment requirement (MHTR)",
            "Treatment with the mental health practitioner named in your order.",
        ),
        "exclusion": _section(
            "exclusion",
            "Exclusion requirement",
            "The places you must not enter, the times that applies, and how it is monitored.",
        ),
        "curfew": _section(
            "curfew",
            "Curfew requirement",
            "The hours you must be at the address in your order, and how the tag works.",
        ),
        "prohibited_activity": _section(
            "prohibited_activity",
            "Prohibited activity requirement",
            "The activities the court has told you not to take part in, and for how long.",
        ),
        "residence": _section(
            "residence",
            "Residence requirement",
            "Where you must live, and that you must ask before moving.",
        ),
        "foreign_travel": _section(
            "foreign_travel",
            "Foreign travel prohibition",
            "The countries or dates the court has said you must not travel to or on.",
        ),
        "attendance_centre": _section(
            "attendance_centre",
            "Attendance centre requirement",
            "The hours you must attend the attendance centre, and where it is.",
        ),
        "alcohol_abstinence": _section(
            "alcohol_abstinence",
            "Alcohol abstinence and monitoring",
            "You must not drink alcohol for the period set; a tag checks this.",
        ),
        "electronic_monitoring": _section(
            "electronic_monitoring",
            "Electronic monitoring",
            "How the tag is fitted and works, and what to do if it fails.",
        ),
    }
)

SENTENCE_SECTIONS: MappingProxyType[str, InductionSection] = MappingProxyType(
    {
        "licence": _section(
            "licence_conditions",
            "Your licence",
            "Your licence conditions, how long they last, and that breaking them can mean "
            "recall to prison.",
        ),
        "pss": _section(
            "post_sentence_supervision",
            "Post-sentence supervision",
            "What supervision after your licence involves, and that breaking it can mean a "
            "return to the magistrates' court.",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class InductionContent:
    sections: tuple[InductionSection, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "sections": [
                {"code": s.code, "title": s.title, "summary": s.summary} for s in self.sections
            ],
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def induction_content(
    requirement_codes: Iterable[str], sentence_type: str | None = None
) -> InductionContent:
    """The induction's sections for this person: standard ones plus only their requirements."""
    if isinstance(requirement_codes, (str, bytes)) or not isinstance(requirement_codes, Iterable):
        raise RuleInputError("requirement_codes", "must be a list of requirement codes")
    codes = set()
    for code in requirement_codes:
        if not isinstance(code, str) or code not in REQUIREMENT_CODES:
            raise RuleInputError(
                "requirement_codes",
                f"unknown requirement code {code!r}; use {', '.join(sorted(REQUIREMENT_CODES))}",
            )
        codes.add(code)
    if sentence_type is not None and sentence_type not in (
        "community_order", "sso", "licence", "pss", "custody",
    ):
        raise RuleInputError("sentence_type", f"unknown sentence type {sentence_type!r}")

    own = [REQUIREMENT_SECTIONS[code] for code in REQUIREMENT_SECTIONS if code in codes]
    sentence = SENTENCE_SECTIONS.get(sentence_type or "")
    sections = (
        *STANDARD_OPENING,
        *((sentence,) if sentence else ()),
        *own,
        *STANDARD_CLOSING,
    )
    personalised = Reason.of(
        "s5_content_personalised", S5,
        gettext_noop("Personalised to this order: covers %(included)s and leaves out requirements "
                     "this person does not have."),
        included=tuple(Phrase.of(REQUIREMENT_LABELS[s.code]) for s in own),
    ) if own else Reason.of("s5_content_personalised", S5, gettext_noop(
        "No requirements recorded: only the standard sections are covered."))
    reasons = [
        personalised,
        Reason.of(
            "s5_content_standard",
            S5,
            gettext_noop("Every induction covers expectations, the consequences of non-compliance,"
                         " protected characteristics and the services available."),
        ),
    ]
    return InductionContent(sections, tuple(reasons))
