"""What the sentence around a figure names: the incident it tells of.

"At least three people were killed in northern Chile on Sunday" and "three people died in
Chile" tell of one incident; "three people were killed in Kabul" does not. A small number
that only tells of an action, or a term ("sentenced to eight years"), recurs by chance
across documents, so the figure linker joins two such mentions of different documents only
when their sentences name something in common (see figure_links). Worked out on demand: few
figures ever need it, so a document's text and marks are fetched only when asked about.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from xrefviewer.core.model import DateSpan, NameSpan
from xrefviewer.core.sentences import SentenceFinder

# What a document names that can tell an incident: (start, end, mention id, kind, label),
# kind "place", "person" or "other" (label: the entity's canonical form) or "year" (label:
# "2013")
Mark = tuple[int, int, str, str, str]
# A document's text and its marks in offset order, by document id
Source = Callable[[str], tuple[str, list[Mark]]]
_KINDS = ("place", "person", "other")


def mark(start: int, end: int, mention: str, kind: str, value: str | None) -> Mark | None:
    """The mark of a mention: the name of a place, of a person or of something its document
    did not type; or a date with a year. None for anything else."""
    if kind in _KINDS and value:
        return (start, end, mention, kind, value)
    if kind == "date" and value and value[:4].isdecimal():
        return (start, end, mention, "year", value[:4])
    return None


def span_marks(spans: Iterable[tuple[int, int, str, object]]) -> list[Mark]:
    """Marks of analysed spans, (start, end, mention id, span), in offset order."""
    marks = []
    for start, end, mention, span in spans:
        if isinstance(span, NameSpan):
            found = mark(start, end, mention, span.type, span.canonical)
        elif isinstance(span, DateSpan):
            found = mark(start, end, mention, "date", span.value)
        else:
            continue
        if found is not None:
            marks.append(found)
    return marks


class Incidents:
    """The keys of the sentences around figures, each document read once when first asked."""

    def __init__(self, source: Source) -> None:
        self._source = source
        self._asked: dict[str, tuple[SentenceFinder, list[int], list[Mark]]] = {}

    def keys(self, document: str, offset: int) -> frozenset[str]:
        """What the sentence around offset names: its places and people by their canonical
        form in their document, lower-case ("place:chile", "person:farah delmar"), and its
        years ("year:2013"). Not by linked label: a re-link of part of a library must give
        what a full one does, whatever it links."""
        asked = self._asked.get(document)
        if asked is None:
            text, marks = self._source(document)
            asked = self._asked[document] = (SentenceFinder(text), [m[0] for m in marks], marks)
        finder, starts, marks = asked
        start, end = finder.around(offset)
        found: set[str] = set()
        for at in range(bisect_left(starts, start), bisect_right(starts, end)):
            _, stop, _, kind, label = marks[at]
            if stop > end:
                continue
            label = label.lower()
            if kind == "other":
                # a name its document did not type ("Dayton shooting") may be either
                found.add("place:" + label)
                found.add("person:" + label)
            else:
                found.add(f"{kind}:{label}")
        return frozenset(found)
