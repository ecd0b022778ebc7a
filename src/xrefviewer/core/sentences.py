"""Sentence spans: where a dated statement, or a figure's context, begins and ends.

Good enough for news prose: a sentence ends at . ! ? (and closing quotes) before a capital,
a digit or an opening quote, or at a line break; never after a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from xrefviewer.core.rules import load_words

# The first character is a plain class, so that the scan skips to it at C speed; the rest is
# "[.!?]+ closing quotes, before a capital" or "line breaks".
_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=\n)\n*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}|[ivxIVX]{1,4}|[a-zA-Z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering all non-blank text."""
    abbreviations = _abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        at = match.start()
        mark = text[at]
        if mark == ".":
            if _not_an_end(text, start, at, abbreviations):
                continue
            end = match.end()
        else:
            end = at if mark == "\n" else match.end()
        # Most sentences open on one space after the last one's stop and end on their own
        # mark: the trim needs no copy of the sentence.
        if start < end and not text[start].isspace():
            if not text[end - 1].isspace():
                spans.append((start, end))
            else:
                _add(text, start, end, spans)
        elif start + 1 < end and not text[start + 1].isspace() and not text[end - 1].isspace():
            spans.append((start + 1, end))
        else:
            _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _not_an_end(text: str, start: int, at: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at `at` ends no sentence: after an abbreviation, an initial, or
    a list enumerator opening the sentence ("1.", "iv.")."""
    # The word before: most often the letters since the last space (exactly what the
    # pattern finds when they are all ASCII letters); else the pattern itself.
    space = text.rfind(" ", at - 20 if at > 20 else 0, at)
    word = text[space + 1 : at]
    if space < 0 or not (word.isalpha() and word.isascii()):
        before = _WORD_BEFORE.search(text, max(0, at - 20), at)
        word = before.group(1).rstrip(".") if before else ""
    if word and (len(word) == 1 or word.lower() in abbreviations):
        return True
    # An enumerator is at most four characters after blanks, so a sentence longer than that
    # whose fifth character from the stop is no blank cannot be one: no match needed.
    if at - start > 4 and not text[at - 5].isspace():
        return False
    return _ENUMERATOR.fullmatch(text, start, at) is not None


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    # str.strip trims exactly the str.isspace characters, in C rather than char by char.
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return
    start += len(piece) - len(stripped)
    spans.append((start, start + len(stripped.rstrip())))


@cache
def _abbreviations() -> frozenset[str]:
    return load_words("abbreviations")


class SentenceIndex:
    """Finds the sentence holding an offset in O(log n)."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.spans[0] if self.spans else (0, 0)
        start, end = self.spans[i]
        if offset >= end and i + 1 < len(self.spans) and offset >= self.spans[i + 1][0]:
            return self.spans[i + 1]
        return start, end
