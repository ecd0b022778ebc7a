"""Errors at the window's edge: a dialog with copyable details, and a log file."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from xrefviewer.errors import XrefError

log = logging.getLogger(__name__)
_open_boxes: list[QMessageBox] = []


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("xrefviewer", appauthor=False))


def setup_logging(directory: Path | None = None) -> Path | None:
    """Log to xrefviewer.log in the user log folder; returns the file, or None if it can't be written."""
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "xrefviewer.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("xrefviewer")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A readable line for errors raised on purpose; the traceback (copyable) for bugs."""
    box = QMessageBox(parent)
    box.setIcon(
        QMessageBox.Icon.Warning if isinstance(exc, XrefError) else QMessageBox.Icon.Critical
    )
    box.setWindowTitle(title)
    if isinstance(exc, XrefError):
        box.setText(str(exc))
        log.warning("%s: %s", title, exc)
    else:
        box.setText(f"Something went wrong: {exc}" if str(exc) else "Something went wrong.")
        box.setInformativeText("This is a bug. The details below are also in the log file.")
        log.error("%s", title, exc_info=(type(exc), exc, exc.__traceback__))
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setModal(True)
    # A dialog without a parent lives only as long as a Python reference to it does.
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box) if box in _open_boxes else None)
    box.open()
    return box


def install_excepthook() -> None:
    """Uncaught exceptions in slots become a dialog instead of a silent failure."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        app = QApplication.instance()
        window = app.activeWindow() if isinstance(app, QApplication) else None
        if app is not None:
            show_error(window, "xrefviewer", exc)

    sys.excepthook = hook
