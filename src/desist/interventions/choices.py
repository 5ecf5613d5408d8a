from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    REFERRED = "referred", _("Referred")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WAITING = "waiting", _("Waiting for a place")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = {
    ReferralStatus.REFERRED, ReferralStatus.ACCEPTED, ReferralStatus.WAITING,
    ReferralStatus.STARTED,
}
# Not yet started: a place is still awaited, so feasibility is rechecked while it waits.
NOT_STARTED = {ReferralStatus.PROPOSED, ReferralStatus.REFERRED, ReferralStatus.ACCEPTED,
               ReferralStatus.WAITING}
# On the waiting list for a place (counted for the catalogue, monitoring and the wait, §9).
WAITING_STATUSES = (ReferralStatus.REFERRED, ReferralStatus.ACCEPTED, ReferralStatus.WAITING)
# Holding a place.
PLACE_STATUSES = (ReferralStatus.STARTED,)
CLOSED_STATUSES = {ReferralStatus.REJECTED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN}

# The lifecycle (§9): status -> statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReferralStatus.PROPOSED: (ReferralStatus.REFERRED, ReferralStatus.WITHDRAWN),
    ReferralStatus.REFERRED: (ReferralStatus.ACCEPTED, ReferralStatus.REJECTED,
                              ReferralStatus.WITHDRAWN),
    ReferralStatus.ACCEPTED: (ReferralStatus.WAITING, ReferralStatus.STARTED,
                              ReferralStatus.WITHDRAWN),
    ReferralStatus.WAITING: (ReferralStatus.STARTED, ReferralStatus.WITHDRAWN),
    ReferralStatus.STARTED: (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN),
    ReferralStatus.REJECTED: (),
    ReferralStatus.COMPLETED: (),
    ReferralStatus.WITHDRAWN: (),
}
# Transitions that need a reason in words.
NEEDS_REASON = {ReferralStatus.REJECTED, ReferralStatus.WITHDRAWN}


class Component(models.TextChoices):
    """RAR components and other parts of the catalogue (§9)."""

    NEW_DIRECTIONS = "new_directions", _("New Directions meeting")
    GROUP_WORK = "group_work", _("Group work")
    MOTIVATIONAL = "motivational", _("Motivational module")
    ONE_TO_ONE = "one_to_one", _("One-to-one work")
    COMMUNITY_INTEGRATION = "community_integration", _("Community integration")
    MENTORING = "mentoring", _("Mentoring")
    RESTORATIVE_JUSTICE = "restorative_justice", _("Restorative justice")
    KIOSK = "kiosk", _("Kiosk reporting")
    ACCREDITED_PROGRAMME = "accredited_programme", _("Accredited programme")
    WOMENS_SERVICE = "womens_service", _("Women's service")
    TREATMENT = "treatment", _("Treatment")


class DeliveryMode(models.TextChoices):
    GROUP = "group", _("Group")
    ONE_TO_ONE = "one_to_one", _("One-to-one")


class ServiceStatus(models.TextChoices):
    ACCEPTING = "accepting", _("Accepting referrals")
    PAUSED = "paused", _("Paused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PriceUnit(models.TextChoices):
    SESSION = "session", _("per session")
    PLACE = "place", _("per place")
    REFERRAL = "referral", _("per referral")
    HOUR = "hour", _("per hour")


class Eligibility(models.TextChoices):
    ANYONE = "", _("Anyone")
    MEN = "male", _("Men only")
    WOMEN = "female", _("Women only")
