"""Loading the data files in `xrefviewer.data`: TOML rule families and one-entry-a-line lists.

`importlib.resources` finds them in a wheel, a source tree and the frozen app alike.
Loaded once per process: they are read-only.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """`load_toml("figures")` reads data/figures.toml."""
    text = resources.files("xrefviewer.data").joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def load_words(name: str) -> frozenset[str]:
    """A word list (data/NAME.txt): one entry a line, '#' starts a comment, compared lower-case."""
    return frozenset(w.lower() for w in load_lines(name))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    text = resources.files("xrefviewer.data").joinpath(f"{name}.txt").read_text("utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)
