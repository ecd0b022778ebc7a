"""The window: document panes side by side, docks around them, and the linked navigation.

The window owns one `Library` for reading and for the user's quick writes (notes, corrections);
imports run in a `Job` that opens its own Library. Panels and panes never talk to each other:
they emit signals and the window decides.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xrefviewer.core.loading import SUPPORTED_SUFFIXES
from xrefviewer.errors import XrefError
from xrefviewer.locations import sample_corpus_dir
from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    ImportReport,
    LinkInfo,
    MentionInfo,
    NoteInfo,
    Occurrence,
    SearchHit,
)
from xrefviewer.ui.discrepancy_dock import DiscrepancyDock
from xrefviewer.ui.document_pane import DocumentPane, describe_mention
from xrefviewer.ui.errors import show_error
from xrefviewer.ui.export_dialog import ExportDialog
from xrefviewer.ui.jobs import Job, Progress
from xrefviewer.ui.panels import (
    EventPanel,
    IndexPanel,
    LibraryPanel,
    LinkPanel,
    NotesPanel,
    SearchPanel,
)
from xrefviewer.ui.theme import mention_colours
from xrefviewer.ui.timeline_view import TimelineView

log = logging.getLogger(__name__)

MAX_RECENT = 8
# A first window takes the free screen less a margin, up to this size (a reading window any
# bigger than that only lengthens the lines).
PREFERRED_SIZE = QSize(1800, 1100)
SCREEN_MARGIN = 0.04  # of the free screen, left on each side by a first window
SIDE_DOCK_SHARE = 0.22  # of the window's width, for the Library and the Link docks each
SIDE_DOCK_WIDTHS = (280, 440)  # their least and most width, in pixels


def first_window_rect(available: QRect, preferred: QSize) -> QRect:
    """The first window's place: `preferred` size, shrunk to fit inside `available` (the screen
    less its panels and docks) with a small margin, and centred on it."""
    width = min(preferred.width(), round(available.width() * (1 - 2 * SCREEN_MARGIN)))
    height = min(preferred.height(), round(available.height() * (1 - 2 * SCREEN_MARGIN)))
    rect = QRect(0, 0, max(width, 1), max(height, 1))
    rect.moveCenter(available.center())
    return rect


def side_dock_width(window_width: int) -> int:
    """The default width of each side dock: a share of the window, so that the two document
    panes between them keep most of a small screen."""
    least, most = SIDE_DOCK_WIDTHS
    return max(least, min(most, round(window_width * SIDE_DOCK_SHARE)))


def welcome_text() -> str:
    """The first-run banner, with a swatch of each kind's colour as the panes show it."""
    colours = mention_colours()
    text = QApplication.palette().color(QPalette.ColorRole.Text).name()

    def swatch(kind: str, label: str) -> str:
        background = colours.linked[kind].name()
        return f"<span style='background:{background};color:{text}'>&nbsp;{label}&nbsp;</span>"

    return (
        "<b>Welcome to xrefviewer.</b> Two documents from the sample corpus are side by side. "
        f"Coloured words are what they mention: {swatch('figure', 'figures')} "
        f"{swatch('name', 'names')} {swatch('date', 'dates')}; underlined figures and names "
        "are linked to other documents; a dotted date was inferred. <b>Click one</b> to see "
        "it everywhere, <b>F3</b> jumps to the next occurrence, right-click to add a note or "
        "correct a link. The event list is at the bottom."
    )


def _open_library(url: str | None) -> Any:
    # Imported here so that `xrefviewer --help` never pays for SQLAlchemy.
    from xrefviewer.store.library import Library

    return Library.open(url)


