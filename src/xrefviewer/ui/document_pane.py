"""One document, read-only, with its figures, names and dates highlighted.

Mentions arrive with code-point offsets; everything Qt does is in UTF-16 positions, so every
offset passes through `Utf16Map` on its way in and out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from operator import attrgetter

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QBrush, QMouseEvent, QTextBlock, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from xrefviewer.store.records import DocumentInfo, MentionInfo
from xrefviewer.ui.offsets import Utf16Map
from xrefviewer.ui.theme import MentionColours, mention_colours, mention_format

KIND_NAMES = {"figure": "Figure", "name": "Name", "date": "Date"}


class _Span:
    __slots__ = ("end", "mention", "start")

    def __init__(self, start: int, end: int, mention: MentionInfo) -> None:
        self.start, self.end, self.mention = start, end, mention


def _range(
    start: int, end: int, block_start: int, block_end: int, fmt: QTextCharFormat
) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start = max(start, block_start) - block_start
    r.length = max(min(end, block_end) - block_start - r.start, 0)
    r.format = fmt
    return r


class MentionHighlighter:
    """Colours mentions block by block, only where the reader looks.

    A 1 MB document holds tens of thousands of mentions; formatting them all on opening
    would take a second in Python, so blocks are formatted as they scroll into view (the
    same QTextLayout formats a QSyntaxHighlighter sets, applied lazily).
    """

    AHEAD = 25  # blocks formatted beyond the visible ones, so that scrolling never shows them bare

    def __init__(self, editor: QPlainTextEdit, colours: MentionColours) -> None:
        self.editor = editor
        self._spans: list[_Span] = []
        self._starts: list[int] = []
        self._max_len = 0
        self._done: set[int] = set()
        self._busy = False
        self._formats: dict[tuple[str, bool, bool], QTextCharFormat] = {}
        self._overlay_formats: dict[str, QTextCharFormat] = {}
        self._link_id: int | None = None
        self._current: _Span | None = None
        self._focus: tuple[int, int] | None = None
        self.set_colours(colours)
        editor.updateRequest.connect(lambda _rect, _dy: self.format_visible())

    def set_colours(self, colours: MentionColours) -> None:
        self._formats = {
            (kind, linked, uncertain): mention_format(kind, linked, colours, uncertain)
            for kind in ("figure", "name", "date")
            for linked in (False, True)
            for uncertain in (False, True)
        }
        focus = QTextCharFormat()
        focus.setBackground(QBrush(colours.focus))
        selected = QTextCharFormat()
        selected.setBackground(QBrush(colours.selected))
        selected.setForeground(QBrush(Qt.GlobalColor.black))
        current = QTextCharFormat(selected)
        current.setBackground(QBrush(colours.current))
        current.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        current.setUnderlineColor(colours.current_line)
        self._overlay_formats = {"focus": focus, "selected": selected, "current": current}
        self.rehighlight()

    def set_overlay(
        self, link_id: int | None, current: _Span | None, focus: tuple[int, int] | None
    ) -> None:
        """The selected link's mentions, the current occurrence, and a shaded passage."""
        if (link_id, current, focus) != (self._link_id, self._current, self._focus):
            self._link_id, self._current, self._focus = link_id, current, focus
            self.rehighlight()

    def overlay_ranges(self) -> list[tuple[int, int, str]]:
        out = []
        if self._focus is not None:
            out.append((*self._focus, "focus"))
        if self._link_id is not None:
            out += [
                (s.start, s.end, "selected")
                for s in self._spans
                if s.mention.link_id == self._link_id
            ]
        if self._current is not None:
            out.append((self._current.start, self._current.end, "current"))
        return out

    def set_spans(self, spans: list[_Span]) -> None:
        self._spans = spans
        self._starts = [s.start for s in spans]
        self._max_len = max((s.end - s.start for s in spans), default=0)
        self.rehighlight()

    def rehighlight(self) -> None:
        """Forget what was formatted: every block is redone when it comes into view."""
        self._done = set()
        self.format_visible()

    def format_visible(self) -> None:
        if self._busy:
            return
        self._busy = True  # formatting dirties the layout, which asks for an update again
        try:
            editor = self.editor
            block = editor.firstVisibleBlock()
            offset = editor.contentOffset()
            bottom = editor.viewport().height()
            ahead = self.AHEAD
            while block.isValid() and ahead > 0:
                if editor.blockBoundingGeometry(block).translated(offset).top() > bottom:
                    ahead -= 1
                number = block.blockNumber()
                if number not in self._done:
                    self._done.add(number)
                    self._format_block(block)
                block = block.next()
        finally:
            self._busy = False

    def formatted_blocks(self) -> int:
        return len(self._done)

    def _spans_in(self, start: int, end: int) -> list[_Span]:
        i = bisect_right(self._starts, start - self._max_len)
        out = []
        while i < len(self._spans) and self._spans[i].start < end:
            if self._spans[i].end > start:
                out.append(self._spans[i])
            i += 1
        return out

    def _format_block(self, block: QTextBlock) -> None:
        block_start = block.position()
        block_end = block_start + block.length() - 1
        ranges = []
        # A span reaching into this block starts at most _max_len before it.
        i = bisect_right(self._starts, block_start - self._max_len)
        while i < len(self._spans) and self._spans[i].start < block_end:
            span = self._spans[i]
            i += 1
            if span.end <= block_start:
                continue
            m = span.mention
            fmt = self._formats.get((m.kind, m.link_id is not None, m.uncertain))
            if fmt is None:
                continue
            ranges.append(_range(span.start, span.end, block_start, block_end, fmt))
        # Overlays come after the mention colours: later formats win where they overlap.
        if self._focus is not None and self._focus[0] < block_end and self._focus[1] > block_start:
            ranges.append(
                _range(*self._focus, block_start, block_end, self._overlay_formats["focus"])
            )
        if self._link_id is not None:
            selected = self._overlay_formats["selected"]
            for span in self._spans_in(block_start, block_end):
                if span.mention.link_id == self._link_id:
                    ranges.append(_range(span.start, span.end, block_start, block_end, selected))
        current = self._current
        if current is not None and current.start < block_end and current.end > block_start:
            ranges.append(
                _range(
                    current.start,
                    current.end,
                    block_start,
                    block_end,
                    self._overlay_formats["current"],
                )
            )
        layout = block.layout()
        if ranges or layout.formats():
            layout.setFormats(ranges)
            self.editor.document().markContentsDirty(block_start, block.length())


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening its parent."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._elide()

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40)
        )
        super().setText(elided)


