"""The library facade end to end: import, read back, incremental linking, notes, search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xrefviewer.core.analyze import analyze
from xrefviewer.core.loading import load_paths
from xrefviewer.store import importing
from xrefviewer.store.errors import InvalidRequest, LibraryError, NotFoundError
from xrefviewer.store.library import Library


def test_import_stores_every_document_with_its_mentions(
    texts: dict[str, str], library: Library, docs: Path
) -> None:
    report = library.import_paths([docs], workers=1)
    assert (report.added, report.replaced, report.unchanged) == (3, 0, 0)
    assert not report.problems
    documents = library.documents()
    assert sorted(Path(d.path).name for d in documents) == sorted(texts)
    for d in documents:
        text = library.document_text(d.id)
        assert text == texts[Path(d.path).name]
        assert library.document(d.id) == d
        mentions = library.mentions(d.id)
        assert mentions, d.path
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert m.document_id == d.id
        counts = {k: sum(1 for m in mentions if m.kind == k) for k in ("figure", "name", "date")}
        assert (d.figures, d.names, d.dates) == (counts["figure"], counts["name"], counts["date"])
        assert d.imported_at.tzinfo is not None
        assert len(d.content_hash) == 64


def test_links_are_consistent_with_their_mentions(library: Library, docs: Path) -> None:
    library.import_paths([docs], workers=1)
    links = library.links()
    assert links, "the three documents share figures and names"
    keys = [(-link.documents, -link.mentions) for link in links]
    assert keys == sorted(keys)
    for link in links:
        assert library.link(link.id) == link
        occurrences = library.link_occurrences(link.id)
        assert len(occurrences) == link.mentions >= 2
        assert len({o.mention.document_id for o in occurrences}) == link.documents
        for o in occurrences:
            m = o.mention
            assert m.link_id == link.id and m.kind == link.kind
            text = library.document_text(m.document_id)
            assert " ".join(m.text.split()) in o.snippet
            assert len(o.snippet) <= 200 + len(m.text)
            line_start = text.rfind("\n", 0, m.start) + 1
            assert (o.line, o.column) == (
                text.count("\n", 0, m.start) + 1,
                m.start - line_start + 1,
            )
            assert text[o.snippet_start :].startswith(o.snippet.split()[0])
    for kind in ("figure", "name"):
        assert all(link.kind == kind for link in library.links(kind=kind))


def _groups_from_library(library: Library) -> set[frozenset[tuple[str, int, int]]]:
    paths = {d.id: Path(d.path).name for d in library.documents()}
    return {
        frozenset(
            (paths[o.mention.document_id], o.mention.start, o.mention.end)
            for o in library.link_occurrences(link.id)
        )
        for link in library.links()
    }


def test_incremental_links_equal_a_full_analysis(
    texts: dict[str, str], make_docs, library: Library, tmp_path: Path
) -> None:
    """Importing one document at a time links exactly as analysing all of them at once."""
    folder = make_docs(tmp_path / "docs")
    for name in sorted(texts):
        library.import_paths([folder / name], workers=1)
    full = analyze(load_paths([folder]).sources)
    paths = {d.id: Path(d.path).name for d in full.documents}
    by_id = {m.id: m for m in full.mentions}
    expected = {
        frozenset((paths[by_id[m].document], by_id[m].start, by_id[m].end) for m in link.mentions)
        for link in full.links
    }
    assert _groups_from_library(library) == expected


def _linked_one_by_one(folder: Path, library: Library) -> set[frozenset[tuple[str, int, int]]]:
    """The library's links after importing the folder's files one at a time (each import
    re-links only what it can change)."""
    for path in sorted(folder.iterdir()):
        library.import_paths([path], workers=1)
    return _groups_from_library(library)


def test_a_titled_surname_links_in_the_library_as_in_the_analysis(
    make_docs, library: Library, tmp_path: Path
) -> None:
    """The gender of "Mrs. Clinton" is stored, so a later import re-links it to Hillary."""
    texts = {
        "a.txt": "Mrs. Clinton, the secretary of state, was in Cairo on Monday.",
        "b.txt": "Hillary Clinton was traveling on Monday. Bill Clinton was not.",
    }
    groups = _linked_one_by_one(make_docs(tmp_path / "docs", texts), library)
    assert frozenset({("a.txt", 5, 12), ("b.txt", 0, 15)}) in groups
    assert not any(("b.txt", 41, 53) in g for g in groups)


def test_a_small_number_of_one_incident_links_in_the_library_as_in_the_analysis(
    make_docs, library: Library, tmp_path: Path
) -> None:
    """The library re-links from stored mentions, with the sentences' places as analyze has."""
    texts = {
        "a.txt": "An earthquake struck near Caldmoor on Sunday, killing three people.",
        "b.txt": "Three people were killed when the quake hit homes in Caldmoor.",
        "c.txt": "Three people were killed in Bramholt, police said.",
    }
    groups = _linked_one_by_one(make_docs(tmp_path / "docs", texts), library)
    assert frozenset({("a.txt", 54, 59), ("b.txt", 0, 5)}) in groups
    assert not any(("c.txt", 0, 5) in g for g in groups)


