"""`xrefviewer discrepancies` end to end: files in, quotes and documents out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xrefviewer.cli import main

REPORT = "Gunmen kill villagers\n\nOn June 3, 2014, gunmen killed 41 villagers in Maiduguri.\n"
STATEMENT = (
    "Statement by the governor\n\nThe June 3, 2014 attack in Maiduguri left 38 people dead.\n"
)
OTHER_DAY = "Later report\n\nOn June 9, 2014, gunmen killed 41 villagers in Maiduguri.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    return tmp_path


def test_lists_the_discrepancy_with_both_quotes_and_titles(folder, capsys):
    assert main(["discrepancies", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 discrepancy among 2 documents")
    assert "[value]" in out and "41 vs 38" in out
    assert "Gunmen kill villagers" in out and "Statement by the governor" in out
    assert "“On June 3, 2014, gunmen killed 41 villagers in Maiduguri.”" in out
    assert "“The June 3, 2014 attack in Maiduguri left 38 people dead.”" in out


def test_json_gives_documents_claims_and_offsets_into_the_texts(folder, capsys):
    assert main(["discrepancies", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    titles = {d["id"]: d["title"] for d in out["documents"]}
    [found] = out["discrepancies"]
    assert found["kind"] == "value"
    values = sorted(c["value"] for c in found["claims"])
    assert values == [38, 41]
    for claim in found["claims"]:
        doc = next(d for d in out["documents"] if d["id"] == claim["document"])
        text = Path(doc["path"]).read_text(encoding="utf-8")
        assert text[claim["start"] : claim["end"]] == claim["quote"]
        assert titles[claim["document"]]
    assert found["conflicts"] == [[c["mention"] for c in found["claims"]]]


def test_agreeing_documents_have_no_discrepancy(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT.replace("41", "forty-one"), encoding="utf-8")
    assert main(["discrepancies", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("0 discrepancies among 2 documents")


def test_the_timeline_joins_one_attack_and_flags_the_same_toll_on_another_date(folder, capsys):
    (folder / "later.txt").write_text(OTHER_DAY, encoding="utf-8")
    assert main(["discrepancies", str(folder), "--timeline", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    doc_of = {Path(d["path"]).name: d["id"] for d in out["documents"]}
    # The report (41 killed) and the statement (38 dead) tell of one attack: one entry.
    [attack] = [e for e in out["timeline"] if doc_of["report.txt"] in e["documents"]]
    assert sorted(attack["documents"]) == sorted([doc_of["report.txt"], doc_of["statement.txt"]])
    [later] = [e for e in out["timeline"] if e["documents"] == [doc_of["later.txt"]]]
    assert (attack["date"], later["date"]) == ("2014-06-03", "2014-06-09")
    assert later["date_conflicts"] == [attack["id"]]
    assert attack["date_conflicts"] == [later["id"]]


def test_the_timeline_merges_one_happening_reported_twice(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT.replace("41", "forty-one"), encoding="utf-8")
    assert main(["discrepancies", str(tmp_path), "--timeline", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    [entry] = [e for e in out["timeline"] if e["date"] == "2014-06-03"]
    assert entry["documents"] == ["d1", "d2"]
    assert len(entry["sources"]) == 2


def test_timeline_summary_is_readable(folder, capsys):
    assert main(["discrepancies", str(folder), "--timeline"]) == 0
    out = capsys.readouterr().out
    assert "timeline entries from 2 documents" in out
    assert "2014-06-03" in out


def test_the_sample_corpus_is_the_default(capsys):
    assert main(["discrepancies"]) == 0
    assert "among 5 documents" in capsys.readouterr().out.splitlines()[0]


def test_a_missing_path_is_one_line_and_a_failure(tmp_path, capsys):
    assert main(["discrepancies", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "xrefviewer: nothing to analyse"
    assert all(line.startswith("xrefviewer: ") for line in err)


def test_a_missing_library_is_a_usage_error_and_nothing_is_created(tmp_path, capsys):
    where = tmp_path / "nope.sqlite"
    assert main(["discrepancies", "--db", str(where)]) == 2
    assert capsys.readouterr().err.strip() == f"xrefviewer: --db: no library at {where}"
    assert not where.exists()


def test_paths_and_a_library_together_are_a_usage_error(folder, tmp_path, capsys):
    assert main(["discrepancies", str(folder), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "not both" in capsys.readouterr().err


def test_reads_the_same_discrepancies_from_a_library(folder, tmp_path, capsys):
    library_module = pytest.importorskip("xrefviewer.store.library")
    db = tmp_path / "library.sqlite"
    with library_module.Library.open(str(db)) as library:
        library.import_paths([folder / "report.txt", folder / "statement.txt"])
    assert main(["discrepancies", "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    [found] = out["discrepancies"]
    assert sorted(c["value"] for c in found["claims"]) == [38, 41]
    assert {d["title"] for d in out["documents"]} == {
        "Gunmen kill villagers",
        "Statement by the governor",
    }
