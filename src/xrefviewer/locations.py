"""Where the files that ship with xrefviewer are, in a wheel, a source tree or the frozen app."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _shipped(name: str) -> Path:
    # PyInstaller unpacks data beside the code in sys._MEIPASS; a wheel force-includes
    # the folder into the package; a source checkout (editable install) keeps it at the root.
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "xrefviewer" / _PACKAGED[name])
    candidates.append(Path(str(resources.files("xrefviewer"))) / _PACKAGED[name])
    candidates.append(_SOURCE_ROOT / name)
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[-1]


_PACKAGED = {"corpus": "sample_corpus", "resources": "resources"}


def sample_corpus_dir() -> Path:
    """The built-in sample corpus."""
    return _shipped("corpus")


def resources_dir() -> Path:
    """Icons, style sheets, the .desktop file."""
    return _shipped("resources")
