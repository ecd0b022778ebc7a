"""One entry point per use: `render` turns a bundle into text, `export_text` reads the library
and renders (the viewer's File > Export notes preview), `write_export` saves it safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from xrefviewer.errors import UsageError, XrefError
from xrefviewer.export.collect import collect
from xrefviewer.export.html_page import to_html
from xrefviewer.export.markdown import to_markdown
from xrefviewer.export.model import ExportBundle
from xrefviewer.export.notes_json import to_json
from xrefviewer.export.spreadsheet import to_csv

if TYPE_CHECKING:
    from xrefviewer.store.library import Library

ExportFormat = Literal["md", "html", "csv", "json"]

FORMATS: dict[str, Callable[[ExportBundle], str]] = {
    "md": to_markdown,
    "html": to_html,
    "csv": to_csv,
    "json": to_json,
}


class OutputExistsError(XrefError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists (use --force to replace it)")
        self.path = path


def render(bundle: ExportBundle, fmt: str, *, bom: bool = False) -> str:
    """The bundle as text in one of FORMATS; `bom` applies to CSV only."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "csv":
        return to_csv(bundle, bom=bom)
    return FORMATS[fmt](bundle)


def export_text(
    library: Library,
    fmt: str,
    link_ids: Iterable[int] | None = None,
    document_ids: Iterable[int] | None = None,
    all: bool = False,  # named after the command's --all
    *,
    bom: bool = False,
    title: str | None = None,
    discrepancies: bool = False,
) -> str:
    """The export as it would be written: what the viewer shows as a preview."""
    bundle = collect(library, link_ids, document_ids, all, title=title, discrepancies=discrepancies)
    return render(bundle, fmt, bom=bom)


def write_export(path: Path, text: str, *, force: bool = False) -> None:
    """Write atomically: a temporary file in the same folder, then a rename over the target,
    so that a crash never leaves half a file where a good one was.

    Raises:
        OutputExistsError: the file exists and `force` is false.
        XrefError: the file can't be written (one readable line).
    """
    if path.exists() and not force:
        raise OutputExistsError(path)
    if path.is_dir():
        raise XrefError(f"can't write {path}: it is a folder")
    folder = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        # mkstemp makes the file private (0600); an export is an ordinary file to share
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            # bytes, so that CSV's CRLF line ends reach the disk as written on every platform
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():  # appeared while we were writing
            raise OutputExistsError(path)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise XrefError(f"can't write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
