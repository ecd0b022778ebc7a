"""The word lists' fast loader (`rules.one_word_lines`) reads them as line by line."""

from __future__ import annotations

from importlib import resources

import pytest

from xrefviewer.core.rules import entries, one_word_lines


def _by_line(text: str) -> frozenset[str]:
    """`rules.load_lines` and `load_words` on a text."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line.lower() for line in lines if line)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "alpha\nBeta\n\n  gamma  \n",
        "alpha # a comment\nbeta#x\n#\n",
        "alpha\r\nbeta\rgamma\x0bdelta\x1cepsilon\u2028zeta\x85eta\n",
        "tab\tword\n",
        "two words\nthree\n",
        "word\x1fword\n",
        "a\u00a0b\n",
        "x # comment with spaces\n  y\t\n",
        "İstanbul\nSTRASSE\n",
    ],
)
def test_one_word_lines_is_load_words_or_none(text: str) -> None:
    words = one_word_lines(text)
    if words is not None:
        assert words == _by_line(text)
    elif text:
        assert any(len(w.split()) > 1 for w in _by_line(text))


def test_one_word_lines_refuses_entries_of_several_words() -> None:
    assert one_word_lines("two words\n") is None
    assert one_word_lines("tab\tword\n") is None


def test_every_name_list_loads_the_same() -> None:
    data = resources.files("xrefviewer.data")
    names = [f.name[:-4] for f in data.iterdir() if f.name.endswith(".txt")]
    assert "name_english_words" in names
    for name in names:
        text = data.joinpath(f"{name}.txt").read_text("utf-8")
        words = one_word_lines(text)
        assert words is None or words == frozenset(w.lower() for w in entries(text)), name
