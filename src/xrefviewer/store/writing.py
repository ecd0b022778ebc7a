"""Writing one analysed document into the library, and rebuilding what hangs off its mentions.

Each function takes a Session and never commits: the caller makes one document one
transaction, so a crash leaves either the whole document or none of it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from xrefviewer.core.events import build_events
from xrefviewer.core.model import Document, DocumentAnalysis, Mention
from xrefviewer.core.sentences import SentenceIndex
from xrefviewer.store.link_scope import note_dirty, write_name_keys
from xrefviewer.store.rows import (
    date_sort_key,
    find_quote,
    line_and_column,
    line_starts,
    now,
    number_text,
    snippet_bounds,
)
from xrefviewer.store.schema import (
    DecisionRow,
    DocumentRow,
    EventMentionRow,
    EventRow,
    LinkRow,
    MentionRow,
    NoteRow,
    StateRow,
)

LINKS_STALE = "links_stale"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewMention:
    kind: str
    start: int
    end: int
    text: str
    value: str
    canonical: str | None = None
    aliases: str = ""
    gender: str = ""
    counts: str | None = None
    qualifier: str | None = None
    action: str | None = None
    unit: str | None = None
    type: str | None = None
    relative: bool = False
    uncertain: bool = False
    added_by_user: bool = False


def mentions_of(analysis: DocumentAnalysis) -> list[NewMention]:
    out: list[NewMention] = []
    for f in analysis.figures:
        out.append(
            NewMention(
                "figure",
                f.start,
                f.end,
                f.text,
                number_text(f.value),
                counts=f.counts,
                qualifier=f.qualifier,
                action=f.action,
                unit=f.unit,
            )
        )
    for n in analysis.names:
        out.append(
            NewMention(
                "name",
                n.start,
                n.end,
                n.text,
                n.canonical,
                canonical=n.canonical,
                aliases="\n".join(n.aliases),
                gender=n.gender,
                type=n.type,
            )
        )
    for d in analysis.dates:
        out.append(
            NewMention(
                "date",
                d.start,
                d.end,
                d.text,
                d.value,
                relative=d.relative,
                uncertain=d.uncertain,
            )
        )
    out.sort(key=lambda m: (m.start, m.end))
    return out


def mark_links_stale(session: Session) -> None:
    if session.get(StateRow, LINKS_STALE) is None:
        session.add(StateRow(key=LINKS_STALE, value="1"))
    else:
        session.execute(update(StateRow).where(StateRow.key == LINKS_STALE).values(value="1"))


def links_stale(session: Session) -> bool:
    value = session.scalar(select(StateRow.value).where(StateRow.key == LINKS_STALE))
    return value == "1"


def clear_links_stale(session: Session) -> None:
    session.execute(delete(StateRow).where(StateRow.key == LINKS_STALE))


def write_document(
    session: Session,
    analysis: DocumentAnalysis,
    path: str,
    digest: str,
    replace_id: int | None = None,
) -> int:
    """Store one document with its mentions and events; replace `replace_id` in place."""
    source = analysis.source
    fields = dict(
        path=path,
        title=source.title or path.rsplit("/", 1)[-1],
        content_hash=digest,
        text=source.text,
        date=analysis.date.value,
        date_source=analysis.date.source,
        warnings="\n".join(source.warnings),
        imported_at=now(),
    )
    lost_links: set[int] = set()
    if replace_id is None:
        row = DocumentRow(**fields, figures=0, names=0, dates=0)
        session.add(row)
        session.flush()
        doc_id = row.id
    else:
        doc_id = replace_id
        old_text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id)) or ""
        lost_links = set(
            session.scalars(
                select(MentionRow.link_id)
                .where(MentionRow.document_id == doc_id, MentionRow.link_id.is_not(None))
                .distinct()
            )
        )
        session.execute(delete(EventRow).where(EventRow.document_id == doc_id))
        session.execute(delete(MentionRow).where(MentionRow.document_id == doc_id))
        session.execute(update(DocumentRow).where(DocumentRow.id == doc_id).values(**fields))
        reanchor_decisions(session, doc_id, old_text, source.text)
    found = mentions_of(analysis)
    ids = insert_mentions(session, doc_id, source.text, found)
    if replace_id is None and not has_mention_decisions(session, doc_id):
        # The common case, a new document: everything needed is in memory already.
        rows = [_Stored(i, m) for i, m in zip(ids, found, strict=True)]
        rebuild_events(session, doc_id, (source.text, rows))
        counts = Counter(m.kind for m in found)
        session.execute(
            update(DocumentRow)
            .where(DocumentRow.id == doc_id)
            .values(figures=counts["figure"], names=counts["name"], dates=counts["date"])
        )
    else:
        apply_mention_decisions(session, doc_id, source.text)
        rebuild_events(session, doc_id)
        update_counts(session, doc_id)
    if replace_id is not None:
        reanchor_notes(session, doc_id)
    mark_links_stale(session)
    note_dirty(session, doc_id, lost_links if replace_id is not None else ())
    return doc_id


def allocate_ids(
    session: Session, table: type[MentionRow] | type[EventRow] | type[LinkRow], count: int
) -> list[int]:
    """Ids for `count` new rows, in order, so that many rows go in one executemany.

    (INSERT ... RETURNING keeps the order of the rows only one statement per row on SQLite.)
    An id is never handed out twice, even after its row was deleted: a note flagged orphaned
    keeps the id of the mention, event or link it was on, and must not land on a new one.
    On SQLite a high-water mark in library_state does that (written first, so the caller's
    transaction holds the write lock before reading it); PostgreSQL's sequences never go back.
    """
    if count <= 0:
        return []
    name = table.__tablename__
    if session.get_bind().dialect.name == "postgresql":
        return list(
            session.scalars(
                text(f"SELECT nextval('{name}_id_seq') FROM generate_series(1, :n)"), {"n": count}
            )
        )
    session.flush()
    key = f"last_{name}_id"
    session.execute(
        text("INSERT OR IGNORE INTO library_state (key, value) VALUES (:key, '0')"), {"key": key}
    )
    mark = int(session.scalar(select(StateRow.value).where(StateRow.key == key)) or 0)
    last = max(mark, session.scalar(select(func.max(table.id))) or 0)
    session.execute(update(StateRow).where(StateRow.key == key).values(value=str(last + count)))
    return list(range(last + 1, last + 1 + count))


def insert_mentions(
    session: Session, doc_id: int, text: str, mentions: Sequence[NewMention]
) -> list[int]:
    if not mentions:
        return []
    sentences = SentenceIndex(text)
    starts = line_starts(text)
    rows = []
    ids = allocate_ids(session, MentionRow, len(mentions))
    for mention_id, m in zip(ids, mentions, strict=True):
        line, column = line_and_column(text, m.start, starts)
        s_start, s_end = snippet_bounds(sentences.around(m.start), m.start, m.end)
        rows.append(
            dict(
                id=mention_id,
                document_id=doc_id,
                kind=m.kind,
                start=m.start,
                end=m.end,
                text=m.text,
                value=m.value,
                canonical=m.canonical,
                aliases=m.aliases,
                gender=m.gender,
                counts=m.counts,
                qualifier=m.qualifier,
                action=m.action,
                unit=m.unit,
                type=m.type,
                relative=m.relative,
                uncertain=m.uncertain,
                added_by_user=m.added_by_user,
                dismissed=False,
                link_id=None,
                line=line,
                column=column,
                snippet_start=s_start,
                snippet_end=s_end,
            )
        )
    session.execute(insert(MentionRow.__table__), rows)
    write_name_keys(
        session, [(m.canonical or m.value, m.type, m.aliases) for m in mentions if m.kind == "name"]
    )
    return ids


@dataclass(frozen=True, slots=True)
class _Stored:
    """A just-inserted mention as `rebuild_events` reads it."""

    id: int
    mention: NewMention

    def __getattr__(self, name: str) -> object:
        return getattr(self.mention, name)


def has_mention_decisions(session: Session, doc_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count()).where(
                DecisionRow.document_id == doc_id, DecisionRow.action.in_(("dismiss", "add"))
            )
        )
    )


def rebuild_events(
    session: Session, doc_id: int, known: tuple[str, Sequence[object]] | None = None
) -> None:
    """Every sentence holding a (not dismissed) date mention is an event of this document.

    Args:
        known: the document's text and its stored mentions when the caller has them in
            memory (a fresh import), which spares reading them back.
    """
    if known is not None:
        text, rows = known
        if not any(r.kind == "date" for r in rows):  # type: ignore[attr-defined]
            return
        _insert_events(session, doc_id, text, rows)
        return
    session.execute(delete(EventRow).where(EventRow.document_id == doc_id))
    text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id)) or ""
    rows = session.execute(
        select(
            MentionRow.id,
            MentionRow.kind,
            MentionRow.start,
            MentionRow.end,
            MentionRow.text,
            MentionRow.value,
            MentionRow.uncertain,
        )
        .where(MentionRow.document_id == doc_id, MentionRow.dismissed.is_(False))
        .order_by(MentionRow.start, MentionRow.end)
    ).all()
    if not any(r.kind == "date" for r in rows):
        return
    _insert_events(session, doc_id, text, rows)


def _insert_events(session: Session, doc_id: int, text: str, rows: Sequence[object]) -> None:
    texts = {str(r.id): r.text for r in rows}  # type: ignore[attr-defined]
    document = Document("d", "", "", text, None, "")
    mentions = [
        Mention(
            str(r.id),
            "d",
            r.kind,
            r.start,
            r.end,
            r.text,
            r.value,
            uncertain=bool(r.uncertain),  # type: ignore[attr-defined]
        )
        for r in rows
    ]
    events = build_events([document], mentions)
    if not events:
        return
    ids = allocate_ids(session, EventRow, len(events))
    event_rows = [
        dict(
            id=event_id,
            document_id=doc_id,
            date=e.date,
            sort_key=date_sort_key(e.date),
            expression=texts.get(e.date_mention, ""),
            start=e.start,
            end=e.end,
            text=e.text,
            uncertain=e.uncertain,
            date_mention_id=int(e.date_mention) if e.date_mention else None,
            mention_ids=" ".join(sorted(dict.fromkeys(e.mentions), key=int)),
        )
        for event_id, e in zip(ids, events, strict=True)
    ]
    session.execute(insert(EventRow.__table__), event_rows)
    links = [
        {"event_id": event_id, "mention_id": int(mid)}
        for event_id, e in zip(ids, events, strict=True)
        for mid in dict.fromkeys(e.mentions)
    ]
    if links:
        session.execute(insert(EventMentionRow.__table__), links)


def update_counts(session: Session, doc_id: int) -> None:
    counts = dict(
        session.execute(
            select(MentionRow.kind, func.count())
            .where(MentionRow.document_id == doc_id, MentionRow.dismissed.is_(False))
            .group_by(MentionRow.kind)
        ).all()
    )
    session.execute(
        update(DocumentRow)
        .where(DocumentRow.id == doc_id)
        .values(
            figures=counts.get("figure", 0),
            names=counts.get("name", 0),
            dates=counts.get("date", 0),
        )
    )


def reanchor_decisions(session: Session, doc_id: int, old_text: str, new_text: str) -> None:
    """Move the user's decisions on a changed document to where their text now stands."""
    decisions = session.scalars(
        select(DecisionRow).where(
            (DecisionRow.document_id == doc_id) | (DecisionRow.other_document_id == doc_id)
        )
    ).all()
    for d in decisions:
        if d.document_id == doc_id:
            found = find_quote(new_text, d.text, d.start)
            if found is not None:
                d.start, d.end = found, found + len(d.text)
        if d.other_document_id == doc_id and d.other_text and d.other_start is not None:
            found = find_quote(new_text, d.other_text, d.other_start)
            if found is not None:
                d.other_start, d.other_end = found, found + len(d.other_text)
    session.flush()


