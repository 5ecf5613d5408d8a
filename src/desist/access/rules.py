"""Every view and API endpoint declares who may use it.

``@allow(read=..., write=...)`` on a view function (or ``access_rule = AccessRule(...)`` on an
API class) is checked on every request; a view with no declared rule is refused by
``LoginRequiredMiddleware`` and fails the access-matrix test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from desist.organisation.roles import Role, role_of

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def by_crn(request, **kwargs):
    """The case a write route names in its URL (``<crn>``), or None for a route without one."""
    from desist.scopes.decisions import visible_case_by_crn

    crn = kwargs.get("crn")
    return None if crn is None else visible_case_by_crn(request.user, crn)


def not_a_case(request, **kwargs):
    """For write routes that do not decide anything on a case (for example recording a cover)."""
    return None


@dataclass(frozen=True)
class AccessRule:
    """Roles allowed to read (GET) and to write (POST …). ``public`` needs no sign-in."""

    read: frozenset[Role] = field(default_factory=frozenset)
    write: frozenset[Role] = field(default_factory=frozenset)
    public: bool = False

    def permits(self, user, method: str) -> bool:
        if self.public:
            return True
        role = role_of(user)
        if role is None:
            return False
        return role in (self.read if method in SAFE_METHODS else self.write)


PUBLIC = AccessRule(public=True)


def rule_of(view: Callable) -> AccessRule | None:
    found = getattr(view, "access_rule", None)
    if found is None:
        found = getattr(getattr(view, "cls", None), "access_rule", None)
    if found is None:
        found = getattr(getattr(view, "view_class", None), "access_rule", None)
    return found


def allow(*, read: Iterable[Role] = (), write: Iterable[Role] = (), public: bool = False,
          case: Callable = by_crn):
    """Declare and enforce a view's access rule.

    Every non-GET request also passes the write-scope check (``decisions.require_decision``) on
    the case the route writes to: ``case(request, **url_kwargs)`` names it (by default the
    ``<crn>`` in the URL; id-keyed routes pass a resolver; ``not_a_case`` for none).
    """
    access_rule = AccessRule(frozenset(read), frozenset(write), public)

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not access_rule.public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not access_rule.permits(request.user, request.method):
                raise PermissionDenied
            if request.method not in SAFE_METHODS and not access_rule.public:
                refused = _check_decision(request, case, kwargs)
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        wrapped.access_rule = access_rule
        wrapped.case_of = case
        return wrapped

    return decorate


def _check_decision(request, case: Callable, kwargs):
    from django.shortcuts import render

    from desist.scopes.decisions import CoverRequired, require_decision

    person = case(request, **kwargs)
    if person is None:
        return None
    try:
        require_decision(request.user, person, request=request)
    except CoverRequired as refusal:
        return render(request, "access/cover_required.html",
                      {"person": person, "reasons": refusal.authority.reasons}, status=403)
    return None
