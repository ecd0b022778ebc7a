"""Code-point offsets (the library's) to UTF-16 positions (Qt's) and back.

Qt counts a character outside the Basic Multilingual Plane (an emoji, some CJK) as two
positions; the library counts it as one. Text without such characters maps one to one,
which is the common case, so the map only stores where the astral characters are.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets for one text."""

    __slots__ = ("_astral", "_astral16")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Where each astral character starts in UTF-16: its code-point offset plus the
        # astral characters before it (each of which took one extra position).
        self._astral16 = [cp + i for i, cp in enumerate(self._astral)]

    @property
    def identity(self) -> bool:
        """True when offsets need no conversion (no character outside the BMP)."""
        return not self._astral

    def to_qt(self, offset: int) -> int:
        """The UTF-16 position of a code-point offset."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code-point offset of a UTF-16 position (inside a surrogate pair: its character)."""
        if not self._astral:
            return position
        return position - bisect_left(self._astral16, position)
