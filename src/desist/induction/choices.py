from django.db import models
from django.utils.translation import gettext_lazy as _


class InductionMode(models.TextChoices):
    GROUP = "group", _("Group induction")
    INDIVIDUAL = "individual", _("Individual induction")
