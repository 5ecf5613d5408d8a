"""Where things are linked from: the service navigation, and the tabs and panels of a case.

Each app registers its own entries in ``AppConfig.ready()``, so adding a feature does not mean
editing the layout or the overview template. Entries are shown only to the roles they name;
the view's own ``@allow`` rule still decides access.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import get_script_prefix, reverse

from desist.organisation.roles import Role, role_of


@dataclass(frozen=True)
class Link:
    url_name: str
    label: object  # lazy string
    roles: frozenset[Role]
    order: int = 50
    # For service navigation: the path prefix that marks the link as current.
    prefix: str = ""


@dataclass(frozen=True)
class Panel:
    """A section of the case overview: ``context(request, person, today)`` → template context,
    or None to leave the panel out for this case."""

    template: str
    context: Callable
    roles: frozenset[Role]
    order: int = 50


@dataclass(frozen=True)
class RecordPanel:
    """A section of one record's page (e.g. a breach): ``context(request, obj)`` → template
    context, or None to leave it out."""

    kind: str
    template: str
    context: Callable
    roles: frozenset[Role]
    order: int = 50


@dataclass(frozen=True)
class TimelineSource:
    """Entries another app adds to a case's timeline (e.g. management oversight on the
    compliance timeline): ``entries(person)`` → [(date, kind, text, obj)]; an ``obj`` with
    ``get_absolute_url`` is shown as a link."""

    timeline: str
    entries: Callable
    roles: frozenset[Role]


@dataclass
class _Registry:
    service: list[Link] = field(default_factory=list)
    case_tabs: list[Link] = field(default_factory=list)
    case_panels: list[Panel] = field(default_factory=list)
    record_panels: list[RecordPanel] = field(default_factory=list)
    timelines: list[TimelineSource] = field(default_factory=list)


REGISTRY = _Registry()


def add_service_link(url_name: str, label, roles: Iterable[Role], *, prefix: str, order: int = 50):
    REGISTRY.service.append(Link(url_name, label, frozenset(roles), order, prefix))
    REGISTRY.service.sort(key=lambda link: link.order)


def add_case_tab(url_name: str, label, roles: Iterable[Role], *, order: int = 50):
    REGISTRY.case_tabs.append(Link(url_name, label, frozenset(roles), order))
    REGISTRY.case_tabs.sort(key=lambda link: link.order)


def add_case_panel(template: str, context: Callable, roles: Iterable[Role], *, order: int = 50):
    REGISTRY.case_panels.append(Panel(template, context, frozenset(roles), order))
    REGISTRY.case_panels.sort(key=lambda panel: panel.order)


def add_record_panel(kind: str, template: str, context: Callable, roles: Iterable[Role], *,
                     order: int = 50):
    REGISTRY.record_panels.append(RecordPanel(kind, template, context, frozenset(roles), order))
    REGISTRY.record_panels.sort(key=lambda panel: panel.order)


def add_timeline_source(timeline: str, entries: Callable, roles: Iterable[Role]):
    REGISTRY.timelines.append(TimelineSource(timeline, entries, frozenset(roles)))


@functools.cache
def _service_href(url_name: str, script_prefix: str) -> str:
    """A navigation link's address: the same on every page, so worked out once (issue 23), per
    script prefix (the one thing besides the URL configuration that changes it)."""
    return reverse(url_name)


def service_navigation(request) -> list[dict]:
    role = role_of(request.user)
    if role is None:
        return []
    prefix = get_script_prefix()
    return [
        {"href": _service_href(link.url_name, prefix), "text": str(link.label),
         "active": request.path.startswith(link.prefix)}
        for link in REGISTRY.service if role in link.roles
    ]


def case_tabs(request, crn: str) -> list[dict]:
    role = role_of(request.user)
    items = []
    for link in REGISTRY.case_tabs:
        if role in link.roles:
            href = reverse(link.url_name, kwargs={"crn": crn})
            items.append({"href": href, "text": str(link.label), "active": request.path == href})
    return items


def case_panels(request, person, today) -> list[dict]:
    """The panels for this case, each as {"template", "context"}."""
    role = role_of(request.user)
    shown = []
    for panel in REGISTRY.case_panels:
        if role in panel.roles:
            context = panel.context(request, person, today)
            if context is not None:
                shown.append({"template": panel.template, "context": context})
    return shown


def record_panels(request, kind: str, obj) -> list[dict]:
    """The panels other apps add to the page of one ``kind`` of record, each as
    {"template", "context"}."""
    role = role_of(request.user)
    shown = []
    for panel in REGISTRY.record_panels:
        if panel.kind == kind and role in panel.roles:
            context = panel.context(request, obj)
            if context is not None:
                shown.append({"template": panel.template, "context": context})
    return shown


def timeline_entries(request, timeline: str, person) -> list[tuple]:
    """What other apps add to ``timeline`` for this case, for the user's role."""
    role = role_of(request.user)
    entries: list[tuple] = []
    for source in REGISTRY.timelines:
        if source.timeline == timeline and role in source.roles:
            entries.extend(source.entries(person))
    return entries
