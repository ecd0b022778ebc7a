"""The timeline view driven as a person does: look, zoom with the wheel and buttons, click."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from xrefviewer.core.timeline import TimelineEntry, TimelineSource
from xrefviewer.ui.timeline_view import TimelineView, tick_step, ticks

pytestmark = pytest.mark.gui

TITLES = {"d1": "Field report", "d2": "Governor's statement", "d3": "Older note"}


def entry(eid: str, date: str, first, last, docs, *, conflicts=()) -> TimelineEntry:
    return TimelineEntry(
        id=eid,
        date=date,
        first=first,
        last=last,
        label=f"What happened on {date}",
        sources=tuple(TimelineSource(f"e{eid}{d}", d, 0, 10, "a sentence") for d in docs),
        date_conflicts=tuple(conflicts),
    )


D = datetime.date
ENTRIES = [
    entry("t1", "1988", D(1988, 1, 1), D(1988, 12, 31), ["d3"]),
    entry("t2", "2014-06-03", D(2014, 6, 3), D(2014, 6, 3), ["d1", "d2"], conflicts=["t3"]),
    entry("t3", "2014-06-09", D(2014, 6, 9), D(2014, 6, 9), ["d1"], conflicts=["t2"]),
    entry("t4", "PAST_REF", None, None, ["d2"]),
]


@pytest.fixture
def view(qtbot) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 320)
    view.show()
    qtbot.waitExposed(view)
    view.set_entries(ENTRIES, TITLES)
    return view


def wheel(view: TimelineView, steps: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    pos = QPointF(view.viewport().width() / 2, 80)
    event = QWheelEvent(
        pos,
        view.viewport().mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_fitting_shows_decades_and_every_dated_entry_but_not_the_undated(view):
    assert view.scale_name() in ("years", "decades")
    assert [e.id for e in view.entries()] == ["t1", "t2", "t3"]
    assert view.hidden_count == 1
    assert "1 undated not shown" in view.scale_label.text()
    for eid in ("t1", "t2", "t3"):
        rect = view.mark_rect(eid)
        assert not rect.isEmpty()
        assert view.viewport().rect().intersects(rect)


def test_the_legend_names_each_document_in_its_colour(view):
    legend = view.legend.text()
    for doc, title in TITLES.items():
        assert view.document_colour(doc).name() in legend
        assert title.replace(" ", "&nbsp;").replace("'", "&#x27;") in legend
    assert len({view.document_colour(d).name() for d in TITLES}) == 3


def test_clicking_a_mark_emits_its_entry_with_its_sources(view, qtbot):
    view.select_entry("t1")
    with qtbot.waitSignal(view.entry_activated) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.mark_rect("t1").center()
        )
    assert blocker.args[0].id == "t1"
    assert [s.document for s in blocker.args[0].sources] == ["d3"]
    assert view.selected_entry().id == "t1"


def test_clicking_empty_space_emits_nothing(view, qtbot):
    with qtbot.assertNotEmitted(view.entry_activated):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, view.viewport().height() - 5)
        )


def test_the_wheel_zooms_from_decades_down_to_days_and_back(view):
    coarse = view.pixels_per_day()
    wheel(view, 1)
    assert view.pixels_per_day() > coarse
    for _ in range(60):
        wheel(view, 1)
    assert view.scale_name() == "days"
    for _ in range(80):
        wheel(view, -1, Qt.KeyboardModifier.ControlModifier)
    assert view.scale_name() == "decades"


def test_shift_wheel_pans_instead_of_zooming(view):
    view.set_pixels_per_day(2.0)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before_value, before_scale = bar.value(), view.pixels_per_day()
    wheel(view, -1, Qt.KeyboardModifier.ShiftModifier)
    assert view.pixels_per_day() == before_scale
    assert bar.value() != before_value


def test_buttons_zoom_in_out_and_fit(view, qtbot):
    fitted = view.pixels_per_day()
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.pixels_per_day() > fitted
    qtbot.mouseClick(view.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.zoom_out_button, Qt.MouseButton.LeftButton)
    assert view.pixels_per_day() < fitted
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert view.pixels_per_day() == pytest.approx(fitted)


def test_close_day_marks_cluster_and_a_click_on_the_cluster_zooms_in(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    days = [
        entry(f"t{i}", f"2019-06-{i:02d}", D(2019, 6, i), D(2019, 6, i), ["d1" if i % 2 else "d2"])
        for i in range(1, 6)
    ]
    view.set_entries([entry("t0", "1990", D(1990, 1, 1), D(1990, 12, 31), ["d3"]), *days], TITLES)
    cluster_rect = view.mark_rect("t1")
    assert cluster_rect == view.mark_rect("t5")  # one mark for the five days
    with qtbot.assertNotEmitted(view.entry_activated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cluster_rect.center())
    assert view.mark_rect("t1") != view.mark_rect("t5")
    with qtbot.waitSignal(view.entry_activated) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.mark_rect("t3").center()
        )
    assert blocker.args[0].id == "t3"


def test_keyboard_moves_between_marks_and_enter_activates(view, qtbot):
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_entry().id == "t1"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_entry().id == "t2"
    with qtbot.waitSignal(view.entry_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args[0].date_conflicts == ("t3",)


def test_an_empty_timeline_shows_an_empty_axis(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_entries([])
    view.show()
    assert view.entries() == []
    assert view.mark_rect("t1").isEmpty()


@pytest.mark.parametrize(
    "pixels_per_day, unit",
    [(0.01, "year"), (0.2, "year"), (1.0, "month"), (5.0, "month"), (10.0, "day"), (100.0, "day")],
)
def test_tick_step_spaces_labels(pixels_per_day, unit):
    assert tick_step(pixels_per_day)[0] == unit


def test_ticks_fall_on_calendar_boundaries():
    months = ticks(D(2013, 11, 15), D(2014, 2, 10), ("month", 1))
    assert [t.day for t in months] == [D(2013, 11, 1), D(2013, 12, 1), D(2014, 1, 1), D(2014, 2, 1)]
    assert months[2].major == "2014"
    decades = ticks(D(1981, 1, 1), D(2019, 1, 1), ("year", 10))
    assert [t.label for t in decades] == ["1980", "1990", "2000", "2010"]
