"""One write path for pages (ADR 0006): form → service → success message, or the refusal on the form.

A page that writes validates its form, calls one service, and then either says what was done
(a success message and a redirect) or shows why not: every :class:`desist.errors.Refused` (and a
rules-core :class:`RuleInputError`) goes into the GOV.UK error summary against its field, with
status 400, or 409 when the record's state forbids the write (``conflict``: a stale version, an
absence already decided). Views never catch a context's own refusal class and never read the
message to guess the field: the service says which field with ``field=`` / ``problems=``.

    response, status = submit(request, form, lambda data: services.thing_do(acting_user=…, **data),
                              success=_("Done"), redirect_to=("app:page", {"pk": pk}))
    if response:
        return response
    return render(request, "app/page.html", {"form": form}, status=status)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.shortcuts import redirect

from desist.errors import Refused
from desist.rules.errors import RuleInputError


def show_refusal(form, refused: Refused | RuleInputError, *,
                 field_map: Mapping[str, str] | None = None, default_field: str | None = None) -> int:
    """Put a refusal's messages on ``form`` (each against its field, else in the summary) and
    return the page's status: 409 for a conflict, else 400. ``field_map`` renames the service's
    fields to the form's; ``default_field`` takes a named field the form does not have."""
    if isinstance(refused, RuleInputError):
        errors, status = {refused.field: [refused.message]}, 400
    else:
        errors, status = refused.field_errors(), refused.status
    for name, texts in errors.items():
        name = (field_map or {}).get(name, name)
        if name not in form.fields:
            named = name != "non_field_errors"
            name = default_field if named and default_field in form.fields else None
        for text in texts:
            form.add_error(name, text)
    return status


def submit(request, form, write: Callable[[dict[str, Any]], Any], *,
           success: str | Callable[[Any], str],
           redirect_to: str | tuple[str, Mapping[str, Any]] | Callable[[Any], Any],
           field_map: Mapping[str, str] | None = None,
           default_field: str | None = None) -> tuple[Any, int]:
    """Validate ``form``, call ``write(cleaned_data)`` and answer.

    Returns ``(response, status)``: on success ``response`` is the redirect (after the success
    message, which may be built from what ``write`` returned); otherwise it is ``None`` and
    ``status`` is 400 (invalid input or a refusal) or 409 (a conflict) for the re-rendered page.
    """
    if not form.is_valid():
        return None, 400
    try:
        result = write(form.cleaned_data)
    except (Refused, RuleInputError) as refused:
        return None, show_refusal(form, refused, field_map=field_map, default_field=default_field)
    messages.success(request, success(result) if callable(success) else success)
    if callable(redirect_to):
        return redirect_to(result), 200
    if isinstance(redirect_to, tuple):
        name, kwargs = redirect_to
        return redirect(name, **kwargs), 200
    return redirect(redirect_to), 200
