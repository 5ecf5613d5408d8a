"""``session_missed`` is sent when a session of a referral is recorded as not attended (inside
the transaction); receivers get ``session``, ``user`` and ``request``. Compliance listens."""

from django.dispatch import Signal

session_missed = Signal()
