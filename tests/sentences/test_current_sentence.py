"""The current sentence, decided in one place (issue 14 item 3): ``desist.sentences.selectors``.

The sentence being supervised is the newest (by sentence date, then the later record) not
terminated; the *community* current sentence leaves custody out (an order, SSO, licence or PSS).
Every page and service that needs "the current sentence" asks this selector, so they agree."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from desist.sentences import selectors
from tests.factories import PersonFactory, RequirementFactory, SentenceFactory

D = dt.date


@pytest.fixture
def person(db):
    return PersonFactory()


def test_no_sentence_means_no_current_sentence(person):
    assert selectors.current_sentence(person) is None
    assert selectors.current_of([]) is None


def test_the_newest_sentence_not_terminated_is_current(person):
    older = SentenceFactory(person=person, sentence_date=D(2025, 1, 10), start_date=D(2025, 1, 10))
    newest_ended = SentenceFactory(person=person, sentence_date=D(2026, 3, 1),
                                   start_date=D(2026, 3, 1), terminated_on=D(2026, 5, 1))
    current = SentenceFactory(person=person, sentence_date=D(2026, 1, 5), start_date=D(2026, 1, 5))
    SentenceFactory()  # someone else's
    assert selectors.current_sentence(person) == current
    assert list(selectors.current_sentences(person)) == [current, older]
    assert newest_ended not in selectors.current_sentences(person)


def test_on_the_same_day_the_later_record_is_current(person):
    first = SentenceFactory(person=person)
    second = SentenceFactory(person=person)
    assert first.sentence_date == second.sentence_date
    assert selectors.current_sentence(person) == second


def test_every_sentence_terminated_means_none(person):
    SentenceFactory(person=person, terminated_on=D(2026, 7, 1))
    assert selectors.current_sentence(person) is None


def test_the_community_sentence_leaves_custody_out(person):
    licence = SentenceFactory(person=person, type="licence", sentence_date=D(2025, 2, 1),
                              start_date=D(2025, 2, 1), custodial_months=12)
    SentenceFactory(person=person, type="custody", sentence_date=D(2026, 2, 1),
                    start_date=D(2026, 2, 1), custodial_months=6)
    assert selectors.current_sentence(person).type == "custody"
    assert selectors.current_sentence(person, community=True) == licence


def test_requirements_and_offences_can_come_with_it(person, django_assert_num_queries):
    sentence = SentenceFactory(person=person)
    RequirementFactory(sentence=sentence, type="upw", rar_days=None, upw_hours=100)
    with django_assert_num_queries(2):
        found = selectors.current_sentence(person, prefetch=("requirements",))
        assert [r.type for r in found.requirements.all()] == ["upw"]


def test_the_in_memory_rule_agrees_with_the_query(person):
    """``current_of`` picks from sentences already loaded (a prefetch), by the same rule."""
    SentenceFactory(person=person, sentence_date=D(2025, 1, 10), start_date=D(2025, 1, 10))
    SentenceFactory(person=person, sentence_date=D(2026, 3, 1), start_date=D(2026, 3, 1),
                    terminated_on=D(2026, 5, 1))
    SentenceFactory(person=person, sentence_date=D(2026, 1, 5), start_date=D(2026, 1, 5))
    SentenceFactory(person=person, sentence_date=D(2026, 1, 5), start_date=D(2026, 1, 5))
    loaded = list(person.sentences.order_by("pk"))  # any order
    assert selectors.current_of(loaded) == selectors.current_sentence(person)
    assert selectors.current_of(loaded, community=True) == selectors.current_sentence(
        person, community=True)


SRC = Path(__file__).resolve().parents[2] / "src" / "desist"
# "The current sentence" computed by hand: live sentences of a person, filtered in a query.
# Or picked by hand from sentences already loaded: the first live one of a list (``current_of``
# does that, by the same rule as the query).
BY_HAND = re.compile(r"(Sentence\.objects|\.sentences)\.filter\([^)]*\bterminated_on__isnull=True"
                     r"|next\(\(\w+ for \w+ in [^)]*\bif \w+\.terminated_on is None")
# Not the current sentence: reviews' batch reads every live sentence's start for many people
# at once (the review clock, §15); it keeps its own query until it is moved with a test.
NOT_THE_CURRENT_SENTENCE = {"reviews/selectors.py"}


def computes_the_current_sentence(source: str) -> bool:
    return bool(BY_HAND.search(source))


def test_only_the_sentences_selectors_compute_the_current_sentence():
    found = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if "migrations" not in p.parts and computes_the_current_sentence(p.read_text())}
    assert found - NOT_THE_CURRENT_SENTENCE == {"sentences/selectors.py"}


def test_the_check_finds_a_current_sentence_computed_by_hand():
    assert computes_the_current_sentence(
        'Sentence.objects.filter(person=person, terminated_on__isnull=True).first()')
    assert computes_the_current_sentence(
        'person.sentences.filter(terminated_on__isnull=True).order_by("-sentence_date")')
    assert not computes_the_current_sentence(
        'Requirement.objects.filter(sentence__terminated_on__isnull=True)')
    assert computes_the_current_sentence(
        'next((s for s in sentences if s.terminated_on is None), None)')
    assert not computes_the_current_sentence(
        'frozenset(r.type for s in sentences if s.terminated_on is None for r in s.requirements.all())')
