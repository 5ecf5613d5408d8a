"""Sign in and sign out."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
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
        address = request.META.get("REMOTE_ADDR", "")
        if throttle.is_locked(username, address):
            form.add_error(None, _("Too many failed attempts. Wait 15 minutes and try again."))
            events.sign_in_refused(username=username, reason="throttled", request=request)
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None or role_of(user) is None:
                throttle.record_failure(username, address)
                form.add_error(None, _("Enter a correct username and password"))
                events.sign_in_refused(username=username, reason="bad credentials", request=request)
                status = 400
            else:
                throttle.clear(username, address)
                login(request, user)
                events.signed_in(user=user, request=request)
                target = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                    target = "/"
                return redirect(target or "/")
    elif request.method == "POST":
        status = 400
    return render(request, "access/sign_in.html", {"form": form}, status=status)


@allow(read=ALL_ROLES, write=ALL_ROLES)
@require_http_methods(["POST"])
def sign_out(request):
    logout(request)
    return redirect("access:sign-in")
