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

# The line breaks of `str.splitlines`; a comment, from "#" to the end of its line; a space
# inside a line (between two other characters); a space that is no "\n", which a word list
# seldom has (a cheaper search than the last).
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_COMMENT = re.compile(f"#[^{_BREAKS}]*")
_INNER_SPACE = re.compile(f"\\S[^\\S{_BREAKS}]+\\S")
_NOT_NEWLINE_SPACE = re.compile(r"[^\S\n]")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """`load_toml("figures")` reads data/figures.toml."""
    return tomllib.loads(_read(name, "toml"))


@cache
def load_words(name: str) -> frozenset[str]:
    """A word list (data/NAME.txt): one entry a line, '#' starts a comment, compared lower-case."""
    words = one_word_lines(_read(name, "txt"))
    if words is not None:
        return words
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
    return entries(_read(name, "txt"))


def _read(name: str, suffix: str) -> str:
    return resources.files("xrefviewer.data").joinpath(f"{name}.{suffix}").read_text("utf-8")


def one_word_lines(text: str) -> frozenset[str] | None:
    """The lower-case words of a list whose lines hold one word each (once the comments are
    cut): then they are the text's words, split in C without a Python step per line (the
    English word list has 64,000). None for a list with an entry of several words."""
    words = _COMMENT.sub("", text) if "#" in text else text
    if _NOT_NEWLINE_SPACE.search(words) is not None and _INNER_SPACE.search(words) is not None:
        return None
    return frozenset(words.lower().split())


def entries(text: str) -> tuple[str, ...]:
    """The lines of `text` cut at "#", stripped, the blank ones left out."""
    if "#" in text:
        text = _COMMENT.sub("", text)
    return tuple(filter(None, map(str.strip, text.splitlines())))
