"""Sentence spans: where a dated statement, or a figure's context, begins and ends.

Good enough for news prose: a sentence ends at . ! ? (and closing quotes) before a capital,
a digit or an opening quote, or at a line break; never after a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from xrefviewer.core.rules import load_words

# The first character is a plain class, so that the scan skips to it at C speed; the rest is
# "[.!?]+ closing quotes, before a capital" or "line breaks".
_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=\n)\n*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}|[ivxIVX]{1,4}|[a-zA-Z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering all non-blank text."""
    abbreviations = load_words("abbreviations")
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        at = match.start()
        if text[at] == ".":
            before = _WORD_BEFORE.search(text, max(0, at - 20), at)
            if before:
                word = before.group(1).lower().rstrip(".")
                if word in abbreviations or len(word) == 1:
                    continue
            # "1." or "iv." opening a line is a list enumerator, not a sentence of its own.
            if _ENUMERATOR.fullmatch(text, start, at):
                continue
        _add(text, start, match.end() if text[at] != "\n" else at, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    # str.strip trims exactly the str.isspace characters, in C rather than char by char.
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return
    start += len(piece) - len(stripped)
    spans.append((start, start + len(stripped.rstrip())))


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
