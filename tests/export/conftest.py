"""Bundles built by hand, so the formatters are tested without a library."""

from __future__ import annotations

import pytest

from xrefviewer.export.model import (
    ExportBundle,
    ExportDecision,
    ExportDocument,
    ExportLink,
    ExportNote,
    ExportOccurrence,
    Highlight,
)

# Everything a hostile or merely awkward document or note can contain.
HOSTILE = (
    "<script>document.title='pwned'</script>"
    "<img src=x onerror=\"document.title='pwned'\">"
    " \"double\", 'single', comma, semi; tab\there"
    "\nsecond line\r\nthird line"
    " [[wikilink]] #tag **bold** | pipe & amp &lt;"
    " Polčák, Müller, Qaddafi, 北京, مرحبا, 🙂"
)
FORMULAS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A2)")


def occurrence(
    mention_id: int,
    document: ExportDocument,
    quote: str,
    text: str,
    *,
    kind: str = "figure",
    value: str = "41",
    quote_start: int = 100,
    line: int = 3,
) -> ExportOccurrence:
    at = quote.index(text)
    return ExportOccurrence(
        mention_id=mention_id,
        document_id=document.id,
        document_title=document.title,
        document_date=document.date,
        content_hash=document.content_hash,
        kind=kind,
        text=text,
        value=value,
        start=quote_start + at,
        end=quote_start + at + len(text),
        line=line,
        column=at + 1,
        quote=quote,
        quote_start=quote_start,
        highlights=(Highlight(at, at + len(text), kind, own=True),),
    )


def make_bundle(hostile: str = HOSTILE) -> ExportBundle:
    first = ExportDocument(1, "Statement: one", "2014-06-03", "a" * 64, "/tmp/one.txt", "dateline")
    second = ExportDocument(2, f"Report {hostile}", None, "b" * 64, "/tmp/two.txt", "none")
    quote_1 = "Soldiers killed 41 villagers on Tuesday, the mayor said."
    quote_2 = f"Witnesses said 41 people were killed. {hostile}"
    occ_1 = occurrence(11, first, quote_1, "41 villagers")
    occ_1 = ExportOccurrence(
        **{
            **{f: getattr(occ_1, f) for f in occ_1.__slots__},
            "highlights": (
                Highlight(0, 8, "name"),  # a neighbour: "Soldiers"
                occ_1.highlights[0],
                Highlight(32, 39, "date"),
            ),
        }
    )
    occ_2 = occurrence(21, second, quote_2, "41 people", quote_start=5, line=1)
    name_occ = occurrence(
        12, first, quote_1, "mayor", kind="name", value="the mayor", quote_start=100
    )
    name_occ_2 = occurrence(22, second, quote_2, "Witnesses", kind="name", value="witnesses")
    figure = ExportLink(1, "figure", "41 killed", (occ_1, occ_2))
    name = ExportLink(2, "name", hostile, (name_occ, name_occ_2), renamed=True)
    notes = (
        ExportNote(
            id=1,
            target_kind="link",
            target_id=1,
            body="Both say 41.\n# Not a heading\n---\n" + hostile,
            created_at="2026-11-20T10:00:00Z",
            updated_at="2026-11-20T10:05:00Z",
            link_id=1,
        ),
        ExportNote(
            id=2,
            target_kind="mention",
            target_id=21,
            body="The report counts people, not villagers.",
            created_at="2026-11-20T11:00:00Z",
            updated_at="2026-11-20T11:00:00Z",
            quote="41 people",
            link_id=1,
            document_id=2,
            document_title=second.title,
            content_hash=second.content_hash,
            start=occ_2.start,
            end=occ_2.end,
            text="41 people",
            kind="figure",
            line=1,
            column=occ_2.column,
        ),
        ExportNote(
            id=3,
            target_kind="document",
            target_id=1,
            body=FORMULAS[0],
            created_at="2026-11-21T09:00:00Z",
            updated_at="2026-11-21T09:00:00Z",
            document_id=1,
            document_title=first.title,
            document_date=first.date,
            content_hash=first.content_hash,
        ),
        ExportNote(
            id=4,
            target_kind="event",
            target_id=7,
            body=hostile,
            created_at="2026-11-21T09:30:00Z",
            updated_at="2026-11-21T09:30:00Z",
            quote="on Tuesday",
            document_id=1,
            document_title=first.title,
            document_date=first.date,
            content_hash=first.content_hash,
            start=100,
            end=156,
            text=quote_1,
            kind="2014-06-03",
            line=3,
            column=1,
        ),
    )
    decisions = (
        ExportDecision("rename", second.content_hash, "name", 5, 14, "Witnesses", label=hostile),
        ExportDecision(
            "merge",
            first.content_hash,
            "figure",
            occ_1.start,
            occ_1.end,
            occ_1.text,
            other_content_hash=second.content_hash,
            other_kind="figure",
            other_start=occ_2.start,
            other_end=occ_2.end,
            other_text=occ_2.text,
        ),
    )
    return ExportBundle(
        title=f"Notes {hostile}",
        exported_at="2026-11-23T18:00:00Z",
        generator="xrefviewer test",
        documents=(first, second),
        links=(figure, name),
        notes=notes,
        decisions=decisions,
    )


