from django.db import models
from django.utils.translation import gettext_lazy as _


class AbsenceStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting the officer's decision")
    ACCEPTABLE = "acceptable", _("Acceptable")
    UNACCEPTABLE = "unacceptable", _("Unacceptable")
    COVERED = "covered", _("Covered by a flexible arrangement")
    # Judged unacceptable, but a flexible arrangement covers the day: back to the officer (§11).
    CONFLICT = "conflict", _("Unacceptable, but an arrangement covers it: for the officer to resolve")


class ArrangementReason(models.TextChoices):
    CHILDCARE = "childcare", _("Childcare")
    WORK = "work", _("Work")
    HEALTH = "health", _("Health or treatment")
    CARING = "caring", _("Caring for someone")
    EDUCATION = "education", _("Education or training")
    RELIGION = "religion", _("Religious observance")
    OTHER = "other", _("Other")


class ActionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    BREACH = "breach", _("Breach (return to court)")
    RECALL = "recall_request", _("Recall request")
    PSS_BREACH = "breach_to_magistrates", _("Breach to the magistrates' court (PSS)")


class BreachStatus(models.TextChoices):
    OFFICER = "officer", _("With the officer: assessment to write")
    SUBMITTED = "submitted", _("With the hub: submitted")
    CLOSED = "closed", _("Outcome recorded")


class BreachOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for improvement")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Order revoked")
    VARIED = "varied", _("Order varied")
    RECALLED = "recalled", _("Recalled")


class LetterKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment letter")
    WARNING = "warning", _("Warning letter")
    BREACH = "breach", _("Breach notice")
    RECALL = "recall", _("Recall notice")


class LetterStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PRODUCED = "produced", _("Produced")
    SUPPRESSED = "suppressed", _("Not sent (no longer true or needed)")
    # Waiting for the officer to resolve a conflict with a flexible arrangement.
    HELD = "held", _("Held for the officer's decision")
    # Sent as part of another letter to the same person the same day (one letter per day).
    COMBINED = "combined", _("Sent in a combined letter")
