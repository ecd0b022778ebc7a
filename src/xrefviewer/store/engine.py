"""Where a library lives and how to connect to it, and database errors as one readable line.

A library URL is any SQLAlchemy URL (`sqlite:///FILE`, `postgresql+psycopg://...`) or a
plain file path, which means a SQLite file. With none, the default file in the platform's
user data folder, unless XREFVIEWER_DB names another.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from xrefviewer.store.errors import LibraryError

ENV_VAR = "XREFVIEWER_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def default_library_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("xrefviewer", appauthor=False)) / "library.sqlite"


def resolve_url(url: str | None) -> URL:
    """The SQLAlchemy URL for `url`, a plain path, XREFVIEWER_DB or the default file."""
    if not url:
        url = os.environ.get(ENV_VAR) or str(default_library_path())
    if not _SCHEME.match(url) or _WINDOWS_DRIVE.match(url):
        return URL.create("sqlite+pysqlite", database=str(Path(url).expanduser()))
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise LibraryError(f"not a database URL: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.drivername == "sqlite":
            parsed = parsed.set(drivername="sqlite+pysqlite")
        return parsed
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed
    raise LibraryError(
        f"unknown database URL scheme {parsed.drivername!r}: use a file path, "
        "sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
    )


def describe(url: URL) -> str:
    """The URL as the user may see it: a file path, or the server without the password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def sqlite_file(url: URL) -> Path | None:
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        database = database[5:].split("?", 1)[0]
    return Path(database)


def check_sqlite_file(url: URL) -> None:
    """Refuse, before SQLite touches it, a file that is not a SQLite database."""
    path = sqlite_file(url)
    if path is None:
        return
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise LibraryError(
                f"can't read the library {path}: {error.strerror or error}"
            ) from None
        if head and head != SQLITE_HEADER:
            raise LibraryError(damaged_message(path))
    else:
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"can't create the library folder {folder}: {error.strerror or error}"
            ) from None


def read_only_view(url: URL) -> URL:
    """A library file we may not write (read-only file, folder or disk) is opened read-only.

    SQLite needs to create the -wal and -shm files beside a WAL database even to read it;
    on a read-only folder it may only read the file as immutable.
    """
    path = sqlite_file(url)
    if path is None or not path.exists() or (url.database or "").startswith("file:"):
        return url
    folder_writable = os.access(path.parent, os.W_OK)
    if os.access(path, os.W_OK) and folder_writable:
        return url
    query = {"mode": "ro", "uri": "true"}
    if not folder_writable:
        query["immutable"] = "1"
    return url.set(database=f"file:{path}", query=query)


def damaged_message(path: Path | str) -> str:
    return (
        f"the library {path} is damaged or not a library file; it was left as it is: "
        "move it aside (a new library is then made) or restore it from a backup"
    )


def make_engine(url: URL, busy_timeout: float = 5.0) -> Engine:
    backend = url.get_backend_name()
    if backend == "sqlite":
        connect_args: dict[str, Any] = {"timeout": busy_timeout}
        engine = create_engine(url, connect_args=connect_args)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    connect_args = {"connect_timeout": max(1, int(busy_timeout))}
    try:
        return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    except ImportError as error:
        raise LibraryError(
            f"PostgreSQL needs its driver ({error.name or error}): "
            "install it with pip install 'xrefviewer[postgres]'"
        ) from None


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()
        if mode and str(mode[0]).lower() not in ("wal", "memory"):
            # Switching needs a write; a read-only file keeps its mode and stays readable.
            with suppress(sqlite3.OperationalError):
                cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def explain(error: BaseException, where: str) -> str:
    """One readable line for a database error at the library `where` (path or server)."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()[0] if str(error) else ""
    low = text.lower()
    if "locked" in low or "busy" in low:
        return (
            f"the library {where} is locked by another program (another xrefviewer?); "
            "close it and try again"
        )
    if "readonly" in low or "read-only" in low or "read only" in low:
        return f"the library {where} can't be written: the file or its disk is read-only"
    if "malformed" in low or "not a database" in low or "file is encrypted" in low:
        return damaged_message(where)
    if "unable to open" in low:
        return f"can't open the library {where}: the file or its folder can't be read or written"
    if "disk is full" in low or "no space" in low:
        return f"can't write the library {where}: the disk is full"
    if isinstance(error, exc.OperationalError) and not where.startswith("/"):
        if "password authentication" in low or "authentication failed" in low:
            return f"the PostgreSQL server at {where} refused the user name or password"
        if "does not exist" in low:
            return f"the PostgreSQL server at {where} says: {text}"
        return f"can't reach the PostgreSQL server at {where} ({text or 'no answer'})"
    return f"the library {where} failed: {text or type(error).__name__}"


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Database errors raised inside become LibraryError with one readable line."""
    try:
        yield
    except exc.DBAPIError as error:
        if isinstance(error, exc.IntegrityError):
            raise
        raise LibraryError(explain(error, where)) from None
    except sqlite3.DatabaseError as error:
        raise LibraryError(explain(error, where)) from None
    except OSError as error:
        # E.g. the copy kept before an upgrade: the disk is full or the folder read-only.
        raise LibraryError(f"the library {where} failed: {error.strerror or error}") from None
