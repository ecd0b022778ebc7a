"""File > Export notes: the dialog's preview is the file, and Save writes it."""

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def click_mention(qtbot, pane, mention_id):
    qtbot.mouseClick(
        pane.editor.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pane.mention_rect(mention_id).center(),
    )


def ready(qtbot, dialog, starts: str = ""):
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled() and dialog.text.startswith(starts))
    return dialog.text


def test_the_preview_is_the_export_in_the_chosen_format(fake_window, qtbot, tmp_path):
    fake_window.library.add_note("link", 1, "<script>alert(1)</script> checked")
    dialog = fake_window.export_notes()
    qtbot.addWidget(dialog)
    md = ready(qtbot, dialog, "---")
    assert "## Link 1 · 41 killed" in md and dialog.preview.toPlainText() == md
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    page = ready(qtbot, dialog, "<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; checked" in page and "<script>" not in page
    assert dialog.save_to(tmp_path / "notes")  # the format's suffix is added
    assert (tmp_path / "notes.html").read_text(encoding="utf-8") == page


def test_the_selected_link_and_the_active_document_are_offered(fake_window, qtbot):
    left, _right = fake_window.panes
    figure = next(m for m in left.mentions() if m.kind == "figure")
    click_mention(qtbot, left, figure.id)
    dialog = fake_window.export_notes()
    qtbot.addWidget(dialog)
    ready(qtbot, dialog)
    scopes = [dialog.scope.itemData(i) for i in range(dialog.scope.count())]
    assert scopes == [("all", None), ("link", figure.link_id), ("document", left.document_id)]
    dialog.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.choice()["link_ids"] == [figure.link_id])
    md = ready(qtbot, dialog, "---")
    assert "links: 1" in md and "World Health Organization" not in md


def test_csv_offers_the_bom_and_only_csv(fake_window, qtbot):
    dialog = fake_window.export_notes()
    qtbot.addWidget(dialog)
    ready(qtbot, dialog)
    assert not dialog.bom.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.bom.setChecked(True)
    assert ready(qtbot, dialog, "\ufefflink_id,")
