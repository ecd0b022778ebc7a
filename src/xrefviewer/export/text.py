"""Small wording helpers every format shares, so that a quote's place reads the same everywhere."""

from __future__ import annotations

from xrefviewer.export.model import ExportNote, ExportOccurrence

TARGET_WORDS = {"document": "document", "mention": "quote", "link": "link", "event": "event"}
# What each kind of discrepancy (xrefviewer.core.discrepancies) means, in words.
DISCREPANCY_WORDS = {
    "value": "the values differ",
    "qualifier": "the qualifiers change the meaning",
    "date": "the same figure on different dates",
}


def one_line(text: str) -> str:
    """Runs of whitespace, newlines included, as one space: quotes are read inline."""
    return " ".join(text.split())


def place(line: int | None, column: int | None, start: int | None, end: int | None) -> str:
    """ "line 4, column 12, characters 120–130"; empty parts are left out."""
    parts = []
    if line is not None:
        parts.append(f"line {line}")
    if column is not None:
        parts.append(f"column {column}")
    if start is not None and end is not None:
        parts.append(f"characters {start}–{end}")
    return ", ".join(parts)


def occurrence_place(occ: ExportOccurrence) -> str:
    return place(occ.line, occ.column, occ.start, occ.end)


def note_place(note: ExportNote) -> str:
    return place(note.line, note.column, note.start, note.end)


def date_or_undated(date: str | None) -> str:
    return date or "undated"


def note_target(note: ExportNote) -> str:
    """What a note is attached to, in words: 'quote "41 villagers" in Statement 1'."""
    word = TARGET_WORDS.get(note.target_kind, note.target_kind)
    if note.target_kind == "document":
        return f"document {note.document_title or note.target_id}"
    if note.target_kind == "link":
        return f"link {note.target_id}"
    if note.target_kind == "event":
        what = f"event {note.kind}" if note.kind else "event"
        return f"{what} in {note.document_title}" if note.document_title else what
    shown = one_line(note.text)
    return f'{word} "{shown}" in {note.document_title}' if shown else word
