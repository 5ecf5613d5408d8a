"""Writes for the instrument and readings. Each service owns its transaction and audit event."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from desist.audit import events
from desist.errors import Refused
from desist.locking import check_version
from desist.rules import selfassessment as rules
from desist.rules.errors import RuleInputError
from desist.worklist.services import raise_task

from .models import Instrument, Reading

# A drawn signature is stored as SVG path data: moves and lines with numbers only, so nothing
# a browser could run is ever stored or served back.
SIGNATURE_PATH = re.compile(r"^(?:[ML] ?-?\d{1,4}(?:\.\d{1,2})? -?\d{1,4}(?:\.\d{1,2})? ?)+$")
MAX_SIGNATURE = 60_000


class ReadingError(Refused):
    """A reading cannot move on; ``message`` says why in words the officer understands."""

    default_code = "reading_refused"

    def __init__(self, message: str, field: str | None = None, **kwargs):
        super().__init__(message, field=field, **kwargs)


def active_instrument(provider) -> Instrument:
    """The provider's active instrument; Desist's default is installed the first time."""
    instrument = Instrument.objects.filter(provider=provider, active=True).first()
    if instrument is not None:
        return instrument
    with transaction.atomic():
        Instrument.objects.select_for_update().filter(provider=provider).exists()
        instrument = Instrument.objects.filter(provider=provider, active=True).first()
        if instrument is None:
            latest = Instrument.objects.filter(provider=provider).aggregate(v=Max("version"))["v"]
            instrument = Instrument.objects.create(
                provider=provider, name=rules.DEFAULT_INSTRUMENT.name, version=(latest or 0) + 1,
                definition=rules.DEFAULT_INSTRUMENT.as_dict(), active=True,
            )
            events.instrument_saved(user="desist", instrument=instrument)
    return instrument


@transaction.atomic
def save_instrument(*, acting_user, provider, definition: dict, activate: bool,
                    request=None) -> Instrument:
    """Save a new version (raises RuleInputError when the definition is not usable)."""
    spec = rules.load_instrument(definition)
    Instrument.objects.select_for_update().filter(provider=provider).exists()
    latest = Instrument.objects.filter(provider=provider).aggregate(v=Max("version"))["v"] or 0
    if activate:
        Instrument.objects.filter(provider=provider, active=True).update(active=False)
    instrument = Instrument.objects.create(
        provider=provider, name=spec.name, version=latest + 1, definition=spec.as_dict(),
        active=activate, created_by=acting_user,
    )
    events.instrument_saved(user=acting_user, instrument=instrument, request=request)
    return instrument


@transaction.atomic
def activate_instrument(*, acting_user, instrument: Instrument, request=None) -> Instrument:
    Instrument.objects.select_for_update().filter(provider_id=instrument.provider_id).update(
        active=False
    )
    Instrument.objects.filter(pk=instrument.pk).update(active=True)
    instrument.refresh_from_db()
    events.instrument_activated(user=acting_user, instrument=instrument, request=request)
    return instrument


@transaction.atomic
def save_reading(*, acting_user, person, taken_on: dt.date, scores: dict, comments: dict,
                 reading: Reading | None = None, expected_version: int | None = None,
                 request=None) -> Reading:
    """Create or update a draft reading. Whatever is filled in is kept: nothing is lost."""
    if taken_on > timezone.localdate():
        raise ReadingError("The date of the reading cannot be in the future.", "taken_on")
    created = reading is None
    if reading is None:
        reading = Reading(person=person, instrument=active_instrument(person.provider),
                          recorded_by=acting_user.staff)
    else:
        reading = Reading.objects.select_for_update().get(pk=reading.pk)
        if reading.status != Reading.Status.DRAFT:
            raise ReadingError("This reading has been approved and can no longer be changed.")
        check_version(reading, expected_version)
        reading.version += 1
    spec = reading.instrument.spec
    reading.scores = rules.check_scores(spec, scores)
    reading.comments = {k: v.strip()[:500] for k, v in comments.items()
                        if spec.area(k) and v and v.strip()}
    reading.taken_on = taken_on
    if not created and reading.is_signed:
        # The person signed what they saw: changing the scores needs a fresh signature.
        reading.signature_method, reading.signature_svg = "", ""
        reading.signed_name, reading.signed_at = "", None
    reading.save()
    events.reading_saved(user=acting_user, reading=reading, created=created, request=request)
    return reading


@transaction.atomic
def sign_reading(*, acting_user, reading: Reading, method: str, svg_path: str = "",
                 name: str = "", expected_version: int | None = None,
                 request=None) -> Reading:
    """Store the person's signature with the reading. Bad signature data leaves it unsigned.

    The person signs the scores they were shown (§6): ``expected_version`` is the version on
    the signing page, and a reading changed since then is refused rather than signed.
    """
    reading = Reading.objects.select_for_update().get(pk=reading.pk)
    if reading.status != Reading.Status.DRAFT:
        raise ReadingError("This reading has already been approved.")
    check_version(reading, expected_version, message="The scores have changed since this page "
                  "was shown. Show the person the scores again before they sign.")
    if reading.missing:
        raise ReadingError("Score every area before the person signs: "
                           + ", ".join(a.title for a in reading.missing) + ".")
    if method == Reading.SignatureMethod.DRAWN:
        path = " ".join(svg_path.split())
        if not path or len(path) > MAX_SIGNATURE or not SIGNATURE_PATH.match(path):
            raise ReadingError("The signature could not be captured. Ask the person to sign "
                               "again, or type their name and tick the confirmation.", "signature")
        reading.signature_svg, reading.signed_name = path, name.strip()[:200]
    elif method == Reading.SignatureMethod.TYPED:
        if not name.strip():
            raise ReadingError("Enter the person's full name as their signature.", "signed_name")
        reading.signature_svg, reading.signed_name = "", name.strip()[:200]
    else:
        raise ReadingError("Choose how the person signs.", "method")
    reading.signature_method = method
    reading.signed_at = timezone.now()
    reading.version += 1
    reading.save()
    events.reading_signed(user=acting_user, reading=reading, request=request)
    return reading


def previous_reading(reading: Reading) -> Reading | None:
    return (
        Reading.objects.filter(person_id=reading.person_id, status=Reading.Status.APPROVED)
        .exclude(pk=reading.pk)
        .filter(taken_on__lte=reading.taken_on)
        .order_by("-taken_on", "-approved_at")
        .first()
    )


@transaction.atomic
def approve_reading(*, acting_user, reading: Reading, unsigned_reason: str = "",
                    today: dt.date | None = None, request=None) -> tuple[Reading, rules.Comparison]:
    """The worker approves a complete reading; falling areas raise a review task (§6)."""
    reading = Reading.objects.select_for_update().select_related("person", "instrument").get(
        pk=reading.pk
    )
    if reading.status != Reading.Status.DRAFT:
        raise ReadingError("This reading has already been approved.")
    spec = reading.instrument.spec
    missing = rules.missing_areas(spec, reading.scores)
    if missing:
        raise ReadingError(
            "This reading cannot be approved until every area is scored. Not yet scored: "
            + ", ".join(a.title for a in missing) + "."
        )
    if not reading.is_signed and not unsigned_reason.strip():
        raise ReadingError("The person has not signed this reading. Say why it is being "
                           "approved without their signature.", "unsigned_reason")
    reading.unsigned_reason = "" if reading.is_signed else unsigned_reason.strip()[:300]
    reading.status = Reading.Status.APPROVED
    reading.approved_by = acting_user.staff
    reading.approved_at = timezone.now()
    reading.version += 1
    reading.save()
    before = previous_reading(reading)
    comparison = rules.compare(spec, before.scores if before else None, reading.scores)
    falling = comparison.falling
    if falling:
        today = today or timezone.localdate()
        raise_task(
            provider_id=reading.person.provider_id, person=reading.person, kind="reading_review",
            key=f"reading_review:{reading.person.crn}:{reading.pk}",
            title=f"Review falling self-assessment areas: {', '.join(c.title for c in falling)}",
            detail=" ".join(r.text for r in comparison.reasons if r.code == "s6_area_falling"),
            due_on=today + dt.timedelta(days=14), actor=acting_user,
            data={"reading": reading.pk, "areas": [c.code for c in falling]},
        )
    events.reading_approved(user=acting_user, reading=reading,
                            falling=[c.code for c in falling], request=request)
    # The approved reading is the tier's assessment of needs (tiering.md, Change level).
    from desist.tiering.services import tier_refresh

    tier_refresh(reading.person, event="assessment", actor=acting_user)
    return reading, comparison


def parse_definition(text: str) -> dict:
    """JSON text from the administrator's form, as a definition (RuleInputError if unusable)."""
    import json

    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise RuleInputError("definition", f"is not valid JSON (line {error.lineno}, column "
                             f"{error.colno}: {error.msg})") from error
    rules.load_instrument(value)
    return value
