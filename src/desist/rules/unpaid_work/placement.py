"""Unpaid work: Placing a person on a session: suitability, restrictions, intensive working (§12)."""

from __future__ import annotations

from dataclasses import dataclass

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Reason, gettext_noop

from .progress import S12

# --- Placing a person on a session ------------------------------------------------------------

GROUP = "group"
INDIVIDUAL = "individual"
ETE = "ete"
INDUCTION = "induction"
PROJECT_TYPES = (GROUP, INDIVIDUAL, ETE, INDUCTION)


@dataclass(frozen=True, slots=True)
class PlacementFacts:
    """What is known when a person is booked on a session (§12 pre-placement assessment)."""

    project_type: str
    public_facing: bool
    women_only: bool
    capacity: int
    booked: int  # people already booked on the session
    assessed: bool  # a completed pre-placement assessment is on the record
    sex_offender: bool = False
    suitable_group: bool = True
    suitable_individual: bool = True
    is_woman: bool = False
    keep_apart_clash: tuple[str, ...] = ()  # names on the session the person must be kept from
    needs_transport: bool = False
    seats: int | None = None  # seats on the session's transport (None: no transport)
    seats_taken: int = 0
    ete_headroom_minutes: int | None = None  # for an ETE project
    already_booked: bool = False
    intensive: bool = False  # booked as intensive working (several days a week)
    in_work: bool = False  # employed or self-employed
    intensive_agreed: bool = False  # the pre-placement assessment agreed intensive working
    days_booked_that_week: int = 0  # other days in the session's week already booked


# Desist's pace (the doc says only "several days a week for unemployed people"): at most two
# days of unpaid work in a week (Monday to Sunday), or four when working intensively.
STANDARD_DAYS_PER_WEEK = 2
INTENSIVE_DAYS_PER_WEEK = 4


def check_intensive(facts: PlacementFacts) -> tuple[Reason, ...]:
    """Intensive working (§12): several days a week, only for someone not in work and agreed
    at the pre-placement assessment; otherwise at most two days in a week."""
    problems: list[Reason] = []
    if facts.intensive and facts.in_work:
        problems.append(Reason.of(
            "s12_intensive_in_work", S12, gettext_noop(
                "Intensive working is for people not in work: this person is in work, so book "
                "sessions around their working hours.")))
    if facts.intensive and not facts.intensive_agreed:
        problems.append(Reason.of(
            "s12_intensive_not_agreed", S12, gettext_noop(
                "The pre-placement assessment has not agreed intensive working: record it on the "
                "assessment first.")))
    limit = INTENSIVE_DAYS_PER_WEEK if facts.intensive else STANDARD_DAYS_PER_WEEK
    if facts.days_booked_that_week >= limit:
        if facts.intensive:
            template = gettext_noop("Already booked on %(booked)s days that week: at most "
                                    "%(limit)s when working intensively.")
        elif facts.in_work:
            template = gettext_noop("Already booked on %(booked)s days that week: at most "
                                    "%(limit)s without intensive working.")
        else:
            template = gettext_noop("Already booked on %(booked)s days that week: at most "
                                    "%(limit)s without intensive working. Intensive working (up "
                                    "to %(intensive)s days a week) is possible for someone not "
                                    "in work.")
        problems.append(Reason.of("s12_week_limit", S12, template,
                                  booked=facts.days_booked_that_week, limit=limit,
                                  intensive=INTENSIVE_DAYS_PER_WEEK))
    return tuple(problems)


def check_placement(facts: PlacementFacts) -> tuple[Reason, ...]:
    """Every reason the person cannot be booked on this session (empty when they can)."""
    problems: list[Reason] = []

    def no(code: str, template: str, **params: object) -> None:
        problems.append(Reason.of(code, S12, template, **params))

    if facts.project_type not in PROJECT_TYPES:
        raise RuleInputError("project_type", f"unknown project type {facts.project_type!r}")
    if facts.already_booked:
        no("s12_already_booked", gettext_noop("This person is already booked on this session."))
    if not facts.assessed and facts.project_type != INDUCTION:
        no("s12_assessment_needed", gettext_noop(
            "Complete the pre-placement assessment before the first placement."))
    if facts.sex_offender and facts.public_facing and facts.project_type == GROUP:
        no("s12_sex_offender_public_facing", gettext_noop(
            "A person registered as a sex offender cannot be placed on a public-facing group "
            "project."))
    if facts.assessed and facts.project_type == GROUP and not facts.suitable_group:
        no("s12_unsuitable_group", gettext_noop(
            "The pre-placement assessment found this person unsuitable for group placements."))
    if facts.assessed and facts.project_type == INDIVIDUAL and not facts.suitable_individual:
        no("s12_unsuitable_individual", gettext_noop(
            "The pre-placement assessment found this person unsuitable for individual "
            "placements."))
    if facts.women_only and not facts.is_woman:
        no("s12_women_only", gettext_noop("This is a women-only placement."))
    if facts.keep_apart_clash:
        # The names as recorded: a tuple, written with commas between.
        no("s12_keep_apart", gettext_noop(
            "Must be kept apart from %(names)s, who is booked on this session."),
           names=tuple(facts.keep_apart_clash))
    if facts.booked >= facts.capacity:
        no("s12_session_full", gettext_noop("The session is full: its only place is booked.")
           if facts.capacity == 1 else gettext_noop(
            "The session is full: %(places)s places, all booked."), places=facts.capacity)
    if facts.needs_transport:
        if facts.seats is None:
            no("s12_no_transport", gettext_noop("This session has no transport to book a seat on."))
        elif facts.seats_taken >= facts.seats:
            no("s12_transport_full", gettext_noop("The transport is full: its only seat is taken.")
               if facts.seats == 1 else gettext_noop(
                "The transport is full: all %(seats)s seats are taken."), seats=facts.seats)
    if facts.project_type == ETE and facts.ete_headroom_minutes is not None and (
            facts.ete_headroom_minutes <= 0):
        no("s12_ete_over_cap", gettext_noop(
            "The 20%% limit on education, training and employment is reached: no more ETE can be "
            "credited, so an ETE placement is refused."))
    return tuple(problems) + check_intensive(facts)
