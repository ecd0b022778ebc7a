"""Table models over the library's records, and the proxies that sort and filter them.

Each model holds a plain list of records; `UserRole` returns the record, `SORT_ROLE` a value
that sorts as a person expects (numbers as numbers). `data()` never raises.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from xrefviewer.store.records import (
    DocumentInfo,
    EventInfo,
    LinkInfo,
    NoteInfo,
    Occurrence,
    SearchHit,
)
from xrefviewer.store.rows import date_sort_key
from xrefviewer.ui import timex
from xrefviewer.ui.theme import mention_colours

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value a column sorts by
AnyIndex = QModelIndex | QPersistentModelIndex

Column = tuple[str, Callable[[Any], object]]
# Reads one page of records: (limit, offset) -> at most `limit` records from `offset` on.
PageReader = Callable[[int, int], Sequence[Any]]

log = logging.getLogger(__name__)


def _one_line(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RecordTableModel(QAbstractTableModel):
    """Rows of records, columns from COLUMNS: (header, getter)."""

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    SORT_KEYS: ClassVar[dict[int, Callable[[Any], object]]] = {}

    def __init__(self, records: Iterable[Any] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[Any] = list(records)
        self._sort_spec: tuple[int, Qt.SortOrder] | None = None
        self._read_page: PageReader | None = None  # set while the library has more rows
        self._page_size = 0

    def set_records(self, records: Iterable[Any]) -> None:
        self._read_page = None
        self.beginResetModel()
        self._records = list(records)
        if self._sort_spec is not None:
            self._records = [self._records[i] for i in self._sorted_rows(*self._sort_spec)]
        self.endResetModel()

    def set_pages(self, read_page: PageReader, page_size: int) -> None:
        """Show the first `page_size` records now and read the rest a page at a time, when a
        view scrolls to the end (canFetchMore/fetchMore) or `fetch_all` is called."""
        first = list(read_page(page_size, 0))
        self.set_records(first)
        self._page_size = page_size
        self._read_page = read_page if len(first) == page_size else None

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._read_page is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._read_page is None:
            return
        try:
            rows = list(self._read_page(self._page_size, len(self._records)))
        except Exception:  # called by Qt while painting: a failing read ends the list, loudly
            log.exception("reading the next page of %s failed", type(self).__name__)
            rows = []
        if len(rows) < self._page_size:
            self._read_page = None
        if not rows:
            return
        first = len(self._records)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._records.extend(rows)
        self.endInsertRows()
        if self._sort_spec is not None:
            self.sort(*self._sort_spec)  # a page from the library comes in the library's order

    def fetch_all(self) -> None:
        """Read every remaining page (before a filter or a sort that needs the whole list)."""
        while self.canFetchMore():
            self.fetchMore()

    def complete(self) -> bool:
        """Whether every record is here (no page left to read)."""
        return self._read_page is None

    def records(self) -> list[Any]:
        return list(self._records)

    def loaded(self) -> Sequence[Any]:
        """The records read so far, without a copy (not to be changed by the caller)."""
        return self._records

    def record(self, row: int) -> Any:
        return self._records[row]

    def replace_record(self, row: int, record: Any) -> None:
        self._records[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert_record(self, row: int, record: Any) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.insert(row, record)
        self.endInsertRows()

    def remove_record(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._records[row]
        self.endRemoveRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the records by a column's SORT_KEYS entry (else its display value); new
        records given to set_records keep this order."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort_spec = (column, order)
        self.layoutAboutToBeChanged.emit()
        rows = self._sorted_rows(column, order)
        new_row = {old: new for new, old in enumerate(rows)}
        self._records = [self._records[i] for i in rows]
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row[i.row()], i.column()) if i.isValid() else i for i in old]
        )
        self.layoutChanged.emit()

    def _sorted_rows(self, column: int, order: Qt.SortOrder) -> list[int]:
        key = self.SORT_KEYS.get(column) or self.COLUMNS[column][1]
        keys: list[Any] = []
        for record in self._records:
            try:
                value = key(record)
            except Exception:
                value = None
            # Numbers before text, text without case; a bad record sorts last.
            if isinstance(value, int | float):
                keys.append((0, value, ""))
            elif value is None:
                keys.append((2, 0, ""))
            else:
                keys.append((1, 0, str(value).casefold()))
        return sorted(
            range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder
        )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section][0]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = index.column()
        try:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[column][1](record)
            if role == Qt.ItemDataRole.UserRole:
                return record
            if role == SORT_ROLE:
                key = self.SORT_KEYS.get(column)
                return key(record) if key else self.COLUMNS[column][1](record)
            return self.extra_data(record, index.row(), column, role)
        except Exception:  # a bad record shows as a blank cell, never a crash in paint
            return None

    def extra_data(self, record: Any, row: int, column: int, role: int) -> object:
        return None


class DocumentTableModel(RecordTableModel):
    COLUMNS = (
        ("Title", lambda d: d.title or d.path.rsplit("/", 1)[-1]),
        ("Date", lambda d: d.date or ""),
        ("Figures", lambda d: d.figures),
        ("Names", lambda d: d.names),
    )

    def extra_data(self, record: DocumentInfo, row: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{record.title}\n{record.path}\nDate: {record.date or 'unknown'} ({record.date_source})\n"
                f"{record.figures} figures, {record.names} names, {record.dates} dates"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


KIND_SYMBOL = {"figure": "#", "name": "N", "date": "D"}


class LinkTableModel(RecordTableModel):
    COLUMNS = (
        ("Kind", lambda link: link.kind),
        ("Label", lambda link: link.label),
        ("Docs", lambda link: link.documents),
        ("Mentions", lambda link: link.mentions),
    )

    def extra_data(self, record: LinkInfo, row: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return mention_colours().linked.get(record.kind)  # the colour it has in the panes
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{record.label} ({record.kind}): cited in {record.documents} documents, "
                f"{record.mentions} mentions" + (" — renamed by you" if record.renamed else "")
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OccurrenceTableModel(RecordTableModel):
    COLUMNS = (
        ("Document", lambda o: o.document_title),
        ("Date", lambda o: o.document_date or ""),
        ("Context", lambda o: _one_line(o.snippet)),
    )
    SORT_KEYS: ClassVar[dict[int, Callable[[Any], object]]] = {}

    def __init__(self, records: Iterable[Occurrence] = (), parent: Any = None) -> None:
        super().__init__(records, parent)
        self.current_row = -1

    def set_current_row(self, row: int) -> None:
        old, self.current_row = self.current_row, row
        for r in (old, row):
            if 0 <= r < len(self._records):
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    def set_records(self, records: Iterable[Any]) -> None:
        self.current_row = -1
        super().set_records(records)

    def extra_data(self, record: Occurrence, row: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            date = f" ({record.document_date})" if record.document_date else ""
            return f"{record.document_title}{date}, line {record.line}\n{record.snippet}"
        if role == Qt.ItemDataRole.FontRole and row == self.current_row:
            font = QFont()
            font.setBold(True)
            return font
        return None


class EventTableModel(RecordTableModel):
    """Events; inferred or uncertain dates show as "~date" in italics."""

    COLUMNS = (
        ("Date", lambda e: ("~" if e.uncertain else "") + e.date),
        ("Expression", lambda e: e.expression),
        ("Document", lambda e: e.document_title),
        ("Sentence", lambda e: _one_line(e.text)),
    )
    # by time, not by spelling: "2014-Q3" before "2014-11", "19XX" before "199X"
    SORT_KEYS: ClassVar[dict[int, Callable[[Any], object]]] = {0: lambda e: date_sort_key(e.date)}

    def extra_data(self, record: EventInfo, row: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.FontRole and record.uncertain and column == 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            note = "\nThe date is inferred or uncertain." if record.uncertain else ""
            return f"{record.date} — “{record.expression}” in {record.document_title}{note}\n\n{record.text}"
        return None


class NoteTableModel(RecordTableModel):
    """Notes; what each one is attached to is described by a function the window supplies."""

    COLUMNS = (
        ("On", lambda n: n.target_kind),
        ("Note", lambda n: _one_line(n.body, 120) or "(empty)"),
        ("Updated", lambda n: n.updated_at.strftime("%d %b %H:%M")),
    )

    def __init__(
        self,
        records: Iterable[NoteInfo] = (),
        parent: Any = None,
        describe: Callable[[NoteInfo], str] | None = None,
    ) -> None:
        super().__init__(records, parent)
        self.describe = describe

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() == 0
            and self.describe is not None
            and 0 <= index.row() < len(self._records)
        ):
            try:
                return self.describe(self._records[index.row()])
            except Exception:
                return self._records[index.row()].target_kind
        return super().data(index, role)

    def extra_data(self, record: NoteInfo, row: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.FontRole and record.orphaned:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.body + (
                "\n\n(its text is gone from the document)" if record.orphaned else ""
            )
        return None

    def row_of(self, note_id: int) -> int:
        for row, note in enumerate(self._records):
            if note.id == note_id:
                return row
        return -1


class SearchHitModel(RecordTableModel):
    COLUMNS = (
        ("Document", lambda h: h.document_title),
        ("Context", lambda h: _one_line(h.snippet)),
    )

    def extra_data(self, record: SearchHit, row: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.snippet
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters a RecordTableModel with plain Python predicates; sorting is the source model's.

    Both are done over the record list in one pass, not through `data()` per row and per
    comparison: with tens of thousands of rows that is the difference between milliseconds
    and seconds. `accepts(record)` is what subclasses extend.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._text_columns: tuple[int, ...] | None = None  # None: every column
        self._active = False

    def set_text(self, text: str) -> None:
        self._needle = text.strip().casefold()
        self._refilter()

    def filter_active(self) -> bool:
        return bool(self._needle)

    def accepts(self, record: Any) -> bool:
        if not self._needle:
            return True
        columns = self._source().COLUMNS
        wanted = self._text_columns if self._text_columns is not None else range(len(columns))
        try:
            return any(self._needle in str(columns[c][1](record)).casefold() for c in wanted)
        except Exception:
            return False

    def _source(self) -> RecordTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    def _refilter(self) -> None:
        self._active = self.filter_active()
        # Qt 6.10 deprecates invalidateFilter() for the begin/endFilterChange pair; 6.7 lacks it.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._active:
            return True
        try:
            return self.accepts(self._source()._records[source_row])
        except IndexError:
            return False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The view asks the proxy; the source sorts its list and the proxy keeps its order.
        self._source().sort(column, order)

    def record(self, index: QModelIndex) -> Any:
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None


class LinkFilterProxy(RecordFilterProxy):
    """Links of one kind (or all) whose label contains the text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._text_columns = (1,)

    def set_kind(self, kind: str | None) -> None:
        self._kind = kind or None
        self._refilter()

    def filter_active(self) -> bool:
        return self._kind is not None or super().filter_active()

    def accepts(self, record: Any) -> bool:
        if self._kind is not None and getattr(record, "kind", None) != self._kind:
            return False
        return super().accepts(record)


class EventFilterProxy(RecordFilterProxy):
    """Events within a date range, of one document, and (optionally) among a set of ids."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._first: date | None = None
        self._last: date | None = None
        self._document_id: int | None = None
        self._event_ids: frozenset[int] | None = None

    def set_period(self, first: date | None, last: date | None) -> None:
        self._first, self._last = first, last
        self._refilter()

    def set_document(self, document_id: int | None) -> None:
        if document_id != self._document_id:
            self._document_id = document_id
            self._refilter()

    def set_event_ids(self, event_ids: Sequence[int] | None) -> None:
        """Only these events (those mentioning a link), or None for all."""
        self._event_ids = None if event_ids is None else frozenset(event_ids)
        self._refilter()

    def filter_active(self) -> bool:
        return (
            self._first is not None
            or self._last is not None
            or self._document_id is not None
            or self._event_ids is not None
            or super().filter_active()
        )

    def accepts(self, record: Any) -> bool:
        if self._document_id is not None and record.document_id != self._document_id:
            return False
        if self._event_ids is not None and record.id not in self._event_ids:
            return False
        if not timex.overlaps(record.date, self._first, self._last):
            return False
        return super().accepts(record)
