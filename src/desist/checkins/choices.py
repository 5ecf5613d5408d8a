from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Office kiosk")
    ONLINE = "online", _("Online")


class CheckInStatus(models.TextChoices):
    DONE = "done", _("Checked in")
    MISSED = "missed", _("Missed")
