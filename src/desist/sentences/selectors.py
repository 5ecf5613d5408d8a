"""The current sentence, decided in one place (issue 14 item 3).

The sentence being supervised is the **newest not terminated**: the latest sentence date, and on
the same day the later record. The **community** current sentence leaves custody out (an order,
a suspended sentence order, a licence or post-sentence supervision): what contact, reviews and
enforcement letters speak of. Pages and services ask here (``current_sentence``); code that has
a person's sentences loaded already (a prefetch) picks with ``current_of``, by the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet

from .models import Sentence

NEWEST_FIRST = ("-sentence_date", "-pk")


def current_sentences(person=None, *, community: bool = False) -> QuerySet[Sentence]:
    """Sentences not terminated, newest first (the first is the current sentence); of one person
    (an instance, a pk or an ``OuterRef``), or of everyone when ``person`` is None."""
    sentences = Sentence.objects.filter(terminated_on__isnull=True)
    if person is not None:
        sentences = sentences.filter(person=person)
    if community:
        sentences = sentences.exclude(type="custody")
    return sentences.order_by(*NEWEST_FIRST)


def current_sentence(person, *, community: bool = False,
                     prefetch: Sequence[str] = ()) -> Sentence | None:
    """The person's current sentence (None if none is being served), with ``prefetch``
    relations (``("requirements", "offences")``) loaded."""
    sentences = current_sentences(person, community=community)
    if prefetch:
        sentences = sentences.prefetch_related(*prefetch)
    return sentences.first()


def current_of(sentences: Iterable[Sentence], *, community: bool = False) -> Sentence | None:
    """The current sentence among sentences already loaded, in any order: the same rule as
    ``current_sentence`` without a query."""
    live = [s for s in sentences
            if s.terminated_on is None and not (community and s.type == "custody")]
    return max(live, key=lambda s: (s.sentence_date, s.pk), default=None)
