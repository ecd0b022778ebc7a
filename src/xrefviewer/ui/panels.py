"""The panels that live in docks: library, index of links, link occurrences, events, notes, search.

Panels know their models and widgets only; they report what the user did through signals and
the main window decides what happens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    LinkInfo,
    NoteInfo,
    Occurrence,
    SearchHit,
)
from xrefviewer.ui import timex
from xrefviewer.ui.models import (
    DocumentTableModel,
    EventFilterProxy,
    EventTableModel,
    LinkFilterProxy,
    LinkTableModel,
    NoteTableModel,
    OccurrenceTableModel,
    PageReader,
    RecordFilterProxy,
    SearchHitModel,
)

SAVE_DELAY_MS = 500
EVENT_PAGE = 5000  # events read at once; the rest as the list scrolls
OCCURRENCE_PAGE = 1000  # a link's occurrences read at once


def make_table(model: object, stretch: int = -1) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    # Interactive, fitted to the visible rows after each fill (fit_columns): ResizeToContents
    # would measure every row on every change, seconds with tens of thousands of events.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    count = view.model().columnCount()
    header.setSectionResizeMode(
        (count - 1) if stretch < 0 else stretch, QHeaderView.ResizeMode.Stretch
    )
    header.setStretchLastSection(False)
    # Long titles and sentences elide rather than push a scroll bar into a narrow dock.
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def fit_columns(view: QTableView, cap: int = 200, rows: int = 300) -> None:
    """Size the columns that don't stretch to their first `rows` rows, the visible ones and
    the header (0: the visible rows only, for lists that are refilled on every click)."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(rows)
    for column in range(view.model().columnCount()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            view.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), cap))


