"""Loading the one-entry-a-line lists: the fast way reads them as a line-by-line loop would."""

from __future__ import annotations

import random
from importlib import resources

import pytest

from xrefviewer.core.rules import entries, load_lines, load_words


def _line_by_line(text: str) -> tuple[str, ...]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "#",
        "##",
        "a\n\n#\n b ",
        "a#b\rc",  # a carriage return ends a line, and so its comment
        "x # y\r\nz",
        "#\x85q",
        " a \u2028 # b\u2029c#",
        "a\x0b#\x0cb",
        "\x1cq#r\x1dx\x1e#y",
        "é # ü\nÄ\t\u00a0",
    ],
)
def test_entries_read_as_line_by_line(text: str) -> None:
    assert entries(text) == _line_by_line(text)


def test_entries_of_random_texts() -> None:
    rng = random.Random(1)
    alphabet = "ab #\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 \t\u00a0"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert entries(text) == _line_by_line(text), repr(text)


def test_every_list_loads_as_line_by_line() -> None:
    data = resources.files("xrefviewer.data")
    names = [p.name[:-4] for p in data.iterdir() if p.name.endswith(".txt")]
    assert names
    for name in names:
        text = data.joinpath(f"{name}.txt").read_text("utf-8")
        assert load_lines(name) == _line_by_line(text), name
        assert load_words(name) == frozenset(w.lower() for w in _line_by_line(text)), name
