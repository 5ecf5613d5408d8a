from django.db import models
from django.utils.translation import gettext_lazy as _

from desist.rules import planning as rules


class CheckKind(models.TextChoices):
    POLICE_DA = rules.POLICE_DA, _("Police domestic abuse call-out check")
    CHILDRENS_SOCIAL_CARE = rules.CHILDRENS_SOCIAL_CARE, _("Children's social care check")


class CheckResult(models.TextChoices):
    NO_INFORMATION = "no_information", _("No information held")
    INFORMATION_SHARED = "information_shared", _("Information shared")
    CONCERNS = "concerns", _("Concerns identified")


class Agency(models.TextChoices):
    POLICE = "police", _("Police")
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", _("Children's social care")
    MARAC = "marac", _("MARAC")
    MAPPA = "mappa", _("MAPPA")
    OTHER = "other", _("Other agency")
