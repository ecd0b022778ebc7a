"""Discrepancies in the exports: every format, hostile text, and read from a real library."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from xrefviewer.export.collect import collect
from xrefviewer.export.html_page import to_html
from xrefviewer.export.markdown import to_markdown
from xrefviewer.export.model import ExportClaim, ExportDiscrepancy
from xrefviewer.export.notes_json import read_notes_file, to_json
from xrefviewer.export.spreadsheet import to_csv
from xrefviewer.store.library import Library

HOSTILE = "<script>document.title='pwned'</script> [[x]] #tag **b** | =SUM(A1) & 🙂"


def claim(document_id: int, title: str, quote: str, figure: str, *, quote_start: int = 40):
    at = quote.index(figure)
    return ExportClaim(
        mention_id=document_id * 10,
        document_id=document_id,
        document_title=title,
        document_date="2015-03-05" if document_id == 1 else None,
        content_hash=str(document_id) * 64,
        text=figure,
        value=figure.split()[0],
        qualifier=None,
        counts="villagers",
        start=quote_start + at,
        end=quote_start + at + len(figure),
        line=5,
        column=at + 1,
        quote=quote,
        quote_start=quote_start,
    )


@pytest.fixture
def with_discrepancy(bundle):
    first = claim(1, "Field report", "Soldiers killed 41 villagers in Kanta.", "41 villagers")
    second = claim(
        2, f"=Brief {HOSTILE}", f"The attack killed 38 villagers. {HOSTILE}", "38 villagers"
    )
    found = ExportDiscrepancy(
        "x1", "value", f"38 vs 41 villagers killed {HOSTILE}", (first, second)
    )
    return replace(bundle, discrepancies=(found,))


def test_markdown_has_a_discrepancies_section_with_both_quotes(with_discrepancy):
    md = to_markdown(with_discrepancy)
    assert "discrepancies: 1" in md.split("---")[1]  # the front matter says so
    section = md[md.index("## Discrepancies") : md.index("## Note 1")]
    assert "### Discrepancy x1 · 38 vs 41 villagers killed" in section
    assert "**41 villagers**" in section and "**38 villagers**" in section
    assert "*Field report*, 2015-03-05, line 5, column 17, characters 56–68" in section
    assert "<script>" not in section  # a document's markup stays text
    assert "\\<script\\>" in section and "\\[\\[x\\]\\]" in section and "\\#tag" in section


def test_html_shows_the_discrepancies_escaped(with_discrepancy):
    page = to_html(with_discrepancy)
    assert '<a href="#discrepancies">Discrepancies</a>' in page  # in the table of contents
    assert 'id="discrepancy-x1"' in page
    assert '<mark class="figure own">38 villagers</mark>' in page
    assert "<script>" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page


def test_html_anchor_never_carries_markup(with_discrepancy):
    bad = replace(with_discrepancy.discrepancies[0], id='x1"><script>')
    page = to_html(replace(with_discrepancy, discrepancies=(bad,)))
    assert 'id="discrepancy-x1script"' in page
    assert "<script>" not in page


def test_csv_has_a_row_per_quote_of_a_discrepancy(with_discrepancy):
    rows = list(csv.DictReader(io.StringIO(to_csv(with_discrepancy), newline="")))
    found = [r for r in rows if r["discrepancy_id"]]
    assert [r["quote_text"] for r in found] == ["41 villagers", "38 villagers"]
    assert {r["discrepancy_kind"] for r in found} == {"the values differ"}
    assert found[1]["document"].startswith("'=Brief")  # a formula is defused
    assert all(r["link_id"] == "" for r in found)
    assert all(r["discrepancy_id"] == "" for r in rows if r not in found)


def test_json_carries_the_discrepancies_and_reads_them_back(with_discrepancy):
    text = to_json(with_discrepancy)
    data = json.loads(text)
    assert data["discrepancies"][0]["claims"][1]["quote"].endswith(HOSTILE)
    assert read_notes_file(text) == with_discrepancy


def test_without_discrepancies_the_formats_say_nothing_of_them(bundle):
    assert "Discrepancies" not in to_markdown(bundle)
    assert 'id="discrepancies"' not in to_html(bundle)
    assert json.loads(to_json(bundle))["discrepancies"] == []


# -- from a library --------------------------------------------------------------------------

REPORT = "Field report\n\nMarch 5, 2015\n\nSoldiers killed 41 villagers in an attack on Kanta on March 2, said Amina Diallo.\n"
BRIEF = (
    "Briefing note\n\nApril 1, 2015\n\n"
    "The attack on Kanta on March 2 killed 38 villagers, said Amina Diallo "
    "<script>alert(1)</script>.\n"
)
UNRELATED = "Weather note\n\nApril 2, 2015\n\nRain fell in Oslo on April 1.\n"


@pytest.fixture
def disagreeing(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in (("report.txt", REPORT), ("brief.txt", BRIEF), ("weather.txt", UNRELATED)):
        (docs / name).write_text(text, encoding="utf-8")
    library = Library.open(str(tmp_path / "library.sqlite"))
    library.import_paths([docs], workers=1)
    yield library
    library.close()


def test_collect_reads_the_librarys_discrepancies(disagreeing):
    bundle = collect(disagreeing, discrepancies=True)
    assert bundle.links == () and bundle.notes == ()  # asked for the discrepancies only
    (found,) = bundle.discrepancies
    assert found.kind == "value" and found.id == "x1"
    texts = {disagreeing.document_text(c.document_id): c for c in found.claims}
    assert sorted(c.value for c in found.claims) == ["38", "41"]
    for text, c in texts.items():
        assert text[c.start : c.end] == c.text  # offsets into the document
        assert c.quote[slice(*c.own_span)] == c.text
        line, column = c.line, c.column
        assert text.splitlines()[line - 1][column - 1 :].startswith(c.text)
    cited = {d.path.rsplit("/", 1)[-1] for d in bundle.documents}
    assert cited == {"report.txt", "brief.txt"}


def test_a_selection_keeps_the_discrepancies_of_its_documents(disagreeing):
    by_name = {d.path.rsplit("/", 1)[-1]: d.id for d in disagreeing.documents()}
    mine = collect(disagreeing, document_ids=[by_name["brief.txt"]], discrepancies=True)
    assert len(mine.discrepancies) == 1
    other = collect(disagreeing, document_ids=[by_name["weather.txt"]], discrepancies=True)
    assert other.discrepancies == ()
    assert collect(disagreeing, all=True).discrepancies == ()  # only when asked
