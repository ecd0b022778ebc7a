"""Turning analysis records into rows and rows into the store's public records."""

from __future__ import annotations

from datetime import UTC, datetime

from xrefviewer.core.events import timex_sort_key
from xrefviewer.core.model import FigureSpan, NameSpan
from xrefviewer.store.records import DocumentInfo, MentionInfo, NoteInfo
from xrefviewer.store.schema import DocumentRow, MentionRow, NoteRow

SNIPPET_MAX = 200


def now() -> datetime:
    """Stored naive, always UTC; handed out aware."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def number_text(value: int | float) -> str:
    """A figure's value as stored: its repr, "30000" or "2.5", which `parse_number` reverses."""
    return repr(value)


def parse_number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def date_sort_key(value: str) -> str:
    rank, key = timex_sort_key(value)
    return key if rank == 0 else f"~{value}"


def bound_key(value: str, *, upper: bool) -> str:
    """A range bound as a sort key: "2014" starts at 2014-00-00 and, as an end, ends at 2014-99-99."""
    rank, key = timex_sort_key(value.strip())
    if rank:
        raise ValueError(value)
    if not upper:
        return key
    year, month, day = key.split("-")
    return f"{year}-{'99' if month == '00' else month}-{'99' if day == '00' else day}"


def document_info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(
        id=row.id,
        path=row.path,
        title=row.title,
        date=row.date,
        date_source=row.date_source,
        content_hash=row.content_hash,
        imported_at=aware(row.imported_at),
        figures=row.figures,
        names=row.names,
        dates=row.dates,
    )


def mention_info(row: MentionRow) -> MentionInfo:
    return MentionInfo(
        id=row.id,
        document_id=row.document_id,
        kind=row.kind,
        start=row.start,
        end=row.end,
        text=row.text,
        value=row.value,
        link_id=row.link_id,
        counts=row.counts,
        qualifier=row.qualifier,
        action=row.action,
        type=row.type,
        uncertain=bool(row.uncertain),
        added_by_user=bool(row.added_by_user),
    )


def note_info(row: NoteRow) -> NoteInfo:
    return NoteInfo(
        id=row.id,
        target_kind=row.target_kind,  # type: ignore[arg-type]
        target_id=row.target_id,
        body=row.body,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        quote=row.quote,
        orphaned=bool(row.orphaned),
    )


def figure_span(row: MentionRow) -> FigureSpan:
    try:
        value = parse_number(row.value)
    except ValueError:
        value = 0
    return FigureSpan(
        start=row.start,
        end=row.end,
        text=row.text,
        value=value,
        counts=row.counts,
        qualifier=row.qualifier,
        action=row.action,
        unit=row.unit,
    )


def name_span(row: MentionRow) -> NameSpan:
    return NameSpan(
        start=row.start,
        end=row.end,
        text=row.text,
        canonical=row.canonical or row.value,
        type=row.type or "other",  # type: ignore[arg-type]
        aliases=tuple(a for a in row.aliases.split("\n") if a) if row.aliases else (),
        gender=row.gender or "",
    )


def line_and_column(text: str, offset: int, line_starts: list[int]) -> tuple[int, int]:
    from bisect import bisect_right

    i = bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1


def line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def snippet_bounds(sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The sentence around a mention, cut to about SNIPPET_MAX characters centred on it."""
    s_start, s_end = min(sentence[0], start), max(sentence[1], end)
    if s_end - s_start <= SNIPPET_MAX:
        return s_start, s_end
    room = max(0, SNIPPET_MAX - (end - start))
    left = max(s_start, start - room // 2)
    right = min(s_end, max(end, left + SNIPPET_MAX))
    left = max(s_start, min(left, right - SNIPPET_MAX))
    return left, right


def find_quote(text: str, quote: str, near: int) -> int | None:
    """The start of the occurrence of `quote` in `text` nearest to `near`, or None."""
    if not quote:
        return None
    best: int | None = None
    position = text.find(quote)
    while position != -1:
        if best is None or abs(position - near) < abs(best - near):
            best = position
        position = text.find(quote, position + 1)
    return best
