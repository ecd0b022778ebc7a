"""What the sentence around a figure names: the incident it tells of.

"At least three people were killed in northern Chile on Sunday" and "three people died in
Chile" tell of one incident; "three people were killed in Kabul" does not. A small number
that only tells of an action, or a term ("sentenced to eight years"), recurs by chance
across documents, so the figure linker joins two such mentions of different documents only
when their sentences name something in common (see figure_links). Worked out on demand: few
figures ever need it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from xrefviewer.core.model import DateSpan, NameSpan
from xrefviewer.core.sentences import SentenceFinder

# A document's spans in offset order, as the analysis lists them before making mentions:
# (start, end, number, mention id, document, span)
DocumentSpans = Sequence[tuple[int, int, int, str, str, object]]
_KINDS = ("place", "person")


class Incidents:
    def __init__(self, labels: Mapping[str, str]) -> None:
        """labels: a name mention's linked label, for those in a link."""
        self._labels = labels
        self._documents: dict[str, tuple[str, DocumentSpans]] = {}
        # for the few documents asked about: their sentences, and their spans' starts
        self._asked: dict[str, tuple[SentenceFinder, list[int]]] = {}

    def add(self, document: str, text: str, spans: DocumentSpans) -> None:
        self._documents[document] = (text, spans)

    def keys(self, document: str, offset: int) -> frozenset[str]:
        """What the sentence around offset names: its places and people by linked label
        ("place:Chile", "person:Farah Delmar") and its years ("year:2013")."""
        text, spans = self._documents[document]
        asked = self._asked.get(document)
        if asked is None:
            asked = self._asked[document] = (SentenceFinder(text), [s[0] for s in spans])
        finder, starts = asked
        start, end = finder.around(offset)
        found: set[str] = set()
        for at in range(bisect_left(starts, start), bisect_right(starts, end)):
            _, stop, _, mention, _, span = spans[at]
            if stop > end:
                continue
            if isinstance(span, NameSpan) and span.type in _KINDS:
                found.add(f"{span.type}:{self._labels.get(mention, span.canonical)}")
            elif isinstance(span, DateSpan) and span.value[:4].isdecimal():
                found.add("year:" + span.value[:4])
        return frozenset(found)
