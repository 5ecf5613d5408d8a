"""The sign-in backend: Django's model backend, with the staff record loaded alongside the user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """Loads the signed-in user with their staff record, provider and team in one query.

    Every signed-in page reads ``request.user.staff`` (role and provider scope), the layout shows
    the provider's name and several pages start from the member's team: loaded lazily, that was
    three or four statements on every request before the page did anything (issue 23).
    """

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("staff__provider", "staff__team")
        # A slice, not .first(): one row by primary key needs no ORDER BY, and building the
        # ordering was a quarter of this query's compile time, paid on every request (issue 23).
        user = next(iter(users.filter(pk=user_id)[:1]), None)
        return user if user is not None and self.user_can_authenticate(user) else None
