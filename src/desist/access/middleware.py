"""Deny by default: a request to a view without a declared access rule is refused."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied

from .rules import rule_of

log = logging.getLogger(__name__)


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if rule_of(view_func) is None:
            log.error("View %s has no access rule; refused.", getattr(view_func, "__name__", view_func))
            raise PermissionDenied
        return None
