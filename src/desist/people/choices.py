from django.db import models
from django.utils.translation import gettext_lazy as _


class RoshLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class Band(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")
    BLUE = "blue", _("Blue")


class Routing(models.TextChoices):
    """Where the hub routed a case (§3). Blank: arrived, not yet routed."""

    HUB = "hub", _("Held in the hub")
    LMC = "lmc", _("Local management centre")


class HubHold(models.TextChoices):
    STANDALONE = "standalone", _("Standalone unpaid work or exclusion")
    LONG_CUSTODY = "long_custody", _("Custody of 18 months or more")
    UNROUTABLE = "unroutable", _("Cannot be routed yet")


ROSH_TO = {
    "public": _("Public"),
    "known_adult": _("Known adult"),
    "children": _("Children"),
    "staff": _("Staff"),
    "prisoners": _("Prisoners"),
}


class RegistrationType(models.TextChoices):
    """Flags on a case (§2). Codes match the rules core's registration codes."""

    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse perpetrator")
    DOMESTIC_ABUSE_VICTIM = "domestic_abuse_victim", _("Domestic abuse victim")
    CHILD_PROTECTION_PLAN = "child_protection_plan", _("Child protection plan")
    CHILD_CONCERN = "child_concern", _("Child concern")
    CHILD_IN_NEED = "child_in_need", _("Child in need")
    MAPPA = "mappa", _("MAPPA")
    IOM = "iom", _("IOM nominal")
    SEX_OFFENDER = "sex_offender", _("Sex offender")
    PREVENT = "prevent", _("Prevent")
    HATE_CRIME = "hate_crime", _("Hate crime")
    SERIOUS_ORGANISED_CRIME = "serious_organised_crime", _("Serious organised crime")
    COMPLEX_MENTAL_HEALTH = "complex_mental_health", _("Complex mental health")
    ACES = "aces", _("Adverse childhood experiences")
    RESTRAINING_ORDER = "restraining_order", _("Restraining order")
    VISOR = "visor", _("ViSOR record")
    PREVIOUS_VERY_HIGH_ROSH = "previous_very_high_rosh", _("Previous very high RoSH")
    # The national tiering's complexity factors Desist had no flag for (tiering.md).
    SELF_HARM = "self_harm", _("Self-harm")
    VULNERABILITY = "vulnerability", _("Vulnerability")
    RISK_TO_CHILDREN = "risk_to_children", _("Risk to children")
    PUBLIC_INTEREST = "public_interest", _("Public interest case")
    ADULT_AT_RISK = "adult_at_risk", _("Adult at risk")
    GANGS = "gangs", _("Street gangs")
    TERRORISM = "terrorism", _("Terrorism")


CHILD_SAFEGUARDING = {"child_protection_plan", "child_concern", "child_in_need"}


class EmploymentStatus(models.TextChoices):
    EMPLOYED_FULL_TIME = "employed_full_time", _("Employed full time")
    EMPLOYED_PART_TIME = "employed_part_time", _("Employed part time")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    UNEMPLOYED = "unemployed", _("Unemployed")
    IN_EDUCATION = "in_education", _("In education or training")
    NOT_AVAILABLE = "not_available", _("Not available for work")
    RETIRED = "retired", _("Retired")
