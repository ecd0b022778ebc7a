"""The user's decisions on links: made, applied at once, and kept across re-links and re-imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from xrefviewer.core.model import Cluster
from xrefviewer.store import link_scope
from xrefviewer.store import relink as relink_module
from xrefviewer.store.errors import InvalidRequest, NotFoundError
from xrefviewer.store.library import Library
from xrefviewer.store.records import LinkInfo


def _members(library: Library, link_id: int) -> set[tuple[int, int, int]]:
    return {
        (o.mention.document_id, o.mention.start, o.mention.end)
        for o in library.link_occurrences(link_id)
    }


def _link_holding(library: Library, key: tuple[int, int, int]) -> LinkInfo | None:
    for link in library.links():
        if key in _members(library, link.id):
            return link
    return None


@pytest.fixture
def imported(library: Library, docs: Path) -> Library:
    library.import_paths([docs], workers=1)
    return library


def _two_name_links(library: Library) -> tuple[LinkInfo, LinkInfo]:
    names = library.links(kind="name")
    assert len(names) >= 2
    return names[0], names[1]


def _reanalyse(library: Library, docs: Path, make_docs) -> None:  # type: ignore[no-untyped-def]
    """Re-link, then import a new document (which re-links again) and a changed one."""
    library.relink()
    make_docs(docs / "later", {"later.txt": "Later, on July 1, 2014, 41 villagers were buried.\n"})
    letter = docs / "letter.md"
    letter.write_text(
        "A correction was added.\n\n" + letter.read_text(encoding="utf-8"), encoding="utf-8"
    )
    report = library.import_paths([docs], workers=1)
    assert (report.added, report.replaced) == (1, 1)


def test_merge_two_links_and_keep_it(imported: Library, docs: Path, make_docs) -> None:  # type: ignore[no-untyped-def]
    a, b = _two_name_links(imported)
    expected = _members(imported, a.id) | _members(imported, b.id)
    note = imported.add_note("link", b.id, "on the link that goes")
    assert imported.merge_links(a.id, b.id) == a.id
    (moved,) = imported.notes()
    assert (moved.id, moved.target_id, moved.orphaned) == (note.id, a.id, False)
    merged = imported.link(a.id)
    assert merged.mentions == len(expected)
    assert _members(imported, a.id) == expected
    with pytest.raises(NotFoundError):
        imported.link(b.id)
    imported.relink()
    assert _members(imported, a.id) == expected
    # A name mention shows the merged link's label.
    assert {o.mention.value for o in imported.link_occurrences(a.id)} == {merged.label}


def test_merge_survives_new_and_changed_documents(imported: Library, docs: Path, make_docs) -> None:  # type: ignore[no-untyped-def]
    a, b = _two_name_links(imported)
    a_text = {o.mention.text for o in imported.link_occurrences(a.id)}
    b_text = {o.mention.text for o in imported.link_occurrences(b.id)}
    imported.merge_links(a.id, b.id)
    _reanalyse(imported, docs, make_docs)
    texts = {o.mention.text for o in imported.link_occurrences(a.id)}
    assert a_text | b_text <= texts


def test_merging_needs_two_links_of_one_kind(imported: Library) -> None:
    name = imported.links(kind="name")[0]
    figure = imported.links(kind="figure")[0]
    with pytest.raises(InvalidRequest, match="can't be merged"):
        imported.merge_links(name.id, figure.id)
    with pytest.raises(InvalidRequest, match="itself"):
        imported.merge_links(name.id, name.id)
    with pytest.raises(NotFoundError):
        imported.merge_links(name.id, 10**6)
    assert imported.link(name.id) == name


def test_split_a_mention_off_its_link(imported: Library, docs: Path, make_docs) -> None:  # type: ignore[no-untyped-def]
    link = next(link for link in imported.links() if link.mentions >= 3)
    occurrence = imported.link_occurrences(link.id)[-1]
    imported.split_mention(occurrence.mention.id)
    assert imported.link(link.id).mentions == link.mentions - 1
    mention = next(
        m
        for m in imported.mentions(occurrence.mention.document_id)
        if m.id == occurrence.mention.id
    )
    assert mention.link_id is None
    with pytest.raises(InvalidRequest, match="not in a link"):
        imported.split_mention(mention.id)
    key = (mention.document_id, mention.start, mention.end)
    imported.relink()
    assert _link_holding(imported, key) is None
    assert imported.link(link.id).mentions == link.mentions - 1


def test_splitting_a_pair_removes_the_link(imported: Library) -> None:
    link = next(link for link in imported.links() if link.mentions == 2)
    imported.add_note("link", link.id, "on a pair")
    first = imported.link_occurrences(link.id)[0].mention
    imported.split_mention(first.id)
    with pytest.raises(NotFoundError):
        imported.link(link.id)
    assert [n.orphaned for n in imported.notes("link", link.id)] == [True]
    imported.relink()
    assert all(
        not (_members(imported, x.id) >= {(first.document_id, first.start, first.end)})
        for x in imported.links()
    )


def test_rename_a_link_and_keep_the_label(imported: Library, docs: Path, make_docs) -> None:  # type: ignore[no-untyped-def]
    link = imported.links(kind="figure")[0]
    imported.rename_link(link.id, "  the Kamenga   death toll ")
    renamed = imported.link(link.id)
    assert (renamed.label, renamed.renamed) == ("the Kamenga death toll", True)
    assert imported.links(text="death toll") == [renamed]
    with pytest.raises(InvalidRequest):
        imported.rename_link(link.id, "   ")
    first = next(
        o.mention for o in imported.link_occurrences(link.id)
        if not imported.document(o.mention.document_id).path.endswith("letter.md")
    )  # fmt: skip
    _reanalyse(imported, docs, make_docs)
    holder = _link_holding(imported, (first.document_id, first.start, first.end))
    assert holder is not None and holder.label == "the Kamenga death toll" and holder.renamed


def test_not_same_keeps_links_apart_when_the_linker_would_join_them(
    imported: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _two_name_links(imported)
    a_members, b_members = _members(imported, a.id), _members(imported, b.id)
    a_label, b_label = a.label, b.label
    real = relink_module.link_names

    def joining(refs):  # type: ignore[no-untyped-def]
        """A linker that (wrongly) takes a and b for one thing."""
        clusters = real(refs)
        joined = [c for c in clusters if c.label in (a_label, b_label)]
        rest = [c for c in clusters if c.label not in (a_label, b_label)]
        mentions = tuple(m for c in joined for m in c.mentions)
        return [*rest, Cluster(a_label, mentions)]

    monkeypatch.setattr(relink_module, "link_names", joining)
    imported.relink()
    joined = _link_holding(imported, next(iter(a_members)))
    assert joined is not None and _members(imported, joined.id) == a_members | b_members
    monkeypatch.setattr(relink_module, "link_names", real)
    imported.relink()
    a_now = _link_holding(imported, next(iter(a_members)))
    b_now = _link_holding(imported, next(iter(b_members)))
    assert a_now is not None and _members(imported, a_now.id) == a_members
    assert b_now is not None and _members(imported, b_now.id) == b_members

    imported.mark_not_same(a_now.id, b_now.id)
    monkeypatch.setattr(relink_module, "link_names", joining)
    imported.relink()
    for members in (a_members, b_members):
        holder = _link_holding(imported, next(iter(members)))
        assert holder is not None and _members(imported, holder.id) == members
    with pytest.raises(InvalidRequest):
        imported.mark_not_same(a_now.id, a_now.id)


def test_a_later_merge_overrides_an_earlier_not_same(imported: Library) -> None:
    a, b = _two_name_links(imported)
    imported.mark_not_same(a.id, b.id)
    assert imported.link(b.id) == b
    imported.merge_links(a.id, b.id)
    imported.relink()
    assert imported.link(a.id).mentions == a.mentions + b.mentions


def test_dismiss_a_false_mention_for_good(imported: Library, docs: Path, make_docs) -> None:  # type: ignore[no-untyped-def]
    letter = next(d for d in imported.documents() if d.path.endswith("letter.md"))
    link = next(
        x
        for x in imported.links()
        if any(o.mention.document_id == letter.id for o in imported.link_occurrences(x.id))
    )
    mention = next(
        o.mention for o in imported.link_occurrences(link.id) if o.mention.document_id == letter.id
    )
    imported.dismiss_mention(mention.id)
    assert mention.id not in {m.id for m in imported.mentions(letter.id)}
    after = imported.document(letter.id)
    counts = {"figure": letter.figures - after.figures, "name": letter.names - after.names}
    assert counts[mention.kind] == 1
    with pytest.raises(NotFoundError):
        imported.dismiss_mention(mention.id)
    _reanalyse(imported, docs, make_docs)  # letter.md changes: its text moves down
    shift = len("A correction was added.\n\n")
    texts = [(m.start, m.text) for m in imported.mentions(letter.id)]
    assert (mention.start + shift, mention.text) not in texts
    assert all(
        (letter.id, mention.start + shift, mention.end + shift) not in _members(imported, x.id)
        for x in imported.links()
    )


def test_dismissing_a_date_removes_its_events(imported: Library) -> None:
    event = imported.events()[0]
    date_mention = next(
        m for m in imported.mentions(event.document_id)
        if m.kind == "date" and m.id in event.mention_ids
    )  # fmt: skip
    imported.dismiss_mention(date_mention.id)
    assert all(
        e.expression != date_mention.text or e.document_id != event.document_id
        for e in imported.events()
    )


def test_add_a_missed_mention_and_keep_it(imported: Library, docs: Path, make_docs, texts) -> None:  # type: ignore[no-untyped-def]
    letter = next(d for d in imported.documents() if d.path.endswith("letter.md"))
    text = imported.document_text(letter.id)
    start = text.index("some 300 families")
    figure = imported.add_mention(letter.id, start + 5, start + 17, "figure")
    assert (figure.text, figure.value, figure.added_by_user) == ("300 families", "300", True)
    assert figure in imported.mentions(letter.id)
    start = text.index("the editor")
    name = imported.add_mention(letter.id, start + 4, start + 10, "name", "The Editor")
    assert (name.text, name.value, name.kind) == ("editor", "The Editor", "name")
    start = text.index("was not the first")
    date = imported.add_mention(letter.id, start, start + 17, "date", "2014-06")
    assert any(
        date.id in e.mention_ids and e.date == "2014-06"
        for e in imported.events(document_id=letter.id)
    )
    assert imported.document(letter.id).dates == letter.dates + 1

    _reanalyse(imported, docs, make_docs)
    after = {(m.text, m.kind, m.value) for m in imported.mentions(letter.id) if m.added_by_user}
    assert after == {
        ("300 families", "figure", "300"),
        ("editor", "name", "The Editor"),
        ("was not the first", "date", "2014-06"),
    }

    with pytest.raises(InvalidRequest):
        imported.add_mention(letter.id, 5, 2, "figure")
    with pytest.raises(InvalidRequest):
        imported.add_mention(letter.id, 0, 10**6, "name")
    with pytest.raises(InvalidRequest):
        imported.add_mention(letter.id, 0, 5, "date")
    with pytest.raises(InvalidRequest):
        imported.add_mention(letter.id, 0, 5, "colour")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        imported.add_mention(10**6, 0, 5, "name")


def test_an_added_mention_links_like_any_other(
    imported: Library, make_docs, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    link = next(x for x in imported.links(kind="name") if x.documents >= 2)
    label = link.label
    extra = make_docs(
        tmp_path / "extra", {"extra.txt": f"Nobody wrote the name here: {label.upper()}.\n"}
    )
    imported.import_paths([extra], workers=1)
    doc = next(d for d in imported.documents() if d.path.endswith("extra.txt"))
    text = imported.document_text(doc.id)
    start = text.index(label.upper())
    existing = [m for m in imported.mentions(doc.id) if m.start == start]
    for m in existing:
        imported.dismiss_mention(m.id)
    added = imported.add_mention(doc.id, start, start + len(label), "name", label)
    assert added.link_id == link.id


def test_decisions_apply_at_once_without_relinking_the_library(
    imported: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge or a split in a library of 10,000 documents must not wait for a full re-link."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a decision re-linked the whole library")

    monkeypatch.setattr(relink_module, "relink", refuse)
    a, b = _two_name_links(imported)
    imported.merge_links(a.id, b.id)
    imported.rename_link(a.id, "one")
    occurrence = imported.link_occurrences(a.id)[0]
    imported.split_mention(occurrence.mention.id)
    imported.dismiss_mention(occurrence.mention.id)
    figures = imported.links(kind="figure")
    if len(figures) >= 2:
        imported.mark_not_same(figures[0].id, figures[1].id)
    assert imported.link(a.id).mentions == a.mentions + b.mentions - 1


def test_ids_of_deleted_links_are_never_reused(
    imported: Library, make_docs, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """An orphaned note keeps its link's id; no later link may take it."""
    link = max(imported.links(), key=lambda x: x.id)  # SQLite alone would reuse the top id
    note = imported.add_note("link", link.id, "on the newest link")
    for occurrence in imported.link_occurrences(link.id)[:-1]:
        imported.split_mention(occurrence.mention.id)
    with pytest.raises(NotFoundError):
        imported.link(link.id)
    extra = make_docs(
        tmp_path / "extra",
        {
            "a.txt": "Oslo, May 1, 2015 - Jonas Brekke of the Nordic Water Council said 77 boats sank.\n",
            "b.txt": "Bergen, May 2, 2015 - The Nordic Water Council and Jonas Brekke counted 77 boats sunk.\n",
        },
    )
    imported.import_paths([extra], workers=1)
    assert all(x.id != link.id for x in imported.links())
    assert [n.id for n in imported.notes("link", link.id)] == [note.id]
    assert imported.notes("link", link.id)[0].orphaned


