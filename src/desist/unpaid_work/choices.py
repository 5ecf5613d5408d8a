from django.db import models
from django.utils.translation import gettext_lazy as _

from desist.rules import unpaid_work as rules


class ProjectType(models.TextChoices):
    GROUP = rules.GROUP, _("Group project")
    INDIVIDUAL = rules.INDIVIDUAL, _("Individual agency placement")
    ETE = rules.ETE, _("Education, training or employment")
    INDUCTION = rules.INDUCTION, _("Induction")


class Availability(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every other week")


class Outcome(models.TextChoices):
    ATTENDED = rules.ATTENDED, _("Attended")
    SENT_HOME = rules.SENT_HOME, _("Sent home")
    FAILED = rules.FAILED_TO_ATTEND, _("Failed to attend")
    ACCEPTABLE = rules.ACCEPTABLE_ABSENCE, _("Acceptable absence")
    UNACCEPTABLE = rules.UNACCEPTABLE_ABSENCE, _("Unacceptable absence")


class Rating(models.TextChoices):
    GOOD = "good", _("Good")
    SATISFACTORY = "satisfactory", _("Satisfactory")
    POOR = "poor", _("Poor")


AdjustmentReason = models.TextChoices(
    "AdjustmentReason", [(code, (code, r.label)) for code, r in rules.ADJUSTMENT_REASONS.items()])
