"""Sign in and sign out."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from desist.audit import events
from desist.organisation.roles import ALL_ROLES, CASE_WRITERS, MANAGERS, role_of
from desist.scopes import decisions
from desist.scopes.cases import case_for

from . import throttle
from .forms import CoverForm, SignInForm
from .rules import allow, not_a_case


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


@allow(read=CASE_WRITERS | MANAGERS, write=CASE_WRITERS | MANAGERS, case=not_a_case)
@require_http_methods(["GET", "POST"])
def cover(request, crn: str):
    """Record that you are covering a case that is not yours, so you may make decisions on it."""
    person = case_for(request.user, crn, request=request, page="cover")
    form = CoverForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            decisions.cover_record(acting_user=request.user, person=person,
                                   reason=form.cleaned_data["reason"], request=request)
            messages.success(request, _("You are recorded as covering this case"))
            return redirect("people:overview", crn=person.crn)
        status = 400
    authority = decisions.authority_for(request.user, person)
    return render(request, "access/cover.html", {
        "person": person, "form": form, "authority": authority,
        "covers": decisions.current_covers(person), "today": timezone.localdate(),
        "cover_days": settings.CASE_COVER_DAYS,
    }, status=status)


def cover_panel(request, person, today):
    """Overview panel: who is covering this case (shown only while someone is)."""
    covers = decisions.current_covers(person)
    writer = role_of(request.user) in CASE_WRITERS | MANAGERS
    mine = decisions.authority_for(request.user, person) if writer else None
    if not covers and (mine is None or mine.may_decide):
        return None
    return {"crn": person.crn, "covers": covers, "needs_cover": mine is not None and not mine.may_decide}
