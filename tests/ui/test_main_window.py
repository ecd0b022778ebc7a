"""The window over a small fake library: linked navigation, filters, notes, layout."""

import pytest
from PySide6.QtCore import QRect, Qt

pytestmark = pytest.mark.gui


def click_mention(qtbot, pane, mention_id):
    qtbot.mouseClick(
        pane.editor.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pane.mention_rect(mention_id).center(),
    )


def test_opens_the_two_documents_that_share_most(fake_window):
    assert [p.document_id for p in fake_window.panes] == [1, 2]
    assert fake_window.library_panel.model.rowCount() == 3
    assert fake_window.index_panel.model.rowCount() == 3


def test_clicking_a_figure_highlights_it_in_the_other_pane(fake_window, qtbot):
    left, right = fake_window.panes
    figure = next(m for m in left.mentions() if m.kind == "figure")
    click_mention(qtbot, left, figure.id)
    assert fake_window.link_panel.model.rowCount() == 3
    other = right.text[slice(*right.highlighted_ranges()[0])]
    assert other == "41 people"
    assert len(left.highlighted_ranges()) == 2
    assert left.current_mention() == figure.id


def test_next_occurrence_walks_every_document_and_wraps(fake_window, qtbot):
    left, right = fake_window.panes
    figure = next(m for m in left.mentions() if m.kind == "figure")
    click_mention(qtbot, left, figure.id)
    qtbot.keyClick(fake_window, Qt.Key.Key_F3)
    assert left.current_mention() != figure.id  # the second mention in the same document
    qtbot.keyClick(fake_window, Qt.Key.Key_F3)
    assert right.current_mention() is not None
    assert right.mention(right.current_mention()).text == "41 people"
    qtbot.keyClick(fake_window, Qt.Key.Key_F3)
    assert left.current_mention() == figure.id
    qtbot.keyClick(fake_window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert fake_window.link_panel.model.current_row == 2


def test_an_occurrence_in_an_unshown_document_opens_in_the_other_pane(fake_window, qtbot):
    left, right = fake_window.panes
    wounded = next(m for m in right.mentions() if m.text == "7 wounded")
    click_mention(qtbot, right, wounded.id)
    rows = fake_window.link_panel.model.records()
    row = next(i for i, o in enumerate(rows) if o.mention.document_id == 3)
    fake_window.go_to_occurrence(row)
    assert left.document_id == 3
    assert right.document_id == 2
    assert left.mention(left.current_mention()).text == "7 people"


def test_filter_events_by_date_range(fake_window, qtbot):
    panel = fake_window.event_panel
    assert panel.proxy.rowCount() == 3
    qtbot.keyClicks(panel.date_from, "2014-06")
    qtbot.keyClicks(panel.date_to, "2014-06-04")
    assert [e.expression for e in panel.visible_events()] == ["June 3, 2014"]
    assert panel.count_label.text() == "1 of 3"
    panel.date_to.clear()
    assert [e.expression for e in panel.visible_events()] == ["June 3, 2014", "June 5, 2014"]


def test_uncertain_event_dates_are_marked(fake_window):
    model = fake_window.event_panel.model
    assert model.index(0, 0).data() == "~2013-03"


def test_activating_an_event_opens_its_document_at_the_sentence(fake_window):
    event = next(e for e in fake_window.event_panel.model.records() if e.document_id == 3)
    fake_window.open_event(event)
    assert fake_window.active_pane().document_id == 3


def test_note_is_saved_as_you_type_and_found_after_reopening(qtbot, make_window):
    window = make_window("fake://notes")
    link = window.index_panel.model.record(0)
    note = window.add_note("link", link.id)
    qtbot.keyClicks(window.notes_panel.editor, "Check the toll")
    qtbot.waitUntil(lambda: window.library.notes()[0].body == "Check the toll", timeout=3000)
    qtbot.keyClicks(window.notes_panel.editor, " with the ministry")
    window.close()  # saves what the timer has not yet
    again = make_window("fake://notes", show=False)
    notes = again.notes_panel.model.records()
    assert [(n.id, n.body) for n in notes] == [(note.id, "Check the toll with the ministry")]
    assert again.notes_panel.model.index(0, 0).data() == f"link: {link.label}"


def test_dock_layout_is_restored_after_restart(make_window):
    window = make_window("fake://dock")
    assert window.dockWidgetArea(window.events_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.events_dock)
    window.notes_dock.close()
    window.close()
    again = make_window("fake://dock")
    assert again.dockWidgetArea(again.events_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not again.notes_dock.isVisible()
    assert again.events_dock.isVisible()


def test_corrections_go_through_the_library(fake_window, qtbot, monkeypatch):
    left, _right = fake_window.panes
    who = next(m for m in left.mentions() if m.text == "WHO")
    fake_window.split_mention(who)
    assert left.mention(who.id).link_id is None
    monkeypatch.setattr(
        "xrefviewer.ui.main_window.QInputDialog.getText", lambda *a, **k: ("Forty-one killed", True)
    )
    fake_window.rename_link(fake_window.library.link(1))
    assert fake_window.library.link(1).label == "Forty-one killed"
    assert any(link.label == "Forty-one killed" for link in fake_window.index_panel.model.records())
    fake_window.select_link(3)
    fake_window.merge_links(1, 3)
    assert fake_window.library.link(1).mentions == 5
    assert fake_window.link_panel.model.rowCount() == 5


def test_search_opens_a_hit(fake_window):
    hits = fake_window.search("quiet month")
    assert [h.document_id for h in hits] == [3]
    fake_window.open_search_hit(hits[0])
    assert fake_window.active_pane().document_id == 3


def test_import_runs_off_the_gui_thread_and_reports(fake_window, qtbot, tmp_path):
    job = fake_window.start_import([str(tmp_path)])
    assert job is not None and fake_window.is_busy()
    qtbot.waitUntil(lambda: not fake_window.is_busy(), timeout=5000)
    assert "Imported" in fake_window.statusBar().currentMessage()


def test_library_filter_and_open(fake_window, qtbot):
    panel = fake_window.library_panel
    qtbot.keyClicks(panel.filter, "older")
    assert panel.proxy.rowCount() == 1
    panel.view.activated.emit(panel.proxy.index(0, 0))
    assert fake_window.active_pane().document_id == 3


def test_add_pane_shows_the_next_occurrence(fake_window, qtbot):
    left, _ = fake_window.panes
    wounded_link = 3
    fake_window.open_document(2, left)
    fake_window.select_link(wounded_link)
    pane = fake_window.add_pane_and_fill()
    assert len(fake_window.panes) == 3
    assert pane.document_id == 3


def test_cancel_stops_an_import_between_documents(fake_window, qtbot, monkeypatch):
    monkeypatch.setattr(type(fake_window.library), "import_delay", 0.02)
    fake_window.start_import([f"/docs/{i}.txt" for i in range(500)])
    assert fake_window.progress.isVisible() and fake_window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: fake_window.progress.value() >= 2, timeout=5000)
    qtbot.mouseClick(fake_window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not fake_window.is_busy(), timeout=5000)
    assert "(cancelled)" in fake_window.statusBar().currentMessage()
    assert not fake_window.progress.isVisible()


def test_a_library_that_cannot_open_is_said_in_a_dialog(qtbot, settings):
    from PySide6.QtWidgets import QMessageBox

    from xrefviewer.errors import XrefError
    from xrefviewer.ui.main_window import MainWindow

    def refuse(url):
        raise XrefError("the library is locked by another program")

    window = MainWindow(settings, db_url="sqlite:///locked.sqlite", open_library=refuse)
    qtbot.addWidget(window)
    window.show()
    window.start()
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert [b.text() for b in boxes] == ["the library is locked by another program"]
    assert "XrefError" in boxes[0].detailedText()  # the details are there to copy
    assert window.library is None
    boxes[0].close()


def test_hovering_a_mention_says_what_it_is_linked_to(fake_window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    left = fake_window.panes[0]
    figure = next(m for m in left.mentions() if m.kind == "figure")
    pos = left.mention_rect(figure.id).center()
    viewport = left.editor.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    )
    assert "Linked to “41 killed”: cited in 2 documents, 3 mentions" in QToolTip.text()


def test_right_click_on_a_mention_offers_notes_and_corrections(fake_window, qtbot):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    left = fake_window.panes[0]
    fake_window.select_link(3)  # "7 wounded", to merge with
    figure = next(m for m in left.mentions() if m.kind == "figure")
    pos = left.mention_rect(figure.id).center()
    viewport = left.editor.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    menus = [m for m in fake_window.findChildren(QMenu) if m.isVisible()]
    assert len(menus) == 1
    texts = [a.text() for a in menus[0].actions() if a.text()]
    assert "Add a note to this mention" in texts
    assert "Rename the link…" in texts
    assert "Merge “7 wounded” into this link" in texts
    assert "Not the same as “7 wounded”" in texts
    next(a for a in menus[0].actions() if a.text() == "Add a note to this mention").trigger()
    assert fake_window.notes_panel.model.record(0).target_kind == "mention"
    menus[0].close()


def test_dropping_files_imports_them(fake_window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt"))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    fake_window.dropEvent(drop)
    assert fake_window.is_busy()
    qtbot.waitUntil(lambda: not fake_window.is_busy(), timeout=5000)
    assert "Imported 0 new, 0 changed, 1 unchanged" in fake_window.statusBar().currentMessage()


def test_recent_libraries_never_keep_a_password(fake_window, settings):
    fake_window._remember_library("postgresql+psycopg://ana:s3cret@db.example/xref")
    recent = settings.value("library/recent", [], list)
    assert recent[0] == "postgresql+psycopg://ana@db.example/xref"
    assert "s3cret" not in str(settings.value("library/last"))


def test_clicking_a_mention_does_not_scroll_the_pane_under_the_pointer(fake_window, qtbot):
    left = fake_window.panes[0]
    left.editor.setFixedHeight(70)
    figure = [m for m in left.mentions() if m.kind == "figure"][-1]
    left.reveal_mention(figure.id)
    bar = left.editor.verticalScrollBar()
    assert bar.maximum() > 0, "the pane must be short enough to scroll"
    # Off centre but still in view: re-centring on click would move it back.
    bar.setValue(bar.value() - 1 if bar.value() > 0 else 1)
    before = bar.value()
    assert left.editor.viewport().rect().contains(left.mention_rect(figure.id).center())
    click_mention(qtbot, left, figure.id)
    assert bar.value() == before
    assert left.current_mention() == figure.id


def test_events_mentioning_a_link_and_of_one_document(fake_window, qtbot):
    panel = fake_window.event_panel
    fake_window.select_link(3)  # "7 wounded": documents 2 and 3
    qtbot.mouseClick(fake_window.link_panel.events_button, Qt.MouseButton.LeftButton)
    assert sorted(e.document_id for e in panel.visible_events()) == [2, 3]
    assert panel.link_button.isVisible()
    panel.document.setCurrentIndex(panel.document.findData(3))
    assert [e.document_id for e in panel.visible_events()] == [3]
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    panel.document.setCurrentIndex(0)
    assert len(panel.visible_events()) == 3


def test_index_filters_by_kind_and_text(fake_window, qtbot):
    panel = fake_window.index_panel
    panel.kind.setCurrentIndex(panel.kind.findData("name"))
    assert [panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())] == [
        "World Health Organization"
    ]
    panel.kind.setCurrentIndex(panel.kind.findData("figure"))
    qtbot.keyClicks(panel.filter, "wound")
    assert [panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())] == ["7 wounded"]
    panel.view.activated.emit(panel.proxy.index(0, 1))
    assert fake_window.link_panel.model.rowCount() == 2


