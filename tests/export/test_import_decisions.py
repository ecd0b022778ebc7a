"""Not-same and dismiss decisions travel in the JSON export and are replayed by import-notes."""

from __future__ import annotations

import json

import pytest

from xrefviewer.export.collect import collect
from xrefviewer.export.importing import import_notes
from xrefviewer.export.notes_json import read_notes_file, to_json


def document_from(library, file_name):
    return next(d for d in library.documents() if d.path.endswith(file_name))


def mention_in(library, file_name, text):
    document = document_from(library, file_name)
    return next(m for m in library.mentions(document.id) if m.text == text)


def texts_of(library, file_name):
    return [m.text for m in library.mentions(document_from(library, file_name).id)]


def apart(library):
    """The not-same decisions as pairs of link labels, whatever the ids."""
    return {
        frozenset({d.link_label, d.b_link_label})
        for d in library.decisions()
        if d.kind == "not_same"
    }


@pytest.fixture
def corrected(library):
    kanta = mention_in(library, "a_statement.txt", "Kanta").link_id
    who = mention_in(library, "a_statement.txt", "WHO").link_id
    library.mark_not_same(kanta, who)
    library.dismiss_mention(mention_in(library, "b_report.txt", "Amina Diallo").id)
    library.dismiss_mention(mention_in(library, "a_statement.txt", "SUM").id)
    return library


@pytest.fixture
def fresh(tmp_path, open_library, write_documents):
    # another library of the same documents, read in another order: every id differs
    folder = write_documents(tmp_path / "elsewhere", names=["c_brief.txt", "b_report.txt"])
    library = open_library(tmp_path / "two.sqlite", folder)
    library.import_paths([write_documents(tmp_path / "later", names=["a_statement.txt"])])
    return library


def test_the_export_carries_not_same_and_dismiss(corrected):
    data = json.loads(to_json(collect(corrected, all=True)))
    actions = [d["action"] for d in data["decisions"]]
    assert actions.count("not_same") == 1 and actions.count("dismiss") == 2
    not_same = next(d for d in data["decisions"] if d["action"] == "not_same")
    assert {not_same["text"], not_same["other_text"]} <= {
        "Kanta",
        "WHO",
        "World Health Organization",
    }
    assert not_same["other_content_hash"]
    dismissed = {d["text"] for d in data["decisions"] if d["action"] == "dismiss"}
    assert dismissed == {"Amina Diallo", "SUM"}


def test_a_selection_carries_the_decisions_naming_its_documents(corrected):
    brief = document_from(corrected, "c_brief.txt").id
    # the brief quotes Kanta and the WHO, whose links quote the statement, where the
    # not-same decision was taken: it comes along
    chosen = collect(corrected, document_ids=[brief]).decisions
    assert [d.action for d in chosen].count("not_same") == 1
    # an export that quotes no document carries none
    nothing = collect(corrected, discrepancies=True)
    assert nothing.documents == () and nothing.decisions == ()


def test_round_trip_of_not_same_and_dismiss(corrected, fresh):
    text = to_json(collect(corrected, all=True))
    assert "Amina Diallo" in texts_of(fresh, "b_report.txt")
    assert apart(fresh) == set()

    result = import_notes(fresh, read_notes_file(text))
    assert result.unmatched == []
    assert (result.links_kept_apart, result.mentions_dismissed) == (1, 2)
    assert "2 mentions dismissed" in result.summary()
    assert "Amina Diallo" not in texts_of(fresh, "b_report.txt")
    assert "SUM" not in texts_of(fresh, "a_statement.txt")
    assert apart(fresh) == apart(corrected)

    decisions = len(fresh.decisions())
    again = import_notes(fresh, read_notes_file(text))
    assert (again.links_kept_apart, again.mentions_dismissed, again.unmatched) == (0, 0, [])
    assert len(fresh.decisions()) == decisions  # nothing recorded twice


def test_links_this_library_joined_are_reported_not_split(corrected, fresh):
    kanta = mention_in(fresh, "a_statement.txt", "Kanta").link_id
    who = mention_in(fresh, "a_statement.txt", "WHO").link_id
    fresh.merge_links(kanta, who)
    result = import_notes(
        fresh, read_notes_file(to_json(collect(corrected, all=True))), join_links=False
    )
    (line,) = [u for u in result.unmatched if "not the same" in u]
    assert "one link here" in line
    assert result.links_kept_apart == 0
