"""The viewer on the built-in sample corpus with the real library, driven as a person does."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from xrefviewer.locations import sample_corpus_dir
from xrefviewer.store.library import Library
from xrefviewer.ui import timex
from xrefviewer.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

IMPORT_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus imported once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("template") / "sample.sqlite"
    library = Library.open(f"sqlite:///{path}")
    try:
        library.import_paths([str(sample_corpus_dir())])
    finally:
        library.close()
    return path


@pytest.fixture
def library_url(sample_library: Path, tmp_path: Path) -> str:
    copy = tmp_path / "library.sqlite"
    for suffix in ("", "-wal", "-shm"):
        source = sample_library.with_name(sample_library.name + suffix)
        if source.exists():
            shutil.copy(source, copy.with_name(copy.name + suffix))
    return f"sqlite:///{copy}"


def open_window(qtbot, settings: QSettings, url: str) -> MainWindow:
    window = MainWindow(settings, db_url=url)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=IMPORT_TIMEOUT_MS)
    return window


def shared_mention(window: MainWindow, kind: str):
    """A mention in the left pane whose link also appears in the right pane."""
    left, right = window.panes[0], window.panes[1]
    right_links = {m.link_id for m in right.mentions() if m.link_id is not None}
    for mention in left.mentions():
        if mention.kind == kind and mention.link_id in right_links:
            return mention
    return None


def click(qtbot, pane, mention_id: int) -> None:
    pane.editor.centerCursor()
    pane.reveal_mention(mention_id)  # scroll it on screen, as a reader would
    qtbot.mouseClick(
        pane.editor.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pane.mention_rect(mention_id).center(),
    )


def test_first_run_imports_the_sample_and_shows_two_linked_documents(qtbot, settings, tmp_path):
    window = open_window(qtbot, settings, f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert window.library_panel.model.rowCount() == len(list(sample_corpus_dir().glob("*.txt")))
    left, right = window.panes[:2]
    assert left.document_id is not None and right.document_id is not None
    assert left.document_id != right.document_id
    assert window.welcome.isVisible()
    assert window.link_panel.model.rowCount() >= 2  # a shared link is already selected
    assert left.highlighted_ranges() and right.highlighted_ranges()
    assert settings.value("first_run_done", False, bool)


def test_clicking_a_figure_highlights_its_linked_occurrence_in_the_other_pane(
    qtbot, settings, library_url
):
    settings.setValue("first_run_done", True)
    window = open_window(qtbot, settings, library_url)
    window.clear_link()
    mention = shared_mention(window, "figure") or shared_mention(window, "name")
    assert mention is not None, "the two documents shown first share nothing"
    left, right = window.panes[:2]
    click(qtbot, left, mention.id)
    assert window.link_panel.model.rowCount() >= 2
    assert left.current_mention() == mention.id
    expected = [(m.start, m.end) for m in right.link_mentions(mention.link_id)]
    assert expected and right.highlighted_ranges() == expected
    # ...and the highlight is visible: the first one is scrolled into the pane.
    first = right.link_mentions(mention.link_id)[0]
    assert right.editor.viewport().rect().intersects(right.mention_rect(first.id))


def test_filter_the_event_dock_by_a_date_range(qtbot, settings, library_url):
    settings.setValue("first_run_done", True)
    window = open_window(qtbot, settings, library_url)
    panel = window.event_panel
    total = panel.proxy.rowCount()
    assert total > 0
    years = sorted({e.date[:4] for e in panel.model.records() if timex.span(e.date)})
    year = years[len(years) // 2]
    qtbot.keyClicks(panel.date_from, f"{year}-01")
    qtbot.keyClicks(panel.date_to, f"{year}-12-31")
    visible = panel.visible_events()
    assert 0 < len(visible) <= total
    assert all(timex.overlaps(e.date, *timex.span(year)) for e in visible)
    hidden = [e for e in panel.model.records() if e not in visible]
    assert all(not timex.overlaps(e.date, *timex.span(year)) for e in hidden)
    panel.view.activated.emit(panel.proxy.index(0, 0))
    assert window.pane_showing(visible[0].document_id) is not None


def test_a_note_survives_closing_and_reopening(qtbot, settings, library_url):
    settings.setValue("first_run_done", True)
    window = open_window(qtbot, settings, library_url)
    mention = window.panes[0].mentions()[0]
    window.add_note("mention", mention.id)
    qtbot.keyClicks(window.notes_panel.editor, "Ask the source about this")
    window.close()
    again = open_window(qtbot, settings, library_url)
    bodies = [n.body for n in again.notes_panel.model.records()]
    assert bodies == ["Ask the source about this"]
    assert mention.text in again.notes_panel.model.index(0, 0).data()
    # "Go to" finds the mention even with no pane showing its document.
    for pane in again.panes:
        pane.clear()
    again._mention_documents.clear()
    again.go_to_note_target(again.notes_panel.model.record(0))
    assert again.active_pane().current_mention() == mention.id


def test_a_moved_dock_is_where_it_was_after_a_restart(qtbot, settings, library_url):
    settings.setValue("first_run_done", True)
    window = open_window(qtbot, settings, library_url)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.events_dock)
    shown = [p.document_id for p in window.panes]
    window.close()
    again = open_window(qtbot, settings, library_url)
    assert again.dockWidgetArea(again.events_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert [p.document_id for p in again.panes] == shown


def test_run_opens_the_library_given_with_db(qtbot, tmp_path, library_url, monkeypatch):
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    from xrefviewer.ui import app

    seen: list[tuple[str, int]] = []

    def look_and_close() -> None:
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None
        )
        if window is None or window.library is None or window.is_busy():
            QTimer.singleShot(50, look_and_close)
            return
        seen.append((window.library.url, window.library_panel.model.rowCount()))
        window.close()

    QTimer.singleShot(0, look_and_close)
    root = logging.getLogger("xrefviewer")
    handlers = list(root.handlers)
    try:
        assert app.run(["--db", library_url]) == 0
    finally:
        for handler in set(root.handlers) - set(handlers):
            root.removeHandler(handler)
            handler.close()
    assert seen and seen[0][1] == len(list(sample_corpus_dir().glob("*.txt")))
    assert Path(seen[0][0].removeprefix("sqlite:///")).name == "library.sqlite"
    assert (
        tmp_path / "xdg_state_home"
    ).exists()  # the log went to the (redirected) user log folder


def test_the_smoke_test_switch_shows_the_window_then_quits(
    tmp_path, library_url, monkeypatch, capfd
):
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("XREFVIEWER_SMOKE_QUIT_MS", "300")
    from xrefviewer.ui import app

    root = logging.getLogger("xrefviewer")
    handlers = list(root.handlers)
    try:
        assert app.run(["--db", library_url]) == 0
    finally:
        for handler in set(root.handlers) - set(handlers):
            root.removeHandler(handler)
            handler.close()
    assert app.WINDOW_SHOWN in capfd.readouterr().err


def test_discrepancies_and_timeline_are_computed_when_shown_and_open_their_quotes(
    qtbot, settings, library_url
):
    settings.setValue("first_run_done", True)
    window = open_window(qtbot, settings, library_url)
    assert window.discrepancy_panel.model.rowCount() == 0  # nothing computed while hidden
    window.discrepancies_dock.raise_()
    qtbot.waitUntil(lambda: window._cross_job is None and not window._cross_stale, timeout=60_000)
    assert window.timeline_view.hidden_count + len(window.timeline_view._entries) > 0
    # A quote's "Open in document" names the document as the analysis does: "d<library id>".
    for pane in window.panes:
        pane.clear()
    event = window.event_panel.model.record(0)
    window.discrepancy_panel.open_quote.emit(f"d{event.document_id}", event.start, event.end)
    pane = window.pane_showing(event.document_id)
    assert pane is not None
    assert pane.marked_ranges()[0][2] == "focus"
