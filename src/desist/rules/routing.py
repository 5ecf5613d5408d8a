"""Routing a new case from the hub: to the LMC for its local authority, or held in the hub.

Implements ``operating-model.md`` §3.2 (and the hub's role in §1):

- every case arrives at the hub and is routed by address to the Local Management Centre (LMC)
  for the person's local authority;
- except standalone unpaid-work and / or exclusion requirements (no other requirement), which are
  held in the hub for the whole sentence;
- and custodial sentences of 18 months or more, held in the hub and passed to the LMC for the
  release address 12 weeks before release, or earlier on a ROTL (release on temporary licence)
  or HDC (home detention curfew) request;
- a case the hub cannot route (no address or local authority, or a local authority no LMC
  serves) stays in the hub with the reason, so it sits in a queue rather than getting lost.

The local authority → LMC mapping is the provider's data and is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desist.rules.banding import REQUIREMENT_CODES
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S3 = "operating-model.md §3"

SENTENCE_TYPES = ("community_order", "sso", "licence", "pss", "custody")
DESTINATIONS = ("lmc", "hub")

# Requirements that, with nothing else, keep a community sentence in the hub (§3.2).
HUB_ONLY_REQUIREMENTS = frozenset({"upw", "exclusion"})
# Sentence types the standalone rule applies to: UPW and exclusion are community requirements.
COMMUNITY_SENTENCES = frozenset({"community_order", "sso"})
# Sentence types where the case can still be before release, so the long-custody rule applies.
PRE_RELEASE_SENTENCES = frozenset({"custody", "licence"})


@dataclass(frozen=True, slots=True)
class RoutingConfig:
    """The §3.2 thresholds; pass an edited copy to change them."""

    long_custody_months: float = 18
    pass_to_lmc_weeks_before_release: int = 12

    def __post_init__(self) -> None:
        if isinstance(self.long_custody_months, bool) or not isinstance(
            self.long_custody_months, (int, float)
        ) or self.long_custody_months <= 0:
            raise RuleInputError("long_custody_months", "must be a positive number of months")
        weeks = self.pass_to_lmc_weeks_before_release
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 0:
            raise RuleInputError("pass_to_lmc_weeks_before_release", "must be 0 or more weeks")


DEFAULT_ROUTING = RoutingConfig()


def _weeks(count: int) -> Phrase:
    return Phrase.count(count, gettext_noop("%(n)s week"), gettext_noop("%(n)s weeks"))


@dataclass(frozen=True, slots=True)
class RoutingInput:
    """What the hub knows about a new case.

    ``local_authority``: the local authority of the person's address (for custody, the release
    address), or None when there is no address. ``requirements``: requirement codes (see
    ``desist.rules.banding.REQUIREMENT_CODES``). ``custodial_months``: length of the custodial
    sentence in months (custody and licence cases). ``as_of``: the date routing is decided.
    """

    local_authority: str | None
    sentence_type: str
    as_of: date
    requirements: tuple[str, ...] = ()
    custodial_months: float | None = None
    release_date: date | None = None
    rotl_hdc_request_date: date | None = None


@dataclass(frozen=True, slots=True)
class RoutingResult:
    """Where the case goes.

    ``destination`` is where it belongs on ``as_of``. ``lmc`` is the LMC it goes to, or will
    pass to; None when it never leaves the hub or cannot be routed. ``pass_to_lmc_on`` is the
    date a hub-held long-custody case passes to the LMC.
    """

    destination: str
    lmc: str | None
    pass_to_lmc_on: date | None
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "destination": self.destination,
            "lmc": self.lmc,
            "pass_to_lmc_on": self.pass_to_lmc_on.isoformat() if self.pass_to_lmc_on else None,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def _optional_date(field_name: str, value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise RuleInputError(field_name, "must be a date (YYYY-MM-DD)")
    return value


def _requirements(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RuleInputError("requirements", "must be a list of requirement codes")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise RuleInputError("requirements", f"codes must be text, not {item!r}")
    codes = frozenset(items)
    unknown = sorted(str(code) for code in codes if code not in REQUIREMENT_CODES)
    if unknown:
        raise RuleInputError(
            "requirements",
            f"unknown requirement code(s) {', '.join(unknown)}; "
            f"use {', '.join(sorted(REQUIREMENT_CODES))}",
        )
    return codes


def _validate(case: RoutingInput, lmc_by_local_authority: object) -> tuple[frozenset[str], str]:
    if case.sentence_type not in SENTENCE_TYPES:
        raise RuleInputError(
            "sentence_type",
            f"must be one of {', '.join(SENTENCE_TYPES)}, not {case.sentence_type!r}",
        )
    if _optional_date("as_of", case.as_of) is None:
        raise RuleInputError("as_of", "is required: the date the case is routed")
    _optional_date("release_date", case.release_date)
    _optional_date("rotl_hdc_request_date", case.rotl_hdc_request_date)
    months = case.custodial_months
    if months is not None and (
        isinstance(months, bool) or not isinstance(months, (int, float)) or not months >= 0
    ):
        raise RuleInputError("custodial_months", "must be a number of months, 0 or more")
    if not isinstance(lmc_by_local_authority, Mapping):
        raise RuleInputError("lmc_by_local_authority", "must map local authority to LMC code")
    authority = case.local_authority
    if authority is not None and not isinstance(authority, str):
        raise RuleInputError("local_authority", "must be text or null")
    return _requirements(case.requirements), (authority or "").strip()


def route(
    case: RoutingInput,
    lmc_by_local_authority: Mapping[str, str],
    config: RoutingConfig = DEFAULT_ROUTING,
) -> RoutingResult:
    """Route ``case`` (§3.2). Raises :class:`RuleInputError` for impossible input."""
    requirements, authority = _validate(case, lmc_by_local_authority)
    reasons: list[Reason] = []

    # Standalone UPW / exclusion: hub for the whole sentence, whatever the address.
    if case.sentence_type in COMMUNITY_SENTENCES and requirements and (
        requirements <= HUB_ONLY_REQUIREMENTS
    ):
        if requirements == HUB_ONLY_REQUIREMENTS:
            named = gettext_noop("unpaid work and an exclusion requirement")
        elif "upw" in requirements:
            named = gettext_noop("unpaid work")
        else:
            named = gettext_noop("an exclusion requirement")
        reasons.append(
            Reason.of(
                "s3_standalone_hub",
                S3,
                gettext_noop("The order has only %(requirements)s, with no other requirement: "
                             "the hub holds the case for the whole sentence."),
                requirements=Phrase.of(named),
            )
        )
        return RoutingResult("hub", None, None, tuple(reasons))

    lmc = _lmc_for(authority, lmc_by_local_authority, reasons)

    months = case.custodial_months
    if case.sentence_type == "custody" and months is None:
        reasons.append(
            Reason.of(
                "s3_custodial_length_unknown",
                S3,
                gettext_noop("The custodial sentence length is not recorded, so the hub cannot "
                             "tell whether it is 18 months or more: the case stays in the hub "
                             "until it is recorded."),
            )
        )
        return RoutingResult("hub", lmc, None, tuple(reasons))

    if (
        case.sentence_type in PRE_RELEASE_SENTENCES
        and months is not None
        and months >= config.long_custody_months
    ):
        return _long_custody(case, lmc, reasons, config)

    if lmc is None:
        return RoutingResult("hub", None, None, tuple(reasons))
    reasons.append(
        Reason.of(
            "s3_route_to_lmc",
            S3,
            gettext_noop("Routed by address: %(authority)s is served by LMC %(lmc)s."),
            authority=authority, lmc=lmc,
        )
    )
    return RoutingResult("lmc", lmc, None, tuple(reasons))


def _lmc_for(
    authority: str, mapping: Mapping[str, str], reasons: list[Reason]
) -> str | None:
    if not authority:
        reasons.append(
            Reason.of(
                "s3_no_address",
                S3,
                gettext_noop("No address: cannot route. There is no address or local authority, "
                             "so the hub keeps the case until an address is recorded."),
            )
        )
        return None
    lmc = mapping.get(authority)
    if not lmc:
        reasons.append(
            Reason.of(
                "s3_no_lmc_for_local_authority",
                S3,
                # The code quoted as it was given (a code: no quote marks in it).
                gettext_noop("No LMC serves the local authority '%(authority)s': cannot route. "
                             "The hub keeps the case; check the address or the provider's list "
                             "of LMCs."),
                authority=authority,
            )
        )
        return None
    return lmc


def _long_custody(
    case: RoutingInput, lmc: str | None, reasons: list[Reason], config: RoutingConfig
) -> RoutingResult:
    weeks = config.pass_to_lmc_weeks_before_release
    reasons.append(
        Reason.of(
            "s3_long_custody_hub",
            S3,
            gettext_noop("Custodial sentence of %(months)g months (18 months or more): the hub "
                         "holds the case and passes it to the LMC for the release address "
                         "%(weeks)s before release, or earlier on a ROTL or HDC request."),
            months=case.custodial_months, weeks=_weeks(weeks),
        )
    )
    release = case.release_date
    candidates: list[tuple[date, str]] = []
    if release is not None:
        candidates.append((release - timedelta(weeks=weeks), "release"))
    if case.rotl_hdc_request_date is not None:
        candidates.append((case.rotl_hdc_request_date, "rotl_hdc"))
    if not candidates:
        reasons.append(
            Reason.of(
                "s3_release_date_unknown",
                S3,
                gettext_noop("No release date or ROTL / HDC request is recorded, so the date the "
                             "case passes to the LMC cannot be set yet."),
            )
        )
        return RoutingResult("hub", lmc, None, tuple(reasons))

    pass_on, trigger = min(candidates)
    if trigger == "rotl_hdc":
        reasons.append(
            Reason.of(
                "s3_pass_on_rotl_hdc",
                S3,
                gettext_noop("A ROTL / HDC request on %(on)s comes before the %(weeks)s-week "
                             "point, so the case passes to the LMC then."),
                on=pass_on, weeks=weeks,
            )
        )
    elif release is not None:
        reasons.append(
            Reason.of(
                "s3_pass_before_release",
                S3,
                gettext_noop("Release is on %(release)s: the case passes to the LMC %(weeks)s "
                             "before, on %(on)s."),
                release=release, weeks=_weeks(weeks), on=pass_on,
            )
        )
    if lmc is None or case.as_of < pass_on:
        return RoutingResult("hub", lmc, pass_on, tuple(reasons))
    reasons.append(
        Reason.of(
            "s3_pass_date_reached",
            S3,
            gettext_noop("The date to pass the case on has been reached: it goes to LMC "
                         "%(lmc)s."),
            lmc=lmc,
        )
    )
    return RoutingResult("lmc", lmc, pass_on, tuple(reasons))


# ---------------------------------------------------------------------------------------------
# Held custody cases the hub must act on, and ROTL / HDC requests (§3.2, issue 12)


def held_custody_alerts(
    *, pass_to_lmc_on: date | None, release_date: date | None, today: date
) -> tuple[Reason, ...]:
    """Why a custody case still held in the hub needs the hub now.

    A held case normally passes to its LMC on its date (12 weeks before release) in the nightly
    run; one still held after that date has no LMC to go to (usually no release address), and
    one still held after release is a person in the community nobody supervises.
    """
    if release_date is not None and release_date < today:
        return (
            Reason.of(
                "s3_released_still_held",
                S3,
                gettext_noop("Released but still held: was due for release on %(release)s. "
                             "Record the release address so the case passes to its LMC today."),
                release=release_date,
            ),
        )
    if pass_to_lmc_on is not None and pass_to_lmc_on < today:
        return (
            Reason.of(
                "s3_past_hand_over",
                S3,
                gettext_noop("Past hand-over date: should have passed to its LMC on %(on)s. "
                             "Record the release address or route the case."),
                on=pass_to_lmc_on,
            ),
        )
    return ()


def rotl_hdc_request_problem(requested_on: date, today: date) -> Reason | None:
    """A ROTL / HDC request passes a held case on early (§3.2): it must have been made, so a
    date after today is refused (the case would be passed on for a request nobody has made)."""
    _optional_date("requested_on", requested_on)
    _optional_date("today", today)
    if requested_on > today:
        return Reason.of(
            "s3_rotl_hdc_in_future",
            S3,
            gettext_noop("The date of the ROTL or HDC request cannot be in the future: record "
                         "the request once it has been made."),
        )
    return None
