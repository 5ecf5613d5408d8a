"""The induction (operating model §5): the suitability screen, then the booked induction.

The tables were created by the planning app and keep its names (ADR 0014).
"""

from __future__ import annotations

from django.db import models

from .choices import InductionMode


class InductionScreen(models.Model):
    """The §5 suitability screen, recorded before any group induction is booked."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="induction_screens")
    literacy_needs = models.BooleanField()
    numeracy_needs = models.BooleanField()
    learning_disability = models.BooleanField()
    anxiety_or_vulnerability = models.BooleanField()
    age = models.PositiveSmallIntegerField()
    interpreter_needed = models.BooleanField()
    domestic_abuse_perpetrator = models.BooleanField()
    domestic_abuse_victim = models.BooleanField()
    disability_or_access_needs = models.BooleanField()
    group_venue_meets_access_needs = models.BooleanField(default=False)
    work_clashes_with_group_times = models.BooleanField()
    # Protected characteristics gathered at induction (§5); "prefer not to say" is allowed.
    ethnicity = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    sexual_orientation = models.CharField(max_length=60, blank=True)
    mode = models.CharField(max_length=12, choices=InductionMode.choices)
    reasons = models.JSONField(default=list)
    restrictions = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "planning_inductionscreen"  # moved from planning: the table keeps its name
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Induction screen: {self.mode}"


class InductionBooking(models.Model):
    """An induction booked after the screen (§5): a real appointment at a venue (§1, §10)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="induction_bookings")
    screen = models.ForeignKey(InductionScreen, on_delete=models.PROTECT, related_name="bookings")
    mode = models.CharField(max_length=12, choices=InductionMode.choices)
    booked_for = models.DateTimeField()
    place = models.CharField(max_length=200)
    # The appointment on the case's Appointments tab: its outcome counts toward the minimum
    # offer and as contact. Empty only for bookings made before inductions were appointments.
    appointment = models.OneToOneField("appointments.Appointment", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="induction")
    booked_by = models.ForeignKey("organisation.Staff", null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "planning_inductionbooking"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} on {self.booked_for:%d %b %Y}"