@pytest.mark.parametrize(
    "available, expected",
    [
        # a 1400x900 screen less a 32 px panel: shrunk to fit with a margin, centred
        (QRect(0, 32, 1400, 868), QRect(56, 66, 1288, 799)),
        # full HD: the same margin
        (QRect(0, 0, 1920, 1080), QRect(77, 43, 1766, 994)),
        # a second, larger screen to the right of the first: the preferred size, centred
        (QRect(1920, 0, 2560, 1440), QRect(2300, 170, 1800, 1100)),
    ],
)
def test_first_window_fits_the_free_screen(available, expected):
    from xrefviewer.ui.main_window import PREFERRED_SIZE, first_window_rect

    rect = first_window_rect(available, PREFERRED_SIZE)
    assert rect == expected
    assert available.contains(rect)


def test_first_window_is_no_wider_than_its_screen(make_window, settings):
    # No saved geometry: the offscreen platform's screen (800x600) is smaller than the
    # preferred size, as a laptop's is, and the window must fit on it.
    assert settings.value("window/geometry") is None
    window = make_window()
    available = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= available.width()
    assert window.frameGeometry().height() <= available.height()
    assert available.contains(window.geometry().center())


@pytest.mark.parametrize("width, expected", [(800, 280), (1288, 283), (1766, 389), (3000, 440)])
def test_side_docks_take_a_share_of_the_window(width, expected):
    from xrefviewer.ui.main_window import side_dock_width

    assert side_dock_width(width) == expected


