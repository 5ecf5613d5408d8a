"""The step-down gate: may a case move to the reporting centre / kiosk or hub telephone reporting?

Implements ``operating-model.md`` §10 (failure F10 in §18: risky cases stepped down to
telephone reporting, some with long licence periods left):

- step-down happens when the planned interventions are complete;
- it requires a recorded review that confirms there are no open risk-management actions;
- it is **blocked** while domestic-abuse or child-safeguarding actions are open;
- it **warns** when a long licence period remains (self-reporting may not give the oversight
  the court or the licence expects);
- the RO keeps responsibility and can pull the case back;
- (F10) a *risky* case is never stepped down: RoSH high or very high, or MAPPA level 2 or 3,
  blocks it (the doc's failure was exactly "risky cases stepped down to telephone reporting").

Desist's figures where the doc is silent (:class:`StepDownConfig`): the review must be no older
than **28 days** (an older one no longer describes the case), and "long" means **more than
6 months** of licence left. Open risk-management actions recorded on the case block step-down
even if the review said there were none: the record is newer than the review's word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desist.rules.errors import RuleInputError
from desist.rules.reasons import Phrase, Reason, gettext_noop
from desist.rules.timescales import add_months

S10 = "operating-model.md §10"

SENTENCE_TYPES = ("community_order", "sso", "licence", "pss")
ROSH_LEVELS = ("low", "medium", "high", "very_high")
ROSH_WORDS = {"low": gettext_noop("low"), "medium": gettext_noop("medium"),
              "high": gettext_noop("high"), "very_high": gettext_noop("very high")}
BLOCK_CODES = (
    "interventions_incomplete",
    "no_review",
    "review_out_of_date",
    "review_not_confirmed",
    "open_risk_management_actions",
    "open_domestic_abuse_actions",
    "open_child_safeguarding_actions",
    "rosh_too_high",
    "mappa_managed",
)
WARNING_CODES = ("long_licence_remaining", "licence_end_unknown")


@dataclass(frozen=True, slots=True)
class StepDownConfig:
    review_valid_days: int = 28
    long_period_months: int = 6
    long_period_sentence_types: tuple[str, ...] = ("licence",)
    # The highest RoSH that may step down (F10: risky cases must not).
    max_rosh: str = "medium"

    def __post_init__(self) -> None:
        if self.max_rosh not in ROSH_LEVELS:
            raise RuleInputError("max_rosh", f"must be one of {', '.join(ROSH_LEVELS)}")
        for name in ("review_valid_days", "long_period_months"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise RuleInputError(name, "must be a whole number, 0 or more")
        unknown = set(self.long_period_sentence_types) - set(SENTENCE_TYPES)
        if unknown:
            raise RuleInputError("long_period_sentence_types", f"unknown: {sorted(unknown)}")


DEFAULT_STEPDOWN = StepDownConfig()


@dataclass(frozen=True, slots=True)
class StepDownInput:
    """The facts the gate checks, as of a date.

    ``review_date``: the recorded step-down review (None if there is none);
    ``review_confirms_no_open_risk_actions``: what that review recorded;
    ``open_*_actions``: counts of actions still open on the case's plans;
    ``supervision_end``: when the licence (or order) ends, if known.
    """

    as_of: date
    sentence_type: str
    planned_interventions_complete: bool
    review_date: date | None
    review_confirms_no_open_risk_actions: bool
    open_risk_management_actions: int = 0
    open_domestic_abuse_actions: int = 0
    open_child_safeguarding_actions: int = 0
    supervision_end: date | None = None
    rosh: str | None = None
    mappa_level: int | None = None


@dataclass(frozen=True, slots=True)
class StepDownDecision:
    allowed: bool
    blocks: tuple[str, ...]
    warnings: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "allowed": self.allowed,
            "blocks": list(self.blocks),
            "warnings": list(self.warnings),
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _validate(case: StepDownInput) -> None:
    if case.sentence_type not in SENTENCE_TYPES:
        raise RuleInputError(
            "sentence_type",
            f"must be one of {', '.join(SENTENCE_TYPES)} (a case in custody is not stepped "
            f"down), not {case.sentence_type!r}",
        )
    if not _is_date(case.as_of):
        raise RuleInputError("as_of", "must be a date (YYYY-MM-DD)")
    for name in ("planned_interventions_complete", "review_confirms_no_open_risk_actions"):
        if not isinstance(getattr(case, name), bool):
            raise RuleInputError(name, "must be true or false")
    for name in ("open_risk_management_actions", "open_domestic_abuse_actions",
                 "open_child_safeguarding_actions"):
        value = getattr(case, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RuleInputError(name, "must be a count, 0 or more")
    if case.review_date is not None:
        if not _is_date(case.review_date):
            raise RuleInputError("review_date", "must be a date or null")
        if case.review_date > case.as_of:
            raise RuleInputError("review_date", "cannot be after the date checked")
    if case.supervision_end is not None and not _is_date(case.supervision_end):
        raise RuleInputError("supervision_end", "must be a date or null")
    if case.rosh is not None and case.rosh not in ROSH_LEVELS:
        raise RuleInputError("rosh", f"must be one of {', '.join(ROSH_LEVELS)} or null")
    if case.mappa_level is not None and (
        isinstance(case.mappa_level, bool) or case.mappa_level not in (1, 2, 3)
    ):
        raise RuleInputError("mappa_level", "must be 1, 2, 3 or null")


# Open actions of each kind, as whole sentences for one action and for several: (one, many).
# "they" for one action too: the words pages and tests have always shown.
_OPEN_ACTIONS = {
    "open_risk_management_actions": (
        gettext_noop("%(count)s risk-management action is still open: step-down waits until "
                     "they are closed."),
        gettext_noop("%(count)s risk-management actions are still open: step-down waits until "
                     "they are closed.")),
    "open_domestic_abuse_actions": (
        gettext_noop("%(count)s domestic abuse action is still open: step-down is blocked while "
                     "they are open."),
        gettext_noop("%(count)s domestic abuse actions are still open: step-down is blocked "
                     "while they are open.")),
    "open_child_safeguarding_actions": (
        gettext_noop("%(count)s child safeguarding action is still open: step-down is blocked "
                     "while they are open."),
        gettext_noop("%(count)s child safeguarding actions are still open: step-down is blocked "
                     "while they are open.")),
}


def check_step_down(
    case: StepDownInput, config: StepDownConfig = DEFAULT_STEPDOWN
) -> StepDownDecision:
    """Allowed or blocked, with every block and warning explained (§10)."""
    _validate(case)
    blocks: list[str] = []
    warnings: list[str] = []
    reasons: list[Reason] = []

    def block(code: str, template: str, **params: object) -> None:
        blocks.append(code)
        reasons.append(Reason.of(f"s10_stepdown_{code}", S10, template, **params))

    if not case.planned_interventions_complete:
        block(
            "interventions_incomplete",
            gettext_noop("The planned interventions are not complete: step-down comes after "
                         "them."),
        )
    if case.review_date is None:
        block(
            "no_review",
            gettext_noop("No review is recorded: step-down needs a review confirming there are "
                         "no open risk-management actions."),
        )
    else:
        age = (case.as_of - case.review_date).days
        if age > config.review_valid_days:
            block(
                "review_out_of_date",
                gettext_noop("The review of %(reviewed_on)s is %(age)s day old (more than "
                             "%(valid)s): review the case again before stepping it down.")
                if age == 1 else
                gettext_noop("The review of %(reviewed_on)s is %(age)s days old (more than "
                             "%(valid)s): review the case again before stepping it down."),
                reviewed_on=case.review_date, age=age, valid=config.review_valid_days,
            )
        if not case.review_confirms_no_open_risk_actions:
            block(
                "review_not_confirmed",
                gettext_noop("The review does not confirm that no risk-management actions are "
                             "open."),
            )
    for code, (one, many) in _OPEN_ACTIONS.items():
        count = getattr(case, code)
        if count:
            block(code, one if count == 1 else many, count=count)
    if case.rosh is not None and (
        ROSH_LEVELS.index(case.rosh) > ROSH_LEVELS.index(config.max_rosh)
    ):
        block(
            "rosh_too_high",
            gettext_noop("RoSH is %(rosh)s: a case above %(max_rosh)s RoSH is not stepped down "
                         "to self-reporting."),
            rosh=Phrase.of(ROSH_WORDS[case.rosh]), max_rosh=Phrase.of(ROSH_WORDS[config.max_rosh]),
        )
    if case.mappa_level in (2, 3):
        block(
            "mappa_managed",
            gettext_noop("The case is managed at MAPPA level %(level)s: multi-agency management "
                         "needs the officer's direct contact, not self-reporting."),
            level=case.mappa_level,
        )

    if case.sentence_type in config.long_period_sentence_types:
        end = case.supervision_end
        if end is None:
            warnings.append("licence_end_unknown")
            reasons.append(
                Reason.of(
                    "s10_stepdown_licence_end_unknown",
                    S10,
                    gettext_noop("The licence end date is not recorded, so the period left "
                                 "cannot be checked."),
                )
            )
        elif end > add_months(case.as_of, config.long_period_months):
            warnings.append("long_licence_remaining")
            reasons.append(
                Reason.of(
                    "s10_stepdown_long_licence_remaining",
                    S10,
                    gettext_noop("The licence runs until %(end)s, more than %(months)s away: "
                                 "consider whether self-reporting gives the oversight the "
                                 "licence needs."),
                    end=end, months=Phrase.count(config.long_period_months,
                                                 gettext_noop("%(n)s month"),
                                                 gettext_noop("%(n)s months")),
                )
            )

    allowed = not blocks
    if allowed:
        reasons.insert(
            0,
            Reason.of(
                "s10_stepdown_allowed",
                S10,
                gettext_noop("Planned interventions are complete and a current review confirms "
                             "no open risk-management actions: the case may step down to "
                             "reporting-centre, kiosk or telephone reporting. The RO keeps "
                             "responsibility and can pull it back."),
            ),
        )
    return StepDownDecision(allowed, tuple(blocks), tuple(warnings), tuple(reasons))
