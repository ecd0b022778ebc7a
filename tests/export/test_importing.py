"""JSON round trip: notes and link decisions out of one library and into another."""

from __future__ import annotations

import json

import pytest

from xrefviewer.export.collect import collect
from xrefviewer.export.importing import import_notes, relocate
from xrefviewer.export.notes_json import bundle_from_json, read_notes_file, to_json


def document_from(library, file_name):
    return next(d for d in library.documents() if d.path.endswith(file_name))


def mention_in(library, file_name, text):
    document = document_from(library, file_name)
    return next(m for m in library.mentions(document.id) if m.text == text)


def link_of(library, file_name, text):
    link_id = mention_in(library, file_name, text).link_id
    assert link_id is not None, f"{text!r} is not linked"
    return library.link(link_id)


def annotate(library, hostile):
    """A library the way a reader leaves it: notes on everything, a rename, a merge, an add."""
    figure = link_of(library, "b_report.txt", "41")
    library.add_note("link", figure.id, f"Same toll everywhere.\n{hostile}")
    library.add_note(
        "mention", mention_in(library, "c_brief.txt", "41").id, "people, not villagers"
    )
    library.add_note("document", document_from(library, "a_statement.txt").id, "=1+1 formula")
    report = document_from(library, "b_report.txt")
    library.rename_link(link_of(library, "a_statement.txt", "Amina Diallo").id, hostile)
    kanta = link_of(library, "a_statement.txt", "Kanta")
    who = link_of(library, "a_statement.txt", "WHO")
    library.merge_links(kanta.id, who.id)
    text = library.document_text(report.id)
    start = text.index("The governor")
    added = library.add_mention(report.id, start, start + len("The governor"), "name")
    library.add_note("mention", added.id, "which governor?")
    # after add_mention: it rebuilds the document's events under new ids
    event = library.events(document_id=report.id)[0]
    library.add_note("event", event.id, "Check the date: Müller, 北京")


def portable(library):
    """What must survive the trip, without this library's ids or times."""
    documents = {d.id: d.content_hash for d in library.documents()}
    out = set()
    for note in collect(library, all=True).notes:
        if note.target_kind == "link":
            link = library.link(note.target_id)
            texts = tuple(
                sorted(
                    (documents[o.mention.document_id], o.mention.start, o.mention.text)
                    for o in library.link_occurrences(link.id)
                )
            )
            out.add(("link", link.label, texts, note.body))
        else:
            out.add((note.target_kind, note.content_hash, note.start, note.text, note.body))
    for link in library.links():
        members = frozenset(
            (documents[o.mention.document_id], o.mention.start, o.mention.text)
            for o in library.link_occurrences(link.id)
        )
        out.add(("membership", link.label, link.renamed, members))
    return out


@pytest.fixture
def annotated(library, hostile):
    annotate(library, hostile)
    return library


def test_round_trip_into_a_fresh_library(tmp_path, annotated, open_library, write_documents):
    text = to_json(collect(annotated, all=True))
    # the second library reads the files in another order, so every id differs
    folder = write_documents(tmp_path / "elsewhere", names=["c_brief.txt", "b_report.txt"])
    fresh = open_library(tmp_path / "two.sqlite", folder)
    fresh.import_paths([write_documents(tmp_path / "later", names=["a_statement.txt"])], workers=1)
    assert portable(fresh) != portable(annotated)

    result = import_notes(fresh, read_notes_file(text))
    assert result.unmatched == []
    assert result.notes_added == 5 and result.notes_present == 0
    assert result.mentions_added == 1
    assert result.links_merged >= 1 and result.links_renamed == 1
    assert portable(fresh) == portable(annotated)

    again = import_notes(fresh, read_notes_file(text))
    assert (again.notes_added, again.notes_present, again.unmatched) == (0, 5, [])
    assert (again.mentions_added, again.links_merged, again.links_renamed) == (0, 0, 0)
    assert portable(fresh) == portable(annotated)


