"""``outcome_recorded`` is sent after an appointment's outcome is saved (inside the transaction).

Compliance listens for absences; receivers get ``appointment`` and ``user``.
"""

from django.dispatch import Signal

outcome_recorded = Signal()

# Sent after an appointment is booked (inside the transaction): ``appointment`` and ``user``.
appointment_booked = Signal()
