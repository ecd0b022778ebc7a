"""Markdown export: front matter, sections, quotes with their place, wikilinks, hostile text."""

from __future__ import annotations

import json
import re

import pytest

from xrefviewer.export.markdown import escape, heading_text, to_markdown, yaml_string

markdown_it = pytest.importorskip("markdown_it")


def front_matter(text: str) -> dict[str, object]:
    """Our front matter is YAML whose scalars are all JSON: read it without a YAML library."""
    assert text.startswith("---\n")
    header = text[4 : text.index("\n---\n", 4)]
    out: dict[str, object] = {}
    key = ""
    for line in header.splitlines():
        if line.startswith("  - "):
            out.setdefault(key, [])
            out[key].append(json.loads(line[4:]))  # type: ignore[union-attr]
        else:
            key, _, value = line.partition(":")
            if value.strip():
                out[key] = json.loads(value)
    return out


def render_html(text: str) -> str:
    body = text[text.index("\n---\n", 4) + 5 :]
    return markdown_it.MarkdownIt("commonmark").render(body)


def test_front_matter_holds_title_counts_and_documents(bundle, hostile):
    meta = front_matter(to_markdown(bundle))
    assert meta["title"] == f"Notes {hostile}"
    assert meta["links"] == 2 and meta["notes"] == 4
    assert meta["documents"] == [d.title for d in bundle.documents]
    assert meta["tags"] == ["xrefviewer"]


def test_one_section_per_link_and_per_note(bundle):
    html = render_html(to_markdown(bundle))
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert [h.split(" ·")[0] for h in headings] == [
        "Link 1",
        "Link 2",
        "Note 1",
        "Note 2",
        "Note 3",
        "Note 4",
    ]


def test_every_quote_has_title_date_and_place(bundle):
    text = to_markdown(bundle)
    for link in bundle.links:
        for occ in link.occurrences:
            assert f"line {occ.line}, column {occ.column}, characters {occ.start}–{occ.end}" in text
    assert "*Statement: one*, 2014-06-03, line 3, column 17, characters 116–128" in text
    assert ", undated, line 1" in text  # the second document has no date


def test_the_mention_is_bold_in_its_quote(bundle):
    text = to_markdown(bundle)
    assert "- “Soldiers killed **41 villagers** on Tuesday, the mayor said.” — *Statement" in text


def test_wikilinks_join_quotes_and_notes_both_ways(bundle):
    text = to_markdown(bundle)
    headings = set(re.findall(r"^## (.+)$", text, flags=re.M))
    block_ids = set(re.findall(r" \^([a-z0-9-]+)$", text, flags=re.M))
    targets = re.findall(r"\[\[#([^|\]]+)(?:\|[^\]]*)?\]\]", text)
    assert targets, "no wikilinks at all"
    for target in targets:
        if target.startswith("^"):
            assert target[1:] in block_ids
        else:
            assert target in headings
    # the quote links to its note, and the note back to the quote and its link
    assert "[[#Note 2 · The report counts people, not villagers.|note 2]]" in text
    assert "On [[#^q1-21|quote]] in [[#Link 1 · 41 killed]]" in text


def test_document_text_renders_as_literal_text(bundle):
    html = render_html(to_markdown(bundle))
    # every piece of markup the document tried is shown, none is live
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html
    assert "[[wikilink]]" in html and "**bold**" in html and "#tag" in html


def test_note_body_cannot_open_a_section_or_raw_html(bundle):
    text = to_markdown(bundle)
    assert "> # Not a heading" in text
    html = render_html(text)
    assert "<h1>Not a heading</h1>" in html  # inside the note's block quote, not a section
    assert html.count("<h2>") == 6
    assert "<script" not in html and "<img" not in html


def test_escape_keeps_ordinary_text_readable():
    assert escape("41 people were killed, 2.5% more (officials said).") == (
        "41 people were killed, 2.5% more (officials said)."
    )
    assert escape("a\nb\t c") == "a b c"
    assert escape("key:: value ((ref)) {{macro}}") == "key:\\: value (\\(ref)) \\{\\{macro\\}\\}"
    assert escape("%%hidden%%") == "%\\%hidden%\\%"  # an Obsidian comment, broken up


def test_heading_text_is_a_valid_link_target():
    assert heading_text("A [[b]] #c | d ^e") == "A b c d e"


@pytest.mark.parametrize("value", ["plain", 'q"uote\\', "line\nbreak", "\x85\u2028\ufeff", "🙂 é"])
def test_yaml_string_is_json_with_yaml_only_escapes(value):
    encoded = yaml_string(value)
    assert json.loads(encoded) == value
    assert not re.search("[\x7f-\x9f\u2028\u2029\ufeff]", encoded)


def test_an_empty_bundle_still_makes_a_file(make_bundle):
    from xrefviewer.export.model import ExportBundle

    text = to_markdown(ExportBundle("Empty", "2026-01-01T00:00:00Z", "test"))
    assert front_matter(text)["documents"] == []
    assert text.endswith("documents.\n")
