"""Long work off the GUI thread: a job runs a function in the thread pool and only signals come back.

The function must open its own Library (its own database session) and never touch a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class JobSignals(QObject):
    """Signals:
    progressed(int, int, str): done, total, what is being worked on.
    succeeded(object): the function's result.
    failed(object): the exception it raised.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Runs fn(progress, cancelled) in a worker thread.

    `progress(done, total, label)` may be called from the worker; `cancelled()` tells the
    function that the user pressed Cancel (it should stop between documents).
    """

    def __init__(self, fn: Callable[[Progress, Callable[[], bool]], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until its signals have been handled
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progressed.emit, self._cancel.is_set)
        except Exception as exc:  # reported to the GUI thread, never swallowed
            log.exception("background job failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
