from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Strand(models.TextChoices):
    """Which sample a case is drawn for (inspection-framework.md Sampling: separate samples)."""

    SUPERVISION = "supervision", _("Case supervision")
    UPW = "upw", _("Unpaid work")
    TTG = "ttg", _("Through the Gate")


class Theme(models.TextChoices):
    """A themed dip sample narrows the eligible cases; ``all`` is a full round."""

    ALL = "all", _("All eligible cases")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse cases only")
    CHILD_SAFEGUARDING = "child_safeguarding", _("Child safeguarding cases only")
    WOMEN = "women", _("Women only")
    HIGH_ROSH = "high_rosh", _("High or very high RoSH only")


class RoundStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Position(models.TextChoices):
    SAMPLE = "sample", _("In the sample")
    RESERVE = "reserve", _("Reserve")
    SWAPPED_OUT = "swapped_out", _("Swapped out")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_RELEVANT = "not_relevant", _("Not relevant to this case")


class Rating(models.TextChoices):
    OUTSTANDING = "outstanding", _("Outstanding")
    GOOD = "good", _("Good")
    REQUIRES_IMPROVEMENT = "requires_improvement", _("Requires improvement")
    INADEQUATE = "inadequate", _("Inadequate")


class OversightSubject(models.TextChoices):
    CASE = "case", _("The case")
    BREACH = "breach", _("A breach or recall")
    REVIEW = "review", _("A review")
    PLAN = "plan", _("A sentence plan")


class CountersignSubject(models.TextChoices):
    """What a manager countersigns (§15: plans and reviews for medium-or-above RoSH, domestic
    abuse and safeguarding cases). Plans are countersigned on the plan (planning app); the
    queue lists them beside these."""

    REVIEW = "review", _("A review")


class CountersignDecision(models.TextChoices):
    APPROVED = "approved", _("Countersigned")
    RETURNED = "returned", _("Returned to the officer")
