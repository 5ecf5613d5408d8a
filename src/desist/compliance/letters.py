"""Producing letters as PDF: idempotent and interrupt-safe.

``produce_letters`` takes one pending letter at a time in its own transaction (locked with
SKIP LOCKED on PostgreSQL, so two workers never take the same one), renders it and commits. An
interrupted run leaves the letter pending; the next run produces it once. A letter that fails to
render stays pending with the error shown on the hub queue and a ``letter_failed`` task; it is
never dropped. A letter about an absence that has since been decided acceptable, or that an
arrangement covers, is suppressed instead of produced.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import weasyprint
from django.db import connection, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from desist.audit import events
from desist.dates import format_date
from desist.worklist import services as worklist

from . import services
from .choices import AbsenceStatus, LetterStatus
from .models import Letter

log = logging.getLogger(__name__)


class Suppressed(Exception):
    pass


def letter_context(letter: Letter) -> dict:
    person = letter.person
    appointment = letter.appointment or (letter.absence.appointment if letter.absence else None)
    officer = person.responsible_officer
    session = letter.absence.session if letter.absence and letter.absence.session_id else None
    when = format_date(appointment.local_starts, "full_at") if appointment else (
        format_date(session.session_on, "full") + " (" + session.referral.service + ")"
        if session else "")
    return {
        "letter": letter, "person": person, "appointment": appointment,
        "absence": letter.absence, "action": letter.action, "officer": officer,
        "today": format_date(timezone.localdate(), "full"),
        "when": when,
        "venue": appointment.venue if appointment else None,
        "address": ", ".join(x for x in (person.address, person.postcode) if x),
    }


def render_letter(letter: Letter) -> bytes:
    absence = letter.absence
    if absence is not None:
        if absence.status in (AbsenceStatus.ACCEPTABLE, AbsenceStatus.COVERED):
            raise Suppressed
        if services.arrangement_covering(letter.person, absence.failed_on) is not None:
            raise Suppressed
    if letter.kind == "appointment" and letter.appointment is not None and \
            letter.appointment.outcome == "rescheduled":
        raise Suppressed  # the new appointment has its own letter
    names = [f"compliance/letters/{letter.kind}.{letter.language}.html"]
    if letter.language != "en":
        names.append(f"compliance/letters/{letter.kind}.en.html")
    template = select_template(names)
    with translation.override(letter.language):
        html = template.render(letter_context(letter))
    return weasyprint.HTML(string=html).write_pdf()


def _next_pending(exclude: set[int]):
    rows = Letter.objects.filter(status=LetterStatus.PENDING).exclude(pk__in=exclude).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return rows.select_related("person__responsible_officer__user", "absence", "action",
                               "appointment__venue", "absence__appointment__venue").first()


def produce_letters(*, limit: int | None = None,
                    after_render: Callable[[Letter], None] | None = None) -> dict:
    """Produce every pending letter once. ``after_render`` runs inside each letter's transaction
    after rendering and before saving (the interruption test stops the job there)."""
    done = {"produced": 0, "suppressed": 0, "failed": 0}
    tried: set[int] = set()
    while limit is None or sum(done.values()) < limit:
        with transaction.atomic():
            letter = _next_pending(tried)
            if letter is None:
                break
            tried.add(letter.pk)
            try:
                pdf = render_letter(letter)
            except Suppressed:
                letter.status = LetterStatus.SUPPRESSED
                letter.save(update_fields=["status"])
                events.letter_changed(user="desist letters", letter=letter, change="suppressed")
                done["suppressed"] += 1
                continue
            except Exception as error:  # noqa: BLE001 - any rendering fault leaves it pending
                log.warning("Letter %s could not be produced: %s", letter.pk, error)
                letter.error = f"{type(error).__name__}: {error}"[:2000]
                letter.attempts += 1
                letter.save(update_fields=["error", "attempts"])
                events.letter_changed(user="desist letters", letter=letter, change="failed")
                worklist.raise_task(
                    provider_id=letter.provider_id, person=letter.person, kind="letter_failed",
                    key=f"letter_failed:{letter.pk}", due_on=timezone.localdate(),
                    title=_("%(kind)s for %(name)s could not be produced") % {
                        "kind": letter.get_kind_display(), "name": letter.person.name},
                    detail=letter.error, data={"letter": letter.pk})
                done["failed"] += 1
                continue
            if after_render is not None:
                after_render(letter)
            letter.pdf = pdf
            letter.status = LetterStatus.PRODUCED
            letter.error = ""
            letter.attempts += 1
            letter.produced_at = timezone.now()
            letter.save(update_fields=["pdf", "status", "error", "attempts", "produced_at"])
            events.letter_changed(user="desist letters", letter=letter, change="produced")
            if letter.action_id and letter.action.kind == "warning":
                type(letter.action).objects.filter(pk=letter.action_id, done_on__isnull=True) \
                    .update(done_on=timezone.localdate())
                worklist.close_open(provider_id=letter.provider_id,
                                    key=f"enforcement:{letter.action_id}",
                                    outcome=_("Warning letter produced."))
            worklist.close_open(provider_id=letter.provider_id, key=f"letter_failed:{letter.pk}",
                                outcome=_("Letter produced."))
            done["produced"] += 1
    return done


def breach_report_pdf(breach, *, today: dt.date | None = None) -> bytes:
    """The breach report, generated from the record (§11)."""
    from . import selectors

    person = breach.person
    today = today or timezone.localdate()
    context = {
        "breach": breach, "person": person, "today": format_date(today, "full"),
        **selectors.compliance_record(person, today),
    }
    try:
        template = get_template("compliance/breach_report.html")
    except TemplateDoesNotExist:  # pragma: no cover - shipped with the app
        raise
    return weasyprint.HTML(string=template.render(context)).write_pdf()