def test_decisions_list_what_replaying_them_elsewhere_needs(imported: Library) -> None:
    assert imported.decisions() == []
    a, b = _two_name_links(imported)
    a_first = imported.link_occurrences(a.id)[0].mention
    b_first = imported.link_occurrences(b.id)[0].mention
    imported.mark_not_same(a.id, b.id)
    imported.rename_link(a.id, "Renamed")
    figure = imported.links(kind="figure")[0]
    dismissed = imported.link_occurrences(figure.id)[0].mention
    imported.dismiss_mention(dismissed.id)
    letter = next(d for d in imported.documents() if d.path.endswith("letter.md"))
    text = imported.document_text(letter.id)
    start = text.index("300 families")
    imported.add_mention(letter.id, start, start + 3, "figure")

    by_hash = {d.id: d for d in imported.documents()}
    not_same, rename, dismiss, add = imported.decisions()
    assert [d.kind for d in (not_same, rename, dismiss, add)] == [
        "not_same", "rename", "dismiss", "add",
    ]  # fmt: skip
    assert (not_same.mention_kind, not_same.start, not_same.end, not_same.text) == (
        "name", a_first.start, a_first.end, a_first.text,
    )  # fmt: skip
    assert not_same.content_hash == by_hash[a_first.document_id].content_hash
    assert not_same.path == by_hash[a_first.document_id].path
    assert (not_same.b_start, not_same.b_end, not_same.b_text) == (
        b_first.start, b_first.end, b_first.text,
    )  # fmt: skip
    assert not_same.b_content_hash == by_hash[b_first.document_id].content_hash
    assert (not_same.link_label, not_same.b_link_label) == ("Renamed", b.label)
    assert (rename.label, rename.text, rename.link_label) == ("Renamed", a_first.text, "Renamed")
    assert (dismiss.mention_kind, dismiss.text, dismiss.link_label) == (
        "figure", dismissed.text, None,
    )  # fmt: skip
    assert dismiss.b_content_hash == "" and dismiss.b_start is None
    assert (add.mention_kind, add.start, add.end, add.text, add.label) == (
        "figure", start, start + 3, "300", "300",
    )  # fmt: skip
    assert add.content_hash == letter.content_hash
    assert all(d.created_at is not None for d in imported.decisions())


