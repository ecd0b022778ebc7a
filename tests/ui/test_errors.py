import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from xrefviewer.errors import XrefError
from xrefviewer.ui import errors

pytestmark = pytest.mark.gui


@pytest.fixture
def log_file(tmp_path):
    path = errors.setup_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger("xrefviewer")
    for handler in [h for h in root.handlers if isinstance(h, logging.FileHandler)]:
        root.removeHandler(handler)
        handler.close()


def test_an_uncaught_bug_becomes_a_dialog_with_copyable_details_and_a_log_entry(
    qtbot, log_file, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise ValueError("wrong turn")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1
    assert "wrong turn" in boxes[0].text()
    assert "Traceback" in boxes[0].detailedText() and "ValueError" in boxes[0].detailedText()
    boxes[0].close()
    assert "ValueError: wrong turn" in log_file.read_text(encoding="utf-8")


def test_an_error_raised_on_purpose_is_one_readable_line(qtbot, log_file):
    box = errors.show_error(None, "Can't open", XrefError("the file is locked"))
    assert box.text() == "the file is locked"
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()
    assert "the file is locked" in log_file.read_text(encoding="utf-8")
