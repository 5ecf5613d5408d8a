from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    OFFICER = "officer", _("With the responsible officer")
    PARTNER = "partner", _("With a partner")
    PROGRAMME = "programme", _("Programme session")
    UPW = "upw", _("Unpaid work")
    # Booked only from the induction page, after the suitability screen (§5, F5).
    INDUCTION = "induction", _("Induction")
    # A telephone contact: counts toward contact levels where policy allows (§10).
    TELEPHONE = "telephone", _("Telephone contact")
    # A self-reporting check-in (kiosk or online): made by the check-in service, not booked.
    CHECK_IN = "check_in", _("Self-reporting check-in")


class Outcome(models.TextChoices):
    BOOKED = "", _("Booked")
    ATTENDED = "attended", _("Attended")
    FAILED = "failed_to_attend", _("Failed to attend")
    ACCEPTABLE = "acceptable_absence", _("Acceptable absence")
    UNACCEPTABLE = "unacceptable_absence", _("Unacceptable absence")
    RESCHEDULED = "rescheduled", _("Rescheduled")


# Outcomes that free the slot (the appointment no longer takes place at that time).
FREES_SLOT = {Outcome.RESCHEDULED}
ABSENCES = {Outcome.FAILED, Outcome.ACCEPTABLE, Outcome.UNACCEPTABLE}
# Attended appointments of these kinds are meaningful contact (§10).
MEANINGFUL_KINDS = {Kind.OFFICER, Kind.PARTNER, Kind.PROGRAMME, Kind.INDUCTION}
# Policy (settings.DESIST_TELEPHONE_COUNTS_AS_CONTACT, default yes): a telephone contact that
# took place is meaningful contact toward the band's contact level (§10).
if getattr(settings, "DESIST_TELEPHONE_COUNTS_AS_CONTACT", True):
    MEANINGFUL_KINDS.add(Kind.TELEPHONE)
# Kinds the general booking form and API offer: an induction needs the screen first (§5).
BOOKABLE_KINDS = [(value, label) for value, label in Kind.choices
                  if value not in (Kind.INDUCTION, Kind.CHECK_IN)]
