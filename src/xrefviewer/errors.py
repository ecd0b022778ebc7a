"""The one error base: every error xrefviewer raises on purpose is an XrefError.

The command line and the window turn these into one readable line; anything else
is a bug and keeps its traceback.
"""

from pathlib import Path


class XrefError(Exception):
    """Base for every error xrefviewer raises on purpose."""

    exit_status = 1


class DocumentReadError(XrefError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"can't read {path}: {reason}")
        self.path = Path(path)
        self.reason = reason


class UsageError(XrefError):
    exit_status = 2