class ColumnFitter(QObject):
    """Keeps a table's stretching column readable in a narrow dock.

    The other columns are fitted to their contents (see fit_columns); when the view is too
    narrow for them and the stretching column's least width (`min_stretch` pixels or
    `stretch_share` of the view, whichever is more), the `optional` columns are hidden first
    (their content is in the row's tooltip), then the rest are narrowed. Widening the dock
    brings them back.
    """

    MIN_COLUMN = 48

    def __init__(
        self,
        view: QTableView,
        stretch: int,
        optional: tuple[int, ...] = (),
        min_stretch: int = 140,
        stretch_share: float = 0.0,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.optional = optional
        self.min_stretch = min_stretch
        self.stretch_share = stretch_share
        self._natural: dict[int, int] = {}
        view.viewport().installEventFilter(self)

    def fit(self, cap: int = 200, rows: int = 300) -> None:
        """Fit the columns to their contents, then to the view's width."""
        for column in range(self.view.model().columnCount()):
            self.view.setColumnHidden(column, False)
        fit_columns(self.view, cap=cap, rows=rows)
        header = self.view.horizontalHeader()
        self._natural = {
            c: header.sectionSize(c)
            for c in range(self.view.model().columnCount())
            if c != self.stretch
        }
        self.apply()

    def apply(self) -> None:
        if not self._natural:
            return
        width = self.view.viewport().width()
        room = width - max(self.min_stretch, round(width * self.stretch_share))
        shown = dict(self._natural)
        for column in self.optional:
            if sum(shown.values()) <= room:
                break
            shown.pop(column, None)
        total = sum(shown.values())
        scale = min(1.0, max(room, 0) / total) if total else 1.0
        header = self.view.horizontalHeader()
        for column, width in self._natural.items():
            hidden = column not in shown
            if self.view.isColumnHidden(column) != hidden:
                self.view.setColumnHidden(column, hidden)
            if not hidden:
                header.resizeSection(column, max(self.MIN_COLUMN, round(width * scale)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False


def _filter_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class LibraryPanel(QWidget):
    """The documents, filtered as you type.

    Signals:
        open_requested(int): open this document in the active pane.
        context_menu_requested(object, QPoint): a DocumentInfo and the global position.
    """

    open_requested = Signal(int)
    context_menu_requested = Signal(object, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentTableModel(parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = _filter_edit("Filter documents (title, date)…")
        self.filter.textChanged.connect(self.proxy.set_text)
        self.view = make_table(self.proxy, stretch=0)
        # The counts give way to the titles in a narrow dock (they are in the tooltip).
        self.columns = ColumnFitter(
            self.view, stretch=0, optional=(3, 2), min_stretch=150, stretch_share=0.5
        )
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._menu)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def set_documents(self, documents: list[DocumentInfo]) -> None:
        self.model.set_records(documents)
        self.columns.fit()
        self.count_label.setText(f"{len(documents)} documents")

    def _activated(self, index: QModelIndex) -> None:
        doc = self.proxy.record(index)
        if doc is not None:
            self.open_requested.emit(doc.id)

    def _menu(self, pos: QPoint) -> None:
        doc = self.proxy.record(self.view.indexAt(pos))
        if doc is not None:
            self.context_menu_requested.emit(doc, self.view.viewport().mapToGlobal(pos))


class IndexPanel(QWidget):
    """Every link, most-cited first, filtered by kind and text.

    Signals:
        link_activated(int): select this link everywhere.
        context_menu_requested(object, QPoint): a LinkInfo and the global position.
    """

    link_activated = Signal(int)
    context_menu_requested = Signal(object, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LinkTableModel(parent=self)
        self.proxy = LinkFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.kind = QComboBox()
        for label, kind in (("All", ""), ("Figures", "figure"), ("Names", "name")):
            self.kind.addItem(label, kind)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.proxy.set_kind(self.kind.currentData())
        )
        self.filter = _filter_edit("Filter links…")
        self.filter.textChanged.connect(self.proxy.set_text)
        self.view = make_table(self.proxy, stretch=1)
        # The mention count gives way to the labels in a narrow dock (it is in the tooltip).
        self.columns = ColumnFitter(
            self.view, stretch=1, optional=(3,), min_stretch=120, stretch_share=0.45
        )
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._menu)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def set_links(self, links: list[LinkInfo]) -> None:
        self.model.set_records(links)
        self.columns.fit()

    def selected_link(self) -> LinkInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.record(rows[0]) if rows else None

    def _activated(self, index: QModelIndex) -> None:
        link = self.proxy.record(index)
        if link is not None:
            self.link_activated.emit(link.id)

    def _menu(self, pos: QPoint) -> None:
        link = self.proxy.record(self.view.indexAt(pos))
        if link is not None:
            self.context_menu_requested.emit(link, self.view.viewport().mapToGlobal(pos))


class LinkPanel(QWidget):
    """The selected link and every occurrence of it in the library.

    Signals:
        occurrence_activated(int): the row (in the model's order) to open.
        step_requested(int): +1 next occurrence, -1 previous.
        events_requested(): show the events that mention this link.
        note_requested(): add a note to this link.
    """

    occurrence_activated = Signal(int)
    step_requested = Signal(int)
    events_requested = Signal()
    note_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OccurrenceTableModel(parent=self)
        self.title = QLabel("Click a highlighted figure or name to follow it across documents.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        style = self.style()
        self.prev_button = QToolButton()
        self.prev_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.prev_button.setToolTip("Previous occurrence (Shift+F3)")
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button = QToolButton()
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.next_button.setToolTip("Next occurrence (F3)")
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.events_button = QPushButton("Events")
        self.events_button.setToolTip("Show the events that mention this in the event list")
        self.events_button.clicked.connect(self.events_requested)
        self.note_button = QPushButton("Note")
        self.note_button.setToolTip("Add a note to this link")
        self.note_button.clicked.connect(self.note_requested)
        self.view = make_table(self.model, stretch=2)
        self.columns = ColumnFitter(
            self.view, stretch=2, optional=(1,), min_stretch=120, stretch_share=0.4
        )
        self.view.activated.connect(lambda index: self.occurrence_activated.emit(index.row()))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        buttons = QHBoxLayout()
        for w in (self.prev_button, self.next_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        for w in (self.events_button, self.note_button):
            buttons.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.set_link(None, [])

    def set_link(
        self,
        link: LinkInfo | None,
        occurrences: list[Occurrence] | PageReader,
        page_size: int | None = None,
    ) -> None:
        """The link and its occurrences: a list, or a reader of pages ((limit, offset) ->
        occurrences in document order) of which the first is read now, the rest on scrolling."""
        if callable(occurrences):
            self.model.set_pages(occurrences, page_size or OCCURRENCE_PAGE)
        else:
            self.model.set_records(occurrences)
        self.columns.fit(cap=150, rows=0)
        enabled = link is not None
        for w in (self.prev_button, self.next_button, self.events_button, self.note_button):
            w.setEnabled(enabled)
        if link is None:
            self.title.setText("Click a highlighted figure or name to follow it across documents.")
        else:
            self.title.setText(
                f"{link.label}  ·  {link.kind}  ·  {link.documents} documents, {link.mentions} mentions"
            )

    def set_current(self, row: int) -> None:
        self.model.set_current_row(row)
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.view.selectRow(row)
            self.view.scrollTo(index)


class EventPanel(QWidget):
    """The event list with its filters: date range, document, link, text.

    Signals:
        event_activated(object): open this EventInfo's document at its sentence.
        context_menu_requested(object, QPoint): an EventInfo and the global position.
        link_filter_cleared(): the user removed the link filter.
    """

    event_activated = Signal(object)
    context_menu_requested = Signal(object, QPoint)
    link_filter_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventTableModel(parent=self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.date_from = _filter_edit("from (2014, 2014-06…)")
        self.date_to = _filter_edit("to")
        for edit in (self.date_from, self.date_to):
            edit.setMaximumWidth(150)
            edit.textChanged.connect(self._period_changed)
        self.document = QComboBox()
        self.document.setMinimumContentsLength(18)
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.currentIndexChanged.connect(self._document_changed)
        self.text = _filter_edit("Filter text…")
        self.text.textChanged.connect(self._text_changed)
        self.link_button = QPushButton()
        self.link_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton)
        )
        self.link_button.setToolTip("Show events for every link again")
        self.link_button.clicked.connect(self.clear_link_filter)
        self.link_button.hide()
        self.count_label = QLabel()
        self.view = make_table(self.proxy, stretch=3)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._menu)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)
        top = QHBoxLayout()
        top.addWidget(QLabel("Dates"))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("–"))
        top.addWidget(self.date_to)
        top.addWidget(self.document)
        top.addWidget(self.link_button)
        top.addWidget(self.text, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def set_events(
        self,
        events: list[EventInfo] | PageReader,
        documents: list[DocumentInfo],
        page_size: int | None = None,
    ) -> None:
        """The events: a list, or a reader of pages ((limit, offset) -> events in date order)
        of which the first page is shown at once and the rest as the list scrolls or a filter
        or another sort needs them."""
        if callable(events):
            self.model.set_pages(events, page_size or EVENT_PAGE)
            if self.proxy.filter_active() or not self._in_library_order():
                self.model.fetch_all()
        else:
            self.model.set_records(events)
        fit_columns(self.view, cap=280)
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem("All documents", None)
        for doc in sorted(documents, key=lambda d: d.title.lower()):
            self.document.addItem(doc.title or doc.path, doc.id)
        found = self.document.findData(current)
        self.document.setCurrentIndex(max(found, 0))
        self.document.blockSignals(False)
        self.proxy.set_document(self.document.currentData())
        self._count()

    def set_period(self, first: str, last: str) -> None:
        self.date_from.setText(first)
        self.date_to.setText(last)

    def set_link_filter(self, label: str, event_ids: list[int]) -> None:
        self.model.fetch_all()
        self.proxy.set_event_ids(event_ids)
        self.link_button.setText(f"only: {label}")
        self.link_button.show()
        self._count()

    def clear_link_filter(self) -> None:
        self.proxy.set_event_ids(None)
        self.link_button.hide()
        self._count()
        self.link_filter_cleared.emit()

    def visible_events(self) -> list[EventInfo]:
        return [self.proxy.record(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def _period_changed(self) -> None:
        first: date | None = timex.parse_bound(self.date_from.text(), end=False)
        last: date | None = timex.parse_bound(self.date_to.text(), end=True)
        for edit, text, bound in (
            (self.date_from, self.date_from.text(), first),
            (self.date_to, self.date_to.text(), last),
        ):
            bad = bool(text.strip()) and bound is None
            edit.setStyleSheet("QLineEdit { color: #c62828; }" if bad else "")
            edit.setToolTip("Write a year, a month (2014-06) or a day (2014-06-03)" if bad else "")
        if first is not None or last is not None:
            self.model.fetch_all()
        self.proxy.set_period(first, last)
        self._count()

    def _document_changed(self, _index: int) -> None:
        document_id = self.document.currentData()
        if document_id is not None:
            self.model.fetch_all()
        self.proxy.set_document(document_id)

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self.model.fetch_all()
        self.proxy.set_text(text)

    def _in_library_order(self) -> bool:
        header = self.view.horizontalHeader()
        return header.sortIndicatorSection() == 0 and (
            header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        )

    def _sort_changed(self, _column: int, _order: Qt.SortOrder) -> None:
        # Pages come in date order: any other order needs the whole list first.
        if not self._in_library_order():
            self.model.fetch_all()

    def _count(self, *_args: object) -> None:
        shown, read = self.proxy.rowCount(), self.model.rowCount()
        if self.model.complete():
            self.count_label.setText(f"{shown:,} of {read:,}")
            self.count_label.setToolTip("")
        else:
            self.count_label.setText(f"{shown:,} of {read:,}+")
            self.count_label.setToolTip("More are read as you scroll down, filter or sort.")

    def _activated(self, index: QModelIndex) -> None:
        event = self.proxy.record(index)
        if event is not None:
            self.event_activated.emit(event)

    def _menu(self, pos: QPoint) -> None:
        event = self.proxy.record(self.view.indexAt(pos))
        if event is not None:
            self.context_menu_requested.emit(event, self.view.viewport().mapToGlobal(pos))


class NotesPanel(QWidget):
    """Notes, with an editor that saves as you type (after a pause, on focus-out and on close).

    `save(note_id, body) -> NoteInfo` and `delete(note_id)` come from the window.

    Signals:
        target_requested(object): go to what this NoteInfo is attached to.
        saved(object): a note was written to the library (the new NoteInfo).
    """

    target_requested = Signal(object)
    saved = Signal(object)

    def __init__(
        self,
        save: Callable[[int, str], NoteInfo],
        delete: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._delete = delete
        self._editing: int | None = None
        self._dirty = False
        self.model = NoteTableModel(parent=self)
        self.view = make_table(self.model, stretch=1)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.activated.connect(self._activated)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(
            "Select a note, or right-click a mention, link, event or document to add one."
        )
        self.editor.setEnabled(False)
        self.editor.textChanged.connect(self._changed)
        self.editor.installEventFilter(self)
        self.status = QLabel()
        self.go_button = QPushButton("Go to")
        self.go_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.go_button)
        row.addWidget(self.delete_button)
        bl.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(bottom)
        split.setSizes([140, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)
        self._buttons()

    def set_notes(self, notes: list[NoteInfo]) -> None:
        self.flush()
        editing = self._editing
        self.model.set_records(notes)
        fit_columns(self.view, cap=160)
        self._editing = None
        if editing is not None:
            self.select(editing)
        else:
            self._show(None)

    def select(self, note_id: int) -> None:
        row = self.model.row_of(note_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 1))
            self._show(self.model.record(row))

    def add(self, note: NoteInfo) -> None:
        self.flush()
        self.model.insert_record(0, note)
        fit_columns(self.view, cap=160)
        self.select(note.id)
        self.editor.setFocus()

    def flush(self) -> None:
        """Write the note being edited now, if it changed."""
        self.timer.stop()
        if self._editing is None or not self._dirty:
            return
        self._dirty = False
        note = self._save(self._editing, self.editor.toPlainText())
        row = self.model.row_of(note.id)
        if row >= 0:
            self.model.replace_record(row, note)
        self.status.setText(f"Saved {note.updated_at.strftime('%H:%M:%S')}")
        self.saved.emit(note)

    def delete_current(self) -> None:
        if self._editing is None:
            return
        note_id, self._editing, self._dirty = self._editing, None, False
        self.timer.stop()
        self._delete(note_id)
        row = self.model.row_of(note_id)
        if row >= 0:
            self.model.remove_record(row)
        self._show(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _changed(self) -> None:
        if self._editing is None:
            return
        self._dirty = True
        self.status.setText("Editing…")
        self.timer.start()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        note = self.model.record(current.row()) if current.isValid() else None
        if note is None or note.id != self._editing:
            self._show(note)

    def _show(self, note: NoteInfo | None) -> None:
        self.flush()
        self._editing = None  # setPlainText below must not count as an edit
        self.editor.setPlainText(note.body if note else "")
        self.editor.setEnabled(note is not None)
        self._editing = note.id if note else None
        self._dirty = False
        self.status.setText(
            ""
            if note is None
            else f"On {self.model.describe(note) if self.model.describe else note.target_kind}"
        )
        self._buttons()

    def _buttons(self) -> None:
        self.go_button.setEnabled(self._editing is not None)
        self.delete_button.setEnabled(self._editing is not None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.target_requested.emit(self.model.record(index.row()))


class SearchPanel(QWidget):
    """Full-text search results.

    Signals:
        hit_activated(object): open this SearchHit.
    """

    hit_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SearchHitModel(parent=self)
        self.label = QLabel("Type in the search box in the toolbar and press Enter.")
        self.label.setWordWrap(True)
        self.view = make_table(self.model, stretch=1)
        self.view.activated.connect(
            lambda index: self.hit_activated.emit(self.model.record(index.row()))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.view, 1)

    def set_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.model.set_records(hits)
        fit_columns(self.view)
        self.label.setText(
            f"{len(hits)} results for “{query}”" if hits else f"Nothing found for “{query}”."
        )
