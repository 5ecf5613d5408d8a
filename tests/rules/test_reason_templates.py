"""Reasons are a code plus parameters (issue 14 item 5, ADR 0016): the convention, and the
``Reason`` and ``Phrase`` values it rests on.

A converted rules module builds every reason with ``Reason.of(code, section,
gettext_noop("… %(name)s …"), name=value)``: the template is a plain string literal (so
``scripts/messages.sh`` extracts it) and the values are parameters (so a page renders them in the
reader's language). A module not converted yet still writes ``Reason(code, section, text)`` and
is listed below, as in the ADR; a new module is held to the convention from its first line.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import pytest

import desist.rules
from desist.rules import reviews
from desist.rules.reasons import Phrase, Reason, format_date, gettext_noop

RULES = Path(desist.rules.__file__).resolve().parent
WELSH = RULES.parent / "locale" / "cy" / "LC_MESSAGES" / "django.po"

CONVERTED = frozenset({
    "band_decision.py", "banding/tables.py", "contact.py", "enforcement.py", "induction.py",
    "offer.py", "rar.py", "reviews.py", "tiering_facts.py", "timescales.py",
    "checkins.py", "escalation.py", "planning.py", "referrals.py", "resettlement.py",
    "routing.py", "stepdown.py", "tiering.py",
    "unpaid_work/ledger.py", "unpaid_work/placement.py", "unpaid_work/progress.py",
    "unpaid_work/schedule.py",
    "assignment/matching.py", "assignment/profile.py", "assignment/ranking.py",
    "banding/config.py", "insight.py", "ogrs3/result.py", "ogrs3/scoring.py",
    "partner_access.py", "ratings.py", "reductions.py", "sampling/size.py",
    "selfassessment.py", "venues.py", "workload.py", "workload_words.py", "write_scope.py",
})
# Still English f-strings (ADR 0016 lists them): only the audit draw's own helper is left.
NOT_YET_CONVERTED = frozenset({
    "sampling/draw.py",
})
MARKERS = {"of", "count", "gettext_noop"}  # Reason.of, Phrase.of / .count, the marker


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _worded(node: ast.Call) -> list[ast.expr]:
    """The arguments of a call that carry words: for ``Reason.of`` all but the code (which may
    be composed, ``f"s14_review_after_{kind}"``) and the section."""
    owner = getattr(node.func, "value", None)
    positional = node.args[2:] if getattr(owner, "id", "") == "Reason" else node.args
    return [*positional, *(k.value for k in node.keywords)]


def breaches(source: str) -> list[str]:
    """What in ``source`` breaks the convention, by line: a ``Reason(…)`` built from text, an
    f-string in the words or parameters of ``Reason.of``/``Phrase.of`` or in ``gettext_noop``,
    or a ``gettext_noop`` of anything but one string literal (xgettext could not extract it)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name == "Reason":
            found.append((node.lineno, "Reason(…) with text; use Reason.of"))
        if name in MARKERS and any(isinstance(sub, ast.JoinedStr)
                                   for arg in _worded(node) for sub in ast.walk(arg)):
            found.append((node.lineno, f"an f-string in {name}(…); use a parameter"))
        if name == "gettext_noop" and not (
                len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.append((node.lineno, "gettext_noop needs one string literal"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def _modules_building_reasons() -> set[str]:
    out = set()
    for path in RULES.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Call) and _name(n.func) in {"Reason", "gettext_noop"}
               for n in ast.walk(tree)):
            out.add(path.relative_to(RULES).as_posix())
    return out


@pytest.mark.parametrize("module", sorted(CONVERTED))
def test_a_converted_module_builds_its_reasons_from_templates(module):
    assert breaches((RULES / module).read_text(encoding="utf-8")) == []


def test_every_module_that_builds_reasons_is_either_converted_or_listed_as_not_yet():
    building = _modules_building_reasons()
    assert building == CONVERTED | NOT_YET_CONVERTED
    assert not CONVERTED & NOT_YET_CONVERTED
    # A listed module that no longer builds a reason from text has been converted: move it.
    still_text = {m for m in NOT_YET_CONVERTED
                  if any("Reason(…) with text" in b
                         for b in breaches((RULES / m).read_text(encoding="utf-8")))}
    assert still_text == NOT_YET_CONVERTED


def test_the_check_catches_each_breach():
    bad = '''
when = "today"
a = Reason("s11_x", S11, f"The absence on {when} was acceptable.")
b = Reason.of("s11_y", S11, f"The absence on {when} was acceptable.")
c = Reason.of("s11_z", S11, gettext_noop("On " + when))
d = Phrase.of(gettext_noop(f"{when} ago"))
e = Reason.of("s11_z", S11, gettext_noop("On %(on)s."), on=f"{when}")
'''
    assert breaches(bad) == [
        "line 3: Reason(…) with text; use Reason.of",
        "line 4: an f-string in of(…); use a parameter",
        "line 5: gettext_noop needs one string literal",
        "line 6: an f-string in gettext_noop(…); use a parameter",
        "line 6: an f-string in of(…); use a parameter",
        "line 6: gettext_noop needs one string literal",
        "line 7: an f-string in of(…); use a parameter",
    ]
    good = ('r = Reason.of(f"s14_after_{kind}", S11, gettext_noop("The absence on %(on)s."), '
            'on=day)')
    assert breaches(good) == []


def _catalogue_ids(po: Path) -> set[str]:
    ids, current, on = set(), [], False
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            current, on = [line[7:-1]], True
        elif on and line.startswith('"'):
            current.append(line[1:-1])
        else:
            if on:
                ids.add("".join(current).replace('\\"', '"'))
            on = False
    return ids


def test_every_template_of_a_converted_module_is_in_the_welsh_catalogue():
    """Run ``scripts/messages.sh`` after adding or changing a reason's words."""
    ids = _catalogue_ids(WELSH)
    missing = []
    for module in sorted(CONVERTED):
        tree = ast.parse((RULES / module).read_text(encoding="utf-8"))
        missing += [f"{module}: {n.args[0].value!r}" for n in ast.walk(tree)
                    if isinstance(n, ast.Call) and _name(n.func) == "gettext_noop"
                    and n.args[0].value not in ids]  # type: ignore[attr-defined]
    assert missing == []


# --- Reason and Phrase -------------------------------------------------------------------------

DAY = dt.date(2024, 5, 2)


def test_a_reason_says_its_template_in_english_with_dates_written_out():
    made = Reason.of("s11_x", "operating-model.md §11",
                     gettext_noop("On %(on)s, %(hours)g hours over %(days)s: %(ago)s."),
                     on=DAY, hours=2.5, days=(DAY, dt.date(2024, 5, 6)),
                     ago=Phrase.of(gettext_noop("%(n)s days ago"), n=3))
    assert made.text == ("On Thursday 2 May 2024, 2.5 hours over Thursday 2 May 2024, "
                         "Monday 6 May 2024: 3 days ago.")
    assert made.template == "On %(on)s, %(hours)g hours over %(days)s: %(ago)s."
    assert made.params["on"] == DAY and made.params["hours"] == 2.5
    # The JSON contract is unchanged; the stored record adds the template and JSON-safe params.
    assert made.as_dict() == {"code": "s11_x", "section": "operating-model.md §11",
                              "text": made.text}
    record = made.as_record()
    assert json.loads(json.dumps(record)) == {
        **made.as_dict(), "template": made.template,
        "params": {"on": "2024-05-02", "hours": 2.5, "days": ["2024-05-02", "2024-05-06"],
                   "ago": {"template": "%(n)s days ago", "params": {"n": 3}}}}


def test_a_reason_equals_the_same_words_built_from_text():
    made = Reason.of("c", "s", gettext_noop("On %(on)s."), on=DAY)
    assert made == Reason("c", "s", "On Thursday 2 May 2024.")
    assert hash(made) == hash(Reason("c", "s", "On Thursday 2 May 2024."))
    assert made != Reason("c", "s", "On Friday 3 May 2024.")
    assert Reason("c", "s", "text").as_record() == {"code": "c", "section": "s", "text": "text"}


def test_a_datetime_parameter_is_stored_as_its_day():
    made = Reason.of("c", "s", gettext_noop("At %(at)s."), at=dt.datetime(2024, 5, 2, 9, 30))
    assert made.as_record()["params"] == {"at": "2024-05-02"}


def test_a_reason_quoted_in_another_keeps_its_words():
    inner = Reason.of("c", "s", gettext_noop("Checked on %(on)s."), on=DAY)
    outer = Reason.of("d", "s", gettext_noop("%(blocker)s Then record it."), blocker=inner)
    assert outer.text == "Checked on Thursday 2 May 2024. Then record it."
    assert outer.as_record()["params"] == {"blocker": inner.as_record()}


def test_format_date_is_the_practitioners_form():
    assert format_date(DAY) == "Thursday 2 May 2024"
    assert format_date(dt.date(2026, 12, 31)) == "Thursday 31 December 2026"


def test_an_event_opening_a_review_reason_keeps_rosh_in_capitals():
    # capitalize() wrote "A change in rosh"; the phrase is now written out whole.
    due = reviews.review_due(reviews.ReviewFacts(
        today=DAY, band="red", since=dt.date(2024, 4, 1), reviewed_before=True,
        events=(reviews.SignificantEvent("rosh_change", dt.date(2024, 4, 20)),)))
    forward = [r for r in due.reasons if r.code == "s14_review_after_rosh_change"]
    assert re.match(r"A change in RoSH on Saturday 20 April 2024 brings the review forward",
                    forward[0].text)


def test_a_count_says_one_or_many_whole():
    one = Phrase.count(1, gettext_noop("%(n)s RAR day"), gettext_noop("%(n)s RAR days"))
    many = Phrase.count(3, gettext_noop("%(n)s RAR day"), gettext_noop("%(n)s RAR days"))
    none = Phrase.count(0, gettext_noop("%(n)s RAR day"), gettext_noop("%(n)s RAR days"))
    assert (one.text, many.text, none.text) == ("1 RAR day", "3 RAR days", "0 RAR days")
    assert many.as_record() == {"template": "%(n)s RAR days", "params": {"n": 3}}