@pytest.mark.parametrize("change", ["add", "dismiss"])
def test_notes_on_events_follow_them_when_a_mention_is_added_or_dismissed(
    imported: Library, change: str
) -> None:
    letter = next(d for d in imported.documents() if d.path.endswith("letter.md"))
    event = imported.events(document_id=letter.id)[0]
    note = imported.add_note("event", event.id, "checked")
    text = imported.document_text(letter.id)
    if change == "add":
        start = text.index("300 families")
        imported.add_mention(letter.id, start, start + 3, "figure")
    else:
        figure = next(
            m for m in imported.mentions(letter.id) if m.kind == "figure" and "300" in m.text
        )
        imported.dismiss_mention(figure.id)
    (moved,) = imported.notes()
    ids = {e.id: e for e in imported.events(document_id=letter.id)}
    assert moved.id == note.id and not moved.orphaned
    assert moved.target_id in ids
    assert ids[moved.target_id].text == event.text


CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _state(library: Library) -> tuple[object, ...]:
    """Links (members, kind, label, renamed) and every mention's link-dependent value."""
    paths = {d.id: Path(d.path).name for d in library.documents()}
    links = set()
    for link in library.links():
        members = frozenset(
            (paths[o.mention.document_id], o.mention.start, o.mention.end)
            for o in library.link_occurrences(link.id)
        )
        assert len(members) == link.mentions
        links.add((members, link.kind, link.label, link.renamed))
    values = {
        (paths[doc_id], m.start, m.end, m.kind): (m.value, m.link_id is not None)
        for doc_id in paths
        for m in library.mentions(doc_id)
    }
    return links, values


