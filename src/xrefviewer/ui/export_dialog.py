"""File > Export notes: choose what to export and the format, see the file, save it.

The preview is the file exactly as it will be written (`xrefviewer.export.render.export_text`),
made off the GUI thread in a `Job` with its own Library: finding discrepancies reads the
whole library. Saving writes that same text atomically (`write_export`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xrefviewer.errors import XrefError
from xrefviewer.export.formats import SUFFIXES
from xrefviewer.ui.errors import show_error
from xrefviewer.ui.jobs import Job, Progress

log = logging.getLogger(__name__)

FORMAT_LABELS = (
    ("md", "Markdown (Obsidian, Logseq)"),
    ("html", "HTML page (self-contained, printable)"),
    ("csv", "CSV (spreadsheets)"),
    ("json", "JSON (xrefviewer import-notes)"),
)
FILE_FILTERS = {
    "md": "Markdown (*.md)",
    "html": "HTML page (*.html)",
    "csv": "CSV (*.csv)",
    "json": "JSON (*.json)",
}
PREVIEW_LIMIT = 200_000  # characters shown; the file gets everything


class ExportDialog(QDialog):
    """What to export (everything, the selected link, or one document's links and notes),
    in which format, with a live preview.

    Args:
        open_library: opens a Library of its own for the preview job (closed after it).
        link: (id, label) of the selected link, if any.
        document: (id, title) of the document in the active pane, if any.

    Signals:
        saved(str): the export was written to this path.
    """

    saved = Signal(str)

    def __init__(
        self,
        open_library: Callable[[], Any],
        *,
        link: tuple[int, str] | None = None,
        document: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export notes")
        self._open_library = open_library
        self._job: Job | None = None
        self._again = False
        self.text = ""
        self.scope = QComboBox()
        self.scope.addItem("Every link and every note", ("all", None))
        if link is not None:
            self.scope.addItem(f"The selected link: {link[1]}", ("link", link[0]))
        if document is not None:
            self.scope.addItem(f"The links and notes of “{document[1]}”", ("document", document[0]))
        self.format = QComboBox()
        for fmt, label in FORMAT_LABELS:
            self.format.addItem(label, fmt)
        self.discrepancies = QCheckBox("Add where the documents disagree (discrepancies)")
        self.bom = QCheckBox("Start with a byte-order mark (for Excel)")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setPlaceholderText("The export appears here.")
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save…")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow("Export", self.scope)
        form.addRow("Format", self.format)
        form.addRow("", self.discrepancies)
        form.addRow("", self.bom)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for combo in (self.scope, self.format):
            combo.currentIndexChanged.connect(self.refresh)
        for box in (self.discrepancies, self.bom):
            box.toggled.connect(self.refresh)
        self.resize(820, 620)
        self.refresh()

    def choice(self) -> dict[str, Any]:
        """The export asked for, as `export_text` keywords."""
        what, ident = self.scope.currentData()
        fmt = self.format.currentData()
        return {
            "fmt": fmt,
            "link_ids": [ident] if what == "link" else None,
            "document_ids": [ident] if what == "document" else None,
            "all": what == "all",
            "bom": fmt == "csv" and self.bom.isChecked(),
            "discrepancies": self.discrepancies.isChecked(),
        }

    def refresh(self) -> None:
        """Make the preview again, off the GUI thread; a change while it runs queues one more."""
        self.bom.setEnabled(self.format.currentData() == "csv")
        if self._job is not None:
            self._again = True
            return
        self._again = False
        choice, opener = self.choice(), self._open_library

        def work(progress: Progress, cancelled: Callable[[], bool]) -> str:
            from xrefviewer.export.render import export_text

            library = opener()
            try:
                return export_text(library, **choice)
            finally:
                library.close()

        job = Job(work)
        job.signals.succeeded.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._job = job
        self.save_button.setEnabled(False)
        self.status.setText("Making the export…")
        QThreadPool.globalInstance().start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the preview job is done (tests, and closing the dialog)."""
        return QThreadPool.globalInstance().waitForDone(msecs)

    def _done(self, text: str) -> None:
        self._job = None
        if self._again:
            self.refresh()
            return
        self.text = text
        shown = text if len(text) <= PREVIEW_LIMIT else text[:PREVIEW_LIMIT] + "\n…"
        self.preview.setPlainText(shown)
        self.save_button.setEnabled(True)
        lines = text.count("\n")
        self.status.setText(
            f"{len(text):,} characters, {lines:,} lines"
            + (" (the preview shows the beginning)" if len(text) > PREVIEW_LIMIT else "")
        )

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        if self._again:
            self.refresh()
            return
        self.text = ""
        self.preview.setPlainText("")
        self.save_button.setEnabled(False)
        # A selection that is gone or empty is a sentence for the reader, not a dialog.
        self.status.setText(str(exc) if isinstance(exc, XrefError) else f"Can't export: {exc}")
        if not isinstance(exc, XrefError):
            show_error(self, "Can't make the export", exc)

    def default_name(self) -> str:
        return "xrefviewer-notes" + SUFFIXES[self.format.currentData()]

    def save(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the export", self.default_name(), FILE_FILTERS[fmt]
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the previewed text; the file dialog has already asked before replacing."""
        from xrefviewer.export.render import write_export

        if not path.suffix:
            path = path.with_suffix(SUFFIXES[self.format.currentData()])
        try:
            write_export(path, self.text, force=True)
        except XrefError as exc:
            show_error(self, "Can't save the export", exc)
            return False
        self.status.setText(f"Saved to {path}")
        self.saved.emit(str(path))
        return True

    def done(self, result: int) -> None:
        self.wait()  # the preview job holds a library of its own: let it finish first
        super().done(result)
