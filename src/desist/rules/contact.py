"""Contact gap: days since the last meaningful contact against what the band allows.

Implements ``operating-model.md`` §10 ("contact level follows the band; the system flags a gap
since last meaningful contact longer than the band allows"; failure F12: cases went months
without an appointment). The colour bands are §4's.

The doc does not give the allowances, so these are **Desist's defaults**, as configuration
(:class:`ContactConfig`): red and blue (35-hour minimum offer, most intensive) 7 days, yellow
(24 hours) 14 days, green (12 hours, kiosk reporting as required) 28 days. A provider passes its
own. What counts as *meaningful* (an attended appointment with the RO or a partner, not a
text message or a failed appointment) is decided by the caller, who passes the date.

With no meaningful contact yet the gap runs from the start of supervision (sentence or
release). The gap is overdue when it is longer than the allowance: exactly the allowance is on
time.

This runs nightly over the whole caseload: :func:`check_contact` costs a few microseconds and
:func:`contact_days_over` is the primitive fast path on date ordinals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

from desist.rules.banding.tables import BAND_COLOURS
from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop

S10 = "operating-model.md §10"
BANDS = ("green", "yellow", "red", "blue")

DEFAULT_MAX_DAYS_BETWEEN_CONTACTS: Mapping[str, int] = MappingProxyType(
    {"red": 7, "blue": 7, "yellow": 14, "green": 28}
)


@dataclass(frozen=True, slots=True)
class ContactConfig:
    """Longest allowed gap between meaningful contacts, in calendar days, per band."""

    max_days_between_contacts: Mapping[str, int] = field(
        default_factory=lambda: DEFAULT_MAX_DAYS_BETWEEN_CONTACTS
    )

    def __post_init__(self) -> None:
        allowances = self.max_days_between_contacts
        if not isinstance(allowances, Mapping):
            raise RuleInputError("max_days_between_contacts", "must map band to days")
        missing = [band for band in BANDS if band not in allowances]
        if missing:
            raise RuleInputError(
                "max_days_between_contacts", f"has no allowance for {', '.join(missing)}"
            )
        for band, days in allowances.items():
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise RuleInputError(
                    "max_days_between_contacts", f"{band}: must be a whole number of days, 1+"
                )
        # Freeze a caller's dict so the config cannot change under a running batch.
        object.__setattr__(self, "max_days_between_contacts", MappingProxyType(dict(allowances)))


DEFAULT_CONTACT = ContactConfig()


@dataclass(frozen=True, slots=True)
class ContactInput:
    """A case's band, the date checked, and its last meaningful contact (None if none yet).
    ``tier``: under a provider's tiering policy, the tier whose contact level is ``band`` (ADR
    0013); the reasons then name the tier, not a band the case may not have."""

    band: str
    as_of: date
    last_meaningful_contact: date | None
    supervision_start: date
    tier: str | None = None


@dataclass(frozen=True, slots=True)
class ContactResult:
    overdue: bool
    days_since: int
    allowance_days: int
    days_over: int
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "overdue": self.overdue,
            "days_since": self.days_since,
            "allowance_days": self.allowance_days,
            "days_over": self.days_over,
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def contact_days_over(allowance_days: int, last_ordinal: int, as_of_ordinal: int) -> int:
    """Batch fast path: days beyond the allowance (0 when on time). No validation."""
    over = as_of_ordinal - last_ordinal - allowance_days
    return over if over > 0 else 0


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def check_contact(case: ContactInput, config: ContactConfig = DEFAULT_CONTACT) -> ContactResult:
    """Is the gap since the last meaningful contact longer than the band allows (§10)?"""
    allowance = config.max_days_between_contacts.get(case.band)
    if allowance is None:
        raise RuleInputError("band", f"must be one of {', '.join(BANDS)}, not {case.band!r}")
    as_of = case.as_of
    if not _is_date(as_of):
        raise RuleInputError("as_of", "must be a date (YYYY-MM-DD)")
    if not _is_date(case.supervision_start):
        raise RuleInputError("supervision_start", "must be a date (YYYY-MM-DD)")
    last = case.last_meaningful_contact
    if last is None:
        since = case.supervision_start
        if since > as_of:
            raise RuleInputError("supervision_start", "is after the date checked")
    else:
        if not _is_date(last):
            raise RuleInputError("last_meaningful_contact", "must be a date or null")
        if last > as_of:
            raise RuleInputError("last_meaningful_contact", "is after the date checked")
        since = last

    days_since = (as_of - since).days
    over = days_since - allowance
    if last is not None and over <= 0:
        # The common nightly result: the same few dozen texts, so reuse the Reason objects.
        key = (case.band, case.tier, allowance, days_since)
        reason = _ON_TIME_REASONS.get(key)
        if reason is None:
            reason = _on_time(Phrase.of(gettext_noop("Last meaningful contact %(ago)s"),
                                        ago=_ago(days_since)), _level(case), allowance)
            if len(_ON_TIME_REASONS) < 10_000:
                _ON_TIME_REASONS[key] = reason
        return ContactResult(False, days_since, allowance, 0, (reason,))
    if last is None:
        what = Phrase.of(gettext_noop("No meaningful contact since supervision started on "
                                      "%(on)s (%(ago)s)"), on=since, ago=_ago(days_since))
    else:
        what = Phrase.of(gettext_noop("Last meaningful contact on %(on)s (%(ago)s)"), on=last,
                         ago=_ago(days_since))
    if over > 0:
        reason = Reason.of(
            "s10_contact_overdue",
            S10,
            gettext_noop("%(what)s. %(level)s allows at most %(allowance)s days between "
                         "meaningful contacts, so contact is %(over)s day overdue: offer an "
                         "appointment now.") if over == 1 else
            gettext_noop("%(what)s. %(level)s allows at most %(allowance)s days between "
                         "meaningful contacts, so contact is %(over)s days overdue: offer an "
                         "appointment now."),
            what=what, level=_level(case, capital=True), allowance=allowance, over=over,
        )
        return ContactResult(True, days_since, allowance, over, (reason,))
    return ContactResult(False, days_since, allowance, 0,
                         (_on_time(what, _level(case), allowance),))


_ON_TIME_REASONS: dict[tuple[str, str | None, int, int], Reason] = {}


def _level(case: ContactInput, *, capital: bool = False) -> Phrase:
    """What sets the allowance, in words: "the red band", or "tier A2" under tiering; with a
    capital when it opens a sentence."""
    if case.tier:
        tier = gettext_noop("Tier %(tier)s") if capital else gettext_noop("tier %(tier)s")
        return Phrase.of(tier, tier=case.tier)
    band = gettext_noop("The %(band)s band") if capital else gettext_noop("the %(band)s band")
    return Phrase.of(band, band=Phrase.of(BAND_COLOURS[case.band]))


def _ago(days: int) -> Phrase:
    if days == 0:
        return Phrase.of(gettext_noop("today"))
    ago = gettext_noop("%(days)s day ago") if days == 1 else gettext_noop("%(days)s days ago")
    return Phrase.of(ago, days=days)


def _on_time(what: Phrase, level: Phrase, allowance: int) -> Reason:
    return Reason.of(
        "s10_contact_within_allowance",
        S10,
        gettext_noop("%(what)s: within the %(allowance)s days %(level)s allows between "
                     "meaningful contacts."),
        what=what, allowance=allowance, level=level,
    )
