"""The API's permission: the view's declared access rule decides (see rules.py)."""

from __future__ import annotations

from rest_framework import exceptions, permissions

from .rules import SAFE_METHODS, by_crn, rule_of


class DeclaredRulePermission(permissions.BasePermission):
    """Allows a request only if the view declares an access rule that permits it."""

    def has_permission(self, request, view) -> bool:
        rule = rule_of(view) or getattr(view, "access_rule", None)
        if rule is None:
            return False
        if not rule.public and not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated
        if not rule.permits(request.user, request.method):
            return False
        if request.method not in SAFE_METHODS and not rule.public:
            self._check_decision(request, view)
        return True

    @staticmethod
    def _check_decision(request, view) -> None:
        """The write-scope check (``decisions.require_decision``) on the case being written to.

        The case is the ``crn`` in the URL, or what the view's ``case_of(request, **kwargs)``
        names (id-keyed routes, or a CRN in the body).
        """
        from .decisions import CoverRequired, require_decision

        resolve = getattr(view, "case_of", None) or by_crn
        person = resolve(request, **getattr(view, "kwargs", {}))
        if person is None:
            return
        try:
            require_decision(request.user, person, request=request)
        except CoverRequired as refusal:
            raise exceptions.PermissionDenied(str(refusal)) from refusal

