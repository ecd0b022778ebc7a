"""Read queries of the library: each takes a Session, never commits, returns records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from xrefviewer.store.errors import InvalidRequest, NotFoundError
from xrefviewer.store.records import (
    DecisionInfo,
    DocumentInfo,
    EventInfo,
    LinkInfo,
    MentionInfo,
    NoteInfo,
    Occurrence,
)
from xrefviewer.store.rows import aware, bound_key, note_info
from xrefviewer.store.schema import (
    DecisionRow,
    DocumentRow,
    EventMentionRow,
    EventRow,
    LinkRow,
    MentionRow,
    NoteRow,
)

_DOCUMENT_COLUMNS = (
    DocumentRow.id, DocumentRow.path, DocumentRow.title, DocumentRow.date,
    DocumentRow.date_source, DocumentRow.content_hash, DocumentRow.imported_at,
    DocumentRow.figures, DocumentRow.names, DocumentRow.dates,
)  # fmt: skip


def _document(row: Sequence[Any]) -> DocumentInfo:
    """A DocumentInfo from a row of _DOCUMENT_COLUMNS, read by position (fast)."""
    doc_id, path, title, date, source, digest, imported_at, figures, names, dates = row
    return DocumentInfo(
        doc_id, path, title, date, source, digest, aware(imported_at), figures, names, dates
    )


def documents(session: Session) -> list[DocumentInfo]:
    rows = session.execute(select(*_DOCUMENT_COLUMNS).order_by(DocumentRow.id))
    return [_document(r) for r in rows]


def document(session: Session, document_id: int) -> DocumentInfo:
    row = session.execute(select(*_DOCUMENT_COLUMNS).where(DocumentRow.id == document_id)).first()
    if row is None:
        raise NotFoundError(f"no document {document_id} in the library")
    return _document(row)


def document_text(session: Session, document_id: int) -> str:
    text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id))
    if text is None:
        raise NotFoundError(f"no document {document_id} in the library")
    return text


def mentions(session: Session, document_id: int) -> list[MentionInfo]:
    document(session, document_id)
    rows = session.execute(
        select(*_MENTION_COLUMNS)
        .where(MentionRow.document_id == document_id, MentionRow.dismissed.is_(False))
        .order_by(MentionRow.start, MentionRow.end, MentionRow.id)
    )
    return [_mention(r) for r in rows]


_MENTION_COLUMNS = (
    MentionRow.id,
    MentionRow.document_id,
    MentionRow.kind,
    MentionRow.start,
    MentionRow.end,
    MentionRow.text,
    MentionRow.value,
    MentionRow.link_id,
    MentionRow.counts,
    MentionRow.qualifier,
    MentionRow.action,
    MentionRow.type,
    MentionRow.uncertain,
    MentionRow.added_by_user,
)


def _mention(r: Sequence[Any]) -> MentionInfo:
    """A MentionInfo from a row of _MENTION_COLUMNS, read by position (fast)."""
    *head, uncertain, added_by_user = r
    return MentionInfo(*head, bool(uncertain), bool(added_by_user))


# For the other read paths of the store (store/analysis.py).
MENTION_COLUMNS = _MENTION_COLUMNS
mention_from_row = _mention


def mention(session: Session, mention_id: int) -> MentionRow:
    row = session.get(MentionRow, mention_id)
    if row is None or row.dismissed:
        raise NotFoundError(f"no mention {mention_id} in the library")
    return row


def _link(row: LinkRow) -> LinkInfo:
    return LinkInfo(
        id=row.id,
        kind=row.kind,
        label=row.label,
        mentions=row.mentions,
        documents=row.documents,
        renamed=bool(row.renamed),
    )


_LINK_COLUMNS = (
    LinkRow.id,
    LinkRow.kind,
    LinkRow.label,
    LinkRow.mentions,
    LinkRow.documents,
    LinkRow.renamed,
)


def links(
    session: Session,
    kind: str | None = None,
    text: str | None = None,
    document_id: int | None = None,
) -> list[LinkInfo]:
    query = select(*_LINK_COLUMNS)
    if kind:
        query = query.where(LinkRow.kind == kind)
    if text:
        pattern = f"%{_escape_like(text.strip().lower())}%"
        in_mentions = select(MentionRow.link_id).where(
            MentionRow.link_id.is_not(None),
            or_(
                func.lower(MentionRow.text).like(pattern, escape="\\"),
                func.lower(MentionRow.value).like(pattern, escape="\\"),
            ),
        )
        query = query.where(
            or_(func.lower(LinkRow.label).like(pattern, escape="\\"), LinkRow.id.in_(in_mentions))
        )
    if document_id is not None:
        query = query.where(
            LinkRow.id.in_(
                select(MentionRow.link_id).where(
                    MentionRow.document_id == document_id, MentionRow.link_id.is_not(None)
                )
            )
        )
    query = query.order_by(
        LinkRow.documents.desc(), LinkRow.mentions.desc(), LinkRow.label, LinkRow.id
    )
    return [
        LinkInfo(link_id, kind, label, mentions, documents, bool(renamed))
        for link_id, kind, label, mentions, documents, renamed in session.execute(query)
    ]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def link(session: Session, link_id: int) -> LinkInfo:
    row = session.get(LinkRow, link_id)
    if row is None:
        raise NotFoundError(f"no link {link_id} in the library")
    return _link(row)


def _page(query: Select[Any], limit: int | None, offset: int | None) -> Select[Any]:
    if (limit is not None and limit < 0) or (offset is not None and offset < 0):
        raise InvalidRequest("limit and offset can't be negative")
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return query


def link_occurrences(
    session: Session, link_id: int, limit: int | None = None, offset: int | None = None
) -> list[Occurrence]:
    if session.scalar(select(LinkRow.id).where(LinkRow.id == link_id)) is None:
        raise NotFoundError(f"no link {link_id} in the library")
    snippet = func.substr(
        DocumentRow.text,
        MentionRow.snippet_start + 1,
        MentionRow.snippet_end - MentionRow.snippet_start,
    )
    query = (
        select(
            *_MENTION_COLUMNS,
            MentionRow.snippet_start,
            MentionRow.line,
            MentionRow.column,
            DocumentRow.title,
            DocumentRow.date,
            snippet.label("snippet"),
        )
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.link_id == link_id, MentionRow.dismissed.is_(False))
        .order_by(MentionRow.document_id, MentionRow.start, MentionRow.id)
    )
    # Rows unpacked by position: building thousands of records is the cost of this query,
    # not finding the rows (ix_mention_link_id).
    return [_occurrence(r) for r in session.execute(_page(query, limit, offset))]


def _occurrence(r: Sequence[Any]) -> Occurrence:
    (
        m_id, doc, kind, start, end, text, value, lid, counts, qualifier, action, m_type,
        uncertain, added, snippet_start, line, column, title, date, snippet,
    ) = r  # fmt: skip
    mention = MentionInfo(
        m_id, doc, kind, start, end, text, value, lid, counts, qualifier, action, m_type,
        bool(uncertain), bool(added),
    )  # fmt: skip
    return Occurrence(mention, title, date, " ".join(snippet.split()), snippet_start, line, column)


def events(
    session: Session,
    start: str | None = None,
    end: str | None = None,
    document_id: int | None = None,
    link_id: int | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> list[EventInfo]:
    query: Select[Any] = select(
        EventRow.id,
        EventRow.document_id,
        DocumentRow.title,
        EventRow.date,
        EventRow.expression,
        EventRow.start,
        EventRow.end,
        EventRow.text,
        EventRow.uncertain,
        EventRow.mention_ids,
    ).join(DocumentRow, DocumentRow.id == EventRow.document_id)
    conditions = []
    try:
        if start:
            conditions.append(EventRow.sort_key >= bound_key(start, upper=False))
        if end:
            conditions.append(EventRow.sort_key <= bound_key(end, upper=True))
    except ValueError as error:
        raise InvalidRequest(f"not a date: {error} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if start or end:
        conditions.append(EventRow.sort_key < "~")
    if document_id is not None:
        conditions.append(EventRow.document_id == document_id)
    if link_id is not None:
        conditions.append(
            EventRow.id.in_(
                select(EventMentionRow.event_id)
                .join(MentionRow, MentionRow.id == EventMentionRow.mention_id)
                .where(MentionRow.link_id == link_id)
            )
        )
    query = query.where(*conditions).order_by(
        EventRow.sort_key, DocumentRow.date, EventRow.document_id, EventRow.start, EventRow.id
    )
    # Rows unpack as tuples: attribute access on result rows costs more than the query.
    return [
        EventInfo(
            event_id,
            doc,
            title,
            date,
            expression,
            start,
            end,
            text,
            bool(uncertain),
            tuple(map(int, mention_ids.split())),
        )
        for event_id, doc, title, date, expression, start, end, text, uncertain, mention_ids in (
            session.execute(_page(query, limit, offset))
        )
    ]


def notes(
    session: Session, target_kind: str | None = None, target_id: int | None = None
) -> list[NoteInfo]:
    query = select(NoteRow)
    if target_kind:
        query = query.where(NoteRow.target_kind == target_kind)
    if target_id is not None:
        query = query.where(NoteRow.target_id == target_id)
    return [note_info(r) for r in session.scalars(query.order_by(NoteRow.created_at, NoteRow.id))]


def decisions(session: Session) -> list[DecisionInfo]:
    """The user's decisions in the order they were made, each with the quotes it names."""
    documents = {
        doc_id: (digest, path)
        for doc_id, digest, path in session.execute(
            select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.path).where(
                or_(
                    DocumentRow.id.in_(select(DecisionRow.document_id)),
                    DocumentRow.id.in_(select(DecisionRow.other_document_id)),
                )
            )
        )
    }

    def link_label(
        doc_id: int | None, kind: str | None, start: int | None, end: int | None
    ) -> str | None:
        if doc_id is None or start is None or end is None:
            return None
        return session.scalar(
            select(LinkRow.label)
            .join(MentionRow, MentionRow.link_id == LinkRow.id)
            .where(
                MentionRow.document_id == doc_id,
                MentionRow.kind == kind,
                MentionRow.start == start,
                MentionRow.end == end,
                MentionRow.dismissed.is_(False),
            )
            .limit(1)
        )

    out = []
    for d in session.scalars(select(DecisionRow).order_by(DecisionRow.id)):
        digest, path = documents.get(d.document_id, ("", ""))
        b_digest, b_path = (
            documents.get(d.other_document_id, ("", "")) if d.other_document_id else ("", "")
        )
        out.append(
            DecisionInfo(
                id=d.id,
                kind=d.action,
                created_at=aware(d.created_at),
                document_id=d.document_id,
                content_hash=digest,
                path=path,
                mention_kind=d.kind,
                start=d.start,
                end=d.end,
                text=d.text,
                link_label=link_label(d.document_id, d.kind, d.start, d.end),
                b_document_id=d.other_document_id,
                b_content_hash=b_digest,
                b_path=b_path,
                b_mention_kind=d.other_kind or "",
                b_start=d.other_start,
                b_end=d.other_end,
                b_text=d.other_text or "",
                b_link_label=link_label(
                    d.other_document_id, d.other_kind, d.other_start, d.other_end
                ),
                label=d.label,
            )
        )
    return out
