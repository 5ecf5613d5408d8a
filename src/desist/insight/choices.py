from django.db import models
from django.utils.translation import gettext_lazy as _

from desist.rules import insight as rules


class ServiceLevelMeasure(models.TextChoices):
    CO_SSO_COMPLETION = rules.CO_SSO_COMPLETION, _(
        "Community orders and suspended sentence orders completed successfully")
    LICENCE_PSS_COMPLETION = rules.LICENCE_PSS_COMPLETION, _(
        "Licences and post-sentence supervision completed successfully")
    UPW_COMPLETION = rules.UPW_COMPLETION, _("Unpaid work requirements completed")
    RESETTLEMENT_ON_TIME = rules.RESETTLEMENT_ON_TIME, _("Resettlement plans completed on time")


class TimelinessMeasure(models.TextChoices):
    ASSIGNMENT = "assignment", _("Assignment of an officer")
    FIRST_APPOINTMENT = "first_appointment", _("First appointment")
    INDUCTION = "induction", _("Induction")
    PLAN = "plan", _("Initial plan")
    REVIEW = "review", _("Plan review")
    BREACH_ACTION = "breach_action", _("Breach or recall action")


class TimelinessStatus(models.TextChoices):
    ON_TIME = rules.ON_TIME, _("On time")
    LATE = rules.LATE, _("Late")
    OVERDUE = rules.OVERDUE, _("Overdue, not done")
    PENDING = rules.PENDING, _("Not yet due")


class SentenceOutcome(models.TextChoices):
    ONGOING = rules.ONGOING, _("Ongoing")
    SUCCESSFUL = rules.SUCCESSFUL, _("Completed successfully")
    UNSUCCESSFUL = rules.UNSUCCESSFUL, _("Not completed successfully")


class NeedKind(models.TextChoices):
    AREA = "area", _("Self-assessment area scored low")
    RISK_FACTOR = "risk_factor", _("Risk factor")


class RefreshTrigger(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MANAGER = "manager", _("A manager")
    COMMAND = "command", _("The desist insight command")


class AgeGroup(models.TextChoices):
    UNDER_25 = "18-24", _("18 to 24")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-49", _("35 to 49")
    FROM_50 = "50+", _("50 and over")


def age_group(age: int) -> str:
    if age < 25:
        return AgeGroup.UNDER_25
    if age < 35:
        return AgeGroup.FROM_25
    if age < 50:
        return AgeGroup.FROM_35
    return AgeGroup.FROM_50
