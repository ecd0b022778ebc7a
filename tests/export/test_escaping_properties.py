"""Any text a document or a note may hold comes out as that text, in every format."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.export.html_page import to_html
from xrefviewer.export.markdown import escape
from xrefviewer.export.model import ExportBundle, ExportNote
from xrefviewer.export.spreadsheet import cell, to_csv
from xrefviewer.export.text import one_line

# Markup characters weighted up, so that the interesting cases come often.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'`*_[]()#|~=^$\\:{}!-+.@\t\r\n ")),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)


def bundle_with_note(body: str) -> ExportBundle:
    note = ExportNote(1, "document", 1, body, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
    return ExportBundle("t", "2026-01-01T00:00:00Z", "test", notes=(note,))


@given(TEXT)
@settings(max_examples=200, deadline=None)
def test_csv_cell_reads_back(body):
    rows = list(csv.DictReader(io.StringIO(to_csv(bundle_with_note(body)), newline="")))
    assert [r["note"] for r in rows] == [cell(body)]


class NoteBody(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if ("class", "note-body") in attrs:
            self.depth = 1
        elif self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def parsed(body: str) -> NoteBody:
    page = NoteBody()
    page.feed(to_html(bundle_with_note(body)))
    page.close()
    return page


@given(TEXT)
@settings(max_examples=200, deadline=None)
def test_html_note_body_is_exactly_its_text(body):
    page = parsed(body)
    assert "".join(page.parts) == body
    assert page.tags == parsed("plain").tags  # no element came from the text


markdown_it = pytest.importorskip("markdown_it")
MD = markdown_it.MarkdownIt("commonmark")


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_markdown_escape_renders_as_the_text(text):
    html = MD.render("Quote: " + escape(text))
    assert re.findall(r"</?([a-z0-9]+)", html) == ["p", "p"]
    shown = unescape(html.removeprefix("<p>").removesuffix("</p>\n"))
    assert shown == ("Quote: " + one_line(text)).strip().replace("\x00", "\ufffd")
