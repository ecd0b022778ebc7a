"""What incremental re-linking needs: the keys by which names may link, figures by value.

`name_form_key` holds, for each canonical name form of the library, every key by which the
name linkers could join it to another (store/link_scope.py): importing ten documents
re-links only the name mentions whose forms theirs reach through these keys
(`ix_mention_canonical`), and the figure mentions of the values they state
(`ix_mention_kind_value`). An index on `event.date_mention_id` makes replacing a
document (as dating it with the collection does) fast. The table starts empty in an upgraded library; the next full
re-link fills it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_form_key",
        sa.Column("canonical", sa.Text, primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
    )
    op.create_index("ix_name_form_key_key", "name_form_key", ["key"])
    op.create_index("ix_mention_canonical", "mention", ["canonical", "document_id"])
    op.create_index("ix_mention_kind_value", "mention", ["kind", "value"])
    # Replacing a document deletes its mentions; each delete checks event.date_mention_id.
    op.create_index("ix_event_date_mention_id", "event", ["date_mention_id"])


def downgrade() -> None:
    op.drop_index("ix_event_date_mention_id", "event")
    op.drop_index("ix_mention_kind_value", "mention")
    op.drop_index("ix_mention_canonical", "mention")
    op.drop_table("name_form_key")
