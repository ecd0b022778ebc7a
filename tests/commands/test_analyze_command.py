"""`xrefviewer analyze` end to end on the sample corpus, checked against the contract and
against what a careful reader finds in those five documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xrefviewer.cli import main

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
CHECKER = REPO.parent / "shared" / "tools" / "check_analysis.py"


@pytest.fixture(scope="module")
def analysis(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("analysis") / "analysis.json"
    assert main(["analyze", str(CORPUS), "--json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_file(analysis) -> dict[str, dict]:
    return {Path(d["path"]).name[:3]: d for d in analysis["documents"]}


def texts_of(analysis: dict, link: dict) -> list[str]:
    by_id = {m["id"]: m for m in analysis["mentions"]}
    return [by_id[m]["text"] for m in link["mentions"]]


def docs_of(analysis: dict, link: dict) -> set[str]:
    by_id = {m["id"]: m for m in analysis["mentions"]}
    return {by_id[m]["document"] for m in link["mentions"]}


def test_contract_holds(analysis, tmp_path):
    if not CHECKER.is_file():
        pytest.skip(f"the shared contract checker is not beside the checkout ({CHECKER})")
    out = tmp_path / "a.json"
    out.write_text(json.dumps(analysis), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(CHECKER), str(out), "--corpus", str(CORPUS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout


def test_every_kind_is_found(analysis):
    kinds = {m["kind"] for m in analysis["mentions"]}
    assert kinds == {"figure", "name", "date"}
    assert {link["kind"] for link in analysis["links"]} == {"figure", "name"}
    assert analysis["events"]


def test_signature_date_beats_a_banner_years_later(by_file):
    # 004 has a 2024 print banner on top and is signed "July 28, 2009".
    assert by_file["004"]["date"] == "2009-07-28"


def test_weekday_chooses_the_year(by_file, analysis):
    # 000: "On Tuesday, June 3" with no year anywhere near: June 3 fell on a Tuesday in 2014.
    assert by_file["000"]["date"].startswith("2014")
    doc = by_file["000"]["id"]
    values = {
        m["text"]: m["value"]
        for m in analysis["mentions"]
        if m["document"] == doc and m["kind"] == "date"
    }
    assert any(v == "2014-06-03" for t, v in values.items() if "June 3" in t)


def test_yesterday_is_anchored_on_the_document_date(by_file, analysis):
    doc = by_file["004"]["id"]
    [yesterday] = [
        m for m in analysis["mentions"] if m["document"] == doc and m["text"] == "Yesterday"
    ]
    assert yesterday["value"] == "2009-07-27"


def test_a_year_stays_a_year(analysis):
    years = [m for m in analysis["mentions"] if m["kind"] == "date" and m["text"] == "1988"]
    assert years and all(m["value"] == "1988" for m in years)


def test_the_massacre_figure_is_linked_across_documents(analysis):
    links = [
        link
        for link in analysis["links"]
        if link["kind"] == "figure"
        and any(t.replace(",", "") == "30000" for t in texts_of(analysis, link))
    ]
    assert links
    assert max(len(docs_of(analysis, link)) for link in links) >= 3


def test_killed_116_is_linked_between_two_statements(analysis, by_file):
    [link] = [
        link
        for link in analysis["links"]
        if link["kind"] == "figure" and "116" in texts_of(analysis, link)
    ]
    assert {by_file["000"]["id"], by_file["003"]["id"]} <= docs_of(analysis, link)


def test_numbers_in_dates_and_enumerators_are_not_figures(analysis, by_file):
    doc = by_file["001"]
    text = (CORPUS / Path(doc["path"]).name).read_text(encoding="utf-8")
    figures = [
        m for m in analysis["mentions"] if m["document"] == doc["id"] and m["kind"] == "figure"
    ]
    starts = {m["start"] for m in figures}
    enumerator = text.index("\n1. In a replica") + 1
    assert enumerator not in starts
    assert all(m["text"] not in {"2013", "2024"} for m in figures)


def test_an_acronym_declared_in_parentheses_links_to_its_long_form(analysis):
    for link in analysis["links"]:
        if link["kind"] != "name":
            continue
        texts = set(texts_of(analysis, link))
        if "NCRI" in texts:
            assert "National Council of Resistance of Iran" in texts
            assert len(docs_of(analysis, link)) >= 3
            return
    pytest.fail("NCRI is not linked")


def test_two_people_sharing_a_surname_are_never_merged(analysis):
    for link in analysis["links"]:
        texts = " | ".join(texts_of(analysis, link))
        assert not ("Maryam Rajavi" in texts and "Saleh Rajavi" in texts), texts


def test_summary_names_documents_links_and_events(capsys):
    assert main(["analyze", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 documents")
    assert "Figures cited more than once" in out and "Events:" in out


def test_no_path_analyses_the_sample_corpus(capsys):
    assert main(["analyze", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["documents"]) == 5


def test_supplied_document_dates_win(tmp_path, capsys):
    dates = tmp_path / "dates.json"
    dates.write_text(json.dumps({"004_300e3e9812139f5e": "2009-07-29"}))
    assert (
        main(
            [
                "analyze",
                str(CORPUS / "004_300e3e9812139f5e.txt"),
                "--json",
                "--document-dates",
                str(dates),
            ]
        )
        == 0
    )
    [doc] = json.loads(capsys.readouterr().out)["documents"]
    assert doc["date"] == "2009-07-29" and doc["date_source"] == "supplied"


def test_bad_input_gets_one_line_each_and_the_rest_is_analysed(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("On May 3, 2011, forty people were arrested in Springfield.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners said 12 people left.".encode("cp1252"))
    status = main(["analyze", str(tmp_path), str(tmp_path / "missing.txt"), "--json"])
    captured = capsys.readouterr()
    assert status == 3
    errors = captured.err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("xrefviewer: ") for line in errors)
    assert "Traceback" not in captured.err
    assert len(json.loads(captured.out)["documents"]) == 2


def test_nothing_to_analyse_fails_cleanly(tmp_path, capsys):
    assert main(["analyze", str(tmp_path)]) == 1
    assert "nothing to analyse" in capsys.readouterr().err


def test_a_broken_dates_file_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "d.json"
    bad.write_text("[1, 2")
    assert main(["analyze", "--document-dates", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("xrefviewer: --document-dates")


def test_module_entry_point_and_version():
    done = subprocess.run(
        [sys.executable, "-m", "xrefviewer", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("xrefviewer ")


def test_a_missing_dependency_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from a checkout without `pip install`: the package it needs is named, no traceback."""
    import xrefviewer.commands.analyze as command

    def run(args: object) -> int:
        raise ModuleNotFoundError("No module named 'anyascii'", name="anyascii")

    monkeypatch.setattr(command, "run", run)
    assert main(["analyze", str(CORPUS)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'anyascii'" in err and "pip" in err
