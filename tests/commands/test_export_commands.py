"""`xrefviewer export` and `xrefviewer import-notes` end to end, on libraries in tmp folders."""

from __future__ import annotations

import csv
import io
import json

import pytest

from xrefviewer.cli import main
from xrefviewer.store.library import Library

DOCUMENTS = {
    "report.txt": (
        "Field report\n\nMarch 5, 2015\n\n"
        "Soldiers killed 41 villagers in Kanta on March 2, said Amina Diallo.\n"
    ),
    "brief.txt": (
        "Briefing note\n\nApril 1, 2015\n\n"
        "Amina Diallo confirmed that 41 villagers died in Kanta in March.\n"
    ),
}
HOSTILE_NOTE = "<script>document.title='pwned'</script>, \"quoted\", comma\nnew line =1+1 Müller"


def make_library(folder, names=None):
    docs = folder / "docs"
    docs.mkdir(parents=True)
    for name in names or DOCUMENTS:
        (docs / name).write_text(DOCUMENTS[name], encoding="utf-8")
    path = folder / "library.sqlite"
    library = Library.open(str(path))
    try:
        library.import_paths([docs], workers=1)
    finally:
        library.close()
    return path


@pytest.fixture
def db(tmp_path, monkeypatch):
    # the real user library is never touched: no default, and XREFVIEWER_DB points nowhere
    monkeypatch.setenv("XREFVIEWER_DB", str(tmp_path / "not-used.sqlite"))
    path = make_library(tmp_path / "one")
    library = Library.open(str(path))
    try:
        figure = next(x for x in library.links() if x.kind == "figure")
        library.add_note("link", figure.id, HOSTILE_NOTE)
    finally:
        library.close()
    return path


def figure_link(db):
    library = Library.open(str(db))
    try:
        return next(x for x in library.links() if x.kind == "figure").id
    finally:
        library.close()


