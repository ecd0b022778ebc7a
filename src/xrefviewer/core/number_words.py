"""English number words: the regex that finds them and the parser that values them.

The word lists are data (data/number_words.toml); this module only knows the grammar:
units and teens add, a tens word takes an optional unit, "hundred" (and "dozen")
multiply the group before them, and a larger scale closes a group. A run of number
words that breaks the grammar ("one two", "five and six") is split where it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from xrefviewer.core.rules import load_toml

# Word classes, in the order the grammar cares about.
UNIT, TEEN, TENS, MULT, SCALE = "unit", "teen", "tens", "mult", "scale"


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """Every number word with its class and value, lower-case."""

    words: dict[str, tuple[str, int]]
    digit_scales: dict[str, int]
    ordinals: frozenset[str]


@cache
def lexicon() -> NumberLexicon:
    data = load_toml("number_words")
    words: dict[str, tuple[str, int]] = {}
    for section, kind in (
        ("units", UNIT),
        ("teens", TEEN),
        ("tens", TENS),
        ("multipliers", MULT),
        ("scales", SCALE),
    ):
        for word, value in data[section].items():
            words[word.lower()] = (kind, int(value))
    scales = {word.lower(): int(value) for word, value in data["digit_scales"].items()}
    for word, (kind, value) in words.items():
        if kind in (MULT, SCALE):
            scales[word] = value
    ordinals = frozenset(w.lower() for w in data["ordinals"]["words"])
    return NumberLexicon(words, scales, ordinals)


def parse_groups(tokens: list[str]) -> list[tuple[int, int, int]]:
    """Split a run of number words into numbers.

    Args:
        tokens: lower-case number words in text order (no "and", no hyphens).

    Returns:
        (first token index, end token index, value) for each number the run holds;
        a token that cannot continue the number before it starts a new one.
    """
    words = lexicon().words
    if len(tokens) == 1:
        return [(0, 1, words[tokens[0]][1])]  # what the loop below makes of one word
    out: list[tuple[int, int, int]] = []
    start = 0
    total = current = 0
    prev: str | None = None  # class of the previous token within the current number
    last_scale = 0  # the smallest scale closed so far: later scales must be smaller
    for i, token in enumerate(tokens):
        kind, value = words[token]
        if not _continues(prev, kind, value, current, last_scale):
            out.append((start, i, total + current))
            start, total, current, last_scale, prev = i, 0, 0, 0, None
        if kind in (UNIT, TEEN, TENS):
            current += value
        elif kind == MULT:
            current = (current or 1) * value
        else:
            total += (current or 1) * value
            current = 0
            last_scale = value
        prev = kind
    if tokens:
        out.append((start, len(tokens), total + current))
    return out


def _continues(prev: str | None, kind: str, value: int, current: int, last_scale: int) -> bool:
    if prev is None:
        return True
    if kind == UNIT:
        # "sixty-four", "two hundred four", "thousand five"; never "one two" or "twelve four"
        return prev in (TENS, MULT, SCALE) and value != 0
    if kind in (TEEN, TENS):
        return prev in (MULT, SCALE)
    if kind == MULT:
        # "two hundred", but not "hundred hundred" or "sixty-four hundred" twice
        return prev in (UNIT, TEEN, TENS) and current < 100
    # a scale closes a group: "two hundred thousand", "thousand" after "million" ...
    return prev != SCALE and (last_scale == 0 or value < last_scale)


def parse_number_words(text: str) -> int | None:
    """The value of text made of number words only, or None if it is not one number.

    >>> parse_number_words("two hundred and ten")
    210
    """
    tokens = [t for t in text.lower().replace("-", " ").split() if t != "and"]
    if not tokens or any(t not in lexicon().words for t in tokens):
        return None
    groups = parse_groups(tokens)
    return groups[0][2] if len(groups) == 1 else None
