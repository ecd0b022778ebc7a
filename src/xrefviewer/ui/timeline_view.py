"""The timeline: one time axis with every happening as a mark, coloured by the documents that
report it; zoom from decades down to days.

Self-contained: feed it with `set_entries(merge_timeline(analysis), titles)` and connect
`entry_activated` to whatever opens the sources.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStyleOptionGraphicsItem,
    QToolButton,
    QWidget,
)

from xrefviewer.core.timeline import TimelineEntry

# Tableau 10: distinct hues that stay apart for the colour-blind better than a rainbow.
DOCUMENT_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1",
    "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac",
)  # fmt: skip
CONFLICT_COLOUR = "#d6336c"

MIN_PIXELS_PER_DAY = 0.004  # a century in ~150 px: decades are the coarsest ticks
MAX_PIXELS_PER_DAY = 160.0  # a day wide enough for its label and a few marks
ZOOM_STEP = 1.25
MARGIN = 40
AXIS_HEIGHT = 46
LANE_HEIGHT = 18
MARK_SIZE = 12
MIN_TICK_SPACING = 64

# (unit, count): tick steps from fine to coarse.
_STEPS = (
    ("day", 1), ("day", 2), ("day", 7), ("month", 1), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50), ("year", 100),
)  # fmt: skip
_APPROX_DAYS = {"day": 1, "month": 30.44, "year": 365.25}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, slots=True)
class _Tick:
    day: datetime.date
    label: str
    major: str  # a coarser label ("2014" above months), or ""


def tick_step(pixels_per_day: float) -> tuple[str, int]:
    """The finest step whose ticks stand at least MIN_TICK_SPACING pixels apart."""
    for unit, count in _STEPS:
        if _APPROX_DAYS[unit] * count * pixels_per_day >= MIN_TICK_SPACING:
            return unit, count
    return _STEPS[-1]


def ticks(first: datetime.date, last: datetime.date, step: tuple[str, int]) -> list[_Tick]:
    unit, count = step
    out: list[_Tick] = []
    if unit == "day":
        day = first - datetime.timedelta(days=(first.toordinal() % count))
        while day <= last:
            major = f"{_MONTHS[day.month - 1]} {day.year}" if day.day <= count else ""
            out.append(_Tick(day, f"{day.day} {_MONTHS[day.month - 1]}", major))
            day += datetime.timedelta(days=count)
    elif unit == "month":
        year, month = first.year, ((first.month - 1) // count) * count + 1
        while (year, month) <= (last.year, last.month):
            label = _MONTHS[month - 1]
            out.append(_Tick(datetime.date(year, month, 1), label, str(year) if month == 1 else ""))
            month += count
            if month > 12:
                year, month = year + 1, month - 12
    else:
        year = first.year - first.year % count
        while year <= last.year:
            if 1 <= year <= 9999:
                out.append(_Tick(datetime.date(year, 1, 1), str(year), ""))
            year += count
    return out


class _Mark(QGraphicsItem):
    """One timeline entry: a dot for a day, a bar for a longer span, split by document colour."""

    def __init__(
        self, entry: TimelineEntry, colours: Sequence[QColor], width: float, tooltip: str
    ) -> None:
        super().__init__()
        self.entry = entry
        self.colours = list(colours) or [QColor("#868e96")]
        self.width = max(width, MARK_SIZE)
        self.is_point = width <= MARK_SIZE
        self.selected = False
        self.setToolTip(tooltip)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, self.width + 4, MARK_SIZE + 4)

    def shape_rect(self) -> QRectF:
        return QRectF(0, 0, self.width, MARK_SIZE)

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.shape_rect()
        path = QPainterPath()
        if self.is_point:
            path.addEllipse(rect)
        else:
            path.addRoundedRect(rect, 3, 3)
        painter.save()
        painter.setClipPath(path)
        n = len(self.colours)
        if self.is_point and n > 1:
            # A pie: one slice per reporting document.
            for i, colour in enumerate(self.colours):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawPie(rect, int(90 * 16 - i * 5760 / n), int(-5760 / n))
        else:
            stripe = rect.height() / n
            for i, colour in enumerate(self.colours):
                painter.fillRect(
                    QRectF(rect.left(), rect.top() + i * stripe, rect.width(), stripe + 0.5), colour
                )
        painter.restore()
        outline = QColor(CONFLICT_COLOUR) if self.entry.date_conflicts else QColor(0, 0, 0, 90)
        width = 2.0 if self.entry.date_conflicts else 1.0
        if self.selected:
            outline, width = QColor("#000000"), 2.5
        painter.setPen(QPen(outline, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)


class TimelineView(QGraphicsView):
    """A horizontal time axis with the timeline's entries as marks in lanes below it.

    The wheel (with or without Ctrl) zooms about the pointer, Shift+wheel pans; the buttons
    zoom and fit; Left/Right move between marks, Enter activates one.

    Signals:
        entry_activated(object): the user clicked (or pressed Enter on) a mark; the argument
            is its TimelineEntry, whose `sources` say which documents report it and where.
    """

    entry_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setScene(QGraphicsScene(self))
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._entries: list[TimelineEntry] = []
        self._titles: dict[str, str] = {}
        self._colours: dict[str, QColor] = {}
        self._marks: dict[str, _Mark] = {}
        self._order: list[str] = []  # entry ids left to right
        self._selected: str | None = None
        self._ppd = 1.0
        self._origin = datetime.date(2000, 1, 1)
        self._end = datetime.date(2000, 12, 31)
        self._fitted_once = False
        self.hidden_count = 0
        self._build_overlay()

    # -- API ----------------------------------------------------------------------------------

    def set_entries(
        self,
        entries: Sequence[TimelineEntry],
        titles: Mapping[str, str] | None = None,
        colours: Mapping[str, QColor | str] | None = None,
    ) -> None:
        """Show these entries. `titles` maps document ids to titles (tooltips and legend);
        `colours` overrides the colour of some documents (default: a palette, in first-seen order)."""
        self._entries = [e for e in entries if e.first is not None and e.last is not None]
        self.hidden_count = len(entries) - len(self._entries)
        self._titles = dict(titles or {})
        doc_ids = list(dict.fromkeys([*self._titles, *(d for e in entries for d in e.documents)]))
        self._colours = {
            d: QColor(DOCUMENT_COLOURS[i % len(DOCUMENT_COLOURS)]) for i, d in enumerate(doc_ids)
        }
        for d, c in (colours or {}).items():
            self._colours[d] = QColor(c)
        self._selected = None
        if self._entries:
            first = min(e.first for e in self._entries if e.first)
            last = max(e.last for e in self._entries if e.last)
        else:
            first = last = datetime.date.today()
        pad = max(2, (last - first).days // 30)
        self._origin = first - datetime.timedelta(days=pad)
        self._end = last + datetime.timedelta(days=pad)
        self._update_legend(doc_ids)
        self.fit()

    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def document_colour(self, document: str) -> QColor:
        return QColor(self._colours.get(document, QColor("#868e96")))

    def pixels_per_day(self) -> float:
        return self._ppd

    def set_pixels_per_day(self, value: float, anchor: int | None = None) -> None:
        """Zoom to `value` pixels a day, keeping the date under viewport x `anchor` in place."""
        value = min(MAX_PIXELS_PER_DAY, max(MIN_PIXELS_PER_DAY, value))
        anchor = self.viewport().width() // 2 if anchor is None else anchor
        day = self._day_at(self.mapToScene(QPoint(anchor, 0)).x())
        self._ppd = value
        self._rebuild()
        self.horizontalScrollBar().setValue(round(self._x_of(day) - anchor))
        self._update_zoom_buttons()

    def zoom_in(self) -> None:
        self.set_pixels_per_day(self._ppd * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_pixels_per_day(self._ppd / ZOOM_STEP)

    def fit(self) -> None:
        """Zoom so that every entry shows."""
        days = max(1, (self._end - self._origin).days)
        width = max(100, self.viewport().width() - 2 * MARGIN)
        self._ppd = min(MAX_PIXELS_PER_DAY, max(MIN_PIXELS_PER_DAY, width / days))
        self._rebuild()
        self.horizontalScrollBar().setValue(0)
        self._update_zoom_buttons()

    def scale_name(self) -> str:
        """What the ticks count at this zoom: "days", "months", "years" or "decades"."""
        unit, count = tick_step(self._ppd)
        if unit == "day":
            return "days" if count == 1 else "weeks" if count == 7 else "days"
        if unit == "month":
            return "months"
        return "years" if count < 10 else "decades"

    def select_entry(self, entry_id: str | None) -> None:
        if self._selected in self._marks:
            self._marks[self._selected].selected = False
            self._marks[self._selected].update()
        self._selected = entry_id if entry_id in self._marks else None
        if self._selected:
            mark = self._marks[self._selected]
            mark.selected = True
            mark.update()
            self.ensureVisible(mark, 40, 20)

    def selected_entry(self) -> TimelineEntry | None:
        return self._marks[self._selected].entry if self._selected in self._marks else None

    def mark_rect(self, entry_id: str) -> QRect:
        """Where an entry's mark is, in viewport coordinates (empty if it has none)."""
        mark = self._marks.get(entry_id)
        if mark is None:
            return QRect()
        return self.mapFromScene(mark.mapRectToScene(mark.shape_rect())).boundingRect()

    # -- drawing ------------------------------------------------------------------------------

    def _x_of(self, day: datetime.date | float) -> float:
        ordinal = day if isinstance(day, float) else float(day.toordinal())
        return MARGIN + (ordinal - self._origin.toordinal()) * self._ppd

    def _day_at(self, x: float) -> float:
        return self._origin.toordinal() + (x - MARGIN) / self._ppd

    def _rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self._marks = {}
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        grid_colour = palette.color(QPalette.ColorRole.Mid)
        grid_colour.setAlpha(90)
        width = self._x_of(self._end) + MARGIN
        lanes = self._lay_out()
        height = max(
            self.viewport().height() - 2,
            AXIS_HEIGHT + (max(lanes.values(), default=0) + 1) * LANE_HEIGHT + 70,
        )
        scene.setSceneRect(QRectF(0, 0, width, height))
        scene.addRect(
            QRectF(0, 0, width, AXIS_HEIGHT - 4),
            QPen(Qt.PenStyle.NoPen),
            QBrush(palette.color(QPalette.ColorRole.AlternateBase)),
        )
        scene.addLine(0, AXIS_HEIGHT - 4, width, AXIS_HEIGHT - 4, QPen(grid_colour.darker(150), 1))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        bold = QFont(self.font())
        bold.setBold(True)
        step = tick_step(self._ppd)
        for tick in ticks(self._origin, self._end, step):
            x = self._x_of(tick.day)
            strong = bool(tick.major) or step[0] == "year"
            scene.addLine(
                x,
                AXIS_HEIGHT - 12,
                x,
                height,
                QPen(
                    grid_colour,
                    1 if strong else 0.5,
                    Qt.PenStyle.SolidLine if strong else Qt.PenStyle.DotLine,
                ),
            )
            label = scene.addSimpleText(tick.label, small)
            label.setBrush(text_colour)
            label.setPos(x + 3, AXIS_HEIGHT - 22)
            if tick.major:
                major = scene.addSimpleText(tick.major, bold)
                major.setBrush(text_colour)
                major.setPos(x + 3, 4)
        for entry in self._entries:
            assert entry.first is not None and entry.last is not None
            x0 = self._x_of(entry.first)
            x1 = self._x_of(entry.last + datetime.timedelta(days=1))
            span = x1 - x0
            mark = _Mark(
                entry,
                [self.document_colour(d) for d in entry.documents],
                span,
                self._tooltip(entry),
            )
            lane = lanes[entry.id]
            x = x0 if span > MARK_SIZE else (x0 + x1) / 2 - MARK_SIZE / 2
            mark.setPos(x, AXIS_HEIGHT + 6 + lane * LANE_HEIGHT)
            mark.selected = entry.id == self._selected
            scene.addItem(mark)
            self._marks[entry.id] = mark
        self._order = sorted(self._marks, key=lambda i: (self._marks[i].x(), self._marks[i].y()))
        self._position_overlay()

    def _lay_out(self) -> dict[str, int]:
        """Lanes so that no two marks overlap at this zoom: longest spans first, then by time."""
        placed: list[list[tuple[float, float]]] = []
        out: dict[str, int] = {}

        def extent(e: TimelineEntry) -> tuple[float, float]:
            assert e.first is not None and e.last is not None
            x0, x1 = self._x_of(e.first), self._x_of(e.last + datetime.timedelta(days=1))
            if x1 - x0 <= MARK_SIZE:
                mid = (x0 + x1) / 2
                return mid - MARK_SIZE / 2, mid + MARK_SIZE / 2
            return x0, x1

        for entry in sorted(
            self._entries,
            key=lambda e: (-(e.last - e.first).days if e.first and e.last else 0, e.first),
        ):
            lo, hi = extent(entry)
            for lane, taken in enumerate(placed):
                if all(hi + 3 <= a or lo >= b + 3 for a, b in taken):
                    taken.append((lo, hi))
                    out[entry.id] = lane
                    break
            else:
                placed.append([(lo, hi)])
                out[entry.id] = len(placed) - 1
        return out

    def _tooltip(self, entry: TimelineEntry) -> str:
        docs = "".join(
            f"<br><span style='color:{self.document_colour(d).name()}'>■</span> {html.escape(self._titles.get(d, d))}"
            for d in entry.documents
        )
        conflict = (
            f"<br><b style='color:{CONFLICT_COLOUR}'>Reported on other dates too</b>"
            if entry.date_conflicts
            else ""
        )
        return f"<b>{html.escape(entry.date)}</b><br>{html.escape(entry.label)}{docs}{conflict}"

    # -- the buttons and the legend over the view -------------------------------------------------

    def _build_overlay(self) -> None:
        # A bar below the time axis, outside the scene, so that it never hides a mark.
        self.bar = QFrame(self)
        self.bar.setObjectName("timelineBar")
        self.bar.setAutoFillBackground(True)
        self.bar.setBackgroundRole(QPalette.ColorRole.Window)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(6, 2, 4, 2)
        row.setSpacing(2)
        self.legend = QLabel()
        self.legend.setObjectName("timelineLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        row.addWidget(self.legend, 1)
        self.scale_label = QLabel()
        self.scale_label.setObjectName("timelineScale")
        row.addWidget(self.scale_label)
        self.zoom_out_button = QToolButton(text="−", toolTip="Zoom out (wheel down, or −)")
        self.zoom_in_button = QToolButton(text="+", toolTip="Zoom in (wheel up, or +)")
        self.fit_button = QToolButton(text="Fit", toolTip="Show the whole timeline")
        for button, slot in (
            (self.zoom_out_button, self.zoom_out),
            (self.zoom_in_button, self.zoom_in),
            (self.fit_button, self.fit),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        self.controls = self.bar

    def _update_legend(self, doc_ids: Sequence[str]) -> None:
        shown = doc_ids[:8]
        items = [
            f"<span style='color:{self.document_colour(d).name()}'>●</span>&nbsp;"
            f"{html.escape(_shorten(self._titles.get(d, d), 40))}"
            for d in shown
        ]
        if len(doc_ids) > len(shown):
            items.append(f"… and {len(doc_ids) - len(shown)} more")
        items.append(
            f"<span style='color:{CONFLICT_COLOUR}'>○</span>&nbsp;dated differently elsewhere"
        )
        self.legend.setText(" &nbsp; ".join(items))
        self._position_overlay()

    def _update_zoom_buttons(self) -> None:
        self.zoom_in_button.setEnabled(self._ppd < MAX_PIXELS_PER_DAY)
        self.zoom_out_button.setEnabled(self._ppd > MIN_PIXELS_PER_DAY)
        hidden = f" · {self.hidden_count} undated not shown" if self.hidden_count else ""
        self.scale_label.setText(f"{self.scale_name()}{hidden}")

    def _position_overlay(self) -> None:
        height = self.bar.heightForWidth(self.width()) if self.bar.hasHeightForWidth() else -1
        height = max(height, self.bar.sizeHint().height())
        if self.viewportMargins().bottom() != height:
            self.setViewportMargins(0, 0, 0, height)
        vp = self.viewport().geometry()
        self.bar.setGeometry(vp.left(), vp.bottom() + 1, vp.width(), height)

    # -- events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_once:
            self._fitted_once = True
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._position_overlay()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            delta = event.angleDelta().y() or event.angleDelta().x()
            bar.setValue(bar.value() - delta)
            event.accept()
            return
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        factor = ZOOM_STEP ** (delta / 120)
        self.set_pixels_per_day(self._ppd * factor, anchor=round(event.position().x()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            mark = self._mark_at(event.position().toPoint())
            if mark is not None:
                self.select_entry(mark.entry.id)
                self.entry_activated.emit(mark.entry)
                event.accept()
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._order:
            if self._selected in self._order:
                i = self._order.index(self._selected) + (1 if key == Qt.Key.Key_Right else -1)
            else:
                i = 0 if key == Qt.Key.Key_Right else len(self._order) - 1
            self.select_entry(self._order[max(0, min(len(self._order) - 1, i))])
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.selected_entry():
            self.entry_activated.emit(self.selected_entry())
            event.accept()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
            return
        if key == Qt.Key.Key_Minus:
            self.zoom_out()
            return
        super().keyPressEvent(event)

    def _mark_at(self, pos: QPoint) -> _Mark | None:
        for item in self.items(pos):
            if isinstance(item, _Mark):
                return item
        # Small marks are hard to hit: accept a click a few pixels off.
        near = self.items(QRect(pos - QPoint(4, 4), pos + QPoint(4, 4)))
        marks = [i for i in near if isinstance(i, _Mark)]
        if not marks:
            return None
        scene = self.mapToScene(pos)
        return min(
            marks, key=lambda m: (m.sceneBoundingRect().center() - QPointF(scene)).manhattanLength()
        )


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


__all__ = ["DOCUMENT_COLOURS", "TimelineView", "tick_step", "ticks"]
