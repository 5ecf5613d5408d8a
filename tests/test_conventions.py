"""Conventions the build enforces (DESIGN §2)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "desist"


def test_views_and_api_fetch_cases_only_through_access_selectors():
    offenders = []
    for path in [*SRC.glob("*/views.py"), *SRC.glob("*/api.py")]:
        if re.search(r"\bPerson\.objects\b|type\(\w+\)\.(objects|_default_manager)", path.read_text()):
            offenders.append(str(path.relative_to(SRC)))
    assert not offenders, f"Use desist.access.selectors instead of Person.objects in {offenders}"
