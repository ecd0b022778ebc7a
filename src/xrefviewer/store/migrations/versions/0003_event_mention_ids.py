"""Each event keeps the ids of its mentions in its own row.

Listing the events of two years in a library of 10,000 documents read 150,000
event_mention rows to rebuild these lists; now they come with the events. The
event_mention table stays: it answers "events of this link" through its index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event", sa.Column("mention_ids", sa.Text, nullable=False, server_default=""))
    if op.get_bind().dialect.name == "sqlite":
        joined = (
            "SELECT group_concat(mention_id, ' ') FROM (SELECT mention_id FROM event_mention "
            "WHERE event_id = event.id ORDER BY mention_id)"
        )
    else:
        joined = (
            "SELECT string_agg(mention_id::text, ' ' ORDER BY mention_id) FROM event_mention "
            "WHERE event_id = event.id"
        )
    op.execute(f"UPDATE event SET mention_ids = coalesce(({joined}), '')")


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.drop_column("mention_ids")
