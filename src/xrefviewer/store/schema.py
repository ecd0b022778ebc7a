"""The library's tables as SQLAlchemy 2.0 typed mappings.

The schema itself is created and changed only by the Alembic migrations in
`xrefviewer/store/migrations`; these classes must describe what the newest migration
leaves (a test compares them). Rows never leave `xrefviewer.store`: callers get the
records of `records.py`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(Text, index=True)
    title: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(32))
    date_source: Mapped[str] = mapped_column(Text)
    warnings: Mapped[str] = mapped_column(Text, default="")  # one per line
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    # Counted at import and on every decision so that listing 10,000 documents stays cheap.
    figures: Mapped[int] = mapped_column(Integer, default=0)
    names: Mapped[int] = mapped_column(Integer, default=0)
    dates: Mapped[int] = mapped_column(Integer, default=0)


class LinkRow(Base):
    __tablename__ = "link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), index=True)
    label: Mapped[str] = mapped_column(Text)
    renamed: Mapped[bool] = mapped_column(Boolean, default=False)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0, index=True)


class MentionRow(Base):
    __tablename__ = "mention"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # What the viewer shows: a figure's number, a date's TIMEX3 value, a name's canonical
    # form across the library (its link's label once linked).
    value: Mapped[str] = mapped_column(Text)
    # What the document alone says a name is: the linkers start from this on every re-link.
    canonical: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[str] = mapped_column(Text, default="")  # one per line
    gender: Mapped[str] = mapped_column(String(1), default="", server_default="")  # of a name
    counts: Mapped[str | None] = mapped_column(Text)
    qualifier: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(16))
    relative: Mapped[bool] = mapped_column(Boolean, default=False)
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    added_by_user: Mapped[bool] = mapped_column(Boolean, default=False)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("link.id", ondelete="SET NULL"))
    # Where it stands, worked out once at import so that listing a link's occurrences
    # needs no document text in Python: 1-based line and column, and the snippet around it.
    line: Mapped[int] = mapped_column(Integer, default=1)
    column: Mapped[int] = mapped_column(Integer, default=1)
    snippet_start: Mapped[int] = mapped_column(Integer, default=0)
    snippet_end: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_mention_link_id", "link_id"),
        Index("ix_mention_kind_value", "kind", "value"),
        Index("ix_mention_canonical", "canonical", "document_id"),
    )


class EventRow(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[str] = mapped_column(String(32))
    # "2014-06-00" style key: years before their months before their days; references sort
    # after every number ("~PAST_REF").
    sort_key: Mapped[str] = mapped_column(String(40))
    expression: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False)
    date_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("mention.id", ondelete="CASCADE")
    )
    # The event's mentions, "12 15 16": read with the event instead of from event_mention.
    mention_ids: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        Index("ix_event_sort_key", "sort_key"),
        # Deleting a document's mentions checks this reference: without the index, one scan
        # of every event per mention (seconds for a re-imported document at 10,000).
        Index("ix_event_date_mention_id", "date_mention_id"),
    )


class EventMentionRow(Base):
    __tablename__ = "event_mention"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mention.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class NameKeyRow(Base):
    """A key by which a canonical name form may link to another (store/link_scope.py)."""

    __tablename__ = "name_form_key"

    canonical: Mapped[str] = mapped_column(Text, primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)

    __table_args__ = (Index("ix_name_form_key_key", "key"),)


class NoteRow(Base):
    __tablename__ = "note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    quote: Mapped[str] = mapped_column(Text, default="")
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the quote stood, so a re-imported document can take its notes along.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    anchor_start: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_note_target", "target_kind", "target_id"),)


class DecisionRow(Base):
    """One correction the user made to the analysis, replayed after every re-link.

    Mentions are named by where they stand (document, kind, start, end, text), not by id:
    a re-imported document gets new mention rows, and the decision finds its text again.
    """

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))  # merge split rename not_same dismiss add
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    other_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE")
    )
    other_kind: Mapped[str | None] = mapped_column(String(8))
    other_start: Mapped[int | None] = mapped_column(Integer)
    other_end: Mapped[int | None] = mapped_column(Integer)
    other_text: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(Text)  # rename: the new label; add: the value
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StateRow(Base):
    """Small facts about the library itself, e.g. that links need a re-link after a crash."""

    __tablename__ = "library_state"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
