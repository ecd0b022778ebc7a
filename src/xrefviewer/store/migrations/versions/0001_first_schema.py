"""The first library schema: documents, mentions, links, events, notes, decisions, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("date_source", sa.Text, nullable=False),
        sa.Column("warnings", sa.Text, nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("figures", sa.Integer, nullable=False),
        sa.Column("names", sa.Integer, nullable=False),
        sa.Column("dates", sa.Integer, nullable=False),
    )
    op.create_index("ix_document_path", "document", ["path"])
    op.create_table(
        "link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("renamed", sa.Boolean, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
    )
    op.create_index("ix_link_kind", "link", ["kind"])
    op.create_index("ix_link_documents", "link", ["documents"])
    op.create_table(
        "mention",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("document.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("counts", sa.Text),
        sa.Column("qualifier", sa.Text),
        sa.Column("action", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("type", sa.String(16)),
        sa.Column("relative", sa.Boolean, nullable=False),
        sa.Column("uncertain", sa.Boolean, nullable=False),
        sa.Column("added_by_user", sa.Boolean, nullable=False),
        sa.Column("dismissed", sa.Boolean, nullable=False),
        sa.Column("link_id", sa.Integer, sa.ForeignKey("link.id", ondelete="SET NULL")),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("column", sa.Integer, nullable=False),
        sa.Column("snippet_start", sa.Integer, nullable=False),
        sa.Column("snippet_end", sa.Integer, nullable=False),
    )
    op.create_index("ix_mention_document_id", "mention", ["document_id"])
    op.create_table(
        "event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("document.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("date", sa.String(32), nullable=False),
        sa.Column("sort_key", sa.String(40), nullable=False),
        sa.Column("expression", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("uncertain", sa.Boolean, nullable=False),
        sa.Column("date_mention_id", sa.Integer, sa.ForeignKey("mention.id", ondelete="CASCADE")),
    )
    op.create_index("ix_event_document_id", "event", ["document_id"])
    op.create_table(
        "event_mention",
        sa.Column(
            "event_id",
            sa.Integer,
            sa.ForeignKey("event.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "mention_id",
            sa.Integer,
            sa.ForeignKey("mention.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_event_mention_mention_id", "event_mention", ["mention_id"])
    op.create_table(
        "note",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("target_kind", sa.String(8), nullable=False),
        sa.Column("target_id", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("orphaned", sa.Boolean, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id", ondelete="SET NULL")),
        sa.Column("anchor_start", sa.Integer),
    )
    op.create_index("ix_note_target", "note", ["target_kind", "target_id"])
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("document.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column(
            "other_document_id", sa.Integer, sa.ForeignKey("document.id", ondelete="CASCADE")
        ),
        sa.Column("other_kind", sa.String(8)),
        sa.Column("other_start", sa.Integer),
        sa.Column("other_end", sa.Integer),
        sa.Column("other_text", sa.Text),
        sa.Column("label", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_decision_document_id", "decision", ["document_id"])
    op.create_table(
        "library_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # External-content FTS5 index over the documents' text, kept current by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE document_fts USING fts5("
            "title, text, content='document', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN "
            "INSERT INTO document_fts(rowid, title, text) VALUES (new.id, new.title, new.text); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN "
            "INSERT INTO document_fts(document_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text ON document BEGIN "
            "INSERT INTO document_fts(document_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); "
            "INSERT INTO document_fts(rowid, title, text) VALUES (new.id, new.title, new.text); "
            "END"
        )
    elif bind.dialect.name == "postgresql":
        # A tsvector holds at most 1 MB: index (and search) the first 400,000 characters.
        op.execute(
            "CREATE INDEX ix_document_fts ON document "
            "USING gin (to_tsvector('english', left(title || ' ' || text, 400000)))"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("document_fts_insert", "document_fts_delete", "document_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS document_fts")
    for table in ("library_state", "decision", "note", "event_mention", "event", "mention"):
        op.drop_table(table)
    op.drop_table("link")
    op.drop_table("document")
