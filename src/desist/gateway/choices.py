from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeTable(models.TextChoices):
    SENTENCE_TYPE = "sentence_type", _("Sentence type code")
    SENTENCE_DESCRIPTION = "sentence_description", _("Sentence description")
    CUSTODIAL_STATUS = "custodial_status", _("Custodial status")
    REQUIREMENT_MAIN = "requirement_main", _("Requirement main category")
    REQUIREMENT_SUB = "requirement_sub", _("Requirement sub-category")
    REGISTRATION = "registration", _("Registration type")
    ROSH = "rosh", _("Risk of serious harm registration")
    MAPPA_LEVEL = "mappa_level", _("MAPPA level")
    MAPPA_CATEGORY = "mappa_category", _("MAPPA category")
    GENDER = "gender", _("Gender")
    CONTACT_OUTCOME = "contact_outcome", _("Contact outcome")
    ENFORCEMENT_ACTION = "enforcement_action", _("Enforcement action")
    CONTACT_TYPE = "contact_type", _("Contact type")


class KeyKind(models.TextChoices):
    CONVICTION = "conviction", _("Conviction")
    REQUIREMENT = "requirement", _("Requirement")
    REGISTRATION = "registration", _("Registration")
    ACCESS = "access", _("Limited-access list entry")


class BatchStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Stopped before the end")
