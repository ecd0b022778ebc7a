"""The figure scanners' fast paths find exactly what their plain patterns find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from xrefviewer.core import figures
from xrefviewer.core.figure_ranges import hyphen_ranges

# Pieces of text where number words, ranges and their look-alikes meet.
_PIECES = st.sampled_from(
    [
        "one", "two", "ten", "Ten", "sixty", "four", "hundred", "and", "someone", "often",
        "tens", "eighty", "-", " - ", " ", "  ", "\n", ",", ".", "5", "20", "1,200", "2019", "9",
        "x", "é", "_", "(", "\u00a0", "–", "pages", "won", "defeat", "3.5", "#", "/",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_word_runs_on_ascii_text_read_the_letters_map_the_same(text: str) -> None:
    lex = figures._lexicon()
    low = figures._plain_spaces(figures._lower_same_length(text))
    plain = list(figures._word_runs(text, low, None, lex))
    if text.isascii():
        letters = text.encode("ascii").translate(figures._LETTER_MAP)
        assert list(figures._word_runs(text, low, letters, lex)) == plain


def test_word_runs_start_words_only() -> None:
    lex = figures._lexicon()
    text = "Someone two, ten-four and (sixty) often one; one"
    low = text.lower()
    letters = text.encode("ascii").translate(figures._LETTER_MAP)
    runs = list(figures._word_runs(text, low, letters, lex))
    # "two" and "one" go on from runs inside "someone" and "often"
    assert [text[s:e] for s, e in runs] == ["ten-four", "sixty", "one"]
    assert runs == list(figures._word_runs(text, low, None, lex))


def _plain_hyphen_ranges(text: str) -> frozenset[int]:
    """hyphen_ranges as first written: every digit, hyphen and digit, left to right."""
    from xrefviewer.core import figure_ranges as fr

    lex = figures._lexicon()
    starts: set[int] = set()
    for hint in re.finditer(r"[0-9][-–][0-9]", text):
        at = hint.start()
        while at and text[at - 1] in fr._NUMBER_CHARS:
            at -= 1
        m = fr._RANGE.match(text, at)
        if m is not None and fr._is_range(text, m, lex.range_not_before, lex.range_score_nouns):
            starts.update((m.start("low"), m.start("high")))
    return frozenset(starts)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_hyphen_ranges_are_found_where_the_plain_scan_finds_them(text: str) -> None:
    lex = figures._lexicon()
    found = hyphen_ranges(text, lex.range_not_before, lex.range_score_nouns)
    assert found == _plain_hyphen_ranges(text)


def test_hyphen_ranges_of_chained_numbers() -> None:
    lex = figures._lexicon()
    every_digit = [f"{d}-{d}9 people" for d in range(10)] + [f"1{d}–2{d} killed" for d in range(10)]
    for text in ("20-30 people", "1-2-3", "x 1,200–1,500 families", "pages 10-15", "5-10-20"):
        found = hyphen_ranges(text, lex.range_not_before, lex.range_score_nouns)
        assert found == _plain_hyphen_ranges(text), text
    for text in every_digit:
        found = hyphen_ranges(text, lex.range_not_before, lex.range_score_nouns)
        assert found == _plain_hyphen_ranges(text) and len(found) == 2, text
    assert hyphen_ranges("20-30 people", lex.range_not_before, lex.range_score_nouns) == {0, 3}
