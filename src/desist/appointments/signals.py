"""``outcome_recorded`` is sent after an appointment's outcome is saved (inside the transaction).

Compliance listens for absences; receivers get ``appointment`` and ``user``.
"""

from django.dispatch import Signal

outcome_recorded = Signal()
