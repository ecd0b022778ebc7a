"""What incremental re-linking needs: the keys by which names may link, figures by value.

`name_key` holds, for each document's name entity (document, canonical form), every key by
which the name linkers could join it to another (store/link_scope.py): importing ten
documents re-links only the entities their names reach through these keys, and the figure
mentions of the values they state (`ix_mention_kind_value`). The table starts empty in an
upgraded library; the next full re-link fills it.

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
        "name_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("document.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("canonical", sa.Text, nullable=False),
    )
    op.create_index("ix_name_key_key", "name_key", ["key"])
    op.create_index("ix_name_key_document", "name_key", ["document_id", "canonical"])
    op.create_index("ix_mention_kind_value", "mention", ["kind", "value"])


def downgrade() -> None:
    op.drop_index("ix_mention_kind_value", "mention")
    op.drop_table("name_key")
