"""Regenerate library-v1.sqlite: a library written with the FIRST schema (migration 0001).

Kept so that tests prove a library made by the first version still opens and upgrades.
Run once from the repository root: python tests/store/data/make_v1_library.py
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from xrefviewer.store.migrate import upgrade

TARGET = Path(__file__).with_name("library-v1.sqlite")
TEXT = "GENEVA, June 3, 2014 - 41 villagers were killed in Kamenga, the WHO said."


def main() -> None:
    TARGET.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{TARGET}")
    with engine.begin() as connection:
        upgrade(connection, "0001")
        connection.execute(
            text(
                "INSERT INTO document (id, path, title, content_hash, text, date, date_source, "
                "warnings, imported_at, figures, names, dates) VALUES (1, '/old/statement.txt', "
                "'Statement', :hash, :text, '2014-06-03', 'dateline', '', '2024-01-02 03:04:05', "
                "1, 1, 1)"
            ),
            {"hash": "0" * 64, "text": TEXT},
        )
        connection.execute(
            text(
                "INSERT INTO note (id, target_kind, target_id, body, created_at, updated_at, "
                "quote, orphaned, document_id, anchor_start) VALUES (1, 'document', 1, "
                "'Written by version one.', '2024-01-02 03:04:05', '2024-01-02 03:04:05', '', 0, "
                "1, NULL)"
            )
        )
    engine.dispose()


if __name__ == "__main__":
    main()
