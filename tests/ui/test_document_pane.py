from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from xrefviewer.store.records import DocumentInfo, MentionInfo
from xrefviewer.ui.document_pane import DocumentPane, describe_mention

pytestmark = pytest.mark.gui

TEXT = "Emoji 🙂🙂 first.\nThen 41 villagers and the WHO."


def _mention(id, text, kind, link=None):
    start = TEXT.index(text)
    return MentionInfo(
        id,
        1,
        kind,
        start,
        start + len(text),
        text,
        "41" if kind == "figure" else text,
        link_id=link,
    )


@pytest.fixture
def pane(qtbot):
    pane = DocumentPane()
    qtbot.addWidget(pane)
    pane.resize(500, 300)
    pane.show()
    info = DocumentInfo(1, "/d/a.txt", "A", "2014-06-03", "dateline", "h", datetime(2024, 1, 1))
    pane.set_document(
        info, TEXT, [_mention(1, "41 villagers", "figure", 7), _mention(2, "WHO", "name")]
    )
    return pane


def test_highlights_land_on_the_mentions_after_astral_characters(pane):
    block = pane.editor.document().findBlockByNumber(1)
    formats = block.layout().formats()
    painted = sorted(block.text()[f.start : f.start + f.length] for f in formats)
    assert painted == ["41 villagers", "WHO"]


def test_clicking_a_mention_reports_it(pane, qtbot):
    rect = pane.mention_rect(1)
    with qtbot.waitSignal(pane.mention_activated) as signal:
        qtbot.mouseClick(pane.editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args[0].id == 1


def test_clicking_plain_text_reports_nothing(pane, qtbot):
    cursor = pane.editor.textCursor()
    cursor.setPosition(TEXT.index("Then") + 2 + 1)  # inside "Then", after the two emoji
    with qtbot.assertNotEmitted(pane.mention_activated):
        qtbot.mouseClick(
            pane.editor.viewport(),
            Qt.MouseButton.LeftButton,
            pos=pane.editor.cursorRect(cursor).center(),
        )


def test_selected_link_and_current_occurrence(pane):
    pane.set_selected_link(7)
    assert pane.highlighted_ranges() == [(TEXT.index("41"), TEXT.index("41") + len("41 villagers"))]
    assert pane.reveal_mention(1)
    assert pane.current_mention() == 1
    q = TEXT.index("41") + 2  # two astral characters before it
    assert (q, q + len("41 villagers"), "current") in pane.marked_ranges()
    block = pane.editor.document().findBlockByNumber(1)
    current = pane.highlighter._overlay_formats["current"].background().color()
    painted = {
        block.text()[f.start : f.start + f.length]
        for f in block.layout().formats()
        if f.format.background().color() == current
    }
    assert painted == {"41 villagers"}
    pane.set_selected_link(None)
    assert pane.highlighted_ranges() == []


def test_tooltips_say_what_a_mention_is_linked_to():
    linked = MentionInfo(
        1, 1, "figure", 0, 2, "41", "41", link_id=3, counts="villagers", qualifier="about"
    )
    assert "about 41 villagers" in describe_mention(linked, "Linked to “41 killed”")
    assert "Linked to “41 killed”" in describe_mention(linked, "Linked to “41 killed”")
    lonely = MentionInfo(2, 1, "name", 0, 3, "WHO", "WHO")
    assert "Not linked" in describe_mention(lonely, None)
    date = MentionInfo(3, 1, "date", 0, 4, "2014", "2014", uncertain=True)
    assert "uncertain" in describe_mention(date, None)


def test_clear_leaves_nothing_of_the_old_document(pane):
    pane.set_selected_link(7)
    pane.clear()
    assert pane.document_id is None
    assert pane.mentions() == []
    assert pane.editor.toPlainText() == ""
    assert pane.title_label.full_text() == "No document"
