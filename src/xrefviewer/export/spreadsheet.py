"""CSV for spreadsheets: RFC 4180 (quoted fields, CRLF line ends), UTF-8, one row per quote.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
formula, so a document or a note could smuggle one in ("=HYPERLINK(...)"). Such text cells
get a leading apostrophe, which spreadsheets show as text; numbers we write ourselves
(ids, lines, offsets) are left alone. Notes that are not about any quote of a link (on a
document, an event or an unlinked mention) get a row of their own, so none is lost. Each
quote of a discrepancy gets a row too, its link columns empty and its discrepancy columns
(id, label, what differs) filled.
"""

from __future__ import annotations

import csv
import io

from xrefviewer.export.model import ExportBundle, ExportNote
from xrefviewer.export.text import DISCREPANCY_WORDS, one_line

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "link_id",
    "link_kind",
    "link",
    "value",
    "quote_text",
    "document",
    "document_date",
    "line",
    "column",
    "start",
    "end",
    "quote",
    "note",
    "link_note",
    "discrepancy_id",
    "discrepancy",
    "discrepancy_kind",
)
NO_DISCREPANCY = ["", "", ""]


def cell(value: object) -> object:
    """A value as a cell; text that a spreadsheet would run as a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _notes_text(notes: tuple[ExportNote, ...] | list[ExportNote]) -> str:
    return "\n\n".join(n.body for n in notes)


def rows(bundle: ExportBundle) -> list[list[object]]:
    out: list[list[object]] = []
    placed: set[int] = set()
    for link in bundle.links:
        notes = bundle.notes_for_link(link.id)
        link_notes = [n for n in notes if n.target_kind == "link"]
        placed.update(n.id for n in link_notes)
        for occ in link.occurrences:
            on_quote = [
                n for n in notes if n.target_kind == "mention" and n.target_id == occ.mention_id
            ]
            placed.update(n.id for n in on_quote)
            out.append(
                [
                    link.id,
                    link.kind,
                    link.label,
                    link.value,
                    occ.text,
                    occ.document_title,
                    occ.document_date,
                    occ.line,
                    occ.column,
                    occ.start,
                    occ.end,
                    one_line(occ.quote),
                    _notes_text(on_quote),
                    _notes_text(link_notes),
                    *NO_DISCREPANCY,
                ]
            )
    for note in bundle.notes:
        if note.id in placed:
            continue
        out.append(
            [
                note.link_id,
                "",
                "",
                note.kind if note.target_kind == "event" else "",
                one_line(note.text) if note.target_kind == "mention" else "",
                note.document_title,
                note.document_date,
                note.line,
                note.column,
                note.start,
                note.end,
                one_line(note.quote or note.text),
                note.body,
                "",
                *NO_DISCREPANCY,
            ]
        )
    for d in bundle.discrepancies:
        for claim in d.claims:
            out.append(
                [
                    "",
                    "",
                    "",
                    claim.value,
                    claim.text,
                    claim.document_title,
                    claim.document_date,
                    claim.line,
                    claim.column,
                    claim.start,
                    claim.end,
                    one_line(claim.quote),
                    "",
                    "",
                    d.id,
                    one_line(d.label),
                    DISCREPANCY_WORDS.get(d.kind, d.kind),
                ]
            )
    return out


def to_csv(bundle: ExportBundle, *, bom: bool = False) -> str:
    """The bundle as CSV text; `bom` puts a byte-order mark first, which Excel needs to
    read the file as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in rows(bundle):
        writer.writerow([cell(v) for v in row])
    return (BOM if bom else "") + buffer.getvalue()
