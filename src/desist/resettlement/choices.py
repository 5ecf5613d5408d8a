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
    label: str
    label_cy: str
    drug: bool = False
    prescription: bool = False
    accommodation: bool = False


# The support-need catalogue. English and Welsh, because the person's page shows the need.
NEED_TYPES: dict[str, NeedType] = {n.code: n for n in [
    NeedType("accommodation_confirmed", Pathway.ACCOMMODATION,
             "Accommodation on release confirmed", "Cadarnhau llety ar ôl rhyddhau",
             accommodation=True),
    NeedType("housing_referral", Pathway.ACCOMMODATION,
             "Referral to the council housing team", "Atgyfeiriad at dîm tai'r cyngor",
             accommodation=True),
    NeedType("thinking_skills", Pathway.ATTITUDES,
             "Thinking skills work after release", "Gwaith sgiliau meddwl ar ôl rhyddhau"),
    NeedType("family_contact", Pathway.CHILDREN_FAMILIES,
             "Support with family contact", "Cymorth gyda chysylltiad â'r teulu"),
    NeedType("drug_treatment", Pathway.DRUGS_ALCOHOL,
             "Drug treatment service appointment", "Apwyntiad gyda'r gwasanaeth triniaeth cyffuriau",
             drug=True),
    NeedType("prescription_on_release", Pathway.DRUGS_ALCOHOL,
             "Prescription arranged for release day", "Presgripsiwn wedi'i drefnu ar gyfer diwrnod rhyddhau",
             prescription=True),
    NeedType("alcohol_support", Pathway.DRUGS_ALCOHOL,
             "Alcohol support service", "Gwasanaeth cymorth alcohol"),
    NeedType("ete_support", Pathway.ETE,
             "Help finding work or training", "Help i ddod o hyd i waith neu hyfforddiant"),
    NeedType("bank_account", Pathway.FINANCE_ID,
             "Bank account opened", "Cyfrif banc wedi'i agor"),
    NeedType("id_obtained", Pathway.FINANCE_ID,
             "ID obtained", "Dogfen adnabod wedi'i chael"),
    NeedType("benefits_claim", Pathway.FINANCE_ID,
             "Benefits claim ready for release", "Cais am fudd-daliadau yn barod ar gyfer rhyddhau"),
    NeedType("debt_advice", Pathway.FINANCE_ID,
             "Debt advice", "Cyngor ar ddyledion"),
    NeedType("mental_health_appointment", Pathway.HEALTH,
             "Mental health appointment on release", "Apwyntiad iechyd meddwl ar ôl rhyddhau"),
    NeedType("gp_registration", Pathway.HEALTH,
             "Registered with a GP", "Wedi cofrestru gyda meddyg teulu"),
]}

NEED_CHOICES = [(n.code, n.label) for n in NEED_TYPES.values()]
