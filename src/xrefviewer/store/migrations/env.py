"""Alembic's environment: always run from `xrefviewer.store.migrate` on an open connection."""

from __future__ import annotations

from alembic import context

from xrefviewer.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a hand-run `alembic` command
    raise RuntimeError("run migrations through xrefviewer.store.migrate.upgrade(connection)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
