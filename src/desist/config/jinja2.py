"""The Jinja2 environment: GOV.UK Frontend macros, Django helpers and gettext."""

from __future__ import annotations

import functools

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, pass_environment
from markupsafe import Markup

from desist.dates import format_date
from desist.forms import choice_items, date_parts, error_summary, field_error
from desist.navigation import case_panels, case_tabs, record_panels, service_navigation
from desist.organisation.roles import role_of
from desist.words import cite, label, plain, reason, team_name


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def link(href: str, text, *, classes: str = "govuk-link") -> Markup:
    """A link for a macro's ``html`` parameter (a table cell, a summary value), with its href
    and text escaped. Building it by concatenating strings with escaped parts escapes the whole
    tag instead, and the page shows the markup."""
    return Markup('<a class="{}" href="{}">{}</a>').format(classes, href, text)


@functools.lru_cache(maxsize=512)
def _frame_part(env: Environment, template: str, language: str | None, script_prefix: str,
                navigation: tuple[tuple[str, str, bool], ...]) -> Markup:
    """One part of the page frame, rendered once per language, script prefix and navigation.

    The GOV.UK header, service navigation and footer macros were most of the layout's cost and
    came out the same on every page of a role and a section (issue 23: the frame every signed-in
    page pays). Their output depends only on these arguments: the templates read nothing else
    (no request), and their texts are translated into ``language``. At most 7 roles × 2
    languages × the sections a role's navigation marks current, so the cache stays small.
    """
    items = [{"href": href, "text": text, "active": active} for href, text, active in navigation]
    return Markup(env.get_template(template).render(navigation=items))  # noqa: S704 - rendered with autoescape


@pass_environment
def frame_header(env: Environment, request) -> Markup:
    """The header and the service navigation for this request's role and section."""
    navigation = tuple((item["href"], item["text"], item["active"])
                       for item in service_navigation(request))
    return _frame_part(env, "_frame_header.html", translation.get_language(), get_script_prefix(),
                       navigation)


@pass_environment
def frame_footer(env: Environment) -> Markup:
    return _frame_part(env, "_frame_footer.html", translation.get_language(), get_script_prefix(),
                       ())


def environment(**options) -> Environment:
    # The port's macros import each other as "govuk_frontend_jinja/…", hence the prefix mount.
    loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    env = Environment(**options)  # noqa: S701 - autoescape is set in settings.TEMPLATES
    env.install_gettext_translations(translation, newstyle=True)
    env.filters["date"] = format_date
    env.filters["cite"] = cite  # a rule's citation in words, not a file name
    env.filters["plain"] = plain  # reason text with codes named
    env.filters["reason"] = reason  # a rule's reason in the reader's language (ADR 0016)
    env.filters["label"] = label  # a registration, RoSH level or band code in words
    env.filters["team_name"] = team_name
    env.globals.update(
        {
            "static": static,
            "url": url,
            "link": link,
            "get_messages": get_messages,
            "role_of": role_of,
            "error_summary": error_summary,
            "choice_items": choice_items,
            "field_error": field_error,
            "date_parts": date_parts,
            "service_navigation": service_navigation,
            "frame_header": frame_header,
            "frame_footer": frame_footer,
            "case_tabs": case_tabs,
            "case_panels": case_panels,
            "record_panels": record_panels,
            "LANGUAGE_CODE": translation.get_language,
        }
    )
    return env