def test_missing_documents_are_reported_not_guessed(
    tmp_path, annotated, open_library, write_documents
):
    text = to_json(collect(annotated, all=True))
    partial = open_library(
        tmp_path / "partial.sqlite",
        write_documents(tmp_path / "some", names=["a_statement.txt", "b_report.txt"]),
    )
    result = import_notes(partial, read_notes_file(text))
    assert not result.complete
    # the brief's quotes are missing from every link: counted, not failures
    assert result.quotes_missing >= 3 and "quotes of" in result.differences
    assert not any(line.startswith("link ") for line in result.unmatched)
    brief_note = [
        line for line in result.unmatched if "people, not villagers" in line or "note" in line
    ]
    assert any("is not here" in line for line in brief_note)
    assert all("\n" not in line for line in result.unmatched)
    bodies = {n.body for n in partial.notes()}
    assert "people, not villagers" not in bodies  # its document is missing
    assert {"=1+1 formula", "which governor?", "Check the date: Müller, 北京"} <= bodies


def test_an_edited_document_is_found_by_title_and_quote(
    tmp_path, annotated, open_library, write_documents, documents
):
    text = to_json(collect(annotated, all=True))
    edited = documents["b_report.txt"].replace(
        "March 5, 2015\n\n", "March 5, 2015\n\nUpdated with the clinic's figures.\n\n"
    )
    folder = write_documents(tmp_path / "edited", replace={"b_report.txt": edited})
    fresh = open_library(tmp_path / "edited.sqlite", folder)
    result = import_notes(fresh, read_notes_file(text))
    notes = {n.body: n for n in fresh.notes()}
    governor = notes["which governor?"]
    assert governor.target_kind == "mention" and governor.quote == "The governor"
    report = document_from(fresh, "b_report.txt")
    assert fresh.document_text(report.id).index("The governor") == governor_start(fresh, governor)
    assert result.mentions_added == 1


def test_keep_links_renames_and_annotates_without_merging(
    tmp_path, annotated, open_library, write_documents
):
    text = to_json(collect(annotated, all=True))
    fresh = open_library(tmp_path / "kept.sqlite", write_documents(tmp_path / "kept"))
    result = import_notes(fresh, read_notes_file(text), join_links=False)
    assert result.links_merged == 0 and result.unmatched == []
    assert result.notes_added == 5 and result.links_renamed == 1
    kanta = link_of(fresh, "a_statement.txt", "Kanta")
    who = link_of(fresh, "a_statement.txt", "WHO")
    assert kanta.id != who.id  # not joined as the first library had them


def governor_start(library, note):
    for document in library.documents():
        for mention in library.mentions(document.id):
            if mention.id == note.target_id:
                return mention.start
    raise AssertionError("note target not found")


def test_relocate():
    text = "one two three two"
    assert relocate(text, "two", 4) == 4
    assert relocate(text, "two", 15) == 14
    assert relocate(text, "two", 0, context="three two") == 14
    assert relocate(text, "four", 0) is None
    assert relocate(text, "", 0) is None


def test_a_hand_edited_file_cannot_misplace_a_mention(
    tmp_path, annotated, open_library, write_documents
):
    data = json.loads(to_json(collect(annotated, all=True)))
    add = next(d for d in data["decisions"] if d["action"] == "add")
    add["start"] += 3  # offsets that no longer point at the text
    add["end"] += 3
    wrong = dict(add, text="not in any document", start=0, end=19)
    data["decisions"].append(wrong)
    fresh = open_library(tmp_path / "hand.sqlite", write_documents(tmp_path / "hand"))
    result = import_notes(fresh, bundle_from_json(data))
    report = document_from(fresh, "b_report.txt")
    text = fresh.document_text(report.id)
    added = [m for m in fresh.mentions(report.id) if m.added_by_user]
    assert [(m.start, m.text) for m in added] == [(text.index("The governor"), "The governor")]
    assert any("not in any document" in line for line in result.unmatched)
