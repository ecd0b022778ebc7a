"""Dating documents with the collection's help, the way `xrefviewer.core.analyze.analyze` does.

A document its own text cannot date is analysed again around the year the library's firmly
dated documents (supplied dates, datelines, signatures) centre on. Import stores each
document as its own text dates it, then this pass runs over the ones that need it:

- the documents stored undated since the last pass (kept in `library_state`, written in
  the same transaction as the document, so a crash loses none of them);
- when the collection's year moved, every document that only the collection's year dated.

Each re-dated document is rewritten in its own transaction (`write_document` in place:
notes and decisions follow their quotes), which also marks the links stale.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from xrefviewer.core.document_dates import reference_year_of
from xrefviewer.core.model import SourceText
from xrefviewer.store.schema import DocumentRow, StateRow
from xrefviewer.store.writing import write_document

# The sources `analyze` trusts to date the collection (the rest are inferences).
FIRM_SOURCES = ("supplied", "dateline", "signature")
PENDING = "dates_pending"  # documents stored undated since the last pass
UNDATED_BY_TEXT = "undated_by_text"  # documents only the collection's year can date
REFERENCE = "reference_year"  # the collection's year the stored dates were worked out with


def _ids(session: Session, key: str) -> set[int]:
    value = session.scalar(select(StateRow.value).where(StateRow.key == key))
    return {int(v) for v in (value or "").split()}


def _set_ids(session: Session, key: str, ids: set[int]) -> None:
    value = " ".join(map(str, sorted(ids)))
    session.execute(delete(StateRow).where(StateRow.key == key))
    if value:
        session.add(StateRow(key=key, value=value))
    session.flush()


def note_written(session: Session, doc_id: int, undated: bool) -> None:
    """In the transaction that stores a document: remember whether its text left it undated."""
    known = _ids(session, UNDATED_BY_TEXT)
    if doc_id in known:
        _set_ids(session, UNDATED_BY_TEXT, known - {doc_id})
    pending = _ids(session, PENDING)
    if undated and doc_id not in pending:
        _set_ids(session, PENDING, pending | {doc_id})
    elif not undated and doc_id in pending:
        _set_ids(session, PENDING, pending - {doc_id})


def dates_pending(session: Session) -> bool:
    return session.get(StateRow, PENDING) is not None


def collection_year(session: Session) -> int | None:
    return reference_year_of(
        session.scalars(select(DocumentRow.date).where(DocumentRow.date_source.in_(FIRM_SOURCES)))
    )


def redate(new_session: Callable[[], Session]) -> int:
    """Date again what the collection can date; returns how many documents changed."""
    with new_session() as session:
        reference = collection_year(session)
        stored = session.scalar(select(StateRow.value).where(StateRow.key == REFERENCE))
        pending = _ids(session, PENDING)
        undated = _ids(session, UNDATED_BY_TEXT)
    todo = pending | undated if str(reference or "") != (stored or "") else pending
    changed = 0
    for doc_id in sorted(todo):
        changed += _redate_one(new_session, doc_id, reference)
    with new_session() as session, session.begin():
        # Ids written meanwhile (team mode) stay pending for the next pass.
        now_pending = _ids(session, PENDING)
        _set_ids(session, PENDING, now_pending - pending)
        _set_ids(session, UNDATED_BY_TEXT, _ids(session, UNDATED_BY_TEXT) | pending)
        session.execute(delete(StateRow).where(StateRow.key == REFERENCE))
        session.add(StateRow(key=REFERENCE, value=str(reference or "")))
    return changed


def _redate_one(new_session: Callable[[], Session], doc_id: int, reference: int | None) -> int:
    with new_session() as session, session.begin():
        row = session.get(DocumentRow, doc_id)
        if row is None:
            return 0
        date, source = row.date, row.date_source
        text = SourceText(
            row.path, row.text, row.title, tuple(w for w in row.warnings.split("\n") if w)
        )
        from xrefviewer.core.analyze import analyze_document  # heavy: only when needed

        analysis = analyze_document(text, reference_year=reference)
        if (analysis.date.value, analysis.date.source) == (date, source):
            return 0
        write_document(session, analysis, row.path, row.content_hash, doc_id)
        return 1
