"""The export formats' names and file suffixes, apart from the writers.

The command line builds its parser from these; keeping them here means `xrefviewer --help`
does not load the writers, the library records or SQLAlchemy.
"""

from __future__ import annotations

SUFFIXES = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}
FORMAT_NAMES = tuple(SUFFIXES)
STDOUT_FORMATS = ("md", "csv", "json")  # HTML is a page to open: it goes to a file


def format_for_path(path_suffix: str) -> str | None:
    """The format a file suffix (".md", ".HTM", ...) stands for, or None."""
    by_suffix = {suffix: name for name, suffix in SUFFIXES.items()}
    by_suffix[".markdown"] = "md"
    by_suffix[".htm"] = "html"
    return by_suffix.get(path_suffix.lower())