def test_relinking_only_what_an_import_touches_equals_a_full_relink(
    library: Library, docs: Path, make_docs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Imports into a library re-link a closed scope; a full re-link must change nothing."""
    linked: list[int] = []
    real = relink_module.link_names

    def counting(refs):  # type: ignore[no-untyped-def]
        linked.append(len(refs))
        return real(refs)

    monkeypatch.setattr(relink_module, "link_names", counting)
    # A scope, however large, is re-linked as a scope here (not the whole library instead).
    monkeypatch.setattr(link_scope, "FULL_SHARE", 1.01)
    corpus = sorted(CORPUS.iterdir())
    library.import_paths(corpus[:3], workers=1)
    library.import_paths([docs / "statement.txt"], workers=1)
    # The user's decisions, replayed by every later re-link.
    a, b = _two_name_links(library)
    library.mark_not_same(a.id, b.id)
    figures = library.links(kind="figure")
    library.merge_links(figures[0].id, figures[-1].id)
    library.rename_link(a.id, "Renamed by the user")
    library.split_mention(library.link_occurrences(figures[1].id)[0].mention.id)
    statement = next(d for d in library.documents() if d.path.endswith("statement.txt"))
    start = library.document_text(statement.id).index("Kamenga")
    library.add_mention(statement.id, start, start + len("Kamenga"), "name", "Kamenga Village")
    scoped: list[bool] = []
    # New forms that link to stored ones only through a key: a surname alone, a spelling.
    later = make_docs(
        tmp_path / "later",
        {"later.txt": "Chan said the World Health Organisation sent 41 more doctors to Kamenga.\n"},
    )
    steps = ([docs / "report.txt"], [later / "later.txt"], corpus[3:], [docs / "letter.md"])
    for step in steps:
        before = len(linked)
        library.import_paths(step, workers=1)
        incremental = _state(library)
        library.relink()
        assert _state(library) == incremental
        scoped.append(linked[before] < linked[-1])
    assert any(scoped)  # imports looked at part of the library only
    # A changed document: its old mentions leave their links, its new ones join.
    letter = docs / "letter.md"
    letter.write_text(
        letter.read_text(encoding="utf-8") + "\nThe World Health Organization wrote back.\n",
        encoding="utf-8",
    )
    assert library.import_paths([letter], workers=1).replaced == 1
    incremental = _state(library)
    library.relink()
    assert _state(library) == incremental
