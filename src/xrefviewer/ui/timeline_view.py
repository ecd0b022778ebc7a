"""The timeline: one time axis with every happening as a mark, coloured by the documents that
report it; zoom from decades down to days.

Self-contained: feed it with `set_entries(merge_timeline(analysis), titles)` and connect
`entry_activated` to whatever opens the sources.
"""

from __future__ import annotations

import datetime
import heapq
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
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
_GREY = QColor("#868e96")

MIN_PIXELS_PER_DAY = 0.004  # a century in ~150 px: decades are the coarsest ticks
MAX_PIXELS_PER_DAY = 160.0  # a day wide enough for its label and a few marks
ZOOM_STEP = 1.25
MARGIN = 40
AXIS_HEIGHT = 46
LANE_HEIGHT = 18
MARK_SIZE = 12
MIN_TICK_SPACING = 64
CLUSTER_SIZE = 20
CLUSTER_REACH = MARK_SIZE * 1.5  # day marks closer than this (centre to centre) may cluster
CLUSTER_MIN = 3

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


@dataclass(frozen=True, slots=True, eq=False)
class _Placement:
    entries: tuple[TimelineEntry, ...]
    lo: float
    hi: float


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


class _Cluster(QGraphicsItem):
    """Several day marks too close to tell apart at this zoom: a pie of their documents with
    their number; clicking it zooms in on them."""

    def __init__(
        self, entries: Sequence[TimelineEntry], colours: Sequence[QColor], tooltip: str
    ) -> None:
        super().__init__()
        self.entries = tuple(entries)
        counts: dict[str, int] = {}
        self._colours: dict[str, QColor] = {}
        for c in colours:
            counts[c.name()] = counts.get(c.name(), 0) + 1
            self._colours[c.name()] = c
        self.shares = sorted(counts.items(), key=lambda kv: -kv[1])
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, CLUSTER_SIZE + 4, CLUSTER_SIZE + 4)

    def shape_rect(self) -> QRectF:
        return QRectF(0, 0, CLUSTER_SIZE, CLUSTER_SIZE)

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.shape_rect()
        total = sum(n for _, n in self.shares)
        angle = 90 * 16
        painter.setPen(Qt.PenStyle.NoPen)
        for name, n in self.shares:
            span = -round(5760 * n / total)
            painter.setBrush(self._colours[name])
            painter.drawPie(rect, angle, span)
            angle += span
        painter.setPen(QPen(QColor(0, 0, 0, 120), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        inner = rect.adjusted(4, 4, -4, -4)
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(inner)
        font = QFont(painter.font())
        font.setPixelSize(9)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#212529"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(len(self.entries)))


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
        # The axis band and its sticky month are painted over the scene at the view's top:
        # scrolling must repaint them, not shift old pixels.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._entries: list[TimelineEntry] = []
        self._titles: dict[str, str] = {}
        self._colours: dict[str, QColor] = {}
        self._marks: dict[str, _Mark] = {}
        self._clusters: dict[str, _Cluster] = {}
        self._documents: dict[str, tuple[str, ...]] = {}
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
        self._documents = {e.id: e.documents for e in self._entries}
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
        return QColor(self._colour(document))

    def _colour(self, document: str) -> QColor:
        # Shared, not copied: marks only read it, and a wheel step draws thousands of marks.
        return self._colours.get(document, _GREY)

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
        """Mark an entry as the current one, zooming in if it hides in a cluster."""
        for _ in range(12):
            cluster = self._clusters.get(entry_id or "")
            if cluster is None or self._ppd >= MAX_PIXELS_PER_DAY:
                break
            self._zoom_into(cluster)
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
        mark: _Mark | _Cluster | None = self._marks.get(entry_id) or self._clusters.get(entry_id)
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
        # Only the marks are items; the axis and grid are painted for the visible part alone
        # (drawBackground, drawForeground), so that days over decades cost nothing.
        scene = self.scene()
        scene.clear()
        self._marks = {}
        width = self._x_of(self._end) + MARGIN
        placements = self._placements()
        lanes = self._lay_out(placements)
        height = AXIS_HEIGHT + (max(lanes.values(), default=0) + 1) * LANE_HEIGHT + 12
        scene.setSceneRect(QRectF(0, 0, width, height))
        self._clusters = {}
        for placement in placements:
            y = AXIS_HEIGHT + 6 + lanes[id(placement)] * LANE_HEIGHT
            if len(placement.entries) == 1:
                entry = placement.entries[0]
                mark = _Mark(
                    entry,
                    [self._colour(d) for d in self._documents[entry.id]],
                    placement.hi - placement.lo,
                    self._tooltip(entry),
                )
                mark.setPos(placement.lo, y)
                mark.selected = entry.id == self._selected
                scene.addItem(mark)
                self._marks[entry.id] = mark
            else:
                cluster = _Cluster(
                    placement.entries,
                    [self._colour(d) for e in placement.entries for d in self._documents[e.id]],
                    self._cluster_tooltip(placement.entries),
                )
                cluster.setPos(placement.lo, y - (CLUSTER_SIZE - MARK_SIZE) / 2)
                scene.addItem(cluster)
                for entry in placement.entries:
                    self._clusters[entry.id] = cluster
        self._order = [e.id for e in sorted(self._entries, key=lambda e: (e.first, e.last, e.id))]
        self._position_overlay()

    def _placements(self) -> list[_Placement]:
        """Where each mark goes at this zoom. Day marks closer than a mark's width to each
        other, three or more, become one cluster mark that zooms in when clicked."""
        bars: list[_Placement] = []
        points: list[tuple[float, TimelineEntry]] = []
        for entry in self._entries:
            assert entry.first is not None and entry.last is not None
            x0 = self._x_of(entry.first)
            x1 = self._x_of(entry.last + datetime.timedelta(days=1))
            if x1 - x0 > MARK_SIZE:
                bars.append(_Placement((entry,), x0, x1))
            else:
                points.append(((x0 + x1) / 2, entry))
        points.sort(key=lambda p: p[0])
        groups: list[list[tuple[float, TimelineEntry]]] = []
        for point in points:
            if groups and point[0] - groups[-1][0][0] <= CLUSTER_REACH:
                groups[-1].append(point)
            else:
                groups.append([point])
        out = bars
        for group in groups:
            if len(group) >= CLUSTER_MIN:
                mid = (group[0][0] + group[-1][0]) / 2
                out.append(
                    _Placement(
                        tuple(e for _, e in group), mid - CLUSTER_SIZE / 2, mid + CLUSTER_SIZE / 2
                    )
                )
            else:
                out.extend(_Placement((e,), x - MARK_SIZE / 2, x + MARK_SIZE / 2) for x, e in group)
        return out

    def _lay_out(self, placements: Sequence[_Placement]) -> dict[int, int]:
        """Lanes so that no two marks overlap: spans longer than a mark in the top lanes, day
        marks and clusters below them; each in time order into the first lane free by then."""
        out: dict[int, int] = {}
        bars, rest = [], []
        for p in placements:
            (bars if len(p.entries) == 1 and p.hi - p.lo > MARK_SIZE else rest).append(p)
        bars.sort(key=lambda p: p.lo)
        rest.sort(key=lambda p: p.lo)
        first_lane = 0
        for group in (bars, rest):
            # First fit in O(n log n): the lowest lane whose last mark has ended by then.
            busy: list[tuple[float, int]] = []  # (where its last mark ends, lane)
            free: list[int] = []
            lanes = 0
            for p in group:
                while busy and busy[0][0] + 3 <= p.lo:
                    heapq.heappush(free, heapq.heappop(busy)[1])
                if free:
                    lane = heapq.heappop(free)
                else:
                    lane, lanes = lanes, lanes + 1
                heapq.heappush(busy, (p.hi, lane))
                out[id(p)] = first_lane + lane
            first_lane += lanes
        return out

    def _cluster_tooltip(self, entries: Sequence[TimelineEntry]) -> str:
        first, last = entries[0].date, entries[-1].date
        order = list(self._colours)
        docs = sorted(
            {d for e in entries for d in e.documents},
            key=lambda d: order.index(d) if d in order else len(order),
        )
        names = "".join(
            f"<br><span style='color:{self.document_colour(d).name()}'>■</span> "
            f"{html.escape(self._titles.get(d, d))}"
            for d in docs
        )
        return (
            f"<b>{len(entries)} happenings</b>, {html.escape(first)} … {html.escape(last)}"
            f"{names}<br><i>Click to zoom in</i>"
        )

    def zoom_to(self, first: datetime.date, last: datetime.date) -> None:
        """Zoom so that the days from first to last fill most of the view, centred."""
        days = max(1, (last - first).days + 1)
        self._ppd = min(
            MAX_PIXELS_PER_DAY, max(MIN_PIXELS_PER_DAY, self.viewport().width() * 0.6 / days)
        )
        self._rebuild()
        middle = (first.toordinal() + last.toordinal() + 1) / 2
        self.horizontalScrollBar().setValue(
            round(self._x_of(float(middle)) - self.viewport().width() / 2)
        )
        self._update_zoom_buttons()

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

    def _visible_ticks(self, rect: QRectF) -> tuple[tuple[str, int], list[_Tick]]:
        step = tick_step(self._ppd)
        unit_days = _APPROX_DAYS[step[0]] * step[1]
        first = self._day_at(rect.left()) - unit_days
        last = self._day_at(rect.right()) + unit_days
        lo = datetime.date.fromordinal(int(max(1, min(first, 3_652_000))))
        hi = datetime.date.fromordinal(int(max(1, min(last, 3_652_000))))
        return step, ticks(lo, hi, step)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        palette = self.palette()
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(90)
        step, visible = self._visible_ticks(rect)
        for tick in visible:
            x = self._x_of(tick.day)
            strong = bool(tick.major) or step[0] == "year"
            pen = QPen(grid, 1.0 if strong else 0.6)
            if not strong:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        # The axis stays at the top of the view however far down the lanes are scrolled.
        palette = self.palette()
        top = self.mapToScene(QPoint(0, 0)).y()
        band = QRectF(rect.left(), top, rect.width(), AXIS_HEIGHT - 4)
        painter.fillRect(band, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.0))
        painter.drawLine(QPointF(rect.left(), band.bottom()), QPointF(rect.right(), band.bottom()))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        bold = QFont(self.font())
        bold.setBold(True)
        text = palette.color(QPalette.ColorRole.Text)
        step, visible = self._visible_ticks(rect)
        painter.setPen(text)
        left = self.mapToScene(QPoint(0, 0)).x()
        first_major = None
        for tick in visible:
            x = self._x_of(tick.day)
            painter.drawLine(QPointF(x, band.bottom() - 8), QPointF(x, band.bottom()))
            painter.setFont(small)
            painter.drawText(QPointF(x + 3, band.bottom() - 8), tick.label)
            if tick.major:
                painter.setFont(bold)
                painter.drawText(QPointF(x + 3, top + 16), tick.major)
                if x >= left and first_major is None:
                    first_major = x
        if step[0] in ("day", "month"):
            # Keep the month (or year) of the left edge in view, as a calendar's header does.
            day = datetime.date.fromordinal(int(max(1, min(self._day_at(left), 3_652_000))))
            sticky = f"{_MONTHS[day.month - 1]} {day.year}" if step[0] == "day" else str(day.year)
            width = QFontMetrics(bold).horizontalAdvance(sticky) + 12
            if first_major is None or first_major - left > width:
                painter.setFont(bold)
                painter.drawText(QPointF(left + 4, top + 16), sticky)

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
            + html.escape(_shorten(self._titles.get(d, d), 40)).replace(" ", "&nbsp;")
            for d in shown
        ]
        if len(doc_ids) > len(shown):
            items.append(f"… and {len(doc_ids) - len(shown)} more")
        items.append(
            f"<span style='color:{CONFLICT_COLOUR}'>○</span>&nbsp;dated&nbsp;differently&nbsp;elsewhere"
        )
        self.legend.setText(" &nbsp; ".join(items))
        self._position_overlay()

    def _update_zoom_buttons(self) -> None:
        self.zoom_in_button.setEnabled(self._ppd < MAX_PIXELS_PER_DAY)
        self.zoom_out_button.setEnabled(self._ppd > MIN_PIXELS_PER_DAY)
        hidden = f" · {self.hidden_count} undated not shown" if self.hidden_count else ""
        self.scale_label.setText(f"{self.scale_name()}{hidden}")

    def _position_overlay(self) -> None:
        others = sum(
            w.sizeHint().width() + 2
            for w in (self.scale_label, self.zoom_out_button, self.zoom_in_button, self.fit_button)
        )
        legend_width = max(120, self.width() - others - 16)
        height = max(
            self.legend.heightForWidth(legend_width) + 6, self.fit_button.sizeHint().height() + 6
        )
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
            if isinstance(mark, _Cluster):
                self._zoom_into(mark)
                event.accept()
                return
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

    def _zoom_into(self, cluster: _Cluster) -> None:
        first = min(e.first for e in cluster.entries if e.first)
        last = max(e.last for e in cluster.entries if e.last)
        before = self._ppd
        self.zoom_to(first, last)
        if self._ppd <= before:  # all on one day: zoom in a step at least
            self.set_pixels_per_day(before * ZOOM_STEP**4)

    def _mark_at(self, pos: QPoint) -> _Mark | _Cluster | None:
        for item in self.items(pos):
            if isinstance(item, _Mark | _Cluster):
                return item
        # Small marks are hard to hit: accept a click a few pixels off.
        near = self.items(QRect(pos - QPoint(4, 4), pos + QPoint(4, 4)))
        marks = [i for i in near if isinstance(i, _Mark | _Cluster)]
        if not marks:
            return None
        scene = self.mapToScene(pos)
        return min(
            marks, key=lambda m: (m.sceneBoundingRect().center() - QPointF(scene)).manhattanLength()
        )


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


__all__ = ["DOCUMENT_COLOURS", "TimelineView", "tick_step", "ticks"]