@pytest.fixture
def bundle() -> ExportBundle:
    return make_bundle()


@pytest.fixture
def hostile() -> str:
    return HOSTILE


@pytest.fixture
def formulas() -> tuple[str, ...]:
    return FORMULAS


@pytest.fixture(name="make_bundle")
def make_bundle_fixture():
    return make_bundle


# -- a real library ---------------------------------------------------------------------------

DOCUMENTS = {
    "a_statement.txt": (
        "Statement on the attack in Kanta\n\n"
        "GENEVA, Tuesday, March 3, 2015 — The World Health Organization (WHO) said on Monday "
        "that 41 villagers were killed in Kanta.\n"
        'Witnesses said the army shelled the market. "We counted the dead ourselves," said '
        "Amina Diallo, a nurse.\n"
        "<script>document.title='pwned'</script> =SUM(A1) appeared in a leaflet, with "
        '"quotes", commas, and Müller\'s name.\n'
    ),
    "b_report.txt": (
        "Field report: Kanta\n\nMarch 5, 2015\n\n"
        "Soldiers killed 41 villagers in Kanta on March 2, according to the WHO.\n"
        "Amina Diallo, a nurse at the district clinic, said 12 of the wounded were children.\n"
        "The governor promised an inquiry within 30 days.\n"
    ),
    "c_brief.txt": (
        "Briefing note\n\nApril 1, 2015\n\n"
        "The World Health Organization confirmed that 41 people died in Kanta in March.\n"
        "The governor's inquiry, promised within 30 days, has not begun.\n"
        "Ms. Diallo left the district on March 20.\n"
    ),
}


def write_documents(folder, names=None, replace=None):
    """The test documents as files; `replace` maps a name to the text to use instead."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or DOCUMENTS:
        (folder / name).write_text((replace or {}).get(name, DOCUMENTS[name]), encoding="utf-8")
    return folder


def open_library(path, folder):
    from xrefviewer.store.library import Library

    library = Library.open(f"sqlite:///{path}")
    library.import_paths([folder], workers=1)
    return library


@pytest.fixture
def documents():
    return DOCUMENTS


@pytest.fixture(name="write_documents")
def write_documents_fixture():
    return write_documents


@pytest.fixture(name="open_library")
def open_library_fixture():
    opened = []

    def factory(path, folder):
        library = open_library(path, folder)
        opened.append(library)
        return library

    yield factory
    for library in opened:
        library.close()


@pytest.fixture
def library(tmp_path, open_library):
    return open_library(tmp_path / "one.sqlite", write_documents(tmp_path / "docs"))
