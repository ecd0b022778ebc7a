"""The dock panels' layout in narrow and wide docks."""

from datetime import datetime

import pytest

from xrefviewer.store.records import DocumentInfo

pytestmark = pytest.mark.gui


def _documents(count: int) -> list[DocumentInfo]:
    return [
        DocumentInfo(
            id=i,
            path=f"/docs/{i}.txt",
            title=f"A long enough title for document number {i}",
            date="2014-06-03",
            date_source="dateline",
            content_hash=str(i),
            imported_at=datetime(2024, 1, 1),
            figures=1200 + i,
            names=3400 + i,
            dates=5,
        )
        for i in range(1, count + 1)
    ]


def _title_width(panel) -> int:
    return panel.view.horizontalHeader().sectionSize(0)


def test_a_narrow_library_dock_gives_the_titles_room(qtbot):
    from xrefviewer.ui.panels import LibraryPanel

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    panel.set_documents(_documents(3))
    view = panel.view
    assert view.isColumnHidden(3) and view.isColumnHidden(2)  # the counts gave way
    assert not view.isColumnHidden(1)  # the date stays
    assert _title_width(panel) >= 150
    assert "1201 figures" in panel.proxy.index(0, 0).data(3)  # ToolTipRole still has the counts


def test_a_wide_library_dock_shows_the_counts_again(qtbot):
    from xrefviewer.ui.panels import LibraryPanel

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    panel.show()
    panel.set_documents(_documents(3))
    panel.resize(700, 400)
    qtbot.waitUntil(lambda: not panel.view.isColumnHidden(2))
    assert not panel.view.isColumnHidden(3)
    assert _title_width(panel) >= 150


def test_a_narrow_link_panel_keeps_room_for_the_context(qtbot):
    from xrefviewer.store.records import MentionInfo, Occurrence
    from xrefviewer.ui.panels import LinkPanel

    panel = LinkPanel()
    qtbot.addWidget(panel)
    panel.resize(280, 400)
    panel.show()
    mention = MentionInfo(
        id=1, document_id=1, kind="figure", start=0, end=2, text="41", value="41", link_id=1
    )
    occurrences = [
        Occurrence(
            mention=mention,
            document_title="An extremely long document title that goes on",
            document_date="2014-06-03",
            snippet="some context around the mention",
            snippet_start=0,
            line=1,
            column=1,
        )
        for _ in range(3)
    ]
    panel.set_link(None, occurrences)
    assert panel.view.horizontalHeader().sectionSize(2) >= 120


def test_an_occurrence_tooltip_names_its_document_date():
    from xrefviewer.store.records import MentionInfo, Occurrence
    from xrefviewer.ui.models import OccurrenceTableModel

    mention = MentionInfo(
        id=1, document_id=1, kind="figure", start=0, end=2, text="41", value="41", link_id=1
    )
    model = OccurrenceTableModel(
        [Occurrence(mention, "The report", "2014-06-03", "41 were killed", 0, 4, 1)]
    )
    assert model.index(0, 0).data(3) == "The report (2014-06-03), line 4\n41 were killed"


def test_a_narrow_index_keeps_room_for_the_labels(qtbot):
    from xrefviewer.store.records import LinkInfo
    from xrefviewer.ui.panels import IndexPanel

    panel = IndexPanel()
    qtbot.addWidget(panel)
    panel.resize(280, 400)
    panel.show()
    panel.set_links([LinkInfo(1, "name", "World Health Organization", 12345, 12)])
    assert panel.view.isColumnHidden(3)
    assert panel.view.horizontalHeader().sectionSize(1) >= 120
