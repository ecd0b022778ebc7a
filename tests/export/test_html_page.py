"""HTML export, read as a parser reads it: self-contained, escaped, highlighted, printable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from xrefviewer.export.html_page import KIND_COLOURS, highlighted_quote, to_html
from xrefviewer.export.model import ExportBundle, ExportOccurrence, Highlight


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_hostile_text_is_text_not_markup(bundle, hostile):
    page = parse(to_html(bundle))
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "img" not in tags
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    text = "".join(page.text)
    assert "<script>document.title='pwned'</script>" in text  # shown, as written
    assert hostile.split("\n")[0] in text


def test_page_is_self_contained(bundle):
    html = to_html(bundle)
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag not in {"link", "script", "iframe", "object", "embed", "img"}
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, attrs)
    assert not re.search(r"url\(|@import|https?://", html.split("<body>")[0])
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_table_of_contents_points_at_every_section(bundle):
    page = parse(to_html(bundle))
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    toc = [a["href"][1:] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")]
    assert {"link-1", "link-2", "note-1", "note-2", "note-3", "note-4"} <= set(toc)
    assert set(toc) <= ids


def test_quotes_are_highlighted_by_kind(bundle):
    html = to_html(bundle)
    assert '<mark class="figure own">41 villagers</mark>' in html
    assert '<mark class="name">Soldiers</mark>' in html
    assert '<mark class="date">Tuesday</mark>' in html
    for kind, colour in KIND_COLOURS.items():
        assert f"mark.{kind} {{ background: {colour}; }}" in html


def test_quote_place_and_document_are_given(bundle):
    html = to_html(bundle)
    assert "<cite>Statement: one</cite>, 2014-06-03, line 3, column 17, characters 116–128" in html


def test_page_is_printable(bundle):
    html = to_html(bundle)
    print_rules = html[html.index("@media print") :]
    assert "break-inside: avoid" in print_rules and "print-color-adjust: exact" in print_rules


def test_overlapping_highlights_never_nest_or_lose_text():
    quote = "Over 30,000 people fled to Benghazi in March."
    occ = ExportOccurrence(
        mention_id=1,
        document_id=1,
        document_title="t",
        document_date=None,
        content_hash="h",
        kind="figure",
        text="30,000",
        value="30000",
        start=15,
        end=21,
        line=1,
        column=6,
        quote=quote,
        quote_start=10,
        highlights=(
            Highlight(0, 18, "name"),  # overlaps the mention: dropped
            Highlight(27, 35, "name"),
            Highlight(39, 44, "date"),
            Highlight(40, 99, "date"),  # out of the quote: dropped
        ),
    )
    html = highlighted_quote(occ)
    assert html.count("<mark") == 3
    assert re.sub(r"<[^>]+>", "", html) == quote


def test_empty_bundle_says_so():
    html = to_html(ExportBundle("Nothing", "2026-01-01T00:00:00Z", "test"))
    assert "Nothing to export." in html
