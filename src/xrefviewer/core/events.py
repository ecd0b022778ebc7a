"""Events: every sentence that holds a date mention, dated by it, in chronological order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xrefviewer.core.model import Document, Event, Mention
from xrefviewer.core.sentences import SentenceIndex

_NUMERIC = re.compile(r"^(\d{4})(?:-(\d{2}|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]))?(?:-(\d{2}))?")
_SEASON_MONTH = {"SP": "03", "SU": "06", "FA": "09", "WI": "12", "H1": "01", "H2": "07"}


def timex_sort_key(value: str) -> tuple[int, str]:
    """Years before their months before their days; references (PAST_REF) last."""
    match = _NUMERIC.match(value)
    if not match:
        return (1, value)
    year, middle, day = match.groups()
    if middle and middle.startswith("W"):
        middle = f"{min(12, 1 + (int(middle[1:]) - 1) * 12 // 52):02d}"
    elif middle and middle.startswith("Q"):
        middle = f"{(int(middle[1]) - 1) * 3 + 1:02d}"
    elif middle:
        middle = _SEASON_MONTH.get(middle, middle)
    return (0, f"{year}-{middle or '00'}-{day or '00'}")


def build_events(documents: Sequence[Document], mentions: Sequence[Mention]) -> list[Event]:
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.document, []).append(m)
    events: list[tuple[tuple[tuple[int, str], int, int], Event]] = []
    for doc_number, doc in enumerate(documents):
        doc_mentions = sorted(by_doc.get(doc.id, []), key=lambda m: m.start)
        dates = [m for m in doc_mentions if m.kind == "date"]
        if not dates:
            continue
        sentences = SentenceIndex(doc.text)
        for date in dates:
            start, end = sentences.around(date.start)
            # A date may straddle a sentence end the splitter saw ("Jan. 5"): widen to hold it.
            start, end = min(start, date.start), max(end, date.end)
            if _is_bare_date(doc.text, start, end, date):
                continue
            inside = tuple(
                m.id
                for m in doc_mentions
                if m.start >= start and m.end <= end and (m.kind != "date" or m.id == date.id)
            )
            event = Event(
                id="",
                document=doc.id,
                date=str(date.value),
                start=start,
                end=end,
                text=doc.text[start:end],
                mentions=inside,
                date_mention=date.id,
                uncertain=date.uncertain,
            )
            events.append(((timex_sort_key(event.date), doc_number, start), event))
    events.sort(key=lambda pair: pair[0])
    return [_numbered(e, i) for i, (_, e) in enumerate(events, start=1)]


def _is_bare_date(text: str, start: int, end: int, date: Mention) -> bool:
    """A line holding nothing but a date (a page banner, a dateline) states nothing."""
    rest = text[start : date.start] + text[date.end : end]
    return not any(ch.isalnum() for ch in rest)


def _numbered(event: Event, number: int) -> Event:
    from dataclasses import replace

    return replace(event, id=f"e{number}")
