"""What the planning pages share: access sets, the form page, the once-only guard, PDFs."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from desist.access import once as access_once
from desist.access.roles import CASE_WRITERS, PROVIDER_STAFF, Role
from desist.forms import StaleRecordError

from .. import services
from ..fields import govuk_fields

READERS = PROVIDER_STAFF
# Oversight is a manager's job (§15): the system administrator does not countersign.
COUNTERSIGNERS = frozenset({Role.MANAGER})


def _can_write(request) -> bool:
    return request.user.staff.role in CASE_WRITERS


def _form_page(request, person, form, *, heading, button, back, back_text, save, success,
               intro="", intro_items=(), can_submit=True, cannot_submit="", summary=(),
               links=(), extra=None, template="planning/form_page.html", once=""):
    """GET shows the form; a valid POST calls ``save(data)`` and redirects to ``back``.

    ``summary`` is (key, value) rows shown above the form (what is already recorded), ``links``
    is (href, text) pairs shown below it, ``extra`` more context for a page's own sections.
    ``once`` names a create form guarded by a one-time token (``access.once``): submitted twice,
    or several times at once, it creates one record and the later submissions are told so.
    """
    status = 200
    if once:
        save = _once(request, once, save)
    if request.method == "POST":
        if not can_submit:
            if not form.is_bound:  # an empty POST: bind it so it can carry the error
                form.is_bound, form.data = True, {}
            form.is_valid()  # add_error needs a cleaned form, whatever was posted
            form.add_error(None, cannot_submit)
            status = 409
        elif form.is_valid():
            try:
                save(form.cleaned_data)
            except StaleRecordError as error:
                form.add_error(None, str(error))
                status = 409
            except access_once.AlreadySubmitted:
                messages.info(request, _("This form was already submitted; it was saved once."))
                return redirect(back)
            except access_once.FormTokenError as error:
                form.add_error(None, str(error))
                status = 400
            except services.PlanningError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
                for reason in error.reasons:
                    form.add_error(None, reason.text if hasattr(reason, "text") else reason["text"])
                status = 409 if error.conflict else 400
            else:
                messages.success(request, success)
                return redirect(back)
        else:
            status = 400
    return render(request, template, {
        "person": person, "today": timezone.localdate(), "form": form,
        "fields": govuk_fields(form), "heading": heading, "button": button, "back_href": back,
        "back_text": back_text, "intro": intro, "intro_items": intro_items,
        "can_submit": can_submit, "cannot_submit": cannot_submit, "summary": summary,
        "links": links, **(extra or {}),
        "form_token": access_once.issue(request, once) if once else "",
    }, status=status)


def _once(request, purpose, save):
    """``save`` run in one transaction with the use of the form's one-time token."""

    @transaction.atomic
    def guarded(data):
        access_once.consume(request, request.POST.get("form_token"), purpose)
        return save(data)

    return guarded




def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at), timezone.get_current_timezone())


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
