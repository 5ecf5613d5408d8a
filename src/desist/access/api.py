"""The API's permission: the view's declared access rule decides (see rules.py)."""

from __future__ import annotations

from rest_framework import exceptions, permissions

from .rules import rule_of


class DeclaredRulePermission(permissions.BasePermission):
    """Allows a request only if the view declares an access rule that permits it."""

    def has_permission(self, request, view) -> bool:
        rule = rule_of(view) or getattr(view, "access_rule", None)
        if rule is None:
            return False
        if not rule.public and not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated
        return rule.permits(request.user, request.method)

