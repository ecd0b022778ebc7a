"""The Discrepancies dock: what the documents disagree on, with the quotes side by side.

Self-contained: feed it with `set_discrepancies(found, titles)` (the records of
`xrefviewer.core.discrepancies`) and connect `open_quote` to the viewer.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from xrefviewer.core.claims import Claim
from xrefviewer.core.discrepancies import Discrepancy

KIND_TEXT = {"value": "figures differ", "qualifier": "qualifiers differ", "date": "dates differ"}
KIND_COLOUR = {"value": "#c92a2a", "qualifier": "#e67700", "date": "#1971c2"}

_Index = QModelIndex | QPersistentModelIndex


class DiscrepancyListModel(QAbstractListModel):
    """One row per discrepancy; UserRole returns the Discrepancy record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[Discrepancy] = []
        self._titles: dict[str, str] = {}

    def set_discrepancies(
        self, items: Iterable[Discrepancy], titles: Mapping[str, str] | None = None
    ) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._titles = dict(titles or {})
        self.endResetModel()

    def discrepancy(self, row: int) -> Discrepancy | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.label}\n{KIND_TEXT.get(item.kind, item.kind)} · {self._sources(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                f"{self._titles.get(c.document, c.document)}: {c.quote}" for c in item.claims
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(KIND_COLOUR.get(item.kind, "#868e96"))
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def _sources(self, item: Discrepancy) -> str:
        titles = [self._titles.get(d, d) for d in item.documents]
        shown = ", ".join(t[:40] for t in titles[:3])
        return shown + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")


class QuoteCard(QFrame):
    """One claim: its document's title, the figure, and the sentence with the figure marked.

    Signals:
        open_requested(str, int, int): document id, start and end of the quote.
    """

    open_requested = Signal(str, int, int)

    def __init__(
        self, claim: Claim, title: str, clashes: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.claim = claim
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("quoteCard")
        self.setMinimumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        self.title_label = QLabel(f"<b>{html.escape(title)}</b>")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        figure = (
            f"{claim.qualifier} {claim.text}"
            if claim.qualifier and claim.qualifier not in claim.text
            else claim.text
        )
        facts = [figure]
        if claim.dates:
            facts.append(", ".join(claim.dates))
        self.facts_label = QLabel(" · ".join(facts))
        self.facts_label.setObjectName("quoteFacts")
        if clashes:
            self.facts_label.setStyleSheet(f"color: {KIND_COLOUR['value']}; font-weight: bold;")
        self.quote = QTextBrowser()
        self.quote.setOpenLinks(False)
        self.quote.setHtml(self._quote_html())
        self.quote.setMinimumHeight(48)
        # Let the card, not the text's preferred size, decide the height: the button stays in view.
        self.quote.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.open_button = QPushButton("Open in document")
        self.open_button.setToolTip("Show this sentence in its document")
        self.open_button.clicked.connect(self._open)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.quote, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)

    def _quote_html(self) -> str:
        c = self.claim
        start, end = c.span[0] - c.sentence[0], c.span[1] - c.sentence[0]
        if not 0 <= start < end <= len(c.quote):
            at = c.quote.find(c.text)
            start, end = (at, at + len(c.text)) if at >= 0 else (0, 0)
        marked = (
            html.escape(c.quote[:start])
            + "<span style='background:#ffd19e;color:#000;font-weight:bold'>"
            + html.escape(c.quote[start:end])
            + "</span>"
            + html.escape(c.quote[end:])
        )
        return f"<p>“{marked}”</p>"

    def _open(self) -> None:
        self.open_requested.emit(self.claim.document, *self.claim.sentence)


class DiscrepancyDock(QWidget):
    """The list of discrepancies; the selected one's quotes side by side below it.

    Signals:
        open_quote(str, int, int): the user asked to see a quote in its document: the
            document id (as in the Analysis the discrepancies come from) and the quote's
            start and end offsets in that document's text.
        discrepancy_selected(object): the Discrepancy now shown, or None.
    """

    open_quote = Signal(str, int, int)
    discrepancy_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discrepancyDock")
        self._titles: dict[str, str] = {}
        self.model = DiscrepancyListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(1)
        self.list.setAccessibleName("Discrepancies")
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        # Enter or a double click on a discrepancy opens its first quote.
        self.list.activated.connect(self._open_first)

        self.empty = QLabel("No discrepancies: the documents agree on every figure they share.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.top = QStackedWidget()
        self.top.addWidget(self.empty)
        self.top.addWidget(self.list)

        self.heading = QLabel("Select a discrepancy to compare its quotes.")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.cards_host = QWidget()
        self.cards_layout = QHBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.cards_host)
        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        compare_layout.setContentsMargins(4, 4, 4, 4)
        compare_layout.addWidget(self.heading)
        compare_layout.addWidget(self.scroll, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.top)
        splitter.addWidget(compare)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.cards: list[QuoteCard] = []
        self.set_discrepancies([])

    # -- API ----------------------------------------------------------------------------------

    def set_discrepancies(
        self, discrepancies: Sequence[Discrepancy], titles: Mapping[str, str] | None = None
    ) -> None:
        """Show these discrepancies; `titles` maps document ids to the titles shown."""
        self._titles = dict(titles or {})
        self.model.set_discrepancies(discrepancies, self._titles)
        self.top.setCurrentWidget(self.list if discrepancies else self.empty)
        self._show(None)
        if discrepancies:
            self.select(0)

    def select(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.list.setCurrentIndex(index)

    def current(self) -> Discrepancy | None:
        return self.model.discrepancy(self.list.currentIndex().row())

    # -- internals ----------------------------------------------------------------------------

    def _open_first(self, _index: QModelIndex) -> None:
        if self.cards:
            self.cards[0].open_button.click()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self._show(self.model.discrepancy(indexes[0].row()) if indexes else None)

    def _show(self, item: Discrepancy | None) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        if item is None:
            self.heading.setText("Select a discrepancy to compare its quotes.")
            self.discrepancy_selected.emit(None)
            return
        colour = KIND_COLOUR.get(item.kind, "#868e96")
        self.heading.setText(
            f"<span style='color:{colour};font-weight:bold'>{KIND_TEXT.get(item.kind, item.kind)}</span>"
            f" &nbsp;{html.escape(item.label)}"
        )
        clashing = {m for pair in item.conflicts for m in pair}
        # The clashing claims first, so that the first two cards are the disagreement itself.
        ordered = sorted(item.claims, key=lambda c: (c.mention not in clashing,))
        for claim in ordered:
            card = QuoteCard(
                claim, self._titles.get(claim.document, claim.document), claim.mention in clashing
            )
            card.open_requested.connect(self.open_quote)
            self.cards_layout.addWidget(card)
            self.cards.append(card)
        self.discrepancy_selected.emit(item)
