"""`is_acronym` counts an acronym's capitals in its regex: the same words as the shape and a
count of the upper-case characters in Python."""

from __future__ import annotations

import random
import re

from xrefviewer.core.name_shapes import is_acronym

_SHAPE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z0-9&]*[A-Z0-9](?:-[A-Z0-9]+)?|[A-Z]{2,}s")


def _by_count(word: str) -> bool:
    return bool(_SHAPE.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def test_is_acronym_on_examples() -> None:
    for word in ["UN", "U.N.", "IRGC", "G20X", "NGOs", "COVID-19", "A&M"]:
        assert is_acronym(word), word
    for word in ["G7", "A1", "A.", "Un", "un", "NGOS's", "A-1", "", "É.U."]:
        assert not is_acronym(word), word


def test_is_acronym_is_the_shape_with_two_capitals() -> None:
    rng = random.Random(5)
    for _ in range(100_000):
        word = "".join(rng.choice("AB9&.-sxÉ ") for _ in range(rng.randint(0, 7)))
        assert is_acronym(word) == _by_count(word), word
