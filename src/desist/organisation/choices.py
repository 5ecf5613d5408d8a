from django.db import models
from django.utils.translation import gettext_lazy as _


class VenueKind(models.TextChoices):
    HUB = "hub", _("Hub")
    LMC = "lmc", _("Local management centre")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood centre")
    WOMENS_HUB = "womens_hub", _("Women's hub")
    REPORTING_CENTRE = "reporting_centre", _("Reporting centre")
    UPW_DEPOT = "upw_depot", _("Unpaid work depot")


class Grade(models.TextChoices):
    PO = "PO", _("Probation officer")
    PSO = "PSO", _("Probation services officer")
    SPO = "SPO", _("Senior probation officer")
    HUB_ADMIN = "HUB", _("Hub administrator")
    UPW_SUPERVISOR = "UPW", _("Unpaid work supervisor")
    RESETTLEMENT = "RW", _("Resettlement worker")
    FACILITATOR = "PF", _("Programme facilitator")
    PARTNER = "PTR", _("Partner caseworker")
    QA = "QA", _("Quality assurance")
    SYSADMIN = "SYS", _("System administrator")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Prefer not to say")


SPECIALISMS = {
    "domestic_abuse": _("Domestic abuse"),
    "child_safeguarding": _("Child safeguarding"),
    "womens_champion": _("Women's champion"),
    "iom": _("Integrated offender management"),
    "self_assessment": _("Self-assessment (strengths and needs)"),
    "oasys": _("OASys"),
    "bbr_partner_link": _("BBR partner link worker"),
    "trained_complex": _("Trained for complex cases"),
    "mental_health": _("Mental health"),
    "young_adults": _("Young adults"),
}


class ReductionReason(models.TextChoices):
    """Why part of an officer's contracted hours is not available for cases (§16)."""

    TRAINEE = "trainee", _("Trainee year")
    NEWLY_QUALIFIED = "newly_qualified", _("Newly qualified officer")
    MATERNITY = "maternity", _("Maternity, paternity or adoption leave")
    UNION_DUTIES = "union_duties", _("Union duties")
    PHASED_RETURN = "phased_return", _("Phased return to work")
    OTHER = "other", _("Another reason")