def test_the_same_content_is_not_imported_twice(
    library: Library, docs: Path, tmp_path: Path
) -> None:
    library.import_paths([docs], workers=1)
    again = library.import_paths([docs], workers=1)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 3)
    copy = tmp_path / "copy.txt"
    shutil.copy(docs / "report.txt", copy)
    assert library.import_paths([copy], workers=1).unchanged == 1
    assert len(library.documents()) == 3


def test_importing_more_does_not_reanalyse_the_library(
    make_docs, library: Library, docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.import_paths([docs], workers=1)
    links_before = {link.id: link.label for link in library.links()}
    analysed: list[str] = []
    real = importing.analyze_document

    def counting(source, known_date=None):  # type: ignore[no-untyped-def]
        analysed.append(Path(source.path).name)
        return real(source, known_date)

    monkeypatch.setattr(importing, "analyze_document", counting)
    extra = make_docs(
        tmp_path / "extra",
        {
            "follow-up.txt": "LONDON, July 1, 2014 - The WHO said 41 villagers were killed in Kamenga.\n"
        },
    )
    report = library.import_paths([docs, extra], workers=1)
    assert analysed == ["follow-up.txt"]
    assert (report.added, report.unchanged) == (1, 3)
    # Existing links keep their ids when new mentions join them.
    links_after = {link.id: link.label for link in library.links()}
    assert set(links_before) <= set(links_after)


def test_parallel_import_gives_the_same_library_as_serial(
    texts: dict[str, str], make_docs, tmp_path: Path
) -> None:
    folder = make_docs(tmp_path / "docs")
    for i in range(3):
        make_docs(folder / f"more{i}", {f"copy{i}.txt": texts["report.txt"] + f"\nNote {i}.\n"})
    with Library.open(str(tmp_path / "serial.sqlite")) as serial:
        serial.import_paths([folder], workers=1)
        expected = _groups_from_library(serial)
        expected_docs = [(Path(d.path).name, d.content_hash) for d in serial.documents()]
    with Library.open(str(tmp_path / "parallel.sqlite")) as parallel:
        report = parallel.import_paths([folder], workers=2)
        assert report.added == 6
        assert _groups_from_library(parallel) == expected
        assert [(Path(d.path).name, d.content_hash) for d in parallel.documents()] == expected_docs


def test_progress_and_cancel(make_docs, library: Library, docs: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    report = library.import_paths([docs], progress=lambda *a: seen.append(a), workers=1)
    assert [(d, t) for d, t, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert not report.cancelled

    other = make_docs(
        docs.parent / "other",
        {f"n{i}.txt": f"Item {i}: 5{i} people met in Oslo.\n" for i in range(4)},
    )
    calls = iter([False, False, True])
    report = library.import_paths([other], cancel=lambda: next(calls, True), workers=1)
    assert report.cancelled and report.added == 2
    assert len(library.documents()) == 5


def test_problems_are_reported_and_the_rest_imported(library: Library, docs: Path) -> None:
    (docs / "empty.txt").write_text("   \n", encoding="utf-8")
    report = library.import_paths([docs, docs / "missing.txt"], workers=1)
    assert report.added == 3
    assert sorted(Path(p.path).name for p in report.problems) == ["empty.txt", "missing.txt"]


def test_events_by_date_range_document_and_link(library: Library, docs: Path) -> None:
    library.import_paths([docs], workers=1)
    events = library.events()
    assert events
    numeric = [e for e in events if e.date[:1].isdigit()]
    assert [e.date[:4] for e in numeric] == sorted(e.date[:4] for e in numeric)
    for e in events:
        text = library.document_text(e.document_id)
        assert text[e.start : e.end] == e.text
        assert e.expression in e.text
        assert e.document_title == library.document(e.document_id).title
    in_2014 = library.events("2014", "2014")
    assert in_2014 and all(e.date.startswith("2014") for e in in_2014)
    june = library.events("2014-06-01", "2014-06-30")
    assert all(e.date.startswith("2014-06") for e in june)
    assert not library.events("1900", "1901")
    assert all(e.date >= "2014-06" for e in library.events(start="2014-06"))
    first = events[0].document_id
    assert {e.document_id for e in library.events(document_id=first)} == {first}
    for link in library.links():
        members = {o.mention.id for o in library.link_occurrences(link.id)}
        for e in library.events(link_id=link.id):
            assert members & set(e.mention_ids)
    with pytest.raises(LibraryError):
        library.events("last week")


def test_search_finds_words_phrases_and_prefixes(library: Library, docs: Path) -> None:
    library.import_paths([docs], workers=1)
    hits = library.search("villagers")
    assert {Path(library.document(h.document_id).path).name for h in hits} == {
        "statement.txt",
        "letter.md",
    }
    for hit in hits:
        assert "[villagers]" in hit.snippet.lower()
        text = library.document_text(hit.document_id)
        assert text[hit.start : hit.start + len("villagers")].lower() == "villagers"
    assert [h.document_title for h in library.search('"medical team"')] == [
        library.document(h.document_id).title for h in library.search("medical team")
    ]
    assert library.search("medic*")
    assert library.search("nothing-like-this-anywhere") == []
    # Punctuation and FTS syntax in a user's query are words, never an error.
    for odd in ('AND OR "', "NEAR(", "*", "-", "col:on", ""):
        assert isinstance(library.search(odd), list)
    assert len(library.search("Kamenga", limit=1)) == 1


def test_notes_on_every_kind_of_target(library: Library, docs: Path) -> None:
    library.import_paths([docs], workers=1)
    doc = library.documents()[0]
    mention = library.mentions(doc.id)[0]
    link = library.links()[0]
    event = library.events()[0]
    made = [
        library.add_note("document", doc.id, "Check the **source**."),
        library.add_note("mention", mention.id, "Is this right?"),
        library.add_note("link", link.id, "Same event."),
        library.add_note("event", event.id, "Date agrees."),
    ]
    assert [n.quote for n in made] == ["", mention.text, link.label, event.text]
    assert library.notes() == made
    assert library.notes("mention", mention.id) == [made[1]]
    changed = library.update_note(made[1].id, "Confirmed.")
    assert changed.body == "Confirmed." and changed.created_at == made[1].created_at
    assert changed.updated_at >= made[1].updated_at
    library.delete_note(made[0].id)
    assert [n.id for n in library.notes()] == [n.id for n in made[1:]]
    with pytest.raises(NotFoundError):
        library.add_note("mention", 10**6, "x")
    with pytest.raises(InvalidRequest):
        library.add_note("paragraph", doc.id, "x")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        library.update_note(10**6, "x")
    with pytest.raises(NotFoundError):
        library.delete_note(10**6)


def test_a_changed_file_replaces_its_analysis_and_keeps_its_notes(
    texts: dict[str, str], make_docs, library: Library, tmp_path: Path
) -> None:
    folder = make_docs(tmp_path / "docs")
    library.import_paths([folder], workers=1)
    target = next(d for d in library.documents() if d.path.endswith("statement.txt"))
    mentions = library.mentions(target.id)
    kept = next(m for m in mentions if "Kamenga" in m.text or m.kind == "figure")
    doomed = next(m for m in mentions if m.kind == "name" and "Chan" in m.text)
    library.add_note("document", target.id, "whole document")
    kept_note = library.add_note("mention", kept.id, "kept")
    doomed_note = library.add_note("mention", doomed.id, "doomed")

    new_text = "UPDATE: corrected below.\n\n" + texts["statement.txt"].replace(
        "Dr. Margaret Chan, the WHO director-general, called for an inquiry. ", ""
    )
    (folder / "statement.txt").write_text(new_text, encoding="utf-8")
    report = library.import_paths([folder], workers=1)
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)
    assert len(library.documents()) == 3
    assert library.document(target.id).content_hash != target.content_hash
    assert library.document_text(target.id) == new_text

    notes = {n.body: n for n in library.notes()}
    assert notes["whole document"].target_id == target.id and not notes["whole document"].orphaned
    moved = notes["kept"]
    assert not moved.orphaned and moved.id == kept_note.id
    new_mention = next(m for m in library.mentions(target.id) if m.id == moved.target_id)
    assert new_mention.text == kept.text
    assert new_mention.start == kept.start + len("UPDATE: corrected below.\n\n")
    assert notes["doomed"].orphaned and notes["doomed"].id == doomed_note.id


def test_unknown_ids_are_clear_errors(library: Library) -> None:
    for call in (
        lambda: library.document(1),
        lambda: library.document_text(1),
        lambda: library.mentions(1),
        lambda: library.link(1),
        lambda: library.link_occurrences(1),
    ):
        with pytest.raises(NotFoundError, match=r"no (document|link) 1"):
            call()


CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _dates_by_name(library: Library) -> tuple[dict[str, str | None], dict[str, list]]:  # type: ignore[type-arg]
    documents = {d.id: Path(d.path).name for d in library.documents()}
    mentions = {
        name: [(m.start, m.end, m.value) for m in library.mentions(doc_id) if m.kind == "date"]
        for doc_id, name in documents.items()
    }
    return {Path(d.path).name: d.date for d in library.documents()}, mentions


@pytest.mark.parametrize("one_at_a_time", [False, True])
def test_documents_are_dated_with_the_collection_as_analyze_does(
    library: Library, one_at_a_time: bool
) -> None:
    """The library dates every document and date mention as `xrefviewer analyze` does."""
    full = analyze(load_paths([CORPUS]).sources)
    expected_dates = {Path(d.path).name: d.date for d in full.documents}
    by_document = {d.id: Path(d.path).name for d in full.documents}
    expected_mentions: dict[str, list] = {name: [] for name in expected_dates}  # type: ignore[type-arg]
    for m in full.mentions:
        if m.kind == "date":
            expected_mentions[by_document[m.document]].append((m.start, m.end, m.value))
    # An undated document (its own text can't date it) is what this test is about.
    undated_alone = [
        s for s in load_paths([CORPUS]).sources if analyze([s]).documents[0].date is None
    ]
    assert any(expected_dates[Path(s.path).name] for s in undated_alone)

    if one_at_a_time:
        # Undated documents first: a later import's firm dates date them after all.
        for path in sorted(
            CORPUS.iterdir(),
            key=lambda p: (p.name not in {Path(s.path).name for s in undated_alone}, p.name),
        ):
            library.import_paths([path], workers=1)
    else:
        library.import_paths([CORPUS], workers=1)
    dates, mentions = _dates_by_name(library)
    assert dates == expected_dates
    assert mentions == expected_mentions


def test_the_library_as_one_analysis(library: Library, docs: Path) -> None:
    """`Library.analysis()` reads in a few queries what the read methods give one by one."""
    from xrefviewer.store.analysis import analysis_from_library

    library.import_paths([docs], workers=1)
    letter = next(d for d in library.documents() if d.path.endswith("letter.md"))
    figure = next(m for m in library.mentions(letter.id) if m.kind == "figure")
    library.dismiss_mention(figure.id)

    class ReadsOnly:
        """The facade's read methods only, as a stand-in library offers them."""

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            if name == "analysis":
                raise AttributeError(name)
            return getattr(library, name)

    whole = library.analysis()
    assert analysis_from_library(library) == whole
    assert analysis_from_library(ReadsOnly()) == whole
    assert {d.id for d in whole.documents} == {f"d{d.id}" for d in library.documents()}
    assert f"m{figure.id}" not in {m.id for m in whole.mentions}
    assert len(whole.links) == len(library.links()) and whole.events


def test_long_lists_come_in_pages(library: Library, docs: Path) -> None:
    library.import_paths([docs], workers=1)
    events = library.events()
    assert len(events) >= 3
    pages = [library.events(limit=2, offset=i) for i in range(0, len(events), 2)]
    assert [e for page in pages for e in page] == events
    assert library.events(limit=0) == []
    assert library.events("2014", "2014", limit=1) == library.events("2014", "2014")[:1]
    biggest = library.links()[0]
    occurrences = library.link_occurrences(biggest.id)
    assert len(occurrences) >= 2
    assert library.link_occurrences(biggest.id, limit=1) == occurrences[:1]
    assert library.link_occurrences(biggest.id, limit=5, offset=1) == occurrences[1:6]
    assert library.link_occurrences(biggest.id, offset=len(occurrences)) == []
    with pytest.raises(InvalidRequest):
        library.events(limit=-1)
    with pytest.raises(NotFoundError):
        library.link_occurrences(10**6, limit=1)
