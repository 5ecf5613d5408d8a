"""One-time form tokens: a create form submitted twice (or three times at once) creates once.

The page that shows a create form embeds ``issue(request, purpose)``; the POST handler calls
``consume(request, token, purpose)`` inside the same transaction as the create. The token is
signed (user, purpose, a random part) and its digest is inserted into ``SubmittedForm``, whose
unique index makes the database the referee: of concurrent submissions one inserts, the others
wait for it and then fail on the index, and are told the form was already submitted. If the
create fails validation, the transaction rolls back and the token can be used again.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing
from django.db import IntegrityError, transaction

from .models import SubmittedForm

SALT = "desist.access.once"
MAX_AGE_SECONDS = 24 * 60 * 60


class FormTokenError(Exception):
    """The form has no valid token (too old, for another form or user, or tampered with)."""


class AlreadySubmitted(Exception):
    """This form was already submitted; nothing more was created."""


def issue(request, purpose: str) -> str:
    return signing.dumps({"u": request.user.pk, "p": purpose, "n": secrets.token_urlsafe(12)},
                         salt=SALT, compress=True)


def consume(request, token: str | None, purpose: str) -> None:
    """Use the token once; call inside the transaction that creates the record."""
    try:
        value = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature as error:
        raise FormTokenError("This form has expired. Open it again and resubmit.") from error
    if value.get("u") != request.user.pk or value.get("p") != purpose:
        raise FormTokenError("This form has expired. Open it again and resubmit.")
    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(digest=digest, user=request.user, purpose=purpose)
    except IntegrityError as error:
        raise AlreadySubmitted from error
