from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    OFFICER = "officer", _("With the responsible officer")
    PARTNER = "partner", _("With a partner")
    PROGRAMME = "programme", _("Programme session")
    UPW = "upw", _("Unpaid work")
    # Booked only from the induction page, after the suitability screen (§5, F5).
    INDUCTION = "induction", _("Induction")


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
# Kinds the general booking form and API offer: an induction needs the screen first (§5).
BOOKABLE_KINDS = [(value, label) for value, label in Kind.choices if value != Kind.INDUCTION]