class DocumentPane(QFrame):
    """A document with its mentions highlighted; clicking one reports it.

    Signals:
        mention_activated(object): the user clicked a mention; the argument is its MentionInfo.
        activated(): the user clicked or focused this pane (it becomes the active pane).
        context_menu_requested(object, QPoint): right click; the MentionInfo under it (or None)
            and the global position.
        close_requested(): the user closed the pane.
    """

    mention_activated = Signal(object)
    activated = Signal()
    context_menu_requested = Signal(object, QPoint)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.describe_mention: Callable[[MentionInfo], str] | None = None
        self.info: DocumentInfo | None = None
        self._text = ""
        self._map = Utf16Map("")
        self._spans: list[_Span] = []
        self._starts: list[int] = []
        self._by_id: dict[int, _Span] = {}
        self._link_id: int | None = None
        self._current_id: int | None = None
        self._focus: tuple[int, int] | None = None
        self._active = False
        self._colours = mention_colours()

        self.header = QFrame(self)
        self.header.setObjectName("paneHeader")
        self.title_label = ElidedLabel("No document", self.header)
        self.title_label.setObjectName("paneTitle")
        self.date_label = QLabel("", self.header)
        self.date_label.setObjectName("paneDate")
        self.close_button = QToolButton(self.header)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_requested)
        self.close_button.hide()
        head = QHBoxLayout(self.header)
        head.setContentsMargins(8, 4, 4, 4)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.date_label)
        head.addWidget(self.close_button)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("documentText")
        self.editor.setReadOnly(True)
        self.editor.setUndoRedoEnabled(False)
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.editor.document().setDocumentMargin(10)
        font = self.editor.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.editor.setFont(font)
        self.editor.setPlaceholderText("Open a document from the Library panel.")
        self.highlighter = MentionHighlighter(self.editor, self._colours)
        self.editor.viewport().installEventFilter(self)
        self.editor.installEventFilter(self)
        self.editor.viewport().setMouseTracking(True)
        self._press_pos: QPoint | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.editor, 1)
        self.set_active(False)

    # ---- content ----

    @property
    def document_id(self) -> int | None:
        return self.info.id if self.info else None

    @property
    def text(self) -> str:
        return self._text

    def set_document(self, info: DocumentInfo, text: str, mentions: Sequence[MentionInfo]) -> None:
        """Show a document; the selection and focus range are cleared."""
        self.info = info
        self._text = text
        self._map = Utf16Map(text)
        self._focus = None
        self._current_id = None
        title = info.title or info.path.rsplit("/", 1)[-1]
        self.title_label.setText(title)
        self.title_label.setToolTip(f"{title}\n{info.path}")
        self.date_label.setText(info.date or "undated")
        self.date_label.setToolTip(f"Document date: {info.date or 'unknown'} ({info.date_source})")
        self.highlighter.set_spans([])  # don't highlight the old spans over the new text
        self.editor.setPlainText(text)
        self.set_mentions(mentions)

    def clear(self) -> None:
        """Show nothing (the library changed)."""
        self.info = None
        self._text = ""
        self._map = Utf16Map("")
        self._focus = None
        self._current_id = None
        self.title_label.setText("No document")
        self.title_label.setToolTip("")
        self.date_label.setText("")
        self.highlighter.set_spans([])
        self.editor.clear()
        self.set_mentions([])

    def set_mentions(self, mentions: Sequence[MentionInfo]) -> None:
        """Replace the mentions (after a correction) keeping the scroll position."""
        if self._map.identity:  # the common case, and the one that matters for big documents
            spans = [_Span(m.start, m.end, m) for m in mentions]
        else:
            to_qt = self._map.to_qt
            spans = [_Span(to_qt(m.start), to_qt(m.end), m) for m in mentions]
        spans.sort(key=attrgetter("start"))
        self._spans = spans
        self._starts = [s.start for s in spans]
        self._by_id = {s.mention.id: s for s in spans}
        self.highlighter.set_spans(spans)
        self._update_selections()

    def mentions(self) -> list[MentionInfo]:
        return [s.mention for s in self._spans]

    def mention(self, mention_id: int) -> MentionInfo | None:
        span = self._by_id.get(mention_id)
        return span.mention if span else None

    def link_mentions(self, link_id: int) -> list[MentionInfo]:
        """This document's mentions of a link, in reading order."""
        return [s.mention for s in self._spans if s.mention.link_id == link_id]

    def refresh_colours(self) -> None:
        self._colours = mention_colours(self.palette())
        self.highlighter.set_colours(self._colours)
        self._update_selections()
        self.set_active(self._active)

    # ---- selection ----

    def set_active(self, active: bool) -> None:
        self._active = active
        pal = self.palette()
        if active:
            bg = pal.color(pal.ColorRole.Highlight)
            fg = pal.color(pal.ColorRole.HighlightedText)
        else:
            bg = pal.color(pal.ColorRole.Button)
            fg = pal.color(pal.ColorRole.ButtonText)
        self.header.setStyleSheet(
            f"#paneHeader {{ background: {bg.name()}; }}"
            f" QLabel {{ color: {fg.name()}; }} #paneTitle {{ font-weight: bold; }}"
        )

    def is_active(self) -> bool:
        return self._active

    def set_closable(self, closable: bool) -> None:
        self.close_button.setVisible(closable)

    def selected_link(self) -> int | None:
        return self._link_id

    def set_selected_link(self, link_id: int | None, *, scroll: bool = False) -> None:
        """Highlight every mention of a link; scroll the first into view if asked."""
        self._link_id = link_id
        current = self._by_id.get(self._current_id) if self._current_id is not None else None
        if current is None or current.mention.link_id != link_id:
            self._current_id = None
        self._update_selections()
        if scroll and link_id is not None:
            mentions = self.link_mentions(link_id)
            if mentions:
                self._scroll_to(self._by_id[mentions[0].id].start, self._by_id[mentions[0].id].end)

    def reveal_mention(self, mention_id: int) -> bool:
        """Mark a mention as the current occurrence and scroll it to the middle."""
        span = self._by_id.get(mention_id)
        if span is None:
            return False
        self._current_id = mention_id
        self._update_selections()
        self._scroll_to(span.start, span.end)
        return True

    def mark_current(self, mention_id: int) -> bool:
        """Mark a mention as the current occurrence where it stands, without scrolling."""
        if mention_id not in self._by_id:
            return False
        self._current_id = mention_id
        self._update_selections()
        return True

    def current_mention(self) -> int | None:
        return self._current_id

    def reveal_range(self, start: int, end: int) -> None:
        """Shade a passage (an event's sentence, a search hit) and scroll to it; code-point offsets."""
        qs, qe = self._map.to_qt(start), self._map.to_qt(max(end, start))
        self._focus = (qs, qe)
        self._update_selections()
        self._scroll_to(qs, qe)

    def _scroll_to(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(min(end, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        cursor.setPosition(min(start, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def _update_selections(self) -> None:
        # Drawn as layout formats by the highlighter, not as ExtraSelections: PySide6 6.12
        # corrupts reference counts in QTextEdit.ExtraSelection (a crash at exit).
        current = self._by_id.get(self._current_id) if self._current_id is not None else None
        self.highlighter.set_overlay(self._link_id, current, self._focus)

    def marked_ranges(self) -> list[tuple[int, int, str]]:
        """What the highlighter overlays on the visible blocks: (start, end, role) in Qt positions,
        role one of "focus", "selected", "current"."""
        return self.highlighter.overlay_ranges()

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        """The code-point ranges now marked as the selected link (what a person sees in yellow)."""
        if self._link_id is None:
            return []
        return [
            (s.mention.start, s.mention.end)
            for s in self._spans
            if s.mention.link_id == self._link_id
        ]

    # ---- geometry and input ----

    def mention_rect(self, mention_id: int) -> QRect:
        """Where a mention is drawn, in viewport coordinates (its first character)."""
        span = self._by_id[mention_id]
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(span.start)
        left = self.editor.cursorRect(cursor)
        cursor.setPosition(min(span.start + 1, span.end))
        right = self.editor.cursorRect(cursor)
        return QRect(left.topLeft(), QPoint(max(right.left(), left.left() + 1), left.bottom()))

    def mention_at(self, point: QPoint) -> MentionInfo | None:
        """The mention under a viewport point, if any."""
        if not self._spans:
            return None
        cursor = self.editor.cursorForPosition(point)
        position = cursor.position()
        # cursorForPosition gives the nearest boundary; left of it means the character before.
        if point.x() < self.editor.cursorRect(cursor).x() and position > 0:
            position -= 1
        i = bisect_right(self._starts, position) - 1
        best: _Span | None = None
        while i >= 0 and self._starts[i] > position - 400:
            span = self._spans[i]
            if span.start <= position < span.end and (
                best is None or span.end - span.start < best.end - best.start
            ):
                best = span
            i -= 1
        return best.mention if best else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.editor and kind == QEvent.Type.FocusIn:
            self.activated.emit()
        elif watched is self.editor.viewport():
            if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
                self._press_pos = event.position().toPoint()
                self.activated.emit()
            elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                pos = event.position().toPoint()
                pressed, self._press_pos = self._press_pos, None
                if (
                    event.button() == Qt.MouseButton.LeftButton
                    and pressed is not None
                    and (pos - pressed).manhattanLength() < 4
                ):
                    mention = self.mention_at(pos)
                    if mention is not None:
                        self.mention_activated.emit(mention)
            elif kind == QEvent.Type.ContextMenu:
                pos = event.pos()  # type: ignore[attr-defined]
                self.activated.emit()
                self.context_menu_requested.emit(
                    self.mention_at(pos), self.editor.viewport().mapToGlobal(pos)
                )
                return True
            elif kind == QEvent.Type.ToolTip:
                pos = event.pos()  # type: ignore[attr-defined]
                mention = self.mention_at(pos)
                if mention is None:
                    QToolTip.hideText()
                else:
                    QToolTip.showText(
                        event.globalPos(), self._tooltip(mention), self.editor.viewport()
                    )  # type: ignore[attr-defined]
                return True
            elif kind == QEvent.Type.MouseMove:
                mention = self.mention_at(event.position().toPoint())  # type: ignore[attr-defined]
                shape = Qt.CursorShape.PointingHandCursor if mention else Qt.CursorShape.IBeamCursor
                self.editor.viewport().setCursor(shape)
        return super().eventFilter(watched, event)

    def _tooltip(self, mention: MentionInfo) -> str:
        if self.describe_mention is not None:
            try:
                return self.describe_mention(mention)
            except Exception:  # a tooltip is never worth a crash
                pass
        return describe_mention(mention, None)


def describe_mention(mention: MentionInfo, link_summary: str | None) -> str:
    """A mention's tooltip: what it is, what it is linked to and how widely it is cited."""
    lines = [f"{KIND_NAMES.get(mention.kind, mention.kind)}: “{mention.text}”"]
    if mention.kind == "figure":
        bits = [mention.qualifier, mention.value, mention.counts]
        lines.append(" ".join(b for b in bits if b))
        if mention.action:
            lines.append(f"action: {mention.action}")
    elif mention.kind == "date":
        lines.append(
            f"means {mention.value}" + (" (inferred, uncertain)" if mention.uncertain else "")
        )
    elif mention.type:
        lines.append(mention.type)
    if mention.kind != "date":
        lines.append(link_summary or "Not linked to any other mention.")
    return "\n".join(lines)
