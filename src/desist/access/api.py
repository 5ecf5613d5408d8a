"""The API's permission (the view's declared access rule decides; see rules.py), token expiry
and throttling."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions, permissions
from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

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
        from desist.scopes.decisions import CoverRequired, require_decision

        resolve = getattr(view, "case_of", None) or by_crn
        person = resolve(request, **getattr(view, "kwargs", {}))
        if person is None:
            return
        try:
            require_decision(request.user, person, request=request)
        except CoverRequired as refusal:
            raise exceptions.PermissionDenied(str(refusal)) from refusal



class ExpiringTokenAuthentication(TokenAuthentication):
    """Token authentication whose tokens stop working ``API_TOKEN_LIFETIME_SECONDS`` after issue."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        age = (timezone.now() - token.created).total_seconds()
        if age > settings.API_TOKEN_LIFETIME_SECONDS:
            raise exceptions.AuthenticationFailed("Token has expired; ask for a new one.")
        return user, token


class _RatesFromSettings:
    """Reads the rate from ``settings.API_THROTTLE_RATES`` on each request (DRF reads its own
    at import), and identifies clients by the real client address (``access.client``), never
    by a header the client writes."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def get_ident(self, request):
        return request.META.get("REMOTE_ADDR", "")


class SignedInThrottle(_RatesFromSettings, UserRateThrottle):
    scope = "user"


class AnonymousThrottle(_RatesFromSettings, AnonRateThrottle):
    scope = "anon"