class MainWindow(QMainWindow):
    """The viewer's window.

    Args:
        settings: where the layout, recent libraries and first-run state are kept.
        db_url: the library to open; None means the last one used, else the default.
        open_library: opens a library by URL (tests and benchmarks may substitute it).
    """

    def __init__(
        self,
        settings: QSettings,
        db_url: str | None = None,
        *,
        open_library: Callable[[str | None], Any] = _open_library,
        import_paths: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.settings = settings
        self.library: Any = None
        self._db_url = db_url
        self._open_library = open_library
        self._pending_imports = [str(p) for p in import_paths]
        self._documents: dict[int, DocumentInfo] = {}
        self._links: dict[int, LinkInfo] = {}
        self._link: LinkInfo | None = None
        self._occurrence_row = -1
        self._job: Job | None = None
        self._job_first_run = False
        self._cross_job: Job | None = None
        self._cross_stale = True
        self._mention_documents: dict[int, int] = {}
        self.panes: list[DocumentPane] = []
        self._active: DocumentPane | None = None

        self.setWindowTitle("xrefviewer")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_status()
        self._default_state = self.saveState()
        self._restore_layout()

    # ------------------------------------------------------------------ building

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        self.welcome = QFrame(central)
        self.welcome.setObjectName("welcome")
        self.welcome.setFrameShape(QFrame.Shape.StyledPanel)
        pal = self.palette()
        self.welcome.setStyleSheet(
            f"#welcome {{ background: {pal.color(pal.ColorRole.ToolTipBase).name()}; }}"
            f" #welcome QLabel {{ color: {pal.color(pal.ColorRole.ToolTipText).name()}; }}"
        )
        wl = QHBoxLayout(self.welcome)
        wl.setContentsMargins(10, 6, 6, 6)
        self.welcome_label = QLabel(welcome_text(), self.welcome)
        self.welcome_label.setWordWrap(True)
        self.welcome_label.setTextFormat(Qt.TextFormat.RichText)
        close = QToolButton(self.welcome)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.dismiss_welcome)
        wl.addWidget(self.welcome_label, 1)
        wl.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.welcome.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        layout.addWidget(self.welcome)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        for _ in range(2):
            self.add_pane()
        self._set_active(self.panes[0])

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        left, right, bottom = (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.library_panel = LibraryPanel()
        self.library_panel.open_requested.connect(lambda doc_id: self.open_document(doc_id))
        self.library_panel.context_menu_requested.connect(self._document_menu)
        self.library_dock = self._dock("Library", "libraryDock", self.library_panel, left)

        self.index_panel = IndexPanel()
        self.index_panel.link_activated.connect(lambda link_id: self.select_link(link_id))
        self.index_panel.context_menu_requested.connect(self._link_menu)
        self.index_dock = self._dock("Index", "indexDock", self.index_panel, left)
        self.tabifyDockWidget(self.library_dock, self.index_dock)
        self.library_dock.raise_()

        self.link_panel = LinkPanel()
        self.link_panel.occurrence_activated.connect(self.go_to_occurrence)
        self.link_panel.step_requested.connect(self.step)
        self.link_panel.events_requested.connect(self._events_of_selected_link)
        self.link_panel.note_requested.connect(
            lambda: self._link is not None and self.add_note("link", self._link.id)
        )
        self.link_dock = self._dock("Link", "linkDock", self.link_panel, right)

        self.notes_panel = NotesPanel(self._save_note, self._delete_note)
        self.notes_panel.model.describe = self.describe_note
        self.notes_panel.target_requested.connect(self.go_to_note_target)
        self.notes_dock = self._dock("Notes", "notesDock", self.notes_panel, right)

        self.search_panel = SearchPanel()
        self.search_panel.hit_activated.connect(self.open_search_hit)
        self.search_dock = self._dock("Search", "searchDock", self.search_panel, right)
        self.tabifyDockWidget(self.link_dock, self.search_dock)
        self.link_dock.raise_()

        self.event_panel = EventPanel()
        self.event_panel.event_activated.connect(self.open_event)
        self.event_panel.context_menu_requested.connect(self._event_menu)
        self.events_dock = self._dock("Events", "eventsDock", self.event_panel, bottom)

        # Discrepancies and the merged timeline (xrefviewer.core.discrepancies/timeline) are
        # computed over the whole library, off the GUI thread, when their dock is first shown.
        self.discrepancy_panel = DiscrepancyDock()
        self.discrepancy_panel.open_quote.connect(self._open_analysis_quote)
        self.discrepancies_dock = self._dock(
            "Discrepancies", "discrepanciesDock", self.discrepancy_panel, bottom
        )
        self.timeline_view = TimelineView()
        self.timeline_view.entry_activated.connect(self._open_timeline_entry)
        self.timeline_dock = self._dock("Timeline", "timelineDock", self.timeline_view, bottom)
        for dock in (self.discrepancies_dock, self.timeline_dock):
            self.tabifyDockWidget(self.events_dock, dock)
            dock.visibilityChanged.connect(self._cross_document_needed)
        self.events_dock.raise_()

    def _default_dock_sizes(self) -> None:
        # Only meaningful once the window has its size: called after the first show.
        side = side_dock_width(self.width())
        self.resizeDocks(
            [self.library_dock, self.link_dock], [side, side], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [self.events_dock], [max(200, self.height() // 4)], Qt.Orientation.Vertical
        )
        self.resizeDocks([self.link_dock, self.notes_dock], [420, 220], Qt.Orientation.Vertical)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: Sequence[QKeySequence | str] = (),
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_files_action = self._action(
            "Open &files…",
            self.choose_files,
            [QKeySequence.StandardKey.Open],
            sp.SP_FileIcon,
            "Import documents into the library",
        )
        self.open_folder_action = self._action(
            "Open &folder…",
            self.choose_folder,
            ["Ctrl+Shift+O"],
            sp.SP_DirOpenIcon,
            "Import every document in a folder",
        )
        self.open_library_action = self._action("Open &library…", self.choose_library)
        self.export_action = self._action(
            "&Export notes…",
            self.export_notes,
            ["Ctrl+E"],
            None,
            "Export links, notes and discrepancies as Markdown, HTML, CSV or JSON",
        )
        self.connect_action = self._action("&Connect to a library server…", self.choose_server)
        self.quit_action = self._action("&Quit", self.close, [QKeySequence.StandardKey.Quit])
        self.search_action = self._action("&Search the library", self.focus_search, ["Ctrl+F"])
        self.next_action = self._action(
            "&Next occurrence",
            lambda: self.step(1),
            ["F3", "Ctrl+."],
            sp.SP_ArrowDown,
            "Next occurrence of the selected link (F3)",
        )
        self.prev_action = self._action(
            "&Previous occurrence",
            lambda: self.step(-1),
            ["Shift+F3", "Ctrl+,"],
            sp.SP_ArrowUp,
            "Previous occurrence of the selected link (Shift+F3)",
        )
        self.clear_action = self._action("&Clear selection", self.clear_link, ["Escape"])
        self.add_pane_action = self._action(
            "&Add pane",
            self.add_pane_and_fill,
            ["Ctrl+T"],
            None,
            "Show one more document side by side (Ctrl+T)",
        )
        self.add_pane_action.setIconText("Add pane")
        self.close_pane_action = self._action("Close &pane", self.close_active_pane, ["Ctrl+W"])
        self.reset_layout_action = self._action("&Reset layout", self.reset_layout)
        self.welcome_action = self._action("&Welcome", self.show_welcome)
        self.about_action = self._action("&About xrefviewer", self.about)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions([self.open_files_action, self.open_folder_action])
        file_menu.addSeparator()
        file_menu.addActions([self.open_library_action, self.connect_action])
        self.recent_menu = file_menu.addMenu("&Recent libraries")
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go = menus.addMenu("&Go")
        go.addActions([self.search_action, self.next_action, self.prev_action, self.clear_action])
        view = menus.addMenu("&View")
        view.addActions([self.add_pane_action, self.close_pane_action])
        view.addSeparator()
        for dock in self._docks():
            toggle = dock.toggleViewAction()
            view.addAction(toggle)
        view.addSeparator()
        view.addAction(self.reset_layout_action)
        help_menu = menus.addMenu("&Help")
        help_menu.addActions([self.welcome_action, self.about_action])

        bar = QToolBar("Main", self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_folder_action.setIconText("Open folder")
        bar.addAction(self.open_folder_action)
        bar.addAction(self.add_pane_action)
        bar.addSeparator()
        self.prev_action.setIconText("Previous")
        self.next_action.setIconText("Next")
        bar.addAction(self.prev_action)
        bar.addAction(self.next_action)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        bar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Search all documents (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(280)
        self.search_box.setMaximumWidth(420)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        bar.addWidget(self.search_box)
        self.addToolBar(bar)

    def _build_status(self) -> None:
        status = self.statusBar()
        self.counts_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.progress.hide()
        self.cancel_button.hide()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.counts_label)

    # ------------------------------------------------------------------ panes

    def add_pane(self) -> DocumentPane:
        pane = DocumentPane(self.splitter)
        pane.describe_mention = self._describe_mention
        pane.mention_activated.connect(lambda mention, p=pane: self.on_mention_clicked(p, mention))
        pane.activated.connect(lambda p=pane: self._set_active(p))
        pane.context_menu_requested.connect(
            lambda mention, pos, p=pane: self._pane_menu(p, mention, pos)
        )
        pane.close_requested.connect(lambda p=pane: self.close_pane(p))
        self.splitter.addWidget(pane)
        self.panes.append(pane)
        for p in self.panes:
            p.set_closable(len(self.panes) > 2)
        sizes = [1] * len(self.panes)
        self.splitter.setSizes([s * 1000 for s in sizes])
        if self._link is not None:
            pane.set_selected_link(self._link.id)
        return pane

    def add_pane_and_fill(self) -> DocumentPane:
        """A new pane, showing the next occurrence of the selected link if there is one."""
        pane = self.add_pane()
        self._set_active(pane)
        shown = {p.document_id for p in self.panes}
        for occ in self._occurrences:
            if occ.mention.document_id not in shown:
                self.open_document(occ.mention.document_id, pane)
                pane.reveal_mention(occ.mention.id)
                break
        return pane

    def close_pane(self, pane: DocumentPane) -> None:
        if len(self.panes) <= 1:
            return
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        for p in self.panes:
            p.set_closable(len(self.panes) > 2)
        if self._active is pane:
            self._set_active(self.panes[0])

    def close_active_pane(self) -> None:
        if self._active is not None and len(self.panes) > 2:
            self.close_pane(self._active)

    def _set_active(self, pane: DocumentPane) -> None:
        if self._active is pane:
            return
        self._active = pane
        for p in self.panes:
            p.set_active(p is pane)

    def active_pane(self) -> DocumentPane:
        return self._active or self.panes[0]

    def other_pane(self) -> DocumentPane:
        """The pane to show "the other side" in: the first one that is not active."""
        for pane in self.panes:
            if pane is not self.active_pane():
                return pane
        return self.add_pane()

    def pane_showing(self, document_id: int) -> DocumentPane | None:
        active = self.active_pane()
        if active.document_id == document_id:
            return active
        return next((p for p in self.panes if p.document_id == document_id), None)

    def open_document(
        self, document_id: int, pane: DocumentPane | None = None
    ) -> DocumentPane | None:
        """Show a document in a pane (the active one unless told), keeping the link selection."""
        if self.library is None:
            return None
        pane = pane or self.active_pane()
        try:
            info = self._documents.get(document_id) or self.library.document(document_id)
            text = self.library.document_text(document_id)
            mentions = self.library.mentions(document_id)
        except XrefError as exc:
            show_error(self, "Can't open the document", exc)
            return None
        pane.set_document(info, text, mentions)
        for m in mentions:
            self._mention_documents[m.id] = document_id
        pane.set_selected_link(self._link.id if self._link else None, scroll=self._link is not None)
        self._save_panes()
        return pane

    def reveal_in_document(self, document_id: int, start: int, end: int) -> DocumentPane | None:
        """Show a passage (code-point offsets) of a document: where it is shown, else in the
        active pane. For panels that point into the text (discrepancies, timeline)."""
        pane = self._pane_for(document_id, other=False)
        if pane is not None:
            pane.reveal_range(start, end)
        return pane

    def _pane_for(self, document_id: int, *, other: bool) -> DocumentPane | None:
        pane = self.pane_showing(document_id)
        if pane is not None:
            return pane
        return self.open_document(document_id, self.other_pane() if other else self.active_pane())

    # ------------------------------------------------------------------ links

    def _describe_mention(self, mention: MentionInfo) -> str:
        link = self._links.get(mention.link_id) if mention.link_id is not None else None
        summary = None
        if link is not None:
            others = "document" if link.documents == 1 else "documents"
            summary = (
                f"Linked to “{link.label}”: cited in {link.documents} {others}, "
                f"{link.mentions} mentions.\nClick to see every one."
            )
        return describe_mention(mention, summary)

    def on_mention_clicked(self, pane: DocumentPane, mention: MentionInfo) -> None:
        self._set_active(pane)
        if mention.link_id is None:
            kind = "date" if mention.kind == "date" else mention.kind
            self.statusBar().showMessage(
                f"“{mention.text}” is a {kind}"
                + (
                    f" ({mention.value})"
                    if mention.kind == "date"
                    else " not linked to anything else"
                ),
                5000,
            )
            return
        self.select_link(mention.link_id, origin=pane, mention_id=mention.id)

    def select_link(
        self, link_id: int, origin: DocumentPane | None = None, mention_id: int | None = None
    ) -> None:
        """Select a link everywhere: every pane highlights it, the link panel lists its occurrences."""
        if self.library is None:
            return
        library = self.library

        def read_page(limit: int, offset: int) -> list[Occurrence]:
            return library.link_occurrences(link_id, limit=limit, offset=offset)  # type: ignore[no-any-return]

        try:
            link = self.library.link(link_id)
            # A link cited thousands of times: the first page now, the rest as the list scrolls.
            self.link_panel.set_link(link, read_page)
        except XrefError as exc:
            show_error(self, "Can't show the link", exc)
            return
        self._link = link
        for pane in self.panes:
            pane.set_selected_link(link_id, scroll=pane is not origin)
        self._occurrence_row = -1
        if mention_id is not None:
            row = next(
                (i for i, o in enumerate(self._occurrences) if o.mention.id == mention_id), -1
            )
            if row >= 0 and origin is not None:
                origin.mark_current(mention_id)  # no scrolling under the reader's pointer
                self._occurrence_row = row
                self.link_panel.set_current(row)
        if not self.link_dock.isVisible():
            self.link_dock.show()
        self.link_dock.raise_()
        elsewhere = [p for p in self.panes if p is not origin and p.link_mentions(link_id)]
        if origin is not None and not elsewhere and link.documents > 1:
            self.statusBar().showMessage(
                f"“{link.label}” is in {link.documents} documents; press F3 to go to the next one.",
                8000,
            )
        else:
            self.statusBar().showMessage(f"“{link.label}”: {link.mentions} mentions", 5000)

    def clear_link(self) -> None:
        self._link = None
        self._occurrence_row = -1
        self.link_panel.set_link(None, [])
        for pane in self.panes:
            pane.set_selected_link(None)

    def go_to_occurrence(self, row: int) -> None:
        """Open an occurrence: where it is already shown, otherwise in the other pane."""
        if not 0 <= row < len(self._occurrences):
            return
        occ = self._occurrences[row]
        pane = self._pane_for(occ.mention.document_id, other=True)
        if pane is None:
            return
        pane.reveal_mention(occ.mention.id)
        self._occurrence_row = row
        self.link_panel.set_current(row)

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) occurrence of the selected link, wrapping around."""
        if not self._occurrences:
            self.statusBar().showMessage("Click a highlighted figure or name first.", 4000)
            return
        model = self.link_panel.model
        if delta < 0 and self._occurrence_row <= 0:
            model.fetch_all()  # wrapping back to the last occurrence: it must be here
        elif delta > 0 and self._occurrence_row + delta >= model.rowCount():
            model.fetchMore()  # the next page, if the library has one
        n = len(self._occurrences)
        if self._occurrence_row < 0:
            row = 0 if delta > 0 else n - 1
        else:
            row = (self._occurrence_row + delta) % n
        self.go_to_occurrence(row)

    @property
    def _occurrences(self) -> Sequence[Occurrence]:
        """The selected link's occurrences read so far (the link panel's rows)."""
        return self.link_panel.model.loaded()

    def _events_of_selected_link(self) -> None:
        if self._link is not None:
            self.show_events_for_link(self._link)

    def show_events_for_link(self, link: LinkInfo) -> None:
        try:
            events = self.library.events(link_id=link.id)
        except XrefError as exc:
            show_error(self, "Can't list the events", exc)
            return
        self.event_panel.set_link_filter(link.label, [e.id for e in events])
        self.events_dock.show()
        self.events_dock.raise_()

    # ------------------------------------------------------------------ events, search, notes

    def open_event(self, event: EventInfo) -> None:
        pane = self._pane_for(event.document_id, other=False)
        if pane is not None:
            pane.reveal_range(event.start, event.end)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search(self, query: str) -> list[SearchHit]:
        query = query.strip()
        if not query or self.library is None:
            return []
        try:
            hits = self.library.search(query)
        except XrefError as exc:
            show_error(self, "Can't search", exc)
            return []
        self.search_panel.set_hits(query, hits)
        self.search_dock.show()
        self.search_dock.raise_()
        return hits

    def open_search_hit(self, hit: SearchHit) -> None:
        pane = self._pane_for(hit.document_id, other=False)
        if pane is None or hit.start < 0:
            return
        match = re.search(r"\[([^\]]+)\]", hit.snippet)
        pane.reveal_range(hit.start, hit.start + (len(match[1]) if match else 1))

    def describe_note(self, note: NoteInfo) -> str:
        if note.target_kind == "document":
            doc = self._documents.get(note.target_id)
            return f"document: {doc.title if doc else note.quote}"
        if note.target_kind == "link":
            link = self._links.get(note.target_id)
            return f"link: {link.label if link else note.quote}"
        return f"{note.target_kind}: {note.quote}" if note.quote else note.target_kind

    def add_note(self, target_kind: str, target_id: int) -> NoteInfo | None:
        """A new note on a target; the notes panel opens with its editor focused."""
        try:
            note = self.library.add_note(target_kind, target_id, "")
        except XrefError as exc:
            show_error(self, "Can't add the note", exc)
            return None
        self.notes_dock.show()
        self.notes_dock.raise_()
        self.notes_panel.add(note)
        return note

    def _save_note(self, note_id: int, body: str) -> NoteInfo:
        return self.library.update_note(note_id, body)

    def _delete_note(self, note_id: int) -> None:
        self.library.delete_note(note_id)

    def go_to_note_target(self, note: NoteInfo) -> None:
        kind, target = note.target_kind, note.target_id
        if kind == "document":
            self.open_document(target)
        elif kind == "link":
            self.select_link(target)
        elif kind == "event":
            event = next((e for e in self.event_panel.model.records() if e.id == target), None)
            if event is not None:
                self.open_event(event)
        elif kind == "mention":
            doc_id = self._mention_documents.get(target) or self._find_mention_document(note)
            pane = self._pane_for(doc_id, other=False) if doc_id is not None else None
            if pane is not None:
                pane.reveal_mention(target)
            else:
                self.statusBar().showMessage("Open the mention's document to see it.", 5000)

    def _find_mention_document(self, note: NoteInfo) -> int | None:
        """Which document holds a noted mention not seen this session: search for its quote."""
        if not note.quote:
            return None
        try:
            hits = self.library.search(f'"{note.quote}"')
        except XrefError:
            return None
        for doc_id in dict.fromkeys(h.document_id for h in hits):
            for mention in self.library.mentions(doc_id):
                self._mention_documents[mention.id] = doc_id
            if note.target_id in self._mention_documents:
                return self._mention_documents[note.target_id]
        return None

    # ------------------------------------------------------------------ context menus, corrections

    def _pane_menu(self, pane: DocumentPane, mention: MentionInfo | None, pos: QPoint) -> None:
        menu = QMenu(self)
        selected = self._link
        if mention is not None:
            link = self._links.get(mention.link_id) if mention.link_id is not None else None
            if link is not None:
                menu.addAction(
                    f"Follow “{link.label}”", lambda: self.on_mention_clicked(pane, mention)
                )
            menu.addAction(
                "Add a note to this mention", lambda: self.add_note("mention", mention.id)
            )
            if link is not None:
                menu.addAction(
                    f"Add a note to “{link.label}”", lambda: self.add_note("link", link.id)
                )
                menu.addSeparator()
                menu.addAction("Rename the link…", lambda: self.rename_link(link))
                menu.addAction(
                    "Split this mention off its link", lambda: self.split_mention(mention)
                )
            if (
                selected is not None
                and link is not None
                and selected.id != link.id
                and selected.kind == link.kind
            ):
                menu.addAction(
                    f"Merge “{selected.label}” into this link",
                    lambda: self.merge_links(link.id, selected.id),
                )
                menu.addAction(
                    f"Not the same as “{selected.label}”",
                    lambda: self.mark_not_same(link.id, selected.id),
                )
            menu.addSeparator()
            menu.addAction(f"Not a {mention.kind}: dismiss", lambda: self.dismiss_mention(mention))
        else:
            cursor = pane.editor.textCursor()
            if cursor.hasSelection() and pane.document_id is not None:
                start = pane._map.from_qt(cursor.selectionStart())
                end = pane._map.from_qt(cursor.selectionEnd())
                for kind in ("figure", "name", "date"):
                    menu.addAction(
                        f"Mark the selection as a {kind}",
                        lambda k=kind: self.add_mention(pane.document_id, start, end, k),
                    )
                menu.addSeparator()
        if pane.document_id is not None:
            doc_id = pane.document_id
            menu.addAction("Add a note to this document", lambda: self.add_note("document", doc_id))
        if not menu.isEmpty():
            menu.popup(pos)

    def _link_menu(self, link: LinkInfo, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Show everywhere", lambda: self.select_link(link.id))
        menu.addAction("Events mentioning this", lambda: self.show_events_for_link(link))
        menu.addAction("Add a note", lambda: self.add_note("link", link.id))
        menu.addSeparator()
        menu.addAction("Rename…", lambda: self.rename_link(link))
        selected = self._link
        if selected is not None and selected.id != link.id and selected.kind == link.kind:
            menu.addAction(
                f"Merge “{selected.label}” into this",
                lambda: self.merge_links(link.id, selected.id),
            )
            menu.addAction(
                f"Not the same as “{selected.label}”",
                lambda: self.mark_not_same(link.id, selected.id),
            )
        menu.popup(pos)

    def _event_menu(self, event: EventInfo, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Open at the sentence", lambda: self.open_event(event))
        menu.addAction("Add a note to this event", lambda: self.add_note("event", event.id))
        menu.popup(pos)

    def _document_menu(self, doc: DocumentInfo, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Open in the active pane", lambda: self.open_document(doc.id))
        menu.addAction("Open in a new pane", lambda: self.open_document(doc.id, self.add_pane()))
        menu.addAction("Add a note to this document", lambda: self.add_note("document", doc.id))
        menu.addAction("Only its events", lambda: self._only_events_of(doc.id))
        menu.popup(pos)

    def _only_events_of(self, document_id: int) -> None:
        combo = self.event_panel.document
        combo.setCurrentIndex(max(combo.findData(document_id), 0))
        self.events_dock.show()
        self.events_dock.raise_()

    def _correct(self, what: str, fn: Callable[[], object]) -> None:
        try:
            fn()
        except XrefError as exc:
            show_error(self, f"Can't {what}", exc)
            return
        self.reload(keep_panes=True)

    def rename_link(self, link: LinkInfo) -> None:
        label, ok = QInputDialog.getText(self, "Rename link", "Label:", text=link.label)
        if ok and label.strip():
            self._correct(
                "rename the link", lambda: self.library.rename_link(link.id, label.strip())
            )

    def merge_links(self, keep: int, other: int) -> None:
        self._correct("merge the links", lambda: self.library.merge_links(keep, other))
        self.select_link(keep)

    def mark_not_same(self, a: int, b: int) -> None:
        self._correct("separate the links", lambda: self.library.mark_not_same(a, b))

    def split_mention(self, mention: MentionInfo) -> None:
        self._correct("split the mention", lambda: self.library.split_mention(mention.id))

    def dismiss_mention(self, mention: MentionInfo) -> None:
        self._correct("dismiss the mention", lambda: self.library.dismiss_mention(mention.id))

    def add_mention(self, document_id: int, start: int, end: int, kind: str) -> None:
        self._correct(
            "add the mention", lambda: self.library.add_mention(document_id, start, end, kind)
        )

    # ------------------------------------------------------------------ library

    def start(self) -> None:
        """Open the library and fill the window; the first time, import the sample corpus."""
        url = self._db_url
        if url is None and not _env_db():
            url = self.settings.value("library/last", None, str) or None
        self.open_library(url, first_run=not self.settings.value("first_run_done", False, bool))

    def open_library(self, url: str | None, *, first_run: bool = False) -> bool:
        try:
            library = self._open_library(url)
        except XrefError as exc:
            show_error(self, "Can't open the library", exc)
            return False
        if self.library is not None:
            self.notes_panel.flush()
            self.library.close()
        self.library = library
        self.clear_link()
        self._remember_library(library.url)
        self.setWindowTitle(f"xrefviewer — {_short_url(library.url)}")
        self.reload(keep_panes=False)
        if self._pending_imports:
            paths, self._pending_imports = self._pending_imports, []
            self.start_import(paths)
        elif first_run and not self._documents:
            self.start_import([str(sample_corpus_dir())], first_run=True)
        elif first_run:
            self.settings.setValue("first_run_done", True)
        return True

    def reload(self, *, keep_panes: bool = True) -> None:
        """Read everything the panels show from the library again."""
        if self.library is None:
            return
        documents = self.library.documents()
        self._documents = {d.id: d for d in documents}
        links = self.library.links()
        self._links = {link.id: link for link in links}
        self.library_panel.set_documents(documents)
        self.index_panel.set_links(links)
        library = self.library
        # Tens of thousands of events: the first page now, the rest as the list scrolls.
        self.event_panel.set_events(
            lambda limit, offset: library.events(limit=limit, offset=offset), documents
        )
        self.notes_panel.set_notes(self.library.notes())
        self._cross_stale = True
        self._cross_document_needed(True)
        figures = sum(1 for link in links if link.kind == "figure")
        self.counts_label.setText(
            f"{len(documents)} documents · {figures} linked figures · {len(links) - figures} linked names"
        )
        if keep_panes:
            for pane in self.panes:
                if pane.document_id is not None and pane.document_id in self._documents:
                    pane.set_mentions(self.library.mentions(pane.document_id))
            if self._link is not None:
                if self._link.id in self._links:
                    self.select_link(self._link.id)
                else:
                    self.clear_link()
        else:
            self._restore_panes()

    def _restore_panes(self) -> None:
        saved = [
            int(x)
            for x in (self.settings.value(self._panes_key(), [], list) or [])
            if str(x).isdigit()
        ]
        wanted = [d for d in saved if d in self._documents] or self._best_pair()
        for pane in self.panes:  # nothing of another library may stay on screen
            pane.clear()
        while len(self.panes) < min(len(wanted), 6):
            self.add_pane()
        for pane, doc_id in zip(self.panes, wanted, strict=False):
            self.open_document(doc_id, pane)

    def _panes_key(self) -> str:
        # Per library: document ids of one library mean nothing in another.
        url = self.library.url if self.library is not None else ""
        return f"panes/{hashlib.sha1(url.encode()).hexdigest()[:16]}"

    def _best_pair(self) -> list[int]:
        """Two documents that share the most links, to show something worth reading."""
        ids = sorted(self._documents, key=lambda d: (self._documents[d].date or "", d))
        if len(ids) <= 2 or len(ids) > 40:
            return ids[:2]
        shared = {d: {link.id for link in self.library.links(document_id=d)} for d in ids}

        def score(pair: tuple[int, int]) -> tuple[int, int]:
            common = shared[pair[0]] & shared[pair[1]]
            figures = sum(1 for i in common if i in self._links and self._links[i].kind == "figure")
            return figures, len(common)  # shared figures are what a fact-checker compares

        best = max(((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]), key=score)
        return list(best)

    def _save_panes(self) -> None:
        self.settings.setValue(
            self._panes_key(), [p.document_id for p in self.panes if p.document_id is not None]
        )

    def choose_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open documents", "", f"Documents ({patterns});;All files (*)"
        )
        if paths:
            self.start_import(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of documents")
        if folder:
            self.start_import([folder])

    def choose_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Open or create a library",
            "",
            "xrefviewer library (*.sqlite *.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_library(f"sqlite:///{Path(path).resolve()}")

    def choose_server(self) -> None:
        url, ok = QInputDialog.getText(
            self,
            "Connect to a library server",
            "Database URL (postgresql+psycopg://user:password@host/database).\n"
            "The password is not remembered; keep it in ~/.pgpass to reconnect from the menu.",
        )
        if ok and url.strip():
            self.open_library(url.strip())

    def _remember_library(self, url: str) -> None:
        # Never keep a password in the settings file: the server's own means (~/.pgpass,
        # PGPASSWORD) supply it next time.
        url = re.sub(r"(//[^:/@]+):[^@/]*@", r"\1@", url)
        self.settings.setValue("library/last", url)
        recent = [u for u in (self.settings.value("library/recent", [], list) or []) if u != url]
        self.settings.setValue("library/recent", [url, *recent][:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for url in self.settings.value("library/recent", [], list) or []:
            self.recent_menu.addAction(_short_url(url), lambda u=url: self.open_library(u))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # ------------------------------------------------------------------ import job

    def start_import(self, paths: Sequence[str], *, first_run: bool = False) -> Job | None:
        """Import and analyse files off the GUI thread, with progress and Cancel."""
        if self.library is None:
            return None
        if self._job is not None:
            self.statusBar().showMessage("An import is already running.", 5000)
            return None
        url = self.library.url
        opener = self._open_library
        paths = [str(p) for p in paths]

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ImportReport:
            library = opener(url)  # its own connection: never share a session across threads
            try:
                return library.import_paths(paths, progress=progress, cancel=cancelled)
            finally:
                library.close()

        job = Job(work)
        job.signals.progressed.connect(self._job_progress)
        job.signals.succeeded.connect(self._job_done)
        job.signals.failed.connect(self._job_failed)
        self._job, self._job_first_run = job, first_run
        self.progress.setRange(0, 0)
        self.progress.setFormat("Reading…")
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.statusBar().showMessage("Importing the sample corpus…" if first_run else "Importing…")
        QThreadPool.globalInstance().start(job)
        return job

    def cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage("Cancelling after the current document…")

    def is_busy(self) -> bool:
        return self._job is not None

    def _job_progress(self, done: int, total: int, path: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        if path:
            self.statusBar().showMessage(f"Reading {Path(path).name}…")

    def _job_finished(self) -> None:
        self._job = None
        self.progress.hide()
        self.cancel_button.hide()

    def _job_done(self, report: ImportReport) -> None:
        first_run = self._job_first_run
        self._job_finished()
        self.reload(keep_panes=not first_run)
        if first_run:
            self.settings.setValue("first_run_done", True)
            self.show_welcome()  # before the panes scroll: the banner takes height from them
            self._restore_panes_to_best()
        summary = (
            f"Imported {report.added} new, {report.replaced} changed, {report.unchanged} unchanged"
        )
        if report.cancelled:
            summary += " (cancelled)"
        if report.problems:
            summary += f"; {len(report.problems)} problems"
            details = "\n".join(str(p) for p in report.problems)
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Import",
                summary + ".",
                QMessageBox.StandardButton.Close,
                self,
            )
            box.setDetailedText(details)
            box.open()
        self.statusBar().showMessage(summary, 10000)
        if not first_run and report.added and all(p.document_id is None for p in self.panes):
            self._restore_panes()

    def _restore_panes_to_best(self) -> None:
        pair = self._best_pair()
        for pane, doc_id in zip(self.panes, pair, strict=False):
            self.open_document(doc_id, pane)
        # Show one shared link straight away, so that the first screen explains itself.
        if len(pair) == 2:
            left, right = self.panes[0], self.panes[1]
            shared = {m.link_id for m in left.mentions() if m.link_id} & {
                m.link_id for m in right.mentions() if m.link_id
            }
            if shared:
                best = max(shared, key=self._showcase_score)
                first = left.link_mentions(best)[0]
                self._set_active(left)
                self.select_link(best, origin=left, mention_id=first.id)
                left.reveal_mention(first.id)
                # Re-centre once the layout has settled (docks and banner sized).
                QTimer.singleShot(0, lambda: [p.editor.centerCursor() for p in (left, right)])

    def _showcase_score(self, link_id: int) -> tuple[bool, int, int]:
        # A figure cited in several documents shows best what the viewer is for.
        link = self._links.get(link_id)
        if link is None:
            return (False, 0, 0)
        return (link.kind == "figure", link.documents, -link.mentions)

    def _job_failed(self, exc: BaseException) -> None:
        self._job_finished()
        self.statusBar().showMessage("Import failed", 10000)
        show_error(self, "Import failed", exc)
        self.reload(keep_panes=True)

    # ------------------------------------------------------------------ discrepancies, timeline

    def _docks(self) -> tuple[QDockWidget, ...]:
        return (
            self.library_dock,
            self.index_dock,
            self.link_dock,
            self.notes_dock,
            self.search_dock,
            self.events_dock,
            self.discrepancies_dock,
            self.timeline_dock,
        )

    def _cross_document_needed(self, visible: bool) -> None:
        """Compute discrepancies and the timeline if one of their docks shows stale ones."""
        showing = any(
            not d.visibleRegion().isEmpty() for d in (self.discrepancies_dock, self.timeline_dock)
        )
        if not (visible and showing and self._cross_stale) or self.library is None:
            return
        if self._cross_job is not None:
            return
        url, opener = self.library.url, self._open_library

        def work(progress: Progress, cancelled: Callable[[], bool]) -> tuple[Any, Any, Any]:
            from xrefviewer.core.discrepancies import find_discrepancies
            from xrefviewer.core.timeline import merge_timeline
            from xrefviewer.store.analysis import analysis_from_library

            library = opener(url)
            try:
                analysis = analysis_from_library(library)
            finally:
                library.close()
            titles = {d.id: d.title for d in analysis.documents}
            return find_discrepancies(analysis), merge_timeline(analysis), titles

        job = Job(work)
        job.signals.succeeded.connect(self._cross_document_done)
        job.signals.failed.connect(self._cross_document_failed)
        self._cross_job = job
        self._cross_stale = False
        self.statusBar().showMessage("Comparing the documents…")
        QThreadPool.globalInstance().start(job)

    def _cross_document_done(self, result: tuple[Any, Any, Any]) -> None:
        self._cross_job = None
        found, entries, titles = result
        self.discrepancy_panel.set_discrepancies(found, titles)
        self.timeline_view.set_entries(entries, titles)
        self.statusBar().showMessage(
            f"{len(found)} discrepancies, {len(entries)} happenings on the timeline", 5000
        )
        if self._cross_stale:  # the library changed meanwhile
            self._cross_document_needed(True)

    def _cross_document_failed(self, exc: BaseException) -> None:
        self._cross_job = None
        show_error(self, "Can't compare the documents", exc)

    def _open_analysis_quote(self, document: str, start: int, end: int) -> None:
        # The analysis names documents "d<library id>" (commands.discrepancies).
        if document.startswith("d") and document[1:].isdigit():
            self.reveal_in_document(int(document[1:]), start, end)

    def _open_timeline_entry(self, entry: Any) -> None:
        if entry.sources:
            source = entry.sources[0]
            self._open_analysis_quote(source.document, source.start, source.end)

    # ------------------------------------------------------------------ window state

    def show_welcome(self) -> None:
        self.welcome.show()

    def dismiss_welcome(self) -> None:
        self.welcome.hide()
        self.settings.setValue("welcome/dismissed", True)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        self._default_dock_sizes()
        for dock in self._docks():
            dock.show()
        self.library_dock.raise_()
        self.link_dock.raise_()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is None:
                self.resize(PREFERRED_SIZE)
            else:
                self.setGeometry(first_window_rect(screen.availableGeometry(), PREFERRED_SIZE))
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            QTimer.singleShot(0, lambda: self.splitter.restoreState(splitter))

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self._save_panes()
        self.settings.sync()

    def export_notes(self) -> ExportDialog | None:
        """File > Export notes: the dialog, offering the selected link and the active pane's
        document besides everything."""
        if self.library is None:
            self.statusBar().showMessage("Open a library first.", 4000)
            return None
        url, opener = self.library.url, self._open_library
        link = (self._link.id, self._link.label) if self._link is not None else None
        pane = self.active_pane()
        doc = self._documents.get(pane.document_id) if pane.document_id is not None else None
        dialog = ExportDialog(
            lambda: opener(url),
            link=link,
            document=(doc.id, doc.title or doc.path) if doc is not None else None,
            parent=self,
        )
        dialog.saved.connect(lambda path: self.statusBar().showMessage(f"Exported to {path}", 8000))
        dialog.setModal(True)
        dialog.show()
        return dialog

    def about(self) -> None:
        from xrefviewer import __version__

        QMessageBox.about(
            self,
            "About xrefviewer",
            f"<b>xrefviewer {__version__}</b><p>Read a stack of documents side by side and see the "
            "figures, names and dates they share.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._job is not None:
            self._job.cancel()
            QThreadPool.globalInstance().waitForDone(10000)
        self.notes_panel.flush()
        self.save_layout()
        if self.library is not None:
            self.library.close()
            self.library = None
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            for pane in self.panes:
                pane.refresh_colours()


def _env_db() -> str | None:
    import os

    return os.environ.get("XREFVIEWER_DB") or None


def _short_url(url: str) -> str:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :]).name
    return re.sub(r"//[^@/]*@", "//", url)  # never show a password
