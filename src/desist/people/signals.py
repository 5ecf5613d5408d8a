"""``details_changed`` is sent after a person's details are saved (inside the transaction), with
``person``, ``user``, ``changes`` (field → {"from", "to"}) and ``request``.

Apps above ``people`` listen (reviews: a change of address is a significant event, §14), so
``people`` never imports them.
"""

from django.dispatch import Signal

details_changed = Signal()
