"""Sign in and sign out."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from desist.audit import events

from . import throttle
from .forms import SignInForm
from .roles import ALL_ROLES, role_of
from .rules import allow


@allow(public=True)
@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = request.META.get("REMOTE_ADDR", "")  # the real client (ClientAddressMiddleware)
        verdict = throttle.check(username, address)
        if not verdict.allowed:
            form.add_error(None, _wait_message(verdict.wait_seconds))
            events.sign_in_refused(username=username, reason=f"throttled ({verdict.reason})",
                                   request=request)
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None or role_of(user) is None:
                throttle.record_failure(username, address)
                form.add_error(None, _("Enter a correct username and password"))
                events.sign_in_refused(username=username, reason="bad credentials", request=request)
                status = 400
            else:
                throttle.record_success(username, address)
                login(request, user)
                events.signed_in(user=user, request=request)
                target = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                    target = "/"
                return redirect(target or "/")
    elif request.method == "POST":
        status = 400
    return render(request, "access/sign_in.html", {"form": form}, status=status)


def _wait_message(seconds: int) -> str:
    if seconds < 60:
        return ngettext("Too many failed attempts. Wait %(n)d second and try again.",
                        "Too many failed attempts. Wait %(n)d seconds and try again.",
                        seconds) % {"n": seconds}
    minutes = (seconds + 59) // 60
    return ngettext("Too many failed attempts. Wait %(n)d minute and try again.",
                    "Too many failed attempts. Wait %(n)d minutes and try again.",
                    minutes) % {"n": minutes}


@allow(read=ALL_ROLES, write=ALL_ROLES)
@require_http_methods(["POST"])
def sign_out(request):
    logout(request)
    return redirect("access:sign-in")
