"""Structured logs: one JSON object a line, with the request id and the user id, never a CRN.

The request currently being served is kept in a context variable by
``desist.config.middleware.RequestContextMiddleware``; the filter copies its id and the signed-in
user's id onto every record. Messages pass through ``redact`` so a CRN (a person's identifier)
written into a log message by any code, ours or a library's, is masked before it leaves the process.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re

current_request: contextvars.ContextVar = contextvars.ContextVar("desist_request", default=None)
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("desist_request_id",
                                                                        default="")

# A CRN is one letter and six digits (A123456); also masked inside paths (/cases/A123456/).
CRN_PATTERN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]\d{6}(?![0-9])")
REDACTED = "[CRN]"


def redact(text: str) -> str:
    return CRN_PATTERN.sub(REDACTED, text)


def _user_id(request) -> int | None:
    user = getattr(request, "_cached_user", None) or getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except Exception:  # noqa: BLE001 - a log line must never fail because the session did
        return None


class ContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user_id`` to each record and masks CRNs in its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        request = current_request.get()
        record.user_id = _user_id(request) if request is not None else None
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for the log shipper."""

    EXTRA = ("method", "route", "status", "duration_ms", "event")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": getattr(record, "request_id", ""),
            "user_id": getattr(record, "user_id", None),
        }
        for key in self.EXTRA:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)
