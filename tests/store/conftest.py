"""Store tests run against a SQLite file and, when XREFVIEWER_TEST_PG_URL is set, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from xrefviewer.store.library import Library

PG_URL = os.environ.get("XREFVIEWER_TEST_PG_URL")

DOCUMENTS = {
    "statement.txt": (
        "GENEVA, June 3, 2014 - The World Health Organization (WHO) said on Tuesday that "
        "41 villagers were killed in the attack on Kamenga.\n\n"
        "Dr. Margaret Chan, the WHO director-general, called for an inquiry. "
        "More than 2,000 people have fled since March 2014.\n"
    ),
    "report.txt": (
        "NAIROBI, June 5, 2014 - Witnesses told reporters that 41 people were killed when "
        "gunmen attacked Kamenga on June 2.\n\n"
        "The World Health Organization sent a medical team. Margaret Chan said the "
        "agency would help. About 2,000 people have fled the district.\n"
    ),
    "letter.md": (
        "# A letter to the editor\n\n"
        "Written on 10 June 2014. The attack in Kamenga, which killed 41 villagers, "
        "was not the first. In 2012 some 300 families were displaced.\n"
    ),
}


def write_documents(folder: Path, documents: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in (documents or DOCUMENTS).items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_real_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A test that forgets --db must never reach the user's real library.
    monkeypatch.setenv("XREFVIEWER_DB", str(tmp_path / "default-library.sqlite"))


def _postgres_database() -> Iterator[str]:
    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"xref_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="XREFVIEWER_TEST_PG_URL is not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def library_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "library.sqlite")
    else:
        yield from _postgres_database()


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    lib = Library.open(library_url)
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def make_docs():  # type: ignore[no-untyped-def]
    """write_documents(folder, {name: text}) -> folder (the three sample texts by default)."""
    return write_documents


@pytest.fixture
def texts() -> dict[str, str]:
    return dict(DOCUMENTS)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return write_documents(tmp_path / "docs")
