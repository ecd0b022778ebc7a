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


def _events(count: int):
    from xrefviewer.store.records import EventInfo

    return [
        EventInfo(i, 1 + i % 2, f"Doc {1 + i % 2}", f"{2000 + i // 1000}-01-01", "then", 0, 5,
                  f"Sentence {i}.")
        for i in range(count)
    ]  # fmt: skip


class _Pages:
    """A reader of pages over a list, counting the reads."""

    def __init__(self, records):
        self.records = records
        self.reads: list[tuple[int, int]] = []

    def __call__(self, limit: int, offset: int):
        self.reads.append((limit, offset))
        return self.records[offset : offset + limit]


def test_a_long_event_list_shows_its_first_page_and_reads_on_when_scrolled(qtbot):
    from xrefviewer.ui.panels import EventPanel

    panel = EventPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    pages = _Pages(_events(12_000))
    panel.set_events(pages, [], page_size=5000)
    assert panel.model.rowCount() == 5000
    assert pages.reads == [(5000, 0)]
    assert panel.count_label.text() == "5,000 of 5,000+"
    panel.view.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 5000)
    assert pages.reads[1] == (5000, 5000)


@pytest.mark.parametrize("how", ["text", "period", "sort"])
def test_filtering_or_sorting_a_long_event_list_reads_all_of_it(qtbot, how):
    from PySide6.QtCore import Qt

    from xrefviewer.ui.panels import EventPanel

    panel = EventPanel()
    qtbot.addWidget(panel)
    panel.set_events(_Pages(_events(12_000)), [], page_size=5000)
    if how == "text":
        panel.text.setText("Sentence 11999")
        assert panel.proxy.rowCount() == 1  # found beyond the first page
    elif how == "period":
        panel.date_from.setText("2011")
        assert panel.proxy.rowCount() == 1000
    else:
        panel.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        first = panel.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole)
        assert first.date == "2011-01-01"
    assert panel.model.complete()
    assert panel.model.rowCount() == 12_000
    assert "+" not in panel.count_label.text()


def test_sorting_by_date_orders_by_time_not_spelling(qtbot):
    from PySide6.QtCore import Qt

    from xrefviewer.store.records import EventInfo
    from xrefviewer.ui.panels import EventPanel

    values = ["2014-11", "199X", "2014-Q3", "19XX", "2014-W02", "PAST_REF"]
    panel = EventPanel()
    qtbot.addWidget(panel)
    panel.set_events(
        _Pages(
            [EventInfo(i, 1, "Doc", v, v, 0, 5, f"Sentence {i}.") for i, v in enumerate(values)]
        ),
        [],
    )
    panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).date for r in range(6)]
    assert shown == ["19XX", "199X", "2014-W02", "2014-Q3", "2014-11", "PAST_REF"]


def test_a_paged_model_is_valid(qtmodeltester):
    from xrefviewer.ui.models import EventTableModel

    model = EventTableModel()
    model.set_pages(_Pages(_events(25)), 10)
    qtmodeltester.check(model)
    model.fetch_all()
    assert model.rowCount() == 25 and not model.canFetchMore()


def test_a_failing_page_ends_the_list_without_raising(caplog):
    from xrefviewer.ui.models import EventTableModel

    records = _events(20)

    def read(limit: int, offset: int):
        if offset:
            raise OSError("disk gone")
        return records[:limit]

    model = EventTableModel()
    model.set_pages(read, 10)
    model.fetchMore()
    assert model.rowCount() == 10 and not model.canFetchMore()
    assert "reading the next page" in caplog.text
