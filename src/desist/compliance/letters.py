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

from django.db import connection, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from desist.audit import events
from desist.dates import format_date
from desist.pdf import html_to_pdf
from desist.rules import enforcement
from desist.worklist import services as worklist

from . import selectors
from .choices import AbsenceStatus, BreachOutcome, LetterKind, LetterStatus
from .models import Letter

log = logging.getLogger(__name__)


class Suppressed(Exception):
    pass


class Held(Exception):
    """The officer must first resolve a conflict with a flexible arrangement."""


def _local_now() -> dt.datetime:
    return timezone.localtime(timezone.now()).replace(tzinfo=None)


def _missed(absence, language: str) -> dict:
    """One missed appointment or session, as the letter states it."""
    appointment = absence.appointment
    if appointment is not None:
        return {"when": format_date(appointment.local_starts, "full_at", language=language),
                "venue": appointment.venue, "on": absence.failed_on}
    session = absence.session
    return {"when": format_date(session.session_on, "full", language=language)
            + " (" + session.referral.service + ")", "venue": None, "on": absence.failed_on}


def wording_for(letter: Letter) -> enforcement.LetterWording:
    """The rules core's verdict on what this letter may truthfully say (§10, §11)."""
    person = letter.person
    absence = letter.absence
    warned = None
    if letter.kind == LetterKind.BREACH and absence is not None:
        served = [e.on for e in selectors.history_for(person, absence.failed_on)
                  if e.kind == "warning"]
        warned = max(served) if served else None
    appointment_at = None
    if letter.kind == LetterKind.APPOINTMENT and letter.appointment is not None:
        appointment_at = timezone.localtime(letter.appointment.starts_at).replace(tzinfo=None)
    recall_decided = bool(
        letter.kind == LetterKind.RECALL and letter.action_id
        and getattr(getattr(letter.action, "breach", None), "outcome", "") == BreachOutcome.RECALLED)
    return enforcement.letter_wording(enforcement.LetterFacts(
        kind=letter.kind, sentence_type=selectors.sentence_type_of(person), now=_local_now(),
        warned_on=warned, appointment_at=appointment_at, recall_decided=recall_decided))


def office_of(person, venue=None):
    """The office whose phone number the letter carries: the person's team's office."""
    if person.team_id and person.team.venue_id:
        return person.team.venue
    return venue


def letter_context(letter: Letter, *, group: list[Letter] | None = None,
                   wording: enforcement.LetterWording | None = None) -> dict:
    person = letter.person
    language = letter.language
    appointment = letter.appointment or (letter.absence.appointment if letter.absence else None)
    absences = [lt.absence for lt in (group or [letter]) if lt.absence is not None]
    missed = [_missed(a, language) for a in sorted(absences, key=lambda a: (a.failed_on, a.pk))]
    when = missed[0]["when"] if missed else (
        format_date(appointment.local_starts, "full_at", language=language) if appointment
        else "")
    warned = None
    if wording is not None and wording.mention_warning:
        served = [e.on for e in selectors.history_for(person, letter.absence.failed_on)
                  if e.kind == "warning"]
        warned = format_date(max(served), "long", language=language) if served else None
    venue = appointment.venue if appointment else None
    return {
        "letter": letter, "person": person, "appointment": appointment,
        "absence": letter.absence, "action": letter.action,
        "officer": person.responsible_officer,
        "today": format_date(timezone.localdate(), "full", language=language),
        "when": when, "missed": missed, "wording": wording,
        "sentence": wording.sentence if wording else "none", "warned_on": warned,
        "venue": venue, "office": office_of(person, venue),
        "address": ", ".join(x for x in (person.address, person.postcode) if x),
    }


def _check_still_true(letter: Letter) -> None:
    absence = letter.absence
    if absence is not None:
        if absence.status in (AbsenceStatus.ACCEPTABLE, AbsenceStatus.COVERED):
            raise Suppressed
        if absence.status == AbsenceStatus.CONFLICT:
            raise Held
    if letter.kind == LetterKind.APPOINTMENT and letter.appointment is not None and \
            letter.appointment.outcome == "rescheduled":
        raise Suppressed  # the new appointment has its own letter


def render_letter(letter: Letter, *, group: list[Letter] | None = None) -> bytes:
    _check_still_true(letter)
    names = [f"compliance/letters/{letter.kind}.{letter.language}.html"]
    if letter.language != "en":
        names.append(f"compliance/letters/{letter.kind}.en.html")
    template = select_template(names)
    wording = wording_for(letter)
    if not wording.send:
        raise Suppressed
    with translation.override(letter.language):
        html = template.render(letter_context(letter, group=group, wording=wording))
    return html_to_pdf(html)


_RELATED = ("person__responsible_officer__user", "person__team__venue", "absence", "action",
            "appointment__venue", "absence__appointment__venue", "absence__session__referral")


def _next_pending(exclude: set[int]):
    rows = Letter.objects.filter(status=LetterStatus.PENDING).exclude(pk__in=exclude).order_by("pk")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return rows.select_related(*_RELATED).first()


