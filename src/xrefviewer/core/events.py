"""Events: every sentence that holds a date mention, dated by it, in chronological order."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import groupby
from operator import attrgetter

from xrefviewer.core.model import Document, Event, Mention
from xrefviewer.core.sentences import SentenceFinder

_NUMERIC = re.compile(r"^(\d{4})(?:-(\d{2}|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]))?(?:-(\d{2}))?")
# str.isalnum, as a pattern: re's \w is exactly the characters isalnum accepts, and "_".
_ALNUM = re.compile(r"[^\W_]")
_DOCUMENT = attrgetter("document")
_START = attrgetter("start")
_SEASON_MONTH = {"SP": "03", "SU": "06", "FA": "09", "WI": "12", "H1": "01", "H2": "07"}


_DECADE_OR_CENTURY = re.compile(r"[0-9]{2}(?:[0-9]X|XX)$")


def timex_sort_key(value: str) -> tuple[int, str]:
    """Years before their months before their days; references (PAST_REF) last."""
    # A day, the most frequent value, is its own key (the pattern's \d is str.isdecimal).
    if _is_day(value):
        return (0, value)
    match = _NUMERIC.match(value)
    if not match:
        if _DECADE_OR_CENTURY.match(value):  # "199X", "19XX": from their first year
            return (0, value.replace("X", "0") + "-00-00")
        return (1, value)
    year, middle, day = match.groups()
    if middle and middle.startswith("W"):
        middle = f"{min(12, 1 + (int(middle[1:]) - 1) * 12 // 52):02d}"
    elif middle and middle.startswith("Q"):
        middle = f"{(int(middle[1]) - 1) * 3 + 1:02d}"
    elif middle:
        middle = _SEASON_MONTH.get(middle, middle)
    return (0, f"{year}-{middle or '00'}-{day or '00'}")


def _is_day(value: str) -> bool:
    """ "YYYY-MM-DD" in decimal digits."""
    return (
        len(value) == 10
        and value[4] == value[7] == "-"
        and (value[:4] + value[5:7] + value[8:]).isdecimal()
    )


# An event's fields but its id: document, date, start, end, text, mentions, date mention, uncertain
_Fields = tuple[str, str, int, int, str, tuple[str, ...], str, bool]
# An event's fields in order, its id first.
EVENT_FIELDS = (
    "id",
    "document",
    "date",
    "start",
    "end",
    "text",
    "mentions",
    "date_mention",
    "uncertain",
)
EventRow = tuple[str, str, str, int, int, str, tuple[str, ...], str, bool]


def build_events(documents: Sequence[Document], mentions: Sequence[Mention]) -> list[Event]:
    return [Event(*row) for row in event_rows(documents, mentions)]


def event_rows(documents: Sequence[Document], mentions: Sequence[Mention]) -> list[EventRow]:
    """The fields of each Event (as EVENT_FIELDS), in date order: for a caller that makes
    many records at once."""
    by_doc: dict[str, list[Mention]] = {}
    # Mentions come document by document: take each run at once, not mention by mention.
    for doc_id, run in groupby(mentions, key=_DOCUMENT):
        by_doc.setdefault(doc_id, []).extend(run)
    events = EventMaker()
    for doc in documents:
        doc_mentions = sorted(by_doc.get(doc.id, ()), key=_START)
        dates = [
            (at, str(m.value), m.uncertain) for at, m in enumerate(doc_mentions) if m.kind == "date"
        ]
        if dates:
            starts = [m.start for m in doc_mentions]
            ends = [m.end for m in doc_mentions]
            ids = [m.id for m in doc_mentions]
            events.add(doc.id, doc.text, starts, ends, ids, dates)
    return events.rows()


# A date among a document's mentions: its place in their offset order, its value, uncertain
DatePlace = tuple[int, str, bool]


class EventMaker:
    """Events made document by document, then numbered in date order: for a caller that
    has each document's mentions at hand in offset order (the analysis, as it numbers them),
    with no Mention records to regroup."""

    def __init__(self) -> None:
        # (the date's sort key, fields of the Event but its number), numbered once sorted
        self._events: list[tuple[tuple[int, str], _Fields]] = []
        self._sort_keys: dict[str, tuple[int, str]] = {}

    def add(
        self,
        doc_id: str,
        text: str,
        starts: Sequence[int],
        ends: Sequence[int],
        ids: Sequence[str],
        dates: Sequence[DatePlace],
    ) -> None:
        """A document's events. starts, ends and ids: its mentions' in offset order (by
        start; a mention of the same start keeps its place); dates: where its dates are
        among them, in that order."""
        is_date = [False] * len(ids)
        for at, _, _ in dates:
            is_date[at] = True
        sort_keys = self._sort_keys
        events = self._events
        # Only the sentences of dates are needed: found where they are, not all split.
        sentences = SentenceFinder(text)
        for at, value, uncertain in dates:
            date_start = starts[at]
            date_end = ends[at]
            start, end = sentences.around(date_start)
            # A date may straddle a sentence end the splitter saw ("Jan. 5"): widen to hold it.
            if date_start < start:
                start = date_start
            if date_end > end:
                end = date_end
            # most sentences open with a word: no search for a bare date
            if not (start < date_start and text[start].isalnum()) and _is_bare_date(
                text, start, end, date_start, date_end
            ):
                continue
            # Only mentions starting inside the span can lie inside it: bisect, not a scan;
            # of the dates, only this one.
            lo = bisect_left(starts, start)
            hi = bisect_right(starts, end)
            inside = tuple(
                [ids[k] for k in range(lo, hi) if ends[k] <= end and (k == at or not is_date[k])]
            )
            key = sort_keys.get(value)
            if key is None:
                key = sort_keys[value] = timex_sort_key(value)
            fields = (doc_id, value, start, end, text[start:end], inside, ids[at], uncertain)
            events.append((key, fields))

    def rows(self) -> list[EventRow]:
        """The fields of each Event (as EVENT_FIELDS), in date order."""
        # In date order, then document by document and by start, the order they were made
        # in (a document's dates are taken by start, their sentences start in that order):
        # a stable sort on the date alone, its key an integer, compares no tuples.
        events = self._events
        rank = {key: number for number, key in enumerate(sorted(set(self._sort_keys.values())))}
        events.sort(key=lambda event: rank[event[0]])
        return [(f"e{number}", *event[1]) for number, event in enumerate(events, start=1)]


def _is_bare_date(text: str, start: int, end: int, date_start: int, date_end: int) -> bool:
    """A line holding nothing but a date (a page banner, a dateline) states nothing."""
    if start < date_start and text[start].isalnum():
        return False  # a word before the date
    return not (_ALNUM.search(text, start, date_start) or _ALNUM.search(text, date_end, end))
