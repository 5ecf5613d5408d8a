"""Fixed lists for Through the Gate (operating model §13)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pathway(models.TextChoices):
    ACCOMMODATION = "accommodation", _("Accommodation")
    ATTITUDES = "attitudes", _("Attitudes, thinking and behaviour")
    CHILDREN_FAMILIES = "children_families", _("Children, families and communities")
    DRUGS_ALCOHOL = "drugs_alcohol", _("Drugs and alcohol")
    ETE = "ete", _("Education, training and employment")
    FINANCE_ID = "finance_id", _("Finance and ID")
    HEALTH = "health", _("Health")


class PathwayStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DECLINED = "declined", _("Support declined")
    NOT_REQUIRED = "not_required", _("Support not required")
    DONE = "done", _("Done")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("No longer needed")


CLOSED_NEEDS = {NeedStatus.DONE, NeedStatus.CANCELLED}


class AssessmentKind(models.TextChoices):
    SCREENING = "screening", _("Resettlement screening")
    PRE_RELEASE = "pre_release", _("Pre-release assessment")


class ChecklistItem(models.TextChoices):
    ACCOMMODATION = "accommodation", _("Accommodation for the first night")
    FIRST_APPOINTMENT = "first_appointment", _("First appointment booked")
    PRESCRIPTION = "prescription", _("Prescription for release day")
    PHONE = "phone", _("Phone")
    TRAVEL = "travel", _("Travel to the release address")
    ID = "id", _("Identification")


class Stage(models.TextChoices):
    SCREENING = "screening", _("Awaiting screening")
    PLANNING = "planning", _("Planning")
    PLAN_COMPLETE = "plan_complete", _("Plan complete")
    RELEASED = "released", _("Released")


@dataclass(frozen=True)
class NeedType:
    code: str
    pathway: str
    label: str  # lazy: in the reader's language (the person's page shows it, in Welsh too)
    drug: bool = False
    prescription: bool = False
    accommodation: bool = False


# The support-need catalogue; the Welsh is in the catalogue (locale/cy), as for every page.
NEED_TYPES: dict[str, NeedType] = {n.code: n for n in [
    NeedType("accommodation_confirmed", Pathway.ACCOMMODATION,
             _("Accommodation on release confirmed"), accommodation=True),
    NeedType("housing_referral", Pathway.ACCOMMODATION,
             _("Referral to the council housing team"), accommodation=True),
    NeedType("thinking_skills", Pathway.ATTITUDES, _("Thinking skills work after release")),
    NeedType("family_contact", Pathway.CHILDREN_FAMILIES, _("Support with family contact")),
    NeedType("drug_treatment", Pathway.DRUGS_ALCOHOL,
             _("Drug treatment service appointment"), drug=True),
    NeedType("prescription_on_release", Pathway.DRUGS_ALCOHOL,
             _("Prescription arranged for release day"), prescription=True),
    NeedType("alcohol_support", Pathway.DRUGS_ALCOHOL, _("Alcohol support service")),
    NeedType("ete_support", Pathway.ETE, _("Help finding work or training")),
    NeedType("bank_account", Pathway.FINANCE_ID, _("Bank account opened")),
    NeedType("id_obtained", Pathway.FINANCE_ID, _("ID obtained")),
    NeedType("benefits_claim", Pathway.FINANCE_ID, _("Benefits claim ready for release")),
    NeedType("debt_advice", Pathway.FINANCE_ID, _("Debt advice")),
    NeedType("mental_health_appointment", Pathway.HEALTH,
             _("Mental health appointment on release")),
    NeedType("gp_registration", Pathway.HEALTH, _("Registered with a GP")),
]}

NEED_CHOICES = [(n.code, n.label) for n in NEED_TYPES.values()]
