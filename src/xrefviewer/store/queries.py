"""Read queries of the library: each takes a Session, never commits, returns records."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from xrefviewer.store.errors import InvalidRequest, NotFoundError
from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    LinkInfo,
    MentionInfo,
    NoteInfo,
    Occurrence,
)
from xrefviewer.store.rows import aware, bound_key, document_info, mention_info, note_info
from xrefviewer.store.schema import (
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


def _document(row: object) -> DocumentInfo:
    return DocumentInfo(
        id=row.id,  # type: ignore[attr-defined]
        path=row.path,  # type: ignore[attr-defined]
        title=row.title,  # type: ignore[attr-defined]
        date=row.date,  # type: ignore[attr-defined]
        date_source=row.date_source,  # type: ignore[attr-defined]
        content_hash=row.content_hash,  # type: ignore[attr-defined]
        imported_at=aware(row.imported_at),  # type: ignore[attr-defined]
        figures=row.figures,  # type: ignore[attr-defined]
        names=row.names,  # type: ignore[attr-defined]
        dates=row.dates,  # type: ignore[attr-defined]
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
    rows = session.scalars(
        select(MentionRow)
        .where(MentionRow.document_id == document_id, MentionRow.dismissed.is_(False))
        .order_by(MentionRow.start, MentionRow.end, MentionRow.id)
    )
    return [mention_info(r) for r in rows]


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


def links(
    session: Session,
    kind: str | None = None,
    text: str | None = None,
    document_id: int | None = None,
) -> list[LinkInfo]:
    query = select(LinkRow)
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
    return [_link(r) for r in session.scalars(query)]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def link(session: Session, link_id: int) -> LinkInfo:
    row = session.get(LinkRow, link_id)
    if row is None:
        raise NotFoundError(f"no link {link_id} in the library")
    return _link(row)


def link_occurrences(session: Session, link_id: int) -> list[Occurrence]:
    link(session, link_id)
    snippet = func.substr(
        DocumentRow.text,
        MentionRow.snippet_start + 1,
        MentionRow.snippet_end - MentionRow.snippet_start,
    )
    rows = session.execute(
        select(MentionRow, DocumentRow.title, DocumentRow.date, snippet.label("snippet"))
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.link_id == link_id, MentionRow.dismissed.is_(False))
        .order_by(MentionRow.document_id, MentionRow.start)
    ).all()
    return [
        Occurrence(
            mention=mention_info(m),
            document_title=title,
            document_date=date,
            snippet=" ".join(text.split()),
            snippet_start=m.snippet_start,
            line=m.line,
            column=m.column,
        )
        for m, title, date, text in rows
    ]


def events(
    session: Session,
    start: str | None = None,
    end: str | None = None,
    document_id: int | None = None,
    link_id: int | None = None,
) -> list[EventInfo]:
    query: Select[tuple[EventRow, str]] = select(EventRow, DocumentRow.title).join(
        DocumentRow, DocumentRow.id == EventRow.document_id
    )
    filtered = select(EventRow.id)
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
    filtered = filtered.where(*conditions)
    rows = session.execute(query).all()
    if not rows:
        return []
    mention_ids: dict[int, list[int]] = defaultdict(list)
    for event_id, mention_id in session.execute(
        select(EventMentionRow.event_id, EventMentionRow.mention_id)
        .join(MentionRow, MentionRow.id == EventMentionRow.mention_id)
        .where(EventMentionRow.event_id.in_(filtered), MentionRow.dismissed.is_(False))
        .order_by(EventMentionRow.event_id, MentionRow.start)
    ):
        mention_ids[event_id].append(mention_id)
    return [
        EventInfo(
            id=e.id,
            document_id=e.document_id,
            document_title=title,
            date=e.date,
            expression=e.expression,
            start=e.start,
            end=e.end,
            text=e.text,
            uncertain=bool(e.uncertain),
            mention_ids=tuple(mention_ids.get(e.id, ())),
        )
        for e, title in rows
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


__all__ = ["document_info"]
