"""Opening a library: where it lives, migrations, and every way opening or writing can fail."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from xrefviewer.store import engine as engine_module
from xrefviewer.store.errors import LibraryError
from xrefviewer.store.library import Library
from xrefviewer.store.migrate import head_revision, upgrade
from xrefviewer.store.schema import Base

V1_LIBRARY = Path(__file__).parent / "data" / "library-v1.sqlite"


def _not_fts(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name and name.startswith("document_fts"))


def test_a_new_library_matches_the_models_after_all_migrations(tmp_path: Path) -> None:
    Library.open(str(tmp_path / "lib.sqlite")).close()
    engine = create_engine(f"sqlite:///{tmp_path / 'lib.sqlite'}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _not_fts})
        assert compare_metadata(context, Base.metadata) == []
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == head_revision()
        )
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    library = Library.open(str(tmp_path / "lib.sqlite"))
    with library._engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    library.close()


def test_a_first_schema_library_opens_and_upgrades(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite"
    shutil.copy(V1_LIBRARY, copy)
    with Library.open(str(copy)) as library:
        (document,) = library.documents()
        assert (document.title, document.date, document.path) == (
            "Statement",
            "2014-06-03",
            "/old/statement.txt",
        )
        assert "41 villagers" in library.document_text(document.id)
        assert [n.body for n in library.notes("document", document.id)] == [
            "Written by version one."
        ]
        assert library.search("villagers")[0].document_id == document.id
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        indexes = {
            row[1]
            for row in connection.execute(
                "SELECT type, name FROM sqlite_master WHERE type = 'index'"
            )
        }
        assert {"ix_mention_link_id", "ix_event_sort_key"} <= indexes
    # The file as it was before the upgrade is kept beside it.
    backup = tmp_path / "old.sqlite.before-upgrade-0001"
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    connection.close()
    # Opening again is a plain open, not another upgrade.
    backup.unlink()
    Library.open(str(copy)).close()
    assert not backup.exists()


def test_the_default_library_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert engine_module.default_library_path().parts[-2:] in {("xrefviewer", "library.sqlite")}
    monkeypatch.setenv("XREFVIEWER_DB", str(tmp_path / "from-env.sqlite"))
    assert engine_module.resolve_url(None).database == str(tmp_path / "from-env.sqlite")
    monkeypatch.delenv("XREFVIEWER_DB")
    monkeypatch.setattr(
        engine_module, "default_library_path", lambda: tmp_path / "data" / "library.sqlite"
    )
    with Library.open() as library:
        assert library.where == str(tmp_path / "data" / "library.sqlite")
    assert (tmp_path / "data" / "library.sqlite").exists()


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("lib.sqlite", "sqlite+pysqlite"),
        ("sqlite:///lib.sqlite", "sqlite+pysqlite"),
        ("postgresql://u:p@localhost/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u:p@localhost/db", "postgresql+psycopg"),
    ],
)
def test_urls_and_plain_paths(given: str, driver: str) -> None:
    assert engine_module.resolve_url(given).drivername == driver


@pytest.mark.parametrize("url", ["mysql://u:p@localhost/db", "mongodb://localhost/x", "foo://bar"])
def test_an_unknown_url_scheme_is_refused(url: str) -> None:
    with pytest.raises(LibraryError, match="unknown database URL scheme"):
        Library.open(url)


def test_an_unreachable_postgresql_server_is_one_line() -> None:
    with pytest.raises(
        LibraryError, match=r"can't reach the PostgreSQL server at .*127\.0\.0\.1:1"
    ) as caught:
        Library.open("postgresql+psycopg://xref:secret@127.0.0.1:1/xref", busy_timeout=2)
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value)


def _assert_left_alone(path: Path, before: bytes, error: LibraryError) -> None:
    message = str(error)
    assert str(path) in message and "move it aside" in message and "backup" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_file_that_is_not_a_database_is_left_in_place(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    path.write_bytes(b"These are my notes, not a database.\n" * 10)
    before = path.read_bytes()
    with pytest.raises(LibraryError) as caught:
        Library.open(str(path))
    _assert_left_alone(path, before, caught.value)


def test_a_damaged_database_is_left_in_place(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    Library.open(str(good)).close()
    path = tmp_path / "damaged" / "library.sqlite"
    path.parent.mkdir()
    data = bytearray(good.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # the header survives, every page is garbage
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(LibraryError) as caught:
        Library.open(str(path))
    _assert_left_alone(path, before, caught.value)


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    with pytest.raises(LibraryError, match="not an xrefviewer library"):
        Library.open(str(path))
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("recipes",)]
    connection.close()


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    Library.open(str(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(LibraryError, match="newer xrefviewer"):
        Library.open(str(path))


def test_a_locked_library_is_one_line_and_changes_nothing(tmp_path: Path, make_docs, texts) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lib.sqlite"
    docs = make_docs(tmp_path / "docs", {"one.txt": texts["report.txt"]})
    more = make_docs(tmp_path / "more", {"two.txt": texts["statement.txt"]})
    library = Library.open(str(path), busy_timeout=0.2)
    library.import_paths([docs], workers=1)
    (document,) = library.documents()
    other = sqlite3.connect(path, timeout=0.1)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program is writing
        with pytest.raises(LibraryError, match="locked by another program"):
            library.import_paths([more], workers=1)
        with pytest.raises(LibraryError, match="locked by another program"):
            library.add_note("document", document.id, "x")
        other.rollback()
        library.close()
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")  # ... and keeps everyone else out, even readers
        with pytest.raises(LibraryError, match="locked by another program"):
            Library.open(str(path), busy_timeout=0.2)
    finally:
        other.rollback()
        other.close()
        library.close()
    with Library.open(str(path)) as library:
        assert library.documents() == [document]
        assert library.notes() == []


def test_a_library_opened_read_only_refuses_writes_and_still_reads(
    tmp_path: Path, make_docs, texts
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lib.sqlite"
    docs = make_docs(tmp_path / "docs", {"one.txt": texts["report.txt"]})
    with Library.open(str(path)) as library:
        library.import_paths([docs], workers=1)
    before = len(path.read_bytes())
    with Library.open(f"sqlite:///file:{path}?mode=ro&uri=true") as library:
        assert len(library.documents()) == 1
        with pytest.raises(LibraryError, match="read-only"):
            library.add_note("document", library.documents()[0].id, "x")
    assert len(path.read_bytes()) == before


_READ_ONLY_SCRIPT = textwrap.dedent(
    """
    import sys
    from xrefviewer.store.library import Library
    from xrefviewer.store.errors import LibraryError
    try:
        library = Library.open(sys.argv[1])
        print(len(library.documents()), "documents")
        library.add_note("document", library.documents()[0].id, "x")
    except LibraryError as error:
        print(error)
        sys.exit(1)
    sys.exit(0)
    """
)


def test_a_library_on_a_read_only_disk(tmp_path: Path, make_docs, texts) -> None:  # type: ignore[no-untyped-def]
    """The library's folder mounted read-only (root: in a private mount namespace; else chmod)."""
    folder = tmp_path / "disk"
    path = folder / "lib.sqlite"
    docs = make_docs(tmp_path / "docs", {"one.txt": texts["report.txt"]})
    with Library.open(str(path)) as library:
        library.import_paths([docs], workers=1)
    before = path.read_bytes()
    command = [sys.executable, "-c", _READ_ONLY_SCRIPT, str(path)]
    if os.geteuid() == 0:
        if not shutil.which("unshare"):
            pytest.skip("root, and no unshare(1) to mount a read-only folder")
        mount = f'mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", mount, "sh", *command]
    else:
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.chmod(0o644)
    if os.geteuid() == 0 and "mount" in result.stderr and result.returncode != 1:
        pytest.skip(f"can't mount a read-only folder here: {result.stderr.strip()}")
    assert result.returncode == 1, result.stderr
    assert "1 documents" in result.stdout
    assert "read-only" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_upgrading_fills_each_events_mention_list(tmp_path: Path) -> None:
    """Migration 0003 moves the event -> mentions lists from event_mention into the events."""
    path = tmp_path / "v2.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade(connection, "0002")
        connection.execute(
            text(
                "INSERT INTO document VALUES (1, '/a.txt', 'A', :h, 'On May 2, 2014, 41 died.', "
                "'2014-05-02', 'dateline', '', '2024-01-01 00:00:00', 1, 0, 1)"
            ),
            {"h": "1" * 64},
        )
        for mention in (
            "(7, 1, 'date', 3, 14, 'May 2, 2014', '2014-05-02', NULL, '', NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 1, 4, 0, 24)",
            "(9, 1, 'figure', 16, 18, '41', '41', NULL, '', NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 1, 17, 0, 24)",
        ):
            connection.execute(text(f"INSERT INTO mention VALUES {mention}"))
        connection.execute(
            text(
                "INSERT INTO event VALUES (5, 1, '2014-05-02', '2014-05-02', 'May 2, 2014', 0, 24, "
                "'On May 2, 2014, 41 died.', 0, 7)"
            )
        )
        connection.execute(text("INSERT INTO event_mention VALUES (5, 9), (5, 7)"))
    engine.dispose()
    with Library.open(str(path)) as library:
        (event,) = library.events()
        assert (event.id, event.mention_ids, event.date) == (5, (7, 9), "2014-05-02")
        assert library.events(start="2014-05", end="2014-05") == [event]


def test_a_missing_postgresql_driver_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_psycopg(name: str, *args: object, **kwargs: object) -> object:
        if name == "psycopg" or name.startswith("psycopg."):
            raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(LibraryError, match=r"xrefviewer\[postgres\]"):
        Library.open("postgresql+psycopg://u:p@127.0.0.1:1/db")
