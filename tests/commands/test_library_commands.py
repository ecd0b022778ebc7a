"""The library's commands as a person runs them: output, exit status, one-line errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from xrefviewer.cli import main
from xrefviewer.commands.library import ProgressBar
from xrefviewer.store.library import Library

TEXTS = {
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
}


@pytest.fixture(autouse=True)
def library_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every command without --db goes to this file, never to the user's real library."""
    path = tmp_path / "env-library.sqlite"
    monkeypatch.setenv("XREFVIEWER_DB", str(path))
    return path


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_then_list_search_and_events(capsys, docs: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "lib.sqlite")
    status, out, err = run(capsys, "import", str(docs), "--db", db, "--workers", "1")
    assert status == 0, err
    assert out.strip() == "2 added, 0 replaced, 0 unchanged; the library holds 2 documents"
    # Not a terminal: plain progress lines, no carriage returns.
    assert "\r" not in err and err.count("imported ") == 2

    status, out, _ = run(capsys, "import", str(docs), "--db", db)
    assert status == 0 and out.startswith("0 added, 0 replaced, 2 unchanged")

    status, out, _ = run(capsys, "documents", "--db", db)
    assert status == 0 and len(out.splitlines()) == 2 and "GENEVA" in out

    status, out, _ = run(capsys, "links", "--db", db)
    assert status == 0 and "Kamenga" in out
    status, out, _ = run(capsys, "links", "--db", db, "--kind", "figure")
    assert all(" figure " in line for line in out.splitlines()) and out
    status, out, _ = run(capsys, "links", "--db", db, "--text", "kamenga")
    link_id = out.split()[0]
    status, out, _ = run(capsys, "links", "--db", db, "--show", link_id)
    assert status == 0 and out.count("mention ") == 2 and "Kamenga" in out

    status, out, _ = run(capsys, "search", "medical", "team", "--db", db)
    assert status == 0 and "[medical]" in out
    status, out, err = run(capsys, "search", "zebra", "--db", db)
    assert status == 1 and out == "" and err.strip() == "no matches"

    status, out, _ = run(capsys, "events", "--db", db, "--from", "2014-06", "--to", "2014-06")
    assert status == 0 and out and all(line.startswith("2014-06") for line in out.splitlines())
    status, _, err = run(capsys, "events", "--db", db, "--from", "soon")
    assert status == 2 and err.startswith("xrefviewer: not a date") and len(err.splitlines()) == 1

    # Long lists in pages.
    status, out, _ = run(capsys, "events", "--db", db)
    every = out.splitlines()
    assert status == 0 and len(every) >= 2
    status, out, _ = run(capsys, "events", "--db", db, "--limit", "1", "--offset", "1")
    assert status == 0 and out.splitlines() == every[1:2]
    status, out, _ = run(capsys, "links", "--db", db, "--show", link_id, "--limit", "1")
    assert status == 0 and out.count("mention ") == 1
    status, _, err = run(capsys, "events", "--db", db, "--limit", "-1")
    assert status == 2 and err.strip() == "xrefviewer: limit and offset can't be negative"


def test_without_db_the_environment_library_is_used(capsys, docs: Path, library_file: Path) -> None:  # type: ignore[no-untyped-def]
    status, _, _ = run(capsys, "import", str(docs / "report.txt"))
    assert status == 0 and library_file.exists()
    with Library.open(str(library_file)) as library:
        assert len(library.documents()) == 1


def test_a_skipped_file_means_exit_status_three(capsys, docs: Path) -> None:  # type: ignore[no-untyped-def]
    (docs / "empty.txt").write_text("\n", encoding="utf-8")
    status, out, err = run(capsys, "import", str(docs), "--workers", "1")
    assert status == 3
    assert "2 added" in out and "1 skipped" in out
    assert re.search(r"^xrefviewer: .*empty\.txt: has no text$", err, re.MULTILINE)


def test_decisions_from_the_command_line(capsys, docs: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "import", str(docs), "--workers", "1")[0] == 0
    with Library.open() as library:
        names = library.links(kind="name")
        a, b = names[0], names[1]
        figure = library.links(kind="figure")[0]
        occurrence = library.link_occurrences(figure.id)[0]
        doc = library.documents()[0]
    status, out, err = run(capsys, "merge", str(a.id), str(b.id))
    assert status == 0, err
    assert out.startswith(f"merged into link {a.id}:")
    status, out, _ = run(capsys, "rename", str(a.id), "Who and where")
    assert status == 0 and "'Who and where'" in out
    status, out, _ = run(capsys, "split", str(occurrence.mention.id))
    assert status == 0
    status, out, _ = run(capsys, "dismiss", str(occurrence.mention.id))
    assert status == 0
    others = [x for x in names[2:]]
    if len(others) >= 2:
        status, out, _ = run(capsys, "not-same", str(others[0].id), str(others[1].id))
        assert status == 0
    with Library.open() as library:
        text = library.document_text(doc.id)
    start = text.index("villagers") if "villagers" in text else text.index("people")
    status, out, err = run(
        capsys,
        "add-mention",
        str(doc.id),
        str(start),
        str(start + 6),
        "name",
        "--value",
        "Villagers",
    )
    assert status == 0, err
    assert out.startswith("added mention ")
    with Library.open() as library:
        assert library.link(a.id).label == "Who and where"
        assert any(m.added_by_user for m in library.mentions(doc.id))
        assert occurrence.mention.id not in {
            m.id for m in library.mentions(occurrence.mention.document_id)
        }


@pytest.mark.parametrize(
    "argv",
    [
        ("merge", "998", "999"),
        ("split", "999"),
        ("rename", "999", "x"),
        ("dismiss", "999"),
        ("not-same", "998", "999"),
        ("links", "--show", "999"),
        ("add-mention", "999", "0", "3", "name"),
    ],
)
def test_unknown_ids_are_one_line_with_usage_status(capsys, argv: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and re.match(
        r"xrefviewer: no \w+ 99[89] in the library$", err
    )


def test_a_damaged_library_is_one_line_and_left_alone(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"\x00garbage" * 100)
    status, out, err = run(capsys, "documents", "--db", str(damaged))
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and "move it aside" in err and str(damaged) in err
    assert damaged.read_bytes() == b"\x00garbage" * 100


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("oracle://u:p@host/db", "unknown database URL scheme"),
        ("postgresql+psycopg://u:pw@127.0.0.1:1/db", "can't reach the PostgreSQL server"),
    ],
)
def test_bad_database_urls_are_one_line(capsys, url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run(capsys, "links", "--db", url)
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_redraws_in_place_on_a_terminal() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream)
    for done in range(1, 5):
        bar(done, 4, f"/docs/file{done}.txt")
    bar.finish()
    text = stream.getvalue()
    assert text.count("\r[") == 4 and text.endswith("\n") and text.count("\n") == 1
    assert "[" + "#" * 30 + "] 4/4" in text


def test_plain_progress_is_a_few_lines_for_a_long_import() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in range(1, 1001):
        bar(done, 1000, f"/docs/{done}.txt")
    lines = stream.getvalue().splitlines()
    assert 20 <= len(lines) <= 22 and lines[-1] == "imported 1000/1000: /docs/1000.txt"
