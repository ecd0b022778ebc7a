"""A name's gender, as its document tells it ("Mrs. Clinton"): the name linker needs it to
join a surname alone to the one full name of that gender in the library.

Names stored before this revision have none ("") until their document is analysed again;
they link as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mention") as batch:
        batch.add_column(sa.Column("gender", sa.String(1), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("mention") as batch:
        batch.drop_column("gender")
