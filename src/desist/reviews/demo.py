"""Demo showcase cases (filled in below)."""

from __future__ import annotations


def seed(ctx) -> dict:
    return {}
