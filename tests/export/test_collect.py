"""collect(): what the library holds, read into an export bundle."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xrefviewer.export.collect import ExportSelectionError, collect, line_and_column, raw_quote


def link_of(library, mention_text):
    for info in library.links():
        if any(o.mention.text == mention_text for o in library.link_occurrences(info.id)):
            return info
    raise AssertionError(f"no link holds {mention_text!r}")


def document_from(library, file_name):
    return next(d for d in library.documents() if d.path.endswith(file_name))


def mention_in(library, file_name, text):
    document = document_from(library, file_name)
    return next(m for m in library.mentions(document.id) if m.text == text)


def test_all_takes_every_link_note_and_document(library):
    library.add_note("link", link_of(library, "41").id, "check the count")
    bundle = collect(library, all=True, now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert bundle.exported_at == "2026-01-02T03:04:05Z"
    assert [link.id for link in bundle.links] == [x.id for x in library.links()]
    assert len(bundle.documents) == len(library.documents())
    assert [n.body for n in bundle.notes] == ["check the count"]


def test_occurrences_carry_place_quote_and_document(library):
    link = link_of(library, "41")
    bundle = collect(library, link_ids=[link.id])
    (exported,) = bundle.links
    assert len(exported.occurrences) == link.mentions
    documents = {d.id: d for d in library.documents()}
    for occ in exported.occurrences:
        text = library.document_text(occ.document_id)
        assert text[occ.start : occ.end] == occ.text == "41"
        assert text[occ.quote_start : occ.quote_start + len(occ.quote)] == occ.quote
        assert occ.quote[slice(*occ.own_span)] == occ.text
        assert (occ.line, occ.column) == line_and_column(text, occ.start)
        assert occ.content_hash == documents[occ.document_id].content_hash
        assert occ.document_title == documents[occ.document_id].title
        own = [h for h in occ.highlights if h.own]
        assert len(own) == 1 and occ.quote[own[0].start : own[0].end] == "41"
        for h in occ.highlights:
            assert 0 <= h.start < h.end <= len(occ.quote)


def test_a_link_selection_brings_its_notes_and_no_others(library):
    figure = link_of(library, "41")
    other = link_of(library, "Amina Diallo")
    on_quote = mention_in(library, "b_report.txt", "41")
    library.add_note("link", figure.id, "on the link")
    library.add_note("mention", on_quote.id, "on one quote")
    library.add_note("link", other.id, "elsewhere")
    bundle = collect(library, link_ids=[figure.id])
    assert sorted(n.body for n in bundle.notes) == ["on one quote", "on the link"]
    assert {n.body for n in bundle.notes_for_link(figure.id)} == {"on one quote", "on the link"}
    quote_note = next(n for n in bundle.notes if n.target_kind == "mention")
    assert quote_note.text == "41" and quote_note.link_id == figure.id
    assert quote_note.line == 5 and quote_note.document_title == "Field report: Kanta"


def test_a_document_selection_brings_its_links_and_notes(library):
    report = document_from(library, "b_report.txt")
    brief = document_from(library, "c_brief.txt")
    library.add_note("document", report.id, "read in full")
    library.add_note("document", brief.id, "not this one")
    event = library.events(document_id=report.id)[0]
    library.add_note("event", event.id, "the date matters")
    bundle = collect(library, document_ids=[report.id])
    assert {link.id for link in bundle.links} == {
        x.id for x in library.links(document_id=report.id)
    }
    assert sorted(n.body for n in bundle.notes) == ["read in full", "the date matters"]
    event_note = next(n for n in bundle.notes if n.target_kind == "event")
    assert event_note.kind == event.date and event_note.text == event.text
    assert event_note.start == event.start and event_note.document_id == report.id


def test_renames_and_added_mentions_travel_as_decisions(library):
    figure = link_of(library, "41")
    library.rename_link(figure.id, "41 killed in Kanta")
    report = document_from(library, "b_report.txt")
    text = library.document_text(report.id)
    start = text.index("The governor")
    added = library.add_mention(report.id, start, start + len("The governor"), "name")
    library.add_note("mention", added.id, "who is this?")
    bundle = collect(library, all=True)
    actions = [(d.action, d.text, d.label) for d in bundle.decisions]
    assert ("rename", "41", "41 killed in Kanta") in actions
    assert ("add", "The governor", added.value) in actions
    assert actions.index(("add", "The governor", added.value)) == 0


def test_nothing_selected_or_unknown_ids_are_usage_errors(library):
    with pytest.raises(ExportSelectionError, match="nothing to export"):
        collect(library)
    with pytest.raises(ExportSelectionError, match="no link 9999"):
        collect(library, link_ids=[9999])
    with pytest.raises(ExportSelectionError, match="no document 9999"):
        collect(library, document_ids=[9999])


def test_raw_quote_undoes_collapsed_whitespace():
    text = "Intro.\n\nThey   said\n41  were\tkilled. After."
    start = text.index("41")
    quote, at = raw_quote(text, "They said 41 were killed.", text.index("They"), start, start + 2)
    assert (quote, at) == ("They   said\n41  were\tkilled.", text.index("They"))


def test_raw_quote_falls_back_around_the_mention():
    text = "x" * 300 + "41" + "y" * 300
    quote, at = raw_quote(text, "stale", 0, 300, 302)
    assert text[at : at + len(quote)] == quote and "41" in quote


def test_line_and_column():
    assert line_and_column("ab\ncd", 0) == (1, 1)
    assert line_and_column("ab\ncd", 4) == (2, 2)


def test_export_text_is_the_preview_of_what_export_writes(library):
    from xrefviewer.export.notes_json import read_notes_file
    from xrefviewer.export.render import export_text

    library.add_note("link", link_of(library, "41").id, "preview me")
    text = export_text(library, "json", all=True, title="Preview")
    bundle = read_notes_file(text)
    assert bundle.title == "Preview" and [n.body for n in bundle.notes] == ["preview me"]
    assert "preview me" in export_text(library, "html", link_ids=[link_of(library, "41").id])
    assert export_text(library, "csv", all=True, bom=True).startswith("\ufeff")


def test_raw_quote_never_cuts_a_word():
    text = "It said twenty times that 41 were killed publicly."
    start = text.index("41")
    quote, at = raw_quote(
        text, "ty times that 41 were killed publi", text.index("ty"), start, start + 2
    )
    assert quote == "twenty times that 41 were killed publicly"
    assert text[at : at + len(quote)] == quote
