"""CSV export: RFC 4180 as the csv module reads it back, UTF-8, optional BOM, formulas defused."""

from __future__ import annotations

import csv
import io

import pytest

from xrefviewer.export.model import ExportBundle, ExportNote
from xrefviewer.export.spreadsheet import BOM, COLUMNS, cell, to_csv


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_quote_then_one_per_note_without_a_quote(bundle):
    rows = read(to_csv(bundle))
    quotes = sum(len(link.occurrences) for link in bundle.links)
    assert len(rows) == quotes + 2  # the document note and the event note
    assert list(rows[0]) == list(COLUMNS)
    first = rows[0]
    assert (first["link_id"], first["link"], first["value"], first["quote_text"]) == (
        "1",
        "41 killed",
        "41",
        "41 villagers",
    )
    assert (first["document"], first["document_date"], first["line"], first["column"]) == (
        "Statement: one",
        "2014-06-03",
        "3",
        "17",
    )
    assert first["quote"] == "Soldiers killed 41 villagers on Tuesday, the mayor said."
    assert rows[1]["note"] == "The report counts people, not villagers."
    assert rows[0]["link_note"].startswith("Both say 41.")


def test_hostile_text_survives_exactly(bundle, hostile):
    rows = read(to_csv(bundle))
    assert rows[2]["link"] == hostile  # quotes, commas, tabs, CR LF and LF, non-ASCII
    assert rows[-1]["note"] == hostile


def test_records_end_in_crlf_and_fields_are_quoted_only_when_needed(bundle):
    text = to_csv(bundle)
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    assert text.endswith("\r\n")
    assert '"Soldiers killed 41 villagers on Tuesday, the mayor said."' in text
    assert "\r\n1,figure,41 killed,41,41 villagers," in text


def test_bom_only_on_request(bundle):
    assert not to_csv(bundle).startswith(BOM)
    with_bom = to_csv(bundle, bom=True)
    assert with_bom.startswith(BOM)
    assert with_bom.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert read(with_bom.removeprefix(BOM)) == read(to_csv(bundle))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_prefixes_get_an_apostrophe(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["41", "a=b", " =1", "", "é"])
def test_other_text_is_untouched(value):
    assert cell(value) == value


def test_numbers_we_write_are_not_defused():
    assert cell(-3) == -3 and cell(None) == ""


def test_formula_in_a_note_is_defused_in_the_file(bundle, formulas):
    notes = tuple(
        ExportNote(i, "document", 1, body, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
        for i, body in enumerate(formulas, start=10)
    )
    rows = read(to_csv(ExportBundle("t", "2026-01-01T00:00:00Z", "test", notes=notes)))
    assert [r["note"] for r in rows] == ["'" + f for f in formulas]
