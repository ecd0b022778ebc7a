"""Ranges written with a hyphen: "20-30 people", "2-3 percent", "1,200–1,500 families".

Elsewhere two numbers joined by a hyphen are a date ("2019-10"), a score ("won 3-1"), a code
("10-11-2020") or a span of pages ("pages 10-15"), and no figure. They are a range when the
first number is the smaller, neither is a year, nothing numeric goes on after them, and no
word before or after them tells of a score or an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RANGE = re.compile(
    rf"(?<![\w.,/#+@:\-–])(?P<low>{_NUMBER})[-–](?P<high>{_NUMBER})(?![\w\-–/]|[.,:]\d)"
)
# A hyphen with a digit after it: a literal first lets the regex engine skip ahead fast (a
# pattern opening with the class [0-9] tests every character against it, ten times slower).
_DASHES = ("-", "–")
_DIGIT_AFTER = {dash: re.compile(dash + "(?=[0-9])") for dash in _DASHES}
_ASCII_DIGITS = frozenset("0123456789")
_NUMBER_CHARS = frozenset("0123456789,.")
_WORD_BEFORE = re.compile(r"([\w.#]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+(\w+)")
_LOOK_BACK = 24


def hyphen_ranges(
    text: str, not_before: frozenset[str], score_nouns: frozenset[str]
) -> frozenset[int]:
    """Where each number of every hyphenated range in text starts. not_before: words after
    which two such numbers are a score or an identifier ("lost 1-3", "pages 10-15");
    score_nouns: words after them that make them a score ("a 2-3 defeat")."""
    starts: set[int] = set()
    for at in _digit_dash_digit(text):
        while at and text[at - 1] in _NUMBER_CHARS:
            at -= 1
        m = _RANGE.match(text, at)
        if m is not None and _is_range(text, m, not_before, score_nouns):
            starts.add(m.start("low"))
            starts.add(m.start("high"))
    return frozenset(starts)


def _digit_dash_digit(text: str) -> Iterator[int]:
    """Where a digit stands before a hyphen or dash with a digit after it: only there may a
    range start (the whole pattern, which opens with a look back, would be tried at every
    position of the text). Hyphens are rare, so they are looked for first."""
    for dash in _DASHES:
        if dash in text:
            for hint in _DIGIT_AFTER[dash].finditer(text):
                at = hint.start()
                if at and text[at - 1] in _ASCII_DIGITS:
                    yield at - 1


def _is_range(
    text: str, m: re.Match[str], not_before: frozenset[str], score_nouns: frozenset[str]
) -> bool:
    low, high = m.group("low", "high")
    a, b = float(low.replace(",", "")), float(high.replace(",", ""))
    if a >= b:
        return False  # "3-1", "2019-10": scores, dates, tallies
    if _is_year(low) or _is_year(high):
        return False  # "2010-2015", "1990-91": years, for the dates
    before = _WORD_BEFORE.search(text, max(0, m.start() - _LOOK_BACK), m.start())
    if before and before.group(1).lower() in not_before:
        return False
    after = _WORD_AFTER.match(text, m.end())
    return not (after and after.group(1).lower() in score_nouns)


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and number[0] in "12"
