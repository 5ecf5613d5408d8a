from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    REFERRED = "referred", _("Referred")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WAITING = "waiting", _("Waiting")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = {
    ReferralStatus.REFERRED, ReferralStatus.ACCEPTED, ReferralStatus.WAITING,
    ReferralStatus.STARTED,
}
