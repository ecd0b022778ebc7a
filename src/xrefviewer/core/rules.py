"""Loading the data files in `xrefviewer.data`: TOML rule families and one-entry-a-line lists.

`importlib.resources` finds them in a wheel, a source tree and the frozen app alike.
Loaded once per process: they are read-only.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

# A comment: from "#" to the end of its line (any line break `str.splitlines` knows).
_COMMENT = re.compile("#[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """`load_toml("figures")` reads data/figures.toml."""
    text = resources.files("xrefviewer.data").joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def load_words(name: str) -> frozenset[str]:
    """A word list (data/NAME.txt): one entry a line, '#' starts a comment, compared lower-case."""
    lines = load_lines(name)
    # Most lists are in lower case already: one test of them all spares a copy of each
    # entry. (Only the final-sigma rule makes `str.lower` depend on its neighbours, and it
    # lowers a capital, so an unchanged whole means every line is unchanged.)
    joined = "\n".join(lines)
    if joined.lower() == joined:
        return frozenset(lines)
    return frozenset(map(str.lower, lines))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """The entries of data/NAME.txt (see `entries`).

    (The comments go in one pass over the text, and the lines are stripped and filtered
    by C-level calls: the English word list has 64,000 lines, read at the first document.)
    """
    return entries(resources.files("xrefviewer.data").joinpath(f"{name}.txt").read_text("utf-8"))


def entries(text: str) -> tuple[str, ...]:
    """The lines of `text` cut at "#", stripped, the blank ones left out."""
    if "#" in text:
        text = _COMMENT.sub("", text)
    return tuple(filter(None, map(str.strip, text.splitlines())))