def apply_mention_decisions(session: Session, doc_id: int, text: str) -> None:
    """Re-apply the user's dismissals and additions to a freshly analysed document."""
    decisions = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.document_id == doc_id, DecisionRow.action.in_(("dismiss", "add")))
        .order_by(DecisionRow.id)
    ).all()
    for d in decisions:
        if text[d.start : d.end] != d.text:
            continue  # the text is gone from the document: nothing to apply it to
        if d.action == "dismiss":
            session.execute(
                update(MentionRow)
                .where(
                    MentionRow.document_id == doc_id,
                    MentionRow.kind == d.kind,
                    MentionRow.start == d.start,
                    MentionRow.end == d.end,
                )
                .values(dismissed=True, link_id=None)
            )
        else:
            exists = session.scalar(
                select(func.count()).where(
                    MentionRow.document_id == doc_id,
                    MentionRow.kind == d.kind,
                    MentionRow.start == d.start,
                    MentionRow.end == d.end,
                    MentionRow.dismissed.is_(False),
                )
            )
            if not exists:
                insert_mentions(
                    session, doc_id, text, [user_mention(d.kind, d.start, d.end, d.text, d.label)]
                )


def user_mention(kind: str, start: int, end: int, text: str, value: str | None) -> NewMention:
    value = value or text
    return NewMention(
        kind, start, end, text, value,
        canonical=value if kind == "name" else None, added_by_user=True,
    )  # fmt: skip


def reanchor_notes(session: Session, doc_id: int) -> None:
    """Notes on this document's mentions and events follow their quoted text, or are orphaned."""
    notes = session.scalars(
        select(NoteRow).where(
            NoteRow.document_id == doc_id, NoteRow.target_kind.in_(("mention", "event"))
        )
    ).all()
    for note in notes:
        table = MentionRow if note.target_kind == "mention" else EventRow
        current = session.get(table, note.target_id)
        if current is not None and current.document_id == doc_id and current.text == note.quote:
            continue
        candidates = session.execute(
            select(table.id, table.start).where(
                table.document_id == doc_id, table.text == note.quote
            )
        ).all()
        if table is MentionRow:
            candidates = session.execute(
                select(MentionRow.id, MentionRow.start).where(
                    MentionRow.document_id == doc_id,
                    MentionRow.text == note.quote,
                    MentionRow.dismissed.is_(False),
                )
            ).all()
        if candidates:
            near = note.anchor_start or 0
            best = min(candidates, key=lambda c: abs(c.start - near))
            note.target_id, note.anchor_start, note.orphaned = best.id, best.start, False
        else:
            note.orphaned = True
    session.flush()
