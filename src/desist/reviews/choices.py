from django.db import models
from django.utils.translation import gettext_lazy as _

from desist.rules import reviews as rules


class EventKind(models.TextChoices):
    ROSH_CHANGE = "rosh_change", _("Change in RoSH")
    NEW_REGISTRATION = "new_registration", _("New registration")
    BREACH = "breach", _("Breach")
    ARREST = "arrest", _("Arrest")
    CHANGE_OF_ADDRESS = "change_of_address", _("Change of address")


assert set(EventKind.values) == set(rules.EVENT_KINDS)


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    SOME = "some", _("Some progress")
    GOOD = "good", _("Good progress")
    ACHIEVED = "achieved", _("Achieved")
    WORSE = "worse", _("Gone backwards")


class ComplianceLevel(models.TextChoices):
    GOOD = "good", _("Complying well")
    SOME_ISSUES = "some_issues", _("Some absences or issues")
    POOR = "poor", _("Not complying")


class RiskChange(models.TextChoices):
    LOWER = "lower", _("Risk has gone down")
    SAME = "same", _("No change in risk")
    HIGHER = "higher", _("Risk has gone up")


class Destination(models.TextChoices):
    REPORTING_CENTRE = "reporting_centre", _("Reporting centre (kiosk check-in)")
    TELEPHONE = "telephone", _("Hub telephone reporting")


# How often the hub must be in touch with a stepped-down case, in days (Desist's figures).
HUB_CONTACT_DAYS = {Destination.REPORTING_CENTRE: 14, Destination.TELEPHONE: 28}
