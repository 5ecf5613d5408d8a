"""Management oversight coverage, counted in the database rather than in Python (issue 23), gives
the same figures, rows and order as before, for every role and window.

The old computation (``_old_coverage``, kept here to compare with) read every high-risk case
into Python once per table: 16,000 rows twice a request at 300,000 people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.db.models import Exists, OuterRef
from django.utils import timezone

from desist.organisation.roles import Role
from desist.oversight.models import OversightRecord
from desist.people.models import CaseAccessEntry, Person
from desist.scopes import oversight as selectors
from desist.scopes.cases import visible_rows

from .. import factories as f
from ..conftest import make_staff


def _old_coverage(user, *, weeks: int, today: dt.date, by: str) -> list[dict]:
    since = today - dt.timedelta(weeks=weeks)
    recent = OversightRecord.objects.filter(person=OuterRef("pk"), recorded_on__gt=since,
                                            recorded_on__lte=today)
    people = visible_rows(user, Person.objects.filter(active=True, rosh__in=("high", "very_high")),
                          via="").annotate(overseen=Exists(recent))
    fields = ("team_id", "team__name") if by == "team" else ("responsible_officer__grade",
                                                              "responsible_officer__grade")
    tally: dict[str, list] = defaultdict(lambda: ["", 0, 0])
    for key, name, overseen in people.values_list(*fields, "overseen"):
        row = tally[str(key) if key not in (None, "") else selectors.NONE]
        row[0] = name or ""
        row[1] += 1
        row[2] += overseen
    return [{"key": key, "name": name, "cases": n, "overseen": k,
             "percent": round(100 * k / n) if n else None}
            for key, (name, n, k) in sorted(tally.items(), key=lambda kv: (
                kv[0] == selectors.NONE, kv[1][0], kv[0]))]


@pytest.fixture
def high_risk(case, provider, other_provider, staff_by_role, team):
    """High-risk cases across teams (two of one name), grades (one blank), no team, no officer,
    restricted and excluded ones, inactive and low-risk ones, another provider's; oversight
    inside, on the edges of and outside the window."""
    today = timezone.localdate()
    twin = f.TeamFactory(provider=provider, name=team.name)
    officers = [staff_by_role[Role.RESPONSIBLE_OFFICER],
                make_staff(provider, Role.RESPONSIBLE_OFFICER, username="pso", grade="PSO", team=twin),
                make_staff(provider, Role.RESPONSIBLE_OFFICER, username="blank", grade="", team=team),
                None]
    manager = staff_by_role[Role.MANAGER].user
    made = []
    for i in range(40):
        officer = officers[i % 4]
        person = f.PersonFactory(
            provider=provider, rosh=("high", "very_high", "medium")[i % 3],
            team=(team, twin, None)[i % 5 % 3], responsible_officer=officer,
            active=i % 11 != 0, restricted=i % 13 == 0)
        made.append(person)
        for days in ((3,), (0, 28), (29,), (-1,), ())[i % 5]:  # today, the window's edges, future
            OversightRecord.objects.create(
                provider=provider, person=person, risk="r", safeguarding="s", plan="p",
                enforcement="e", next_action="n", recorded_by=manager,
                recorded_on=today - dt.timedelta(days=days))
    CaseAccessEntry.objects.create(person=made[1], user=manager, kind="excluded", reason="x")
    CaseAccessEntry.objects.create(person=made[13], user=manager, kind="granted", reason="y")
    f.PersonFactory(provider=other_provider, rosh="high")
    return made


@pytest.mark.parametrize("role", list(Role))
def test_coverage_tables_are_the_old_figures(high_risk, staff_by_role, role):
    user = staff_by_role[role].user
    today = timezone.localdate()
    for weeks in (1, 4, 52):
        tables = selectors.coverage_tables(user, weeks=weeks, today=today)
        for by in ("team", "grade"):
            assert tables[by] == _old_coverage(user, weeks=weeks, today=today, by=by), (weeks, by)
    if role is Role.MANAGER:  # the fixture reaches every kind of row
        teams = selectors.coverage_tables(user, weeks=4, today=today)["team"]
        assert [row["key"] for row in teams][-1] == selectors.NONE and len(teams) == 3
        assert 0 < sum(row["overseen"] for row in teams) < sum(row["cases"] for row in teams)
