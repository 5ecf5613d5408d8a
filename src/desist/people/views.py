"""Caseload list, case overview and personal details."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from desist.access.rules import allow
from desist.audit import events
from desist.forms import StaleRecordError
from desist.organisation.roles import ALL_ROLES, CASE_WRITERS
from desist.paging import CappedPaginator, page_links
from desist.scopes import people as scoped
from desist.scopes.cases import case_for
from desist.sentences.choices import SentenceType

from . import selectors, services
from .forms import CaseloadFilterForm, PersonalDetailsForm
from .risk import risk_picture

PAGE_SIZE = 25


@allow(read=ALL_ROLES)
@require_http_methods(["GET"])
def caseload(request):
    form = CaseloadFilterForm(request.GET or None)
    # Each valid filter applies; an invalid one is ignored — except the search, which is
    # refused with its message: dropping it would list the whole caseload as if it matched.
    form.is_valid()  # cleaned_data then holds just the fields that are valid
    data = form.cleaned_data if form.is_bound else {}
    search_refused = form.is_bound and "q" in form.errors
    staff = request.user.staff
    # A search looks across every case the user may see unless they chose a scope (item 11).
    default_scope = "all" if data.get("q") else "mine" if staff.caseload.exists() else "all"
    query = selectors.CaseloadQuery(
        search=data.get("q") or "",
        scope=data.get("scope") or default_scope,
        band=data.get("band") or "",
        rosh=data.get("rosh") or "",
        sort=data.get("sort") or "name",
        descending=data.get("order") == "desc",
    )
    cases = scoped.caseload(request.user, query)
    if search_refused:
        cases = cases.none()
    paginator = CappedPaginator(cases, PAGE_SIZE)
    page = paginator.get_page(data.get("page") or 1)
    if not search_refused:  # nothing was listed, so nothing was consulted
        events.caseload_listed(
            user=request.user, crns=[p.crn for p in page.object_list], request=request,
            query={"q": query.search, "scope": query.scope, "band": query.band,
                   "rosh": query.rosh, "page": page.number},
        )
    return render(request, "people/caseload.html", {
        "filter_form": form, "query": query, "page": page, "paginator": paginator,
        "search_error": form.errors["q"][0] if search_refused else "",
        "form": form if search_refused else None,  # the error summary
        "search_value": request.GET.get("q", "") if search_refused else query.search,
        "sort_links": _sort_links(request, query), "page_links": page_links(request, page),
        "sentence_labels": dict(SentenceType.choices), "today": timezone.localdate(),
        "policy": _policy(staff.provider_id),
    }, status=400 if search_refused else 200)


def _policy(provider_id: int):
    """The provider's prioritisation policy: the caseload shows the tier, the band or both."""
    from desist.tiering.selectors import policy_for

    return policy_for(provider_id)


def _with(request, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}"


def _sort_links(request, query) -> dict:
    links = {}
    for key in selectors.SORTS:
        current = query.sort == key
        order = "desc" if current and not query.descending else "asc"
        links[key] = {"href": _with(request, sort=key, order=order, page=None), "current": current}
    return links


@allow(read=ALL_ROLES)
@require_http_methods(["GET"])
def overview(request, crn: str):
    person = case_for(request.user, crn, request=request, page="overview")
    sentences, registrations = selectors.case_overview(person)
    today = timezone.localdate()
    return render(request, "people/overview.html", {
        "person": person, "sentences": sentences, "registrations": registrations,
        "risk": risk_picture(person, sentences, registrations, today), "today": today,
        "can_edit": request.user.staff.role in CASE_WRITERS,
    })


@allow(read=CASE_WRITERS, write=CASE_WRITERS)
@require_http_methods(["GET", "POST"])
def edit_details(request, crn: str):
    person = case_for(request.user, crn, request=request, page="edit-details")
    initial = {name: getattr(person, name) for name in services.EDITABLE_DETAILS}
    initial["version"] = person.version
    form = PersonalDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = getattr(form, "cleaned_data", {}) if form.is_bound else {}
            try:
                services.person_update_details(
                    acting_user=request.user, person=person, expected_version=data["version"],
                    changes={k: v for k, v in data.items() if k != "version"}, request=request,
                )
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Personal details saved"))
                return redirect("people:overview", crn=person.crn)
        else:
            status = 400
    return render(request, "people/edit_details.html",
                  {"person": person, "form": form}, status=status)