def test_a_link_is_read_a_page_at_a_time_and_f3_reads_on(fake_window, qtbot, monkeypatch):
    from xrefviewer.ui import panels

    monkeypatch.setattr(panels, "OCCURRENCE_PAGE", 1)
    left, right = fake_window.panes
    figure = next(m for m in left.mentions() if m.kind == "figure")
    click_mention(qtbot, left, figure.id)
    model = fake_window.link_panel.model
    # (the view itself may read on to fill its rows: Qt's fetchMore)
    assert "3 mentions" in fake_window.link_panel.title.text()  # the link's count, not the page's
    qtbot.keyClick(fake_window, Qt.Key.Key_F3)
    qtbot.keyClick(fake_window, Qt.Key.Key_F3)
    assert right.mention(right.current_mention()).text == "41 people"  # the third, read on F3
    qtbot.keyClick(fake_window, Qt.Key.Key_F3)
    assert left.current_mention() == figure.id  # wrapped around
    assert not model.canFetchMore()
    pages = [c for c in fake_window.library.calls if c.startswith("link_occurrences(1,")]
    assert pages[:3] == [
        "link_occurrences(1, limit=1, offset=0)",
        "link_occurrences(1, limit=1, offset=1)",
        "link_occurrences(1, limit=1, offset=2)",
    ]


def test_going_back_from_the_first_occurrence_reads_to_the_last(fake_window, qtbot, monkeypatch):
    from xrefviewer.ui import panels

    monkeypatch.setattr(panels, "OCCURRENCE_PAGE", 1)
    left, right = fake_window.panes
    figure = next(m for m in left.mentions() if m.kind == "figure")
    click_mention(qtbot, left, figure.id)
    qtbot.keyClick(fake_window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert fake_window.link_panel.model.current_row == 2
    assert right.mention(right.current_mention()).text == "41 people"