def _same_day_group(letter: Letter, exclude: set[int]) -> list[Letter]:
    """The letters to send as one with ``letter`` (rules.enforcement.combine_letters), lead
    first: one letter per person per day about missed appointments."""
    if letter.kind not in enforcement.MISSED_APPOINTMENT_LETTERS:
        return [letter]
    day = timezone.localdate(letter.created_at)
    rows = (Letter.objects.filter(person_id=letter.person_id, status=LetterStatus.PENDING,
                                  kind__in=enforcement.MISSED_APPOINTMENT_LETTERS)
            .exclude(pk__in=exclude | {letter.pk}).select_related(*_RELATED))
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    siblings = [lt for lt in rows if timezone.localdate(lt.created_at) == day]
    for sibling in list(siblings):
        try:
            _check_still_true(sibling)
        except (Suppressed, Held):
            siblings.remove(sibling)  # dealt with on its own turn
    if not siblings:
        return [letter]
    by_id = {lt.pk: lt for lt in [letter, *siblings]}
    groups = enforcement.combine_letters(
        enforcement.PendingLetter(lt.pk, lt.person_id, lt.kind, day,
                                  lt.absence.failed_on if lt.absence else None)
        for lt in by_id.values())
    group = next(g for g in groups if letter.pk == g.lead or letter.pk in g.combined)
    return [by_id[group.lead], *(by_id[pk] for pk in group.combined)]


def _served(letter: Letter, *, status: str, lead: Letter | None = None) -> None:
    """Mark the letter sent (alone, or inside ``lead``), and the warning it carries as given."""
    now = timezone.now()
    letter.status = status
    letter.produced_at = now
    letter.error = ""
    letter.combined_into = lead
    letter.save(update_fields=["status", "produced_at", "error", "combined_into", "pdf",
                               "attempts"])
    events.letter_changed(user="desist letters", letter=letter, change=status)
    if letter.action_id and letter.action.kind == "warning":
        type(letter.action).objects.filter(pk=letter.action_id, done_on__isnull=True) \
            .update(done_on=timezone.localdate())
        worklist.close_open(provider_id=letter.provider_id,
                            key=f"enforcement:{letter.action_id}",
                            outcome=_("Warning letter produced."))
    worklist.close_open(provider_id=letter.provider_id, key=f"letter_failed:{letter.pk}",
                        outcome=_("Letter produced."))


def produce_letters(*, limit: int | None = None,
                    after_render: Callable[[Letter], None] | None = None) -> dict:
    """Produce every pending letter once. ``after_render`` runs inside each letter's transaction
    after rendering and before saving (the interruption test stops the job there)."""
    done = {"produced": 0, "suppressed": 0, "failed": 0}
    tried: set[int] = set()
    while limit is None or sum(done.values()) < limit:
        with transaction.atomic():
            first = _next_pending(tried)
            if first is None:
                break
            tried.add(first.pk)
            try:
                _check_still_true(first)
                group = _same_day_group(first, tried)
                letter = group[0]
                tried.update(lt.pk for lt in group)
                pdf = render_letter(letter, group=group)
            except Held:
                first.status = LetterStatus.HELD
                first.save(update_fields=["status"])
                events.letter_changed(user="desist letters", letter=first, change="held")
                continue
            except Suppressed:
                first.status = LetterStatus.SUPPRESSED
                first.save(update_fields=["status"])
                events.letter_changed(user="desist letters", letter=first, change="suppressed")
                done["suppressed"] += 1
                continue
            except Exception as error:  # noqa: BLE001 - any rendering fault leaves it pending
                log.warning("Letter %s could not be produced: %s", first.pk, error)
                first.error = f"{type(error).__name__}: {error}"[:2000]
                first.attempts += 1
                first.save(update_fields=["error", "attempts"])
                events.letter_changed(user="desist letters", letter=first, change="failed")
                worklist.raise_task(
                    provider_id=first.provider_id, person=first.person, kind="letter_failed",
                    key=f"letter_failed:{first.pk}", due_on=timezone.localdate(),
                    title=_("%(kind)s for %(name)s could not be produced") % {
                        "kind": first.get_kind_display(), "name": first.person.name},
                    detail=first.error, data={"letter": first.pk})
                done["failed"] += 1
                continue
            if after_render is not None:
                after_render(letter)
            letter.pdf = pdf
            letter.attempts += 1
            _served(letter, status=LetterStatus.PRODUCED)
            for other in group[1:]:
                _served(other, status=LetterStatus.COMBINED, lead=letter)
            done["produced"] += 1
    return done


def breach_report_pdf(breach, *, today: dt.date | None = None) -> bytes:
    """The breach report, generated from the record (§11)."""
    person = breach.person
    today = today or timezone.localdate()
    context = {
        "breach": breach, "person": person, "today": format_date(today, "full"),
        **selectors.compliance_record(person, today),
        **selectors.breach_report_extras(person),
    }
    try:
        template = get_template("compliance/breach_report.html")
    except TemplateDoesNotExist:  # pragma: no cover - shipped with the app
        raise
    return html_to_pdf(template.render(context))
