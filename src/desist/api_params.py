"""What the JSON API accepts in its paths and query strings, validated in one place.

Ids in paths are ASCII digits only: ``str.isdigit()`` also accepts "²" and "٣", which then break
``int()``. Query filters are declared as small serializers: the view reads only validated values,
the schema documents exactly those parameters, and the audit event stores only validated,
printable values (PostgreSQL refuses a NUL byte in JSON, so a raw query string there was a 500).
"""

from __future__ import annotations

import re

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

ID_PATTERN = "[0-9]{1,18}"
"""A database id in a path: ASCII digits only (``[0-9]``, never ``\\d``, which is Unicode)."""

CRN_PATTERN = "[A-Za-z0-9]{1,10}"
_ID = re.compile(rf"^{ID_PATTERN}$")

CRN = OpenApiParameter("crn", str, OpenApiParameter.PATH, pattern=f"^{CRN_PATTERN}$",
                       description="Case reference number, for example X123456.",
                       examples=[OpenApiExample("A CRN", value="X123456")])


def parse_id(value) -> int | None:
    """``value`` as an id if it is 1–18 ASCII digits, else None (pages and API alike)."""
    text = str(value)
    return int(text) if _ID.match(text) else None


def ascii_id(value, *, what: str = "record") -> int:
    """``value`` as an id, or the API's 404 when it is not ASCII digits."""
    pk = parse_id(value)
    if pk is None:
        raise NotFound(f"No such {what}.")
    return pk


class Filters(serializers.Serializer):
    """Base for a list endpoint's query filters: unknown parameters are ignored, bad ones are 400.

    ``page`` is read by the paginator; it is declared here so the schema documents it.
    """

    page = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False,
                                    help_text="Page number (pages of 50).")

    @classmethod
    def read(cls, request) -> dict:
        """The validated filters of this request (a 400 with field detail if any is bad)."""
        known = {name: request.query_params.get(name) for name in cls().fields
                 if name in request.query_params}
        filters = cls(data=known)
        filters.is_valid(raise_exception=True)
        return dict(filters.validated_data)

    @staticmethod
    def audited(label: str, values: dict) -> dict:
        """What the audit event records of a listing: the endpoint and its validated filters."""
        return {"api": label, **{k: str(v) for k, v in values.items() if v not in ("", None)}}


class CrnField(serializers.RegexField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {"invalid": "Enter a CRN: letters and digits only."})
        super().__init__(regex=rf"^{CRN_PATTERN}$", **kwargs)


class IdField(serializers.IntegerField):
    """An id in a request body or query string (positive, fits a bigint)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


@extend_schema_field({"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$",
                      "example": "09:00:00", "nullable": True})
class LocalTimeField(serializers.TimeField):
    """A time of day in UK local time ("09:00:00"). OpenAPI's ``format: time`` means an RFC 3339
    time with a UTC offset, which these are not, so the schema gives the pattern instead."""
