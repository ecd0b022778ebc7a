"""Sentence spans: where a dated statement, or a figure's context, begins and ends.

Good enough for news prose: a sentence ends at . ! ? (and closing quotes) before a capital,
a digit or an opening quote, or at a line break; never after a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from xrefviewer.core.rules import load_words

# The first character is a plain class, so that the scan skips to it at C speed; the rest is
# "[.!?]+ closing quotes, before a capital" or "line breaks".
_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=\n)\n*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}|[ivxIVX]{1,4}|[a-zA-Z])")
_FIVE_NON_BLANKS = re.compile(r"\S{5}")
_NEAR = 200  # characters: about a sentence of news


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering all non-blank text."""
    return [(start, end) for start, end, _ in _sentences(text, 0)]


def _sentences(text: str, start: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, where the text after it begins) of each sentence from `start`, which must
    be where a scan from the text's beginning would start a sentence too: 0, the start of a
    line, or the end of a sentence."""
    abbreviations = _abbreviations()
    for match in _END.finditer(text, start):
        at = match.start()
        mark = text[at]
        if mark == ".":
            if _after_abbreviation(text, at, abbreviations) or _enumerator(text, start, at):
                continue
            end = match.end()
        else:
            end = at if mark == "\n" else match.end()
        after = match.end()
        # Most sentences open on one space after the last one's stop and end on their own
        # mark: the trim needs no copy of the sentence.
        if start < end and not text[start].isspace():
            if not text[end - 1].isspace():
                yield start, end, after
            elif span := _trimmed(text, start, end):
                yield *span, after
        elif start + 1 < end and not text[start + 1].isspace() and not text[end - 1].isspace():
            yield start + 1, end, after
        elif span := _trimmed(text, start, end):
            yield *span, after
        start = after
    if span := _trimmed(text, start, len(text)):
        yield *span, len(text)


def _after_abbreviation(text: str, at: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at `at` follows an abbreviation or an initial."""
    # The word before: most often the letters since the last space (exactly what the
    # pattern finds when they are all ASCII letters); else the pattern itself.
    space = text.rfind(" ", at - 20 if at > 20 else 0, at)
    word = text[space + 1 : at]
    if space < 0 or not (word.isalpha() and word.isascii()):
        before = _WORD_BEFORE.search(text, max(0, at - 20), at)
        word = before.group(1).rstrip(".") if before else ""
    return bool(word) and (len(word) == 1 or word.lower() in abbreviations)


def _enumerator(text: str, start: int, at: int) -> bool:
    """Whether the sentence from `start` to the full stop at `at` is a list enumerator
    ("1.", "iv."), that opens a sentence rather than ending one."""
    # An enumerator is at most four characters after blanks, so a sentence longer than that
    # whose fifth character from the stop is no blank cannot be one: no match needed.
    if at - start > 4 and not text[at - 5].isspace():
        return False
    return _ENUMERATOR.fullmatch(text, start, at) is not None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    # str.strip trims exactly the str.isspace characters, in C rather than char by char.
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return None
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


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


class SentenceFinder:
    """The sentence around an offset, as `SentenceIndex.around` finds it, splitting only the
    text near that offset: for a caller that asks about a few places of a text (events ask
    about the dates, a sentence in two or three), in order or not.

    A scan starts afresh at a line's start and after a sentence's end, so splitting from the
    last such place before the offset finds the same sentences as splitting the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: SentenceIndex | None = None  # the whole text's, made only if needed
        # The last sentence found, and where the text after it begins (the next scan's start).
        self._last = (0, 0, 0)

    def around(self, offset: int) -> tuple[int, int]:
        start, end, after = self._last
        if start <= offset < after:
            return start, end
        text = self.text
        if not 0 <= offset < len(text) or text[offset].isspace():
            return self._whole().around(offset)  # in a blank: the sentence before it
        # The scan may start after the last sentence found, at the line's start, or after
        # a sentence end found going back, whichever is nearest the offset.
        line = text.rfind("\n", 0, offset) + 1
        floor = after if line < after <= offset else line
        # Going back costs a sentence end's tests: from just after the last sentence, a
        # sentence or so away, going forward is cheaper.
        if floor != after or offset - floor > _NEAR:
            floor = _restart_before(text, floor, offset)
        for found in _sentences(text, floor):
            if offset < found[2]:
                self._last = found
                return found[0], found[1]
        return self._whole().around(offset)  # unreachable: the offset is in a sentence

    def _whole(self) -> SentenceIndex:
        if self._index is None:
            self._index = SentenceIndex(self.text)
        return self._index


def _restart_before(text: str, floor: int, offset: int) -> int:
    """The nearest place at or before `offset`, and not before `floor` (where a scan starts
    afresh), where a scan from the text's beginning starts a sentence: the end of a stop,
    question or exclamation that ends a sentence whatever sentence came before it."""
    abbreviations = _abbreviations()
    below = offset
    while True:
        at = max(text.rfind(".", floor, below), text.rfind("!", floor, below))
        at = max(at, text.rfind("?", floor, below))
        if at < 0:
            return floor
        below = at
        # A mark after another belongs to the run the first one starts.
        if at > floor and text[at - 1] in ".!?":
            continue
        match = _END.match(text, at)
        if match is None or match.end() > offset:
            continue
        if text[at] != "." or not (
            _after_abbreviation(text, at, abbreviations) or _may_be_an_enumerator(text, floor, at)
        ):
            return match.end()


def _may_be_an_enumerator(text: str, floor: int, at: int) -> bool:
    """Whether the full stop at `at` may close an enumerator for some sentence start: one
    that is the line's start, or followed by a blank (as any sentence end is), so only when
    the word before the stop is four characters or fewer and an ASCII letter or digit ends it."""
    if at == floor:
        return False  # a sentence starting at the stop: nothing before it
    last = text[at - 1]
    if not (last.isascii() and last.isalnum()):
        return False  # an enumerator's last character is an ASCII letter or digit
    return at - 5 < floor or not _FIVE_NON_BLANKS.match(text, at - 5, at)