def test_markdown_to_stdout(db, capsys):
    assert main(["export", "--format", "md", "--link", str(figure_link(db)), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('---\ntitle: "xrefviewer notes"\n')
    assert "**41**" in out and "> \\<script>document.title='pwned'\\</script>" in out


def test_csv_with_bom_to_a_file(db, tmp_path, capsys):
    target = tmp_path / "notes.csv"
    assert main(["export", "--all", "--bom", "-o", str(target), "--db", str(db)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    figure_rows = [r for r in rows if r["link_kind"] == "figure"]
    assert len(figure_rows) == 2
    # newlines, quotes and commas survive; it starts with "<", so no apostrophe
    assert [r["link_note"] for r in figure_rows] == [HOSTILE_NOTE, HOSTILE_NOTE]
    assert "wrote" in capsys.readouterr().err


def test_format_follows_the_file_extension(db, tmp_path):
    target = tmp_path / "notes.html"
    assert main(["export", "--all", "-o", str(target), "--db", str(db)]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "<script" not in page


def test_existing_file_needs_force(db, tmp_path, capsys):
    target = tmp_path / "notes.json"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", "--all", "-o", str(target), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main(["export", "--all", "-o", str(target), "--force", "--db", str(db)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "xrefviewer-notes"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["export", "--format", "md"], "say what to export"),
        (["export", "--all", "--format", "html"], "needs -o PATH"),
        (["export", "--all", "--format", "md", "--bom"], "--bom is for --format csv"),
        (["export", "--link", "9999"], "no link 9999"),
        (["export", "--document", "9999"], "no document 9999"),
    ],
)
def test_bad_usage_is_one_line_and_status_2(db, capsys, argv, message):
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_missing_library_is_not_created(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XREFVIEWER_DB", str(tmp_path / "absent.sqlite"))
    assert main(["export", "--all"]) == 2
    assert "no library at" in capsys.readouterr().err
    assert not (tmp_path / "absent.sqlite").exists()


def test_xrefviewer_db_names_the_library(db, monkeypatch, capsys):
    monkeypatch.setenv("XREFVIEWER_DB", str(db))
    assert main(["export", "--all", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"][0]["body"] == HOSTILE_NOTE


def test_import_notes_into_a_rebuilt_library(db, tmp_path, capsys):
    exported = tmp_path / "notes.json"
    assert main(["export", "--all", "-o", str(exported), "--db", str(db)]) == 0
    other = make_library(tmp_path / "two")
    capsys.readouterr()
    assert main(["import-notes", str(exported), "--db", str(other)]) == 0
    assert capsys.readouterr().out.startswith("1 notes added, 0 already there")
    library = Library.open(str(other))
    try:
        (note,) = library.notes()
        assert note.body == HOSTILE_NOTE and note.target_kind == "link"
        occurrences = library.link_occurrences(note.target_id)
        assert sorted(o.mention.text for o in occurrences) == ["41", "41"]
    finally:
        library.close()
    assert main(["import-notes", str(exported), "--db", str(other)]) == 0
    assert capsys.readouterr().out.startswith("0 notes added, 1 already there")


def test_import_notes_says_what_it_could_not_match(db, tmp_path, capsys):
    exported = tmp_path / "notes.json"
    assert main(["export", "--all", "-o", str(exported), "--db", str(db)]) == 0
    half = make_library(tmp_path / "half", names=["report.txt"])
    capsys.readouterr()
    assert main(["import-notes", str(exported), "--db", str(half)]) == 3
    captured = capsys.readouterr()
    *lines, differences = captured.err.splitlines()
    assert lines and all(line.startswith("xrefviewer: not matched: ") for line in lines)
    assert any('no link here holds the quotes of "41 villagers"' in line for line in lines)
    assert "quotes of" in differences and "analysis differs" in differences
    assert "not matched" in captured.out


def test_import_notes_rejects_other_files(db, tmp_path, capsys):
    bad = tmp_path / "other.json"
    bad.write_text('{"format": "something", "version": 1}', encoding="utf-8")
    assert main(["import-notes", str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "other.json: not an xrefviewer notes file" in err and err.count("\n") == 1
    assert main(["import-notes", str(tmp_path / "absent.json"), "--db", str(db)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_import_notes_keep_links(db, tmp_path, capsys):
    exported = tmp_path / "notes.json"
    assert main(["export", "--all", "-o", str(exported), "--db", str(db)]) == 0
    other = make_library(tmp_path / "two")
    capsys.readouterr()
    assert main(["import-notes", str(exported), "--keep-links", "--db", str(other)]) == 0
    assert "1 notes added" in capsys.readouterr().out


def test_export_discrepancies_alone_and_with_the_notes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XREFVIEWER_DB", str(tmp_path / "not-used.sqlite"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.txt").write_text(DOCUMENTS["report.txt"], encoding="utf-8")
    (docs / "other.txt").write_text(
        "Other report\n\nMarch 6, 2015\n\n"
        "Amina Diallo said soldiers killed 38 villagers in Kanta on March 2.\n",
        encoding="utf-8",
    )
    path = tmp_path / "library.sqlite"
    with Library.open(str(path)) as library:
        library.import_paths([docs], workers=1)

    assert main(["export", "--discrepancies", "--db", str(path)]) == 0
    md = capsys.readouterr().out
    assert "## Discrepancies" in md and "**41**" in md and "**38**" in md
    assert "## Link" not in md  # only what was asked for

    target = tmp_path / "all.csv"
    assert main(["export", "--all", "--discrepancies", "-o", str(target), "--db", str(path)]) == 0
    assert "and 1 discrepancies" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert sorted(r["value"] for r in rows if r["discrepancy_id"] == "x1") == ["38", "41"]
    assert any(r["link_id"] for r in rows)  # the links are there too

    assert main(["export", "--all", "--db", str(path)]) == 0
    assert "Discrepancies" not in capsys.readouterr().out  # only with --discrepancies
