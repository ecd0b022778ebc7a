"""The Discrepancies dock driven as a person does: pick a discrepancy, read both quotes, open one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from xrefviewer.core.claims import Claim
from xrefviewer.core.discrepancies import Discrepancy
from xrefviewer.ui.discrepancy_dock import DiscrepancyDock, DiscrepancyListModel

pytestmark = pytest.mark.gui

TITLES = {"d1": "Field report", "d2": "Governor's statement", "d3": "Agency wire"}


def claim(mention: str, document: str, value: float, text: str, quote: str, at: int) -> Claim:
    start = at + quote.index(text)
    return Claim(
        mention, document, value, None, "exact", None, "person", "person", None, "kill",
        ("2014-06-03",), ("Maiduguri",), (), (at, at + len(quote)), quote, text,
        span=(start, start + len(text)),
    )  # fmt: skip


A = claim("m1", "d1", 41, "41", "On June 3, gunmen killed 41 villagers in Maiduguri.", 100)
B = claim("m7", "d2", 38, "38", "The June 3 attack in Maiduguri left 38 people dead.", 20)
C = claim("m9", "d3", 41, "Forty-one", "Forty-one people died in Maiduguri on June 3.", 0)
TOLL = Discrepancy(
    "x1", "value", "41 vs 38 villagers (kill) (Maiduguri, 2014-06-03)", (A, B, C),
    (("m1", "m7"), ("m7", "m9")),
)  # fmt: skip
MEANING = Discrepancy(
    "x2", "qualifier", "about 2,000 vs more than 2,000 residents (displace)",
    (replace(A, mention="m2", value=2000, qualifier="about", text="2,000"),
     replace(B, mention="m8", value=2000, qualifier="more than", text="2,000")),
    (("m2", "m8"),),
)  # fmt: skip


@pytest.fixture
def dock(qtbot) -> DiscrepancyDock:
    dock = DiscrepancyDock()
    qtbot.addWidget(dock)
    dock.resize(760, 520)
    dock.show()
    qtbot.waitExposed(dock)
    dock.set_discrepancies([TOLL, MEANING], TITLES)
    return dock


def click_row(qtbot, dock: DiscrepancyDock, row: int) -> None:
    rect = dock.list.visualRect(dock.model.index(row, 0))
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_list_shows_each_discrepancy_with_its_kind_and_documents(dock):
    assert dock.model.rowCount() == 2
    first = dock.model.index(0, 0).data()
    assert first.startswith("41 vs 38 villagers")
    assert "figures differ" in first and "Field report" in first and "Agency wire" in first
    assert "qualifiers differ" in dock.model.index(1, 0).data()
    assert dock.model.index(0, 0).data(Qt.ItemDataRole.UserRole) is TOLL


def test_the_first_discrepancy_is_shown_at_once_with_the_quotes_side_by_side(dock):
    assert dock.current() is TOLL
    assert [card.claim.mention for card in dock.cards] == ["m1", "m7", "m9"]
    left, right = dock.cards[0], dock.cards[1]
    assert "Field report" in left.title_label.text()
    assert (
        "Governor&#x27;s statement" in right.title_label.text()
        or "Governor's statement" in right.title_label.text()
    )
    assert "gunmen killed 41 villagers" in left.quote.toPlainText()
    assert "left 38 people dead" in right.quote.toPlainText()
    # Side by side: the second card starts to the right of the first, on the same row.
    assert right.geometry().left() >= left.geometry().right()
    assert right.geometry().top() == left.geometry().top()


def test_selecting_another_discrepancy_by_mouse_shows_its_quotes(dock, qtbot):
    with qtbot.waitSignal(dock.discrepancy_selected) as blocker:
        click_row(qtbot, dock, 1)
    assert blocker.args[0] is MEANING
    assert [card.claim.qualifier for card in dock.cards] == ["about", "more than"]
    assert "qualifiers differ" in dock.heading.text()


def test_arrow_keys_move_through_the_list(dock, qtbot):
    dock.list.setFocus()
    qtbot.keyClick(dock.list, Qt.Key.Key_Down)
    assert dock.current() is MEANING
    qtbot.keyClick(dock.list, Qt.Key.Key_Up)
    assert dock.current() is TOLL


def test_open_in_document_emits_the_document_and_the_quote_offsets(dock, qtbot):
    with qtbot.waitSignal(dock.open_quote) as blocker:
        qtbot.mouseClick(dock.cards[1].open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["d2", 20, 20 + len(B.quote)]


def test_the_figure_is_marked_inside_its_quote(dock):
    html = dock.cards[0].quote.toHtml()
    assert "font-weight" in html or "<b>" in html
    assert "41" in html


def test_nothing_to_show_says_so(qtbot):
    dock = DiscrepancyDock()
    qtbot.addWidget(dock)
    dock.set_discrepancies([])
    assert dock.top.currentWidget() is dock.empty
    assert dock.cards == []
    assert dock.current() is None


def test_list_model_is_valid(qtmodeltester):
    model = DiscrepancyListModel()
    model.set_discrepancies([TOLL, MEANING], TITLES)
    qtmodeltester.check(model)


def test_enter_on_a_discrepancy_opens_its_first_quote(dock, qtbot):
    dock.list.setFocus()
    qtbot.keyClick(dock.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(dock.open_quote) as blocker:
        qtbot.keyClick(dock.list, Qt.Key.Key_Return)
    assert blocker.args[0] == "d1"
