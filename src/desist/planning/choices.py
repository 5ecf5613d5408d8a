from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_COUNTERSIGNATURE = "awaiting_countersignature", _("Waiting for countersignature")
    COMPLETE = "complete", _("Complete")


class NeedKind(models.TextChoices):
    AREA = "area", _("Self-assessment area")
    RISK_FACTOR = "risk_factor", _("Risk factor")


class Sufficiency(models.TextChoices):
    YES = "yes", _("Yes, the plan is sufficient")
    NO = "no", _("No, the plan must change")
