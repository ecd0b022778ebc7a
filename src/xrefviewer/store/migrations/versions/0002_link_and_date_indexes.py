"""Indexes the viewer's queries need: a link's mentions, and events between two dates.

Without them "all mentions of this link" and "events between two dates" scan every row,
hundreds of milliseconds in a library of 10,000 documents.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_mention_link_id", "mention", ["link_id"])
    op.create_index("ix_event_sort_key", "event", ["sort_key"])


def downgrade() -> None:
    op.drop_index("ix_event_sort_key", "event")
    op.drop_index("ix_mention_link_id", "mention")
